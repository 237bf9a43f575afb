from __future__ import annotations

import pytest

from scraper.discovery import UnsafeXML, kind_of, parse_sitemap, parse_xml
from tests.support.faultserver import ENTITY_BOMB, EXTERNAL_ENTITY

SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc> https://example.com/news/2024/02/one </loc></url>
  <url><loc>https://example.com/news/2024/02/two</loc><lastmod>2024-02-02</lastmod></url>
  <url><loc></loc></url>
</urlset>"""


def test_entity_bomb_is_refused_without_expansion() -> None:
    with pytest.raises(UnsafeXML) as raised:
        parse_xml(ENTITY_BOMB)
    assert str(raised.value) == "XML declares entities (a, b, c, d, e, f, g); refused"


def test_external_entity_is_refused_and_never_read() -> None:
    with pytest.raises(UnsafeXML) as raised:
        parse_xml(EXTERNAL_ENTITY)
    assert str(raised.value) == "XML declares entities (secret); refused"


@pytest.mark.parametrize("data", [ENTITY_BOMB, EXTERNAL_ENTITY])
def test_discovery_sees_entity_documents_as_unsafe_and_reads_no_entries(data: bytes) -> None:
    assert (kind_of(data), parse_sitemap(data)) == ("unsafe", [])


def test_doctype_without_entities_is_fine() -> None:
    data = b'<?xml version="1.0"?><!DOCTYPE urlset><urlset><url><loc>https://e.com/a</loc></url></urlset>'
    assert [e.url for e in parse_sitemap(data)] == ["https://e.com/a"]


def test_sitemap_cut_short_keeps_the_entries_before_the_cut() -> None:
    cut = SITEMAP[: SITEMAP.index(b"<url><loc></loc>")]
    assert [e.url for e in parse_sitemap(cut)] == ["https://example.com/news/2024/02/one",
                                                   "https://example.com/news/2024/02/two"]


@pytest.mark.parametrize("data", [b"", b"   ", b"\x00\x01binary", b"\x1f\x8bbroken"])
def test_nothing_parseable_is_none(data: bytes) -> None:
    assert parse_xml(data) is None
