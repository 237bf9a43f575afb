"""Metadata fields, each from an ordered list of evidence; the winner's source is kept.

The order of each field is ``vocab.EVIDENCE`` (mostly JSON-LD, microdata,
OpenGraph, other meta tags, markup; the exceptions are explained there), and
``by_evidence`` is the one loop that follows it. A field function returns
``(value, source)``; ``(None, None)`` when nothing on the page gives the value.
"""
from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable
from typing import Any

from scraper.extract import vocab as sel
from scraper.extract.date_agreement import MARKUP, MODIFIED, PUBLISHED, Statement, agree
from scraper.extract.dates import day_unless_zoned, has_offset, parse_date
from scraper.extract.header_lines import header_date, header_modified
from scraper.extract.headline import choose as choose_headline
from scraper.extract.page import Page
from scraper.extract.script_dates import script_date
from scraper.extract.shown_dates import shown_date
from scraper.extract.structured import nodes_of_type
from scraper.extract.text import clean, clean_or_none, fold

Found = tuple[Any, str | None]
NOTHING: Found = (None, None)


# --------------------------------------------------------------------------- helpers
def by_evidence(field: str, sources: dict[str, Callable[[], Any]]) -> Found:
    """The first source, in the field's ``vocab.EVIDENCE`` order, whose reader gives a value.

    Readers are called lazily: markup heuristics run only when the data had nothing."""
    for source in sel.EVIDENCE[field]:
        value = sources[source]()
        if value:
            return value, source.split(":")[0]
    return NOTHING


def meta_text(page: Page, field: str, source: str) -> str | None:
    """The field's first non-empty meta value of one source (``opengraph`` or ``meta``)."""
    names = dict(sel.meta_groups(field)).get(source, ())
    return clean_or_none(page.meta_first(*names)) if names else None


def ld_text(value: Any) -> str | None:
    """A JSON-LD value that should be text: str, number, {"@value"}, {"name"} or a list."""
    if isinstance(value, list):
        for entry in value:
            text = ld_text(entry)
            if text:
                return text
        return None
    if isinstance(value, dict):
        return ld_text(value.get("@value") or value.get("name") or value.get("text"))
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        text = str(value)
        return clean_or_none(html.unescape(text) if "&" in text else text)  # CMSes double-escape JSON-LD
    return None


def md_values(page: Page, name: str) -> list[Any]:
    item = page.microdata_item
    return list(item.get(name, [])) if item else []


def md_text(page: Page, name: str) -> str | None:
    for value in md_values(page, name):
        text = ld_text(value if not isinstance(value, dict) else value.get("name"))
        if text:
            return text
    return None


# --------------------------------------------------------------------------- headline
#: A headline field that holds a URL or a path (a CMS that put the slug there).
_URL_LIKE = re.compile(r"^(?:https?://|/)\S*$")


def headline(page: Page) -> Found:
    """Structured headline candidates, checked against the visible h1 (``extract.headline``)."""
    ld = page.article_ld or {}
    candidates: list[tuple[str, str]] = []
    for value, source in (
        (ld_text(ld.get("headline")), "json-ld"),
        (ld_text(ld.get("name")), "json-ld"),
        (md_text(page, "headline") or md_text(page, "name"), "microdata"),
        (meta_text(page, "headline", "opengraph"), "opengraph"),
        (meta_text(page, "headline", "meta"), "meta"),
    ):
        text = clean(value)
        if text and not _URL_LIKE.match(text) and (text, source) not in candidates:
            candidates.append((text, source))
    found = choose_headline(page, candidates, clean_or_none(page.meta_first("og:site_name"))) or NOTHING
    page.__dict__["_headline"] = found[0]  # where the header zone starts on a page without an h1
    return found


# --------------------------------------------------------------------------- dates
def _first(values: Any) -> str | None:
    return next((v for v in values if v), None)


def _meta_date(page: Page, field: str, source: str, tz: str | None) -> str | None:
    names = dict(sel.meta_groups(field)).get(source, ())
    return _first(parse_date(page.meta_first(name), tz) for name in names)


def _dated(page: Page, field: str, keys: tuple[str, ...], tz: str | None,
           markup: Callable[[], str | None]) -> Found:
    ld = page.article_ld or {}
    return by_evidence(field, {
        "json-ld": lambda: _first(parse_date(ld_text(ld.get(k)), tz, free_text=False) for k in keys),
        "microdata": lambda: _first(parse_date(md_text(page, k), tz, free_text=False) for k in keys[:2]),
        "opengraph": lambda: _meta_date(page, field, "opengraph", tz),
        "meta": lambda: _meta_date(page, field, "meta", tz),
        "html": markup,
    })


