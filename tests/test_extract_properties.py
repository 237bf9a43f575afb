"""Property tests: whatever bytes arrive, the extractor returns a schema-valid record.

The one typed refusal allowed is ``NotHTML`` (no markup at all: empty, binary):
the spider turns it into ``dropped/not_html``. Any other exception is a bug.
"""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scraper.extract import NotHTML, extract
from scraper.validation import schema_errors
from tests.golden import FIXTURES
from tests.support.faultserver import JAPANESE_BODY, UKRAINIAN_BODY
from tests.support.pages import article_html, listing_html, paragraphs

URL = "https://example.com/news/2024/02/some-story-about-the-bridge"
SEEDS = [
    article_html("Bridge reopens after long repairs", paragraphs(1),
                 related=[("/news/2024/02/other-story-here", "Another story about bridges")]).encode(),
    article_html("Четверо дітей повернулися додому", UKRAINIAN_BODY, lang="uk").encode("windows-1251"),
    article_html("東京で新しい橋が開通", JAPANESE_BODY, lang="ja", meta_charset="shift_jis").encode("shift_jis"),
    listing_html("Latest", [(f"/news/2024/02/story-{i}-about-it", f"Story number {i} about it") for i in range(15)])
    .encode(),
    # every fixture page, so mutations start from the real markup patterns the goldens cover
    *(path.read_bytes() for path in sorted(FIXTURES.rglob("page.html"))),
]
TOKENS = [b"<img src='/a.jpg' width='\xc2\xb900'>", b"<img src='http://[::1/a.jpg'>",
          b'<script type="application/ld+json">' + b'{"a": ' * 1200 + b"1" + b"}" * 1200 + b"</script>",
          b"<div>" * 3000, b"<p " + b" ".join(b"a%d=1" % i for i in range(3000)) + b">",
          b"<h1><script>alert(2)</script>", b"<template><p>x</p></template>", b"x" * 5000,
          b'<meta charset="iso-8859-1">', b'<meta charset="shift_jis">',
          b"<", b">", b"</", b"<p>", b"</p>", b"<div>", b"<script>", b"</script>", b"<!--", b"-->", b"&amp;",
          b"&#0;", b"&#xD800;", b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b'<meta charset="utf-16">',
          b'<script type="application/ld+json">{"@type": "NewsArticle", "headline": [1, {}], "author": 5',
          b'<time datetime="9999-99-99">', b"<a href='javascript:x'>", b"<a href='http://[::1'>", b"<img src=>",
          b"<html>", b"<body>", b"<h1>", b"</h1>", b"<![CDATA[", b"<?xml version='1.0'?>", b"<table><tr><td>"]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(data: bytes) -> None:
    try:
        record = extract(data, URL, fetched_at="2024-02-02T12:00:00+00:00", timezone="Europe/Kyiv")
    except NotHTML:
        return
    assert schema_errors(dict(record)) == []


@SETTINGS
@given(st.binary(max_size=4096))
def test_random_bytes(data: bytes) -> None:
    check(data)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    page = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(page)))
        action = draw(st.sampled_from(["delete", "insert", "duplicate", "truncate", "flip"]))
        if action == "delete":
            del page[at:at + draw(st.integers(1, 200))]
        elif action == "insert":
            page[at:at] = draw(st.one_of(st.sampled_from(TOKENS), st.binary(max_size=20)))
        elif action == "duplicate":
            page[at:at] = page[at:at + draw(st.integers(1, 300))]
        elif action == "truncate":
            del page[at:]
        elif at < len(page):
            page[at] = draw(st.integers(0, 255))
    return bytes(page)


@SETTINGS
@given(mutated())
def test_mutated_pages(data: bytes) -> None:
    check(data)


@SETTINGS
@given(st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=30).map(str.encode)), max_size=60))
def test_markup_edge_cases(parts: list[bytes]) -> None:
    check(b"".join(parts))


@SETTINGS
@given(st.text(max_size=2000))
def test_random_text_as_str(text: str) -> None:
    try:
        record = extract(text, URL)
    except NotHTML:
        return
    assert schema_errors(dict(record)) == []
