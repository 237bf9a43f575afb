from __future__ import annotations

import pytest

from scraper.xmlsafe import UnsafeXML, parse_xml, sitemap_locs
from tests.support.faultserver import ENTITY_BOMB, EXTERNAL_ENTITY

SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc> https://example.com/news/2024/02/one </loc></url>
  <url><loc>https://example.com/news/2024/02/two</loc><lastmod>2024-02-02</lastmod></url>
  <url><loc></loc></url>
</urlset>"""


def test_sitemap_locs_in_order() -> None:
    assert sitemap_locs(SITEMAP) == ["https://example.com/news/2024/02/one", "https://example.com/news/2024/02/two"]


def test_entity_bomb_is_refused_without_expansion() -> None:
    with pytest.raises(UnsafeXML) as raised:
        sitemap_locs(ENTITY_BOMB)
    assert str(raised.value) == "XML declares entities (a, b, c, d, e, f, g); refused"


def test_external_entity_is_refused_and_never_read() -> None:
    with pytest.raises(UnsafeXML) as raised:
        parse_xml(EXTERNAL_ENTITY)
    assert str(raised.value) == "XML declares entities (secret); refused"


def test_doctype_without_entities_is_fine() -> None:
    data = b'<?xml version="1.0"?><!DOCTYPE urlset><urlset><url><loc>https://e.com/a</loc></url></urlset>'
    assert sitemap_locs(data) == ["https://e.com/a"]


@pytest.mark.parametrize("data", [b"", b"<urlset><url>", b"\x00\x01binary", b"<html><body><p>x</body></html>"])
def test_broken_xml_is_one_clear_error(data: bytes) -> None:
    with pytest.raises(UnsafeXML) as raised:
        parse_xml(data)
    assert str(raised.value).startswith(("not well-formed XML", "empty XML document"))
