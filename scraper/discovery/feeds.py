"""RSS 2.0 (also RSS 1.0/RDF) and Atom feeds: their entries, in feed order (pure)."""
from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urljoin

from lxml import etree

from scraper.discovery.sitemaps import Entry, Kind, entry_date, root_kind, sitemap_stream
from scraper.discovery.xmlparse import UnsafeXML, XMLStream, children, local_name, stream_xml, text_at
from scraper.extract.text import clean


def _atom_link(entry: etree._Element) -> str | None:
    for link in children(entry, "link"):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link.get("href")
    return None


def _rss_link(item: etree._Element) -> str | None:
    link = text_at(item, "link")
    if link:
        return link
    for guid in children(item, "guid"):
        if guid.get("isPermaLink", "true").lower() == "true" and guid.text and "://" in guid.text:
            return guid.text.strip()
    return None


def _rss_entry(item: etree._Element, base_url: str, tz: str | None) -> Entry | None:
    link = _rss_link(item)
    if not link:
        return None
    authors = [clean(a.text) for a in item if local_name(a.tag) in ("creator", "author") and clean(a.text)]
    published = entry_date(text_at(item, "pubdate"), tz) or entry_date(text_at(item, "date"), tz)
    return Entry(url=urljoin(base_url, link), date=published, published=published,
                 title=text_at(item, "title"), authors=tuple(authors))


def _atom_entry(entry: etree._Element, base_url: str, tz: str | None) -> Entry | None:
    link = _atom_link(entry)
    if not link:
        return None
    authors = [text_at(a, "name") for a in children(entry, "author")]
    published = entry_date(text_at(entry, "published"), tz)
    return Entry(url=urljoin(base_url, link), date=entry_date(text_at(entry, "updated"), tz) or published,
                 published=published, title=text_at(entry, "title"), authors=tuple(a for a in authors if a))


def feed_stream(stream: XMLStream, base_url: str = "", timezone: str | None = None) -> Iterator[Entry]:
    """The entries of an RSS or Atom feed being parsed, one at a time (nothing for other roots)."""
    if stream.root == "feed":
        read, names = _atom_entry, ("entry",)
    elif stream.root in ("rss", "rdf"):
        read, names = _rss_entry, ("item",)
    else:
        return
    for element in stream.elements(names):
        entry = read(element, base_url, timezone)
        if entry is not None:
            yield entry


def parse_feed(body: bytes, base_url: str = "", timezone: str | None = None) -> list[Entry]:
    """Entries of an RSS or Atom feed, gzipped or not, in feed order; [] for anything else
    (and for a document that declares entities).

    Dates without an offset are read in ``timezone`` (see ``entry_date``)."""
    try:
        return list(feed_stream(stream_xml(body), base_url, timezone))
    except UnsafeXML:
        return []


def entries(body: bytes, base_url: str = "", timezone: str | None = None) -> tuple[Kind, Iterator[Entry]]:
    """What a sitemap, sitemap index or feed is and its entries, read as they are parsed (the
    crawl's path: a 500,000-URL sitemap is never a list). ``unsafe``: it declares entities."""
    try:
        stream = stream_xml(body)
    except UnsafeXML:
        return "unsafe", iter(())
    kind = root_kind(stream.root)
    if kind == "feed":
        return kind, feed_stream(stream, base_url, timezone)
    return kind, sitemap_stream(stream, base_url, timezone)
