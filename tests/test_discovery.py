"""Sitemaps, feeds, robots.txt and URL filters: pure parsing, whole-value equality."""
from __future__ import annotations

import datetime as dt
import gzip

import pytest

from scraper.discovery import (
    Entry,
    UrlFilter,
    is_newer,
    is_older,
    kind_of,
    parse_feed,
    parse_since,
    parse_sitemap,
    robots_sitemaps,
    robots_url,
    stream_xml,
)

URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>https://news.test/2024/02/a-first-long-story/</loc><lastmod>2024-02-02T10:00:00+02:00</lastmod></url>
  <url><loc>https://news.test/2024/02/second/</loc><lastmod>2024-02-03</lastmod></url>
  <url><loc>/relative/</loc></url>
  <url><lastmod>2024-02-03</lastmod></url>
</urlset>"""

NEWS = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://news.test/world/x/</loc>
    <news:news><news:publication><news:name>Test</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2024-02-02T17:01:00Z</news:publication_date>
      <news:title>Ministers meet &amp; agree</news:title></news:news></url>
  <url><loc>https://news.test/world/y/</loc><lastmod>2024-02-05T00:00:00Z</lastmod>
    <news:news><news:publication_date>2024-02-01</news:publication_date><news:title>Y</news:title></news:news></url>
</urlset>"""

INDEX = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://news.test/sitemap-1.xml.gz</loc><lastmod>2024-02-02</lastmod></sitemap>
  <sitemap><loc>https://news.test/sitemap-news.xml</loc></sitemap>
</sitemapindex>"""

RSS = b"""<?xml version="1.0"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>T</title>
  <item><title>First story</title><link>https://news.test/a/</link>
    <pubDate>Fri, 02 Feb 2024 17:01:00 +0200</pubDate><dc:creator>Jane Roe</dc:creator></item>
  <item><title>Guid only</title><guid isPermaLink="true">https://news.test/b/</guid></item>
  <item><title>No link</title><guid isPermaLink="false">tag:1</guid></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
  <entry><title>Atom one</title><link rel="alternate" href="/atom/one/"/><link rel="edit" href="/e/"/>
    <published>2024-02-01T08:00:00Z</published><updated>2024-02-03T09:30:00+01:00</updated>
    <author><name>Ann Lee</name></author><author><name>Bo Kim</name></author></entry>
  <entry><title>Atom two</title><link href="https://news.test/atom/two/"/></entry>