def published(page: Page, tz: str | None = None, now: dt.datetime | None = None) -> Found:
    """Data first, then markup (``_date_from_markup``); the winner checked against the page's
    other date statements (``extract.date_agreement``)."""
    value, source = _dated(page, "published", _PUBLISHED_KEYS, tz, lambda: _date_from_markup(page, tz, now))
    if not isinstance(value, str) or source is None:
        return value, source
    statements = _date_statements(page, tz)
    explicit = any(s.value == value and s.explicit for s in statements)
    kept, _rule = agree(Statement(value, source, PUBLISHED, explicit), statements)
    return kept.value, kept.source


_PUBLISHED_KEYS = ("datePublished", "dateCreated", "uploadDate")


def _date_statements(page: Page, tz: str | None) -> list[Statement]:
    """Every date the page states, in evidence order: JSON-LD, microdata, meta, then markup."""
    ld = page.article_ld or {}
    raw: list[tuple[Any, str, str]] = []
    for kind, keys in ((PUBLISHED, _PUBLISHED_KEYS), (MODIFIED, ("dateModified",))):
        raw += [(ld_text(ld.get(k)), "json-ld", kind) for k in keys]
    for kind, keys in ((PUBLISHED, _PUBLISHED_KEYS[:2]), (MODIFIED, ("dateModified",))):
        raw += [(md_text(page, k), "microdata", kind) for k in keys]
    for kind, field in ((PUBLISHED, "published"), (MODIFIED, "modified")):
        raw += [(page.meta_first(n), sel.meta_source(n), kind) for n in sel.META_NAMES[field]]
    raw += [(v, "html", MARKUP) for v in sel.machine_dates(page)]
    statements: list[Statement] = []
    for text, source, kind in raw:
        value = parse_date(text, tz, free_text=False) if text else None
        explicit = bool(value and has_offset(text))
        if value and (explicit or kind != MARKUP):  # a markup date read in the site zone only guesses
            statements.append(Statement(value, source, kind, explicit))
    return statements


def modified(page: Page, tz: str | None = None, now: dt.datetime | None = None) -> Found:
    """Data first, then an "Updated: ..." line under the headline (``header_lines``), then the last
    change the scripts' data names (``script_dates``)."""
    return _dated(page, "modified", ("dateModified",), tz,
                  lambda: header_modified(page, tz, now, _languages(page)) or script_date(page, tz, now, "modified"))


def _languages(page: Page) -> list[str] | None:
    lang, _ = language(page)
    return [lang.split("-")[0].lower()] if lang else None


def _date_from_markup(page: Page, tz: str | None, now: dt.datetime | None) -> str | None:
    """A machine-readable <time datetime>, then the date text of a date or byline block, then
    the publication date the scripts' data names (``script_dates``), then the date the page
    shows elsewhere (htmldate: text patterns, the URL), then a date line under the headline
    whatever its class (``header_dates``). A bare day is kept only when no later reader gives
    that day with its time (a zoned one, when the page's zone is unknown)."""
    readers = (lambda: _machine_date(page, tz), lambda: _date_from_text(page, tz, now),
               lambda: script_date(page, tz, now), lambda: shown_date(page, tz, now),
               lambda: header_date(page, tz, now, _languages(page)))
    day = None
    for read in readers:
        value = read()
        if not value or (day is not None and value[:10] != day):
            continue
        if len(value) > 10 and (day is None or tz is not None or not value.endswith("+00:00")):
            return value
        day = day or value[:10]
    return day


def _machine_date(page: Page, tz: str | None) -> str | None:
    for el in sel.time_elements(page):
        value = parse_date(sel.machine_date(el), tz, free_text=False)
        if value:
            return value
    return None


def _date_from_text(page: Page, tz: str | None, now: dt.datetime | None) -> str | None:
    """Visible date text in date/byline blocks."""
    languages = _languages(page)
    for el in sel.date_blocks(page):
        text = clean(el.text_content())
        value = parse_date(text, tz, languages=languages, now=now) if 6 <= len(text) <= 80 else None
        if value:
            return day_unless_zoned(value, text, tz)
    return None


