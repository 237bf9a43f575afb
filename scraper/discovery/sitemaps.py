"""Sitemaps (``urlset``, ``sitemapindex``, Google News) and robots.txt ``Sitemap:`` lines.

Pure functions over bytes and strings. Bad XML gives no entries, never an
exception: a broken sitemap must not stop a crawl. Dates leave as ISO 8601
strings (``scraper.extract.dates``).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urljoin, urlsplit

from lxml import etree

from scraper.discovery.xmlparse import UnsafeXML, XMLStream, stream_xml, text_at
from scraper.extract.dates import parse_iso, parse_rfc2822

Kind = Literal["sitemap", "sitemapindex", "feed", "unsafe", "other"]
_ROBOTS_SITEMAP = re.compile(r"^\s*sitemap\s*:\s*(\S+)", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class Entry:
    """One URL a sitemap or feed announces.

    ``date`` is the entry's freshest date (sitemap ``lastmod``, else the news
    publication date; feed ``updated``, else ``published``/``pubDate``): it
    decides ``since`` and "changed since the last run". ``published`` is the
    first publication date when the source states it separately.
    """

    url: str
    date: str | None = None
    published: str | None = None
    title: str | None = None
    authors: tuple[str, ...] = ()


def entry_date(raw: str | None, timezone: str | None = None) -> str | None:
    """A sitemap (W3C datetime) or feed (RFC 822 or ISO) date as ISO 8601; None if unreadable.

    A date without an offset is read in ``timezone`` (the crawl's SITE_TIMEZONE), by the same
    functions the extractor reads page dates with: the incremental rule compares the two."""
    if not raw:
        return None
    return parse_iso(raw, timezone) or parse_rfc2822(raw, timezone)


def kind_of(body: bytes) -> Kind:
    """What an XML document is, by its root element (``unsafe``: it declares entities)."""
    try:
        return root_kind(stream_xml(body).root)
    except UnsafeXML:
        return "unsafe"


def root_kind(root: str) -> Kind:
    """The kind of a document whose root element has this local name."""
    if root == "urlset":
        return "sitemap"
    if root == "sitemapindex":
        return "sitemapindex"
    if root in ("rss", "feed", "rdf"):
        return "feed"
    return "other"


def sitemap_entry(node: etree._Element, base_url: str, timezone: str | None) -> Entry | None:
    """The entry of one ``<url>`` or ``<sitemap>`` element (None without a ``<loc>``)."""
    loc = text_at(node, "loc")
    if not loc:
        return None
    published = entry_date(text_at(node, "news", "publication_date"), timezone)
    modified = entry_date(text_at(node, "lastmod"), timezone)
    return Entry(url=urljoin(base_url, loc), date=modified or published, published=published,
                 title=text_at(node, "news", "title"))


def sitemap_stream(stream: XMLStream, base_url: str = "", timezone: str | None = None) -> Iterator[Entry]:
    """The entries of a sitemap or sitemap index being parsed, one at a time (nothing for other roots)."""
    kind = root_kind(stream.root)
    if kind not in ("sitemap", "sitemapindex"):
        return
    for node in stream.elements(("url",) if kind == "sitemap" else ("sitemap",)):
        entry = sitemap_entry(node, base_url, timezone)
        if entry is not None:
            yield entry


def parse_sitemap(body: bytes, base_url: str = "", timezone: str | None = None) -> list[Entry]:
    """Entries of a sitemap (``<url>``) or sitemap index (``<sitemap>``), gzipped or not.

    Reads ``lastmod`` and the Google News extension (``news:publication_date``,
    ``news:title``). Relative locations are resolved against ``base_url``. A document that
    declares entities gives none (``scraper.discovery.xmlparse``).
    """
    try:
        return list(sitemap_stream(stream_xml(body), base_url, timezone))
    except UnsafeXML:
        return []


def robots_sitemaps(text: str, base_url: str = "") -> list[str]:
    """The ``Sitemap:`` URLs of a robots.txt, in order, without repeats."""
    out: list[str] = []
    for match in _ROBOTS_SITEMAP.finditer(text):
        url = urljoin(base_url, match.group(1))
        if url not in out:
            out.append(url)
    return out


def robots_url(url: str) -> str:
    """The robots.txt URL of a page's site."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/robots.txt"
