"""The extraction entry point: ``html, url -> Article``. Pure: no Scrapy, no I/O."""
from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from typing import Any, TypeVar

from scraper.errors import NotHTML
from scraper.extract import author_evidence
from scraper.extract import metadata as md
from scraper.extract.authors import line_names
from scraper.extract.body import PHOTO_STORY_SHARE, Block, extract_body
from scraper.extract.dates import to_instant
from scraper.extract.headline import title_text
from scraper.extract.images import extract_images
from scraper.extract.links import body_links, embedded_videos, listing_items
from scraper.extract.metadata import NOTHING
from scraper.extract.normalize import normalize_record
from scraper.extract.page import Page
from scraper.extract.page_zone import page_zone
from scraper.extract.text import clean, fold
from scraper.extract.text_language import text_language
from scraper.schema import SOURCED_FIELDS, Article, empty_article

__all__ = ["NotHTML", "extract", "extract_page"]


def extract(html: str | bytes, url: str, *, fetched_at: str | None = None, timezone: str | None = None,
            header_charset: str | None = None) -> Article:
    """Extract one article record from a page's HTML.

    ``timezone`` is the site's IANA zone, used for dates the page gives
    without an offset; None: the page's own (``page_zone``: its country domain or
    declared language), else UTC. ``fetched_at`` (ISO 8601) is copied to the record and
    anchors relative dates. Raises ``NotHTML`` when the input has no markup.
    """
    page = Page.from_html(html, url, header_charset)
    return extract_page(page, fetched_at=fetched_at, timezone=timezone)


def extract_page(page: Page, *, fetched_at: str | None = None, timezone: str | None = None) -> Article:
    """The article record of a parsed page, normalised (``scraper.extract.normalize``) as its last step."""
    record = empty_article(page.url, fetched_at)
    sources: dict[str, str] = {}

    def put(name: str, found: md.Found) -> None:
        value, source = found
        if value:
            record[name] = value  # type: ignore[literal-required]
            if source:
                sources[name] = source

    now = to_instant(fetched_at)
    if timezone is None:
        timezone = guessed_zone(page)
    for name, reader in _METADATA:
        put(name, guarded(page, name, NOTHING, reader, page, timezone, now))
    body, blocks, container, body_source, read_also = guarded(page, "body", (None, [], None, None, []),
                                                              _body, page, record.get("headline"))
    put("body", (_without_byline(_without_sign_off(body, record.get("authors") or []), record.get("authors") or []),
                 body_source))
    if not record.get("language"):  # nothing declared: the language of the text
        put("language", (guarded(page, "language", None, text_language, record.get("body")), "html"))
    images, image_source = guarded(page, "images", ([], None), extract_images, page, container)
    images = _without_portraits(images, record.get("authors") or [])
    if images:
        record["images"] = images
        sources["images"] = image_source or "html"
    if images and record.get("body"):
        record["body"] = _without_captions(record["body"], images)
    record["linked_items"] = guarded(page, "linked_items", [], _linked_items, page, blocks, read_also, container,
                                     timezone)
    record["sources"] = {key: sources[key] for key in SOURCED_FIELDS if key in sources}
    return normalize_record(record, timezone)  # type: ignore[return-value]


#: The metadata fields in record order, each read as ``reader(page, timezone, now)``; ``now`` is
#: ``fetched_at`` (None for a saved page of unknown date), the anchor of relative dates.
_METADATA: tuple[tuple[str, Callable[[Page, str | None, dt.datetime | None], md.Found]], ...] = (
    ("canonical_url", lambda page, _tz, _now: md.canonical_url(page)),
    ("headline", lambda page, _tz, _now: md.headline(page)),
    ("authors", lambda page, _tz, _now: author_evidence.authors(page)),
    ("published", md.published),
    ("modified", md.modified),
    ("section", lambda page, _tz, _now: md.section(page)),
    ("tags", lambda page, _tz, _now: md.tags(page)),
    ("language", lambda page, _tz, _now: md.language(page)),
    ("description", lambda page, _tz, _now: md.description(page)),
)

T = TypeVar("T")


