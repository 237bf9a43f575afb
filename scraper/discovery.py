"""Discovery sources: sitemaps, RSS/Atom feeds, robots.txt ``Sitemap:`` lines, URL filters.

Pure functions over bytes and strings (no Scrapy, no I/O), so the spider only
routes and every rule here is tested alone. Bad XML gives no entries, never an
exception: a broken sitemap must not stop a crawl.

Dates leave this module as ISO 8601 strings (see ``scraper.dates``).
"""
from __future__ import annotations

import datetime as dt
import gzip
import io
import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urljoin, urlsplit

from lxml import etree

from scraper.dates import parse_iso, parse_rfc2822
from scraper.text import clean, clean_or_none

#: Largest decompressed sitemap we read (the sitemaps.org limit is 50 MB).
MAX_SITEMAP_BYTES = 50 * 1024 * 1024
_GZIP_MAGIC = b"\x1f\x8b"
_PARSER = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=True,
                          remove_comments=True, remove_pis=True)
_ROBOTS_SITEMAP = re.compile(r"^\s*sitemap\s*:\s*(\S+)", re.IGNORECASE | re.MULTILINE)

Kind = Literal["sitemap", "sitemapindex", "feed", "other"]


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


def gunzip_if_needed(body: bytes, limit: int = MAX_SITEMAP_BYTES) -> bytes:
    """The body, decompressed when it is gzip data (``.xml.gz`` sitemaps); b"" if the gzip is broken."""
    if not body.startswith(_GZIP_MAGIC):
        return body
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(body)) as stream:
            return stream.read(limit + 1)[:limit]
    except (OSError, EOFError):
        return b""


def _root(body: bytes) -> etree._Element | None:
    body = gunzip_if_needed(body).lstrip()
    if not body:
        return None
    try:
        return etree.fromstring(body, parser=_PARSER)
    except etree.XMLSyntaxError:
        return None


def _local(tag: object) -> str:
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def _children(el: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in el if _local(c.tag) == name]


def _text(el: etree._Element, *path: str) -> str | None:
    """Text of the first descendant along ``path`` (local names, any namespace)."""
    current = [el]
    for name in path:
        current = [c for p in current for c in _children(p, name)]
        if not current:
            return None
    return clean_or_none(current[0].text)


def parse_date(raw: str | None) -> str | None:
    """A sitemap (W3C datetime) or feed (RFC 822 or ISO) date as ISO 8601; None if unreadable."""
    if not raw:
        return None
    return parse_iso(raw) or parse_rfc2822(raw)


def kind_of(body: bytes) -> Kind:
    """What an XML document is, by its root element."""
    root = _root(body)
    name = _local(root.tag) if root is not None else ""
    if name == "urlset":
        return "sitemap"
    if name == "sitemapindex":
        return "sitemapindex"
    if name in ("rss", "feed", "rdf"):
        return "feed"
    return "other"


def parse_sitemap(body: bytes, base_url: str = "") -> list[Entry]:
    """Entries of a sitemap (``<url>``) or sitemap index (``<sitemap>``), gzipped or not.

    Reads ``lastmod`` and the Google News extension (``news:publication_date``,
    ``news:title``). Relative locations are resolved against ``base_url``.
    """
    root = _root(body)
    if root is None or _local(root.tag) not in ("urlset", "sitemapindex"):
        return []
    child = "url" if _local(root.tag) == "urlset" else "sitemap"
    entries = []
    for node in _children(root, child):
        loc = _text(node, "loc")
        if not loc:
            continue
        published = parse_date(_text(node, "news", "publication_date"))
        entries.append(Entry(url=urljoin(base_url, loc), date=parse_date(_text(node, "lastmod")) or published,
                             published=published, title=_text(node, "news", "title")))
    return entries


def _atom_link(entry: etree._Element) -> str | None:
    for link in _children(entry, "link"):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link.get("href")
    return None


def _rss_link(item: etree._Element) -> str | None:
    link = _text(item, "link")
    if link:
        return link
    for guid in _children(item, "guid"):
        if guid.get("isPermaLink", "true").lower() == "true" and guid.text and "://" in guid.text:
            return guid.text.strip()
    return None


def _rss_entry(item: etree._Element, base_url: str) -> Entry | None:
    link = _rss_link(item)
    if not link:
        return None
    authors = [clean(a.text) for a in item if _local(a.tag) in ("creator", "author") and clean(a.text)]
    published = parse_date(_text(item, "pubdate")) or parse_date(_text(item, "date"))
    return Entry(url=urljoin(base_url, link), date=published, published=published,
                 title=_text(item, "title"), authors=tuple(authors))


def _atom_entry(entry: etree._Element, base_url: str) -> Entry | None:
    link = _atom_link(entry)
    if not link:
        return None
    authors = [_text(a, "name") for a in _children(entry, "author")]
    published = parse_date(_text(entry, "published"))
    return Entry(url=urljoin(base_url, link), date=parse_date(_text(entry, "updated")) or published,
                 published=published, title=_text(entry, "title"), authors=tuple(a for a in authors if a))


def parse_feed(body: bytes, base_url: str = "") -> list[Entry]:
    """Entries of an RSS 2.0 (also RSS 1.0/RDF) or Atom feed, in feed order."""
    root = _root(body)
    if root is None:
        return []
    name = _local(root.tag)
    if name == "feed":
        found = [_atom_entry(e, base_url) for e in _children(root, "entry")]
    elif name in ("rss", "rdf"):
        channel = _children(root, "channel")
        items = _children(root, "item") + [i for c in channel for i in _children(c, "item")]
        found = [_rss_entry(i, base_url) for i in items]
    else:
        return []
    return [e for e in found if e is not None]


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


# --------------------------------------------------------------------------- dates and filters
def moment(value: str | None) -> dt.datetime | None:
    """An ISO 8601 date or date-time as an aware datetime (a bare day is its midnight UTC)."""
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.timezone.utc)


def parse_since(value: str) -> dt.datetime:
    """The ``since`` option (``2024-02-01`` or an ISO date-time); ValueError with a clear message."""
    when = moment(parse_iso(value) if value else None)
    if when is None:
        raise ValueError(f"since={value!r} is not a date (expected YYYY-MM-DD or ISO 8601)")
    return when


def is_older(date: str | None, since: dt.datetime | None) -> bool:
    """True when an entry's date is known and before ``since`` (undated entries are never too old)."""
    when = moment(date)
    return since is not None and when is not None and when < since


def is_newer(date: str | None, known: str | None) -> bool:
    """True when a sitemap/feed date says the page changed after the date we stored."""
    when, stored = moment(date), moment(known)
    return when is not None and (stored is None or when > stored)


@dataclass(frozen=True)
class UrlFilter:
    """Allow and deny regular expressions (``re.search``); deny wins; no allow means all."""

    allow: re.Pattern[str] | None = None
    deny: re.Pattern[str] | None = None

    @classmethod
    def build(cls, allow: str | None, deny: str | None) -> UrlFilter:
        try:
            return cls(re.compile(allow) if allow else None, re.compile(deny) if deny else None)
        except re.error as exc:
            raise ValueError(f"bad URL pattern {exc.pattern!r}: {exc}") from None

    def reason(self, url: str) -> str | None:
        """None when the URL may be crawled, else the drop reason."""
        if self.deny is not None and self.deny.search(url):
            return "url_denied"
        if self.allow is not None and not self.allow.search(url):
            return "url_not_allowed"
        return None
