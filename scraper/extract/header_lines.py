"""The lines between a page's headline and its text, read whatever their class names say.

Many pages give no machine date or author and put them in short lines under the headline
whose classes say nothing (generated names, ``<h6>``, ``<small>``): "Published: March 3,
2024", "Veröffentlicht: 12.03.2024, 14:05 Uhr", "By Anna Lee, March 3, 2024",
"<span>By </span><a>Teresa Newsome</a>". The header zone is the short leaf lines that follow
the first ``h1`` and come before the first line of text; these readers are the last
fallbacks of their fields. A date: a line with a publication label first, then a line that
is only a date (or a byline and a date); a line labelled as an update is never the
publication date, and a date inside a sentence (a standfirst, an event) is not read. A
byline: a line (up to a ``<br>``) that opens with a byline word. No value is better than a
wrong one.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from lxml import html as lxml_html

from scraper.extract.authors import BYLINE_LINE
from scraper.extract.dates import day_unless_zoned, parse_text
from scraper.extract.headings import is_logo
from scraper.extract.page import Page
from scraper.extract.placement import outside_excluded
from scraper.extract.text import br_lines, clean, fold, short_text

Element = lxml_html.HtmlElement

#: "Published", "Posted" and their words in the languages dateparser is given by default.
_PUBLISHED = re.compile(
    r"\b(?:published|posted|first published|publi[ée](?:e)?|publicado|publicada|publicat|veröffentlicht|"
    r"erschienen|pubblicato|opublikowano|gepubliceerd|publicerad|publiceret|publisert|julkaistu|"
    r"yayınlanma|yayımlanma|publikováno|опубликовано|опубліковано|дата публикации)\b"
    r"(?:\s+(?:on|am|le|el|il|op|den|em))?\s*[:：]?\s*", re.IGNORECASE)
#: "Updated", "Modified" and theirs: a line (or the part of one) that dates a change.
_UPDATED = re.compile(
    r"\b(?:updated|last updated|modified|aktualisiert|geändert|mis à jour|actualizado|actualizada|atualizado|"
    r"aggiornato|zaktualizowano|bijgewerkt|uppdaterad|opdateret|oppdatert|päivitetty|güncellenme|"
    r"aktualizováno|обновлено|оновлено)\b(?:\s+(?:on|am|le|el|il|op|den|em))?", re.IGNORECASE)
#: A line worth a dateparser call: a year, a dotted day, or a relative date ("2 hours ago").
_DATE_LIKE = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)|\b\d{1,2}\.\d{1,2}\.\d{2,4}\b|\bago\b|\bvor\s+\d|\bil y a\b|"
                        r"\bhace\b|\bназад\b|\bтому\b|(?:^|\s)(?:yesterday|today|gestern|heute|hier|aujourd'hui|"
                        r"ayer|hoy|ieri|oggi|вчера|сегодня|вчора|сьогодні)\b", re.IGNORECASE)
#: A byline before the date on one line ("Written by Anna Lee | March 3, 2024"): cut off first.
_BYLINE = re.compile(BYLINE_LINE.pattern + r"[^,|·•—–]{2,60}?\s*[,|·•—–]\s*", re.IGNORECASE)
_LINE_TAGS = frozenset({"div", "p", "span", "time", "small", "h2", "h3", "h4", "h5", "h6", "li", "address",
                        "strong", "b", "em", "i", "font", "dd", "td"})
_BLOCK_CHILDREN = frozenset({"div", "p", "ul", "ol", "table", "section", "article", "h2", "h3", "h4", "h5", "h6",
                             "figure", "main", "aside", "header", "footer", "nav", "form", "blockquote"})
#: A line this long is text: the header zone ends at the first one. But the byline often follows
#: the standfirst: the first such line, up to ``_STANDFIRST_MAX``, is one when the next is in
#: another block (the article's text), and the zone goes on to that. Caption lines (in a
#: ``<figure>``) are not text.
_TEXT_START = 150
_STANDFIRST_MAX = 400
_LINE_MAX = 100
_DATE_MAX = 40
#: How far a header zone may go, in line elements, when no line of text ends it.
_ZONE_ELEMENTS = 400


def header_date(page: Page, tz: str | None, now: dt.datetime | None, languages: list[str] | None) -> str | None:
    """ISO 8601 publication date from the header zone's text, or None."""
    lines = list(_header_lines(page))
    for text in lines:
        match = _PUBLISHED.search(text)
        if match:
            value = _parse(_until_update(text[match.end():]), tz, now, languages)
            if value:
                return value
    for text in lines:
        if _UPDATED.search(text) or _PUBLISHED.search(text):
            continue
        value = _parse(_BYLINE.sub("", text), tz, now, languages)
        lead = _LEAD.match(text)
        if not value and lead:
            value = _parse(text[lead.end():], tz, now, languages)
        if value:
            return value
    return None


