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


def data_scripts(tree: lxml_html.HtmlElement) -> list[str]:
    """The texts of the scripts that are not JSON-LD, kept before the page's scripts are emptied
    (``page._empty_code``); searched only when the markup shows no date."""
    return [script.text for script in tree.iter("script") if script.text
            and (script.get("type") or "").strip().lower() != "application/ld+json"]


def script_date(page: Page, tz: str | None, now: dt.datetime | None, field: str = "published") -> str | None:
    """The first publication date (``field="modified"``: last change) the scripts' data names, as
    ISO 8601; None when none does or it lies after the fetch (a scheduled embargo, another story)."""
    latest = (now or dt.datetime.now(dt.timezone.utc)) + dt.timedelta(days=1)
    pairs = _PAIRS[field]
    for text in page.data_scripts:
        for match in pairs.finditer(text):
            value = parse_date(match.group(1) or match.group(2), tz, free_text=False)
            instant = to_instant(value)
            if value and instant is not None and instant <= latest:
                return value
    return None
