from __future__ import annotations

import gzip

import pytest

from scraper.discovery import UnsafeXML, kind_of, parse_sitemap, stream_xml
from tests.support.faultserver import ENTITY_BOMB, EXTERNAL_ENTITY

SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc> https://example.com/news/2024/02/one </loc></url>
  <url><loc>https://example.com/news/2024/02/two</loc><lastmod>2024-02-02</lastmod></url>
  <url><loc></loc></url>
</urlset>"""


def test_entity_bomb_is_refused_without_expansion() -> None:
    with pytest.raises(UnsafeXML) as raised:
        stream_xml(ENTITY_BOMB)
    assert str(raised.value) == "XML declares entities (a, b, c, d, e, f, g); refused"


def test_external_entity_is_refused_and_never_read() -> None:
    with pytest.raises(UnsafeXML) as raised:
        stream_xml(EXTERNAL_ENTITY)
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
def test_nothing_parseable_has_no_root(data: bytes) -> None:
    assert stream_xml(data).root == ""


def test_entity_declared_across_two_pieces_of_the_stream_is_refused() -> None:
    split = b"<?xml version='1.0'?><!--" + b"x" * (64 * 1024 - 50) + b'--><!DOCTYPE urlset [<!ENTITY big "x">]><urlset/>'
    assert split.index(b"<!ENTITY") < 64 * 1024 < split.index(b"<!ENTITY") + 8
    with pytest.raises(UnsafeXML) as raised:
        stream_xml(split)
    assert str(raised.value) == "XML declares entities (big); refused"


def test_stream_drops_each_entry_before_the_next() -> None:
    rows = "".join(f"<url><loc>https://e.com/{i}</loc></url>" for i in range(5000))
    stream = stream_xml(f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}</urlset>'.encode())
    held = [element.getprevious() is None for element in stream.elements(("url",))]
    assert (stream.root, len(held), set(held)) == ("urlset", 5000, {True})


def test_gzipped_sitemap_past_the_old_50_mb_limit_gives_every_entry() -> None:
    rows = b"".join(b"<url><loc>https://e.com/%d/%s</loc></url>" % (i, b"p" * 900) for i in range(60_000))
    data = gzip.compress(b"<urlset>" + rows + b"</urlset>")
    entries = parse_sitemap(data)
    assert (len(rows) > 50 * 1024 * 1024, len(entries), entries[-1].url) == (
        True, 60_000, "https://e.com/59999/" + "p" * 900)
