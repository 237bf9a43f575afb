"""RSS 2.0 (also RSS 1.0/RDF) and Atom feeds: their entries, in feed order (pure)."""
from __future__ import annotations

from urllib.parse import urljoin

from lxml import etree

from scraper.discovery.sitemaps import Entry, entry_date, root_of
from scraper.discovery.xmlparse import children, local_name, text_at
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


def parse_feed(body: bytes, base_url: str = "", timezone: str | None = None) -> list[Entry]:
    """Entries of an RSS or Atom feed, gzipped or not; [] for anything else.

    Dates without an offset are read in ``timezone`` (see ``entry_date``)."""
    return feed_entries(root_of(body), base_url, timezone)


def feed_entries(root: etree._Element | None, base_url: str = "", timezone: str | None = None) -> list[Entry]:
    """``parse_feed`` on an already parsed root (see ``scraper.discovery.sitemaps.document``)."""
    if root is None:
        return []
    name = local_name(root.tag)
    if name == "feed":
        found = [_atom_entry(e, base_url, timezone) for e in children(root, "entry")]
    elif name in ("rss", "rdf"):
        channel = children(root, "channel")
        items = children(root, "item") + [i for c in channel for i in children(c, "item")]
        found = [_rss_entry(i, base_url, timezone) for i in items]
    else:
        return []
    return [e for e in found if e is not None]