</feed>"""


def test_urlset_entries_with_lastmod_and_relative_locations() -> None:
    assert parse_sitemap(URLSET, "https://news.test/sitemap.xml") == [
        Entry("https://news.test/2024/02/a-first-long-story/", date="2024-02-02T10:00:00+02:00"),
        Entry("https://news.test/2024/02/second/", date="2024-02-03"),
        Entry("https://news.test/relative/"),
    ]


def test_google_news_sitemap_gives_title_and_publication_date() -> None:
    assert parse_sitemap(NEWS) == [
        Entry("https://news.test/world/x/", date="2024-02-02T17:01:00+00:00", published="2024-02-02T17:01:00+00:00",
              title="Ministers meet & agree"),
        # lastmod wins as the change date; publication date kept apart
        Entry("https://news.test/world/y/", date="2024-02-05T00:00:00+00:00", published="2024-02-01", title="Y"),
    ]


def test_sitemap_index_lists_child_sitemaps() -> None:
    assert parse_sitemap(INDEX) == [Entry("https://news.test/sitemap-1.xml.gz", date="2024-02-02"),
                                    Entry("https://news.test/sitemap-news.xml")]


def test_gzipped_sitemap_reads_like_plain() -> None:
    assert parse_sitemap(gzip.compress(URLSET), "https://news.test/") == parse_sitemap(URLSET, "https://news.test/")


@pytest.mark.parametrize("body, kind", [
    (URLSET, "sitemap"), (gzip.compress(INDEX), "sitemapindex"), (RSS, "feed"), (ATOM, "feed"),
    (b"<html><body>hi</body></html>", "other"), (b"", "other"), (b"\x1f\x8bbroken", "other"),
])
def test_kind_of(body: bytes, kind: str) -> None:
    assert kind_of(body) == kind


@pytest.mark.parametrize("body", [b"", b"not xml at all", b"<html><p>x</p></html>", b"\x1f\x8b\x08garbage"])
def test_broken_input_gives_no_entries(body: bytes) -> None:
    assert (parse_sitemap(body), parse_feed(body)) == ([], [])


def test_broken_gzip_parses_as_nothing() -> None:
    assert stream_xml(b"\x1f\x8b\x08\x00garbage").root == ""


def test_rss_entries_with_dates_authors_and_permalink_guids() -> None:
    assert parse_feed(RSS, "https://news.test/feed.xml") == [
        Entry("https://news.test/a/", date="2024-02-02T17:01:00+02:00", published="2024-02-02T17:01:00+02:00",
              title="First story", authors=("Jane Roe",)),
        Entry("https://news.test/b/", title="Guid only"),
    ]


def test_atom_entries_with_alternate_links_updated_and_authors() -> None:
    assert parse_feed(ATOM, "https://news.test/atom.xml") == [
        Entry("https://news.test/atom/one/", date="2024-02-03T09:30:00+01:00", published="2024-02-01T08:00:00+00:00",
              title="Atom one", authors=("Ann Lee", "Bo Kim")),
        Entry("https://news.test/atom/two/", title="Atom two"),
    ]


def test_robots_sitemap_lines() -> None:
    text = "User-agent: *\nDisallow: /private/\nSitemap: https://news.test/sitemap.xml\n" \
           "sitemap:/news.xml\nSITEMAP: https://news.test/sitemap.xml\n# Sitemap: https://no.test/\n"
    assert robots_sitemaps(text, "https://news.test/robots.txt") == [
        "https://news.test/sitemap.xml", "https://news.test/news.xml"]


def test_robots_url() -> None:
    assert robots_url("https://news.test:8080/a/b/?q=1") == "https://news.test:8080/robots.txt"


@pytest.mark.parametrize("date, since, older", [
    ("2024-01-31T23:59:59+00:00", "2024-02-01", True),   # before midnight UTC
    ("2024-02-01T01:00:00+02:00", "2024-02-01", True),   # 23:00 UTC the day before
    ("2024-02-01", "2024-02-01", False),                 # the day itself is kept
    (None, "2024-02-01", False),                         # undated entries are fetched
    ("2020-01-01", None, False),                         # no since: nothing is too old
])
def test_is_older(date: str | None, since: str | None, older: bool) -> None:
    assert is_older(date, parse_since(since) if since else None) is older


@pytest.mark.parametrize("date, known, newer", [
    ("2024-02-03", "2024-02-02T10:00:00+00:00", True),
    ("2024-02-02T11:00:00+00:00", "2024-02-02T12:00:00+02:00", True),  # earlier wall clock, later instant
    ("2024-02-02T10:00:00+00:00", "2024-02-02T10:00:00+00:00", False),
    (None, "2024-02-02", False),                                       # no date: trust the state
    ("2024-02-02", None, True),                                        # a date where we had none
])
def test_is_newer(date: str | None, known: str | None, newer: bool) -> None:
    assert is_newer(date, known) is newer


def test_parse_since_accepts_dates_and_rejects_words() -> None:
    assert parse_since("2024-02-01T10:00:00+02:00") == dt.datetime(2024, 2, 1, 8, tzinfo=dt.timezone.utc)
    with pytest.raises(ValueError, match="since='yesterday' is not a date"):
        parse_since("yesterday")


@pytest.mark.parametrize("allow, deny, url, reason", [
    (None, None, "https://news.test/a/", None),
    (r"/20\d\d/", None, "https://news.test/2024/a/", None),
    (r"/20\d\d/", None, "https://news.test/about/", "url_not_allowed"),
    (r"/20\d\d/", r"/live/", "https://news.test/2024/live/x/", "url_denied"),  # deny wins
])
def test_url_filter(allow: str | None, deny: str | None, url: str, reason: str | None) -> None:
    assert UrlFilter.build(allow, deny).reason(url) == reason


def test_url_filter_bad_pattern_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match=r"bad URL pattern '\(': missing \), unterminated subpattern"):
        UrlFilter.build("(", None)


def test_naive_sitemap_and_feed_dates_are_read_in_the_site_zone_like_page_dates() -> None:
    from scraper.discovery import parse_feed, parse_sitemap
    from scraper.extract.dates import parse_date
    sitemap = (b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>/a/</loc>'
               b"<lastmod>2024-02-01T10:00:00</lastmod></url></urlset>")
    feed = (b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><link href="/b/"/>'
            b"<updated>2024-02-01T10:00:00</updated></entry></feed>")
    page_date = parse_date("2024-02-01T10:00:00", "Europe/Kyiv")
    assert page_date == "2024-02-01T10:00:00+02:00"
    assert [e.date for e in parse_sitemap(sitemap, "http://x.org/", timezone="Europe/Kyiv")] == [page_date]
    assert [e.date for e in parse_feed(feed, "http://x.org/", timezone="Europe/Kyiv")] == [page_date]