# --------------------------------------------------------------------------- the rest
def section(page: Page) -> Found:
    ld = page.article_ld or {}
    return by_evidence("section", {
        "json-ld": lambda: ld_text(ld.get("articleSection")),
        "microdata": lambda: md_text(page, "articleSection"),
        "opengraph": lambda: meta_text(page, "section", "opengraph"),
        "meta": lambda: meta_text(page, "section", "meta"),
        "json-ld:breadcrumb": lambda: _breadcrumb(page),
        "html": lambda: _section_label(page),
    })


def _section_label(page: Page) -> str | None:
    for text in sel.section_labels(page):
        text = clean(text)
        if 0 < len(text) <= 40 and len(text.split()) <= 4:
            return text
    return None


def _breadcrumb(page: Page) -> str | None:
    for node in nodes_of_type(page.jsonld, "BreadcrumbList"):
        items = node.get("itemListElement")
        if not isinstance(items, list) or len(items) < 2:
            continue
        names = [ld_text(i.get("name") or (i.get("item") or {}).get("name") if isinstance(i.get("item"), dict)
                         else i.get("name")) for i in items if isinstance(i, dict)]
        names = [n for n in names if n]
        if len(names) >= 3:
            return names[-2]
        if len(names) == 2:
            return names[1] if fold(names[1]) != fold(headline(page)[0] or "") else None
    return None


def _split_keywords(values: list[str]) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for value in values:
        for part in re.split(r"\s*[,;]\s*", value):
            part = clean(part)
            if part and len(part) <= 80 and fold(part) not in seen:
                seen.add(fold(part))
                out.append(part)
    return out


def tags(page: Page) -> Found:
    ld = page.article_ld or {}
    keywords = ld.get("keywords")
    keywords = [keywords] if isinstance(keywords, str) else keywords if isinstance(keywords, list) else []
    groups = dict(sel.meta_groups("tags"))
    return by_evidence("tags", {
        "json-ld": lambda: _split_keywords([ld_text(k) or "" for k in keywords]),
        "microdata": lambda: _split_keywords([v for v in md_values(page, "keywords") if isinstance(v, str)]),
        "opengraph": lambda: _split_keywords(page.meta_all(*groups["opengraph"])),
        "meta": lambda: _split_keywords(page.meta_all(*groups["meta"])),
        "html": lambda: _split_keywords([el.text_content() for el in sel.tag_links(page)]),
    })


_LANG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


def _bcp47(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip().split(",")[0].strip()
    if not _LANG.match(value):
        return None
    parts = value.replace("_", "-").split("-")
    parts[0] = parts[0].lower()
    return "-".join([parts[0]] + [p.upper() if len(p) == 2 else p for p in parts[1:]])


def language(page: Page) -> Found:
    """The declared language, read once a page (the record, the page's zone and the date parsers ask)."""
    cached = page.__dict__.get("_language")
    if cached is None:
        cached = page.__dict__["_language"] = _declared_language(page)
    return cached


def _declared_language(page: Page) -> Found:
    ld = page.article_ld or {}
    return by_evidence("language", {
        "html": lambda: _bcp47(page.tree.get("lang") or page.tree.get("xml:lang")),
        "json-ld": lambda: _bcp47(ld_text(ld.get("inLanguage"))),
        "opengraph": lambda: _bcp47(meta_text(page, "language", "opengraph")),
        "meta": lambda: _bcp47(meta_text(page, "language", "meta")),
    })


def description(page: Page) -> Found:
    ld = page.article_ld or {}
    return by_evidence("description", {
        "json-ld": lambda: ld_text(ld.get("description")) or ld_text(ld.get("abstract")),
        "microdata": lambda: md_text(page, "description"),
        "opengraph": lambda: meta_text(page, "description", "opengraph"),
        "meta": lambda: meta_text(page, "description", "meta"),
    })


def canonical_url(page: Page) -> Found:
    ld = page.article_ld or {}
    entity = ld.get("mainEntityOfPage")
    return by_evidence("canonical_url", {
        "html": lambda: _canonical_link(page),
        "opengraph": lambda: page.absolute(page.meta_first(*sel.META_NAMES["canonical_url"])),
        "json-ld": lambda: _first(page.absolute(c) for c in (ld.get("url"), entity.get("@id")
                                  if isinstance(entity, dict) else entity) if isinstance(c, str)),
    })


def _canonical_link(page: Page) -> str | None:
    for link in page.tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            value = page.absolute(link.get("href"))
            if value:
                return value
    return None