#: A short lead without digits before the date on one line: a name or a place ("Mattias Geniar,
#: April 19, 2020", "Berlin | 12. März 2024"), cut off when the whole line reads as no date.
_LEAD = re.compile(r"^[^\d,|·•—–]{2,40}?\s*[,|·•—–]\s*(?=\S)")


def header_modified(page: Page, tz: str | None, now: dt.datetime | None, languages: list[str] | None) -> str | None:
    """ISO 8601 date of the last change a header line states ("Updated: April 1, 2024"), or None."""
    for text in _header_lines(page):
        match = _UPDATED.search(text)
        if match:
            rest = text[match.end():].lstrip(" :：")
            published = _PUBLISHED.search(rest)
            value = _parse(rest[:published.start()] if published else rest, tz, now, languages)
            if value:
                return value
    return None


def _until_update(text: str) -> str:
    """"March 3, 2024 Updated: April 1, 2024" -> "March 3, 2024"."""
    match = _UPDATED.search(text)
    return text[:match.start()] if match else text


#: "10/01/2008": October 1st in the US, 10 January elsewhere. Read only when the day is plain (> 12).
_SLASHED = re.compile(r"\b(\d{1,2})/(\d{1,2})/\d{2,4}\b")


def _parse(text: str, tz: str | None, now: dt.datetime | None, languages: list[str] | None) -> str | None:
    text = text.strip(" ,|·•—–-")
    if not text or len(text) > _DATE_MAX or not _DATE_LIKE.search(text):
        return None
    slashed = _SLASHED.search(text)
    if slashed and slashed.group(1) != slashed.group(2) and max(map(int, slashed.groups())) <= 12:
        return None  # no date is better than a wrong one
    return day_unless_zoned(parse_text(text, tz, languages=languages, now=now), text, tz)


def _header_lines(page: Page) -> Iterator[str]:
    """Texts of the header zone's lines (each up to a ``<br>``) that hold a date-like token."""
    for el in zone(page):
        for text in br_lines(el):
            if 6 <= len(text) <= _LINE_MAX and _DATE_LIKE.search(text):
                yield text


def zone(page: Page) -> list[Element]:
    """The short leaf lines (no block inside) after the first headline ``h1``, up to the first line
    of text (read once a page: the date and the byline readers both ask)."""
    cached = page.__dict__.get("_header_zone")
    if cached is None:
        cached = page.__dict__["_header_zone"] = list(_zone(page))
    return cached


def _anchor(page: Page) -> Element | None:
    """The headline's element: the first h1 that is not the site's logo, else (old pages set it in an
    ``h2``, a ``<b>`` or a table cell) the first element whose whole text is the record's headline."""
    h1 = next((el for el in page.tree.iter("h1") if not is_logo(page, el)), None)
    headline = fold(page.__dict__.get("_headline"))
    if h1 is not None or not headline:
        return h1
    body = page.tree.find("body")
    for el in (body if body is not None else page.tree).iter(*_HEADLINE_TAGS):
        if fold(short_text(el, len(headline) + 10)) == headline:
            return el
    return None


_HEADLINE_TAGS = ("h2", "h3", "h4", "h5", "h6", "div", "span", "p", "td", "b", "strong", "font", "a")


def _zone(page: Page) -> Iterator[Element]:
    h1 = _anchor(page)
    if h1 is None:
        return
    inside_h1 = set(h1.iter())
    after, seen = False, 0
    standfirst: Element | None = None
    inside_standfirst: set[Element] = set()
    past_standfirst: list[Element] = []
    for el in page.tree.iter(*_LINE_TAGS, "h1"):
        if el is h1:
            after = True
            continue
        if not after or el in inside_h1 or el in inside_standfirst:
            continue
        seen += 1
        if seen > _ZONE_ELEMENTS:
            break
        if any(child.tag in _BLOCK_CHILDREN for child in el):
            continue
        length = len(clean(el.text_content()))
        if length >= _TEXT_START and not _in_figure(el):
            if standfirst is None and length <= _STANDFIRST_MAX:
                standfirst, inside_standfirst = el, set(el.iter())
                continue
            if standfirst is not None and el.getparent() is not standfirst.getparent():
                yield from past_standfirst  # the text starts apart from the standfirst
            return  # the text starts: what follows is the article, then other stories
        if standfirst is None:
            yield el
        else:
            past_standfirst.append(el)


def _in_figure(el: Element) -> bool:
    return any(a.tag in ("figure", "figcaption") for a in el.iterancestors())


# --------------------------------------------------------------------------- bylines
def byline_lines(page: Page) -> list[str]:
    """Lines of the header zone (each up to a ``<br>``) that open with a byline word or label, outside
    comments and related lists: the byline of a page whose class names say nothing (generated
    CSS-module names). ``authors.line_names`` reads the names in them."""
    out = []
    for el in zone(page):
        lines = [line for line in br_lines(el) if BYLINE_LINE.match(line)]
        if lines and outside_excluded(page, el, meta=True):
            out += lines
    return out