def guarded(page: Page, field: str, empty: T, reader: Callable[..., T], *args: Any) -> T:
    """``reader(*args)``, or ``empty`` when it fails on this page: one broken field never costs the record.

    The failure is kept in ``page.field_errors`` (the crawl counts it); anything but an
    ordinary exception (KeyboardInterrupt, MemoryError...) still propagates."""
    try:
        return reader(*args)
    except (Exception, RecursionError) as exc:
        page.field_errors.append((field, type(exc).__name__))
        return empty


def guessed_zone(page: Page) -> str | None:
    """The page's own zone (``page_zone``) from its address (else its canonical one), declared language
    or title's script."""
    url = page.url or guarded(page, "canonical_url", NOTHING, md.canonical_url, page)[0]
    return page_zone(url, guarded(page, "language", NOTHING, md.language, page)[0], title_text(page))


def _body(page: Page, headline: str | None) -> tuple[str | None, list[Block], Any, str | None, list[Block]]:
    raw = (page.article_ld or {}).get("articleBody")
    ld_body = raw if isinstance(raw, str) else md.ld_text(raw)
    blocks, container, read_also = extract_body(page, headline, ld_body)
    text = "\n\n".join(b.text for b in blocks) or None
    if ld_body and len(ld_body.split()) > 2 * len((text or "").split()):
        return _paragraphs(ld_body), [], container, "json-ld", read_also
    source = "microdata" if container is not None and container.get("itemprop") == "articleBody" else "html"
    return text, blocks, container, source if text else None, read_also


def _paragraphs(text: str) -> str:
    """Structured articleBody: line breaks separate paragraphs."""
    parts = [clean(p) for p in html.unescape(text).replace("\r", "").split("\n")]
    return "\n\n".join(p for p in parts if p)


def _without_sign_off(body: str | None, authors: list[str]) -> str | None:
    """The body less a last paragraph that is only an author's name (a name signed under the
    text): the byline is its own field. (An author's bio there, "Anna Lee is a reporter covering
    transport...", stays: the benchmark truths keep it more often than not.)"""
    if not body or not authors:
        return body
    head, _, last = body.rpartition("\n\n")
    return head if head and fold(last) in {fold(a) for a in authors} else body


def _without_byline(body: str | None, authors: list[str]) -> str | None:
    """The body less a first paragraph that is the byline ("Written by Anna Lee", "Autor: Anna Lee",
    "Door Anna de Vries | 3 maart"): the names it credits are the record's authors already."""
    if not body or not authors:
        return body
    first, _, rest = body.partition("\n\n")
    names = line_names(first) if len(first) <= _BYLINE_MAX_CHARS else []
    return rest if rest and names and {fold(n) for n in names} <= {fold(a) for a in authors} else body


_BYLINE_MAX_CHARS = 120


def _without_portraits(images: list[Any], authors: list[str]) -> list[Any]:
    """The images less the author's portrait in the byline box: its alt text is an author's name,
    or its caption is the byline ("Von Paulina Cwiartka, Online-Redakteurin")."""
    names = {fold(a) for a in authors}
    if not names:
        return images
    return [i for i in images if fold(i.get("alt")) not in names and not _byline_caption(i.get("caption"), names)]


def _byline_caption(caption: str | None, names: set[str]) -> bool:
    words = fold(caption).replace(",", " ").split()
    return len(words) >= 2 and words[0] in ("by", "von", "par", "por", "door", "di", "af", "av") and \
        any(fold(" ".join(words[1:1 + len(n.split())])) == n for n in names)


def _without_captions(body: str, images: list[Any]) -> str:
    """The body less the paragraphs that are image captions, unless the captions are
    nearly all of it: a photo story or a gallery is told in its captions."""
    captions = {clean(i["caption"]) for i in images if i.get("caption")}
    kept = "\n\n".join(p for p in body.split("\n\n") if p not in captions)
    return body if len(kept) < (1 - PHOTO_STORY_SHARE) * len(body) and len(body) >= 150 else kept


def _linked_items(page: Page, blocks: list[Block], read_also: list[Block], container: Any,
                  timezone: str | None) -> list[Any]:
    items = body_links(blocks) + body_links(read_also, kind="related")
    seen = {i["url"] for i in items}
    for item in embedded_videos(page) + listing_items(page, timezone=timezone):
        if item["url"] not in seen:
            seen.add(item["url"])
            items.append(item)
    order = {"in_body": 0, "related": 1, "feed": 2, "video": 2}
    return sorted(items, key=lambda i: order[i["kind"]])
