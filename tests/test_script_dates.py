"""Publication dates named in the page's script data (app state, data layers), not JSON-LD."""
from __future__ import annotations

import datetime as dt

import pytest

from scraper.extract.page import Page
from scraper.extract.script_dates import script_date

NOW = dt.datetime(2026, 10, 2, 8, 0, tzinfo=dt.timezone.utc)


def _page(script: str, kind: str = "") -> Page:
    attribute = f' type="{kind}"' if kind else ""
    return Page.from_html(f"<html><head><script{attribute}>{script}</script></head><body><p>Text</p></body></html>",
                          "https://example.com/a")


@pytest.mark.parametrize(("script", "tz", "expected"), [
    ('{"article":{"publishedAt":"2026-10-01T09:30:00-04:00"},"related":[{"publishedAt":"2026-09-28"}]}',
     None, "2026-10-01T09:30:00-04:00"),  # the first value: the article's own state
    ('dataLayer.push({article_publication_date: "Mon, 01 Nov 21 10:52:50 +0100"})', None,
     "2021-11-01T10:52:50+01:00"),  # unquoted key, RFC 822 date with a two-digit year
    ('var s = "{\\"datePublished\\":\\"2025-03-04 18:20\\"}";', "Europe/Berlin",
     "2025-03-04T18:20:00+01:00"),  # JSON inside a JS string; no offset: the site's zone
    ("utag_data = {'pub_date': '2024-09-04T16:20:35+05:30'}", None, "2024-09-04T16:20:35+05:30"),
    ('{"firstPublished": 1713723840000}', None, "2024-04-21T18:24:00+00:00"),  # epoch milliseconds
    ('{"published": "2026-09-01T10:00:00Z", "public": true}', None, None),  # a bare "published": not a date key
    ('{"updatedAt": "2026-09-01T10:00:00Z", "dateModified": "2026-09-01"}', None, None),  # an edit, not the publication
    ('{"publishedAt": "2026-12-24T10:00:00Z"}', None, None),  # after the fetch: an embargo, not this page
    ('{"publishDate": "soon"}', None, None),
])
def test_script_date(script: str, tz: str | None, expected: str | None) -> None:
    assert script_date(_page(script), tz, NOW) == expected


def test_json_ld_is_not_script_data() -> None:
    """JSON-LD is read as structured data; its dates never come back as script data."""
    page = _page('{"@type": "NewsArticle", "datePublished": "2026-10-01T09:30:00Z"}', "application/ld+json")
    assert page.data_scripts == []
    assert script_date(page, None, NOW) is None


@pytest.mark.parametrize(("script", "expected"), [
    ('{"publishedAt": "2026-10-01T09:30:00Z", "updatedAt": "2026-10-01T16:05:00-04:00"}', "2026-10-01T16:05:00-04:00"),
    ('utag_data = {"date_modified": "2026-09-30 08:00"}', "2026-09-30T08:00:00+00:00"),
    ('{"lastUpdated": 1790000000}', "2026-09-21T14:13:20+00:00"),
    ('{"publishedAt": "2026-10-01T09:30:00Z"}', None),  # a publication is no change
])
def test_script_modified(script: str, expected: str | None) -> None:
    assert script_date(_page(script), None, NOW, "modified") == expected
