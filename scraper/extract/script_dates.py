"""The publication date a page keeps in its scripts' data (not JSON-LD): the state of a JavaScript
app (``__NEXT_DATA__``, ``window.__INITIAL_STATE__``) and analytics data layers (``dataLayer``,
``utag_data``, ``article_publication_date: "..."``).

A page built by a JavaScript framework often has no JSON-LD, no date meta tag and no
``<time>``, while its app state names the article's publication date under a key like
``datePublished``, ``publishedAt`` or ``publicationDate``. The first such value in document
order is the page's own (the article's state comes before the lists of other stories it
links to on the pages measured). It is read after the dates the markup shows and before
free-text guesses: a key that says "published" is better evidence than a date found in text.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from lxml import html as lxml_html

from scraper.extract.dates import parse_date, to_instant

if TYPE_CHECKING:
    from scraper.extract.page import Page

#: Keys that name a publication date; not a bare "published" (a flag, or a list of other stories)
#: and not "created"/"updated"/"modified" (an edit, not the publication).
_PUBLISHED_KEY = (r"(?:date[_-]?published|published[_-]?(?:at|date|time|on)|publish[_-]?(?:date|time|at)|"
                  r"pub[_-]?(?:date|time)|publication[_-]?(?:date|time)|first[_-]?published(?:[_-]?(?:date|at|time))?)")
#: Keys that name the last change.
_MODIFIED_KEY = (r"(?:date[_-]?modified|(?:modified|updated)[_-]?(?:at|date|time|on)|"
                 r"last[_-]?(?:modified|updated)(?:[_-]?(?:at|date|time))?|update[_-]?(?:date|time))")


def _pairs(key: str) -> re.Pattern[str]:
    """``"key": "value"``, ``key: 'value'``, ``\\"key\\":\\"value\\"`` (JSON inside a JS string),
    ``key = 1713723840``."""
    return re.compile(r"(?<![\w-])(?:article[_-]?)?" + key +
                      r"""\\?["']?\s*[:=]\s*(?:\\?["']([^"'\\\n]{8,40})\\?["']|(\d{10}|\d{13})(?!\d))""",
                      re.IGNORECASE)


_PAIRS = {"published": _pairs(_PUBLISHED_KEY), "modified": _pairs(_MODIFIED_KEY)}
#: Literals one of which every key holds, in the casings pages write: the pattern is tried only
#: around them (on its own it scans 50 ns a character: a quarter second on a 5 MB script).
_HINTS = {"published": ("ublish", "ublication", "ubDate", "ub_date", "ubdate", "ubTime", "ub_time", "ubtime",
                        "UBLISH", "UBLICATION", "UB_DATE", "UBDATE"),
          "modified": ("odified", "pdated", "pdate", "ODIFIED", "PDATE")}
#: Key candidates tried a script at most (a page's own date comes early; a hostile script repeats keys).
_MAX_CANDIDATES = 1000


def data_scripts(tree: lxml_html.HtmlElement) -> list[str]:
    """The texts of the scripts that are not JSON-LD, kept before the page's scripts are emptied
    (``page._empty_code``); searched only when the markup shows no date."""
    return [script.text for script in tree.iter("script") if script.text
            and (script.get("type") or "").strip().lower() != "application/ld+json"]


def script_date(page: Page, tz: str | None, now: dt.datetime | None, field: str = "published") -> str | None:
    """The first publication date (``field="modified"``: last change) the scripts' data names, as
    ISO 8601; None when none does or it lies after the fetch (a scheduled embargo, another story)."""
    latest = (now or dt.datetime.now(dt.timezone.utc)) + dt.timedelta(days=1)
    for text in page.data_scripts:
        for match in _pairs_in(text, field):
            value = parse_date(match.group(1) or match.group(2), tz, free_text=False)
            instant = to_instant(value)
            if value and instant is not None and instant <= latest:
                return value
    return None


def _pairs_in(text: str, field: str) -> Iterator[re.Match[str]]:
    """The key-value pairs of ``field`` in a script, in document order, found around the hints."""
    starts: set[int] = set()
    for hint in _HINTS[field]:
        at = text.find(hint)
        while at >= 0 and len(starts) < 4 * _MAX_CANDIDATES:
            starts.add(at)
            at = text.find(hint, at + 1)
    pairs, seen = _PAIRS[field], -1
    for at in sorted(starts)[:_MAX_CANDIDATES]:
        match = pairs.search(text, max(0, at - 30), at + 120)
        if match and match.start() > seen:
            seen = match.start()
            yield match
