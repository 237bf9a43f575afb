"""The benchmark's page variants: without structured data (``make bench NO_STRUCTURED=1``), with
generated names (``GENERATED_NAMES=1``)."""
from __future__ import annotations

from scraper.devtools.bench import with_generated_names, without_structured


def test_without_structured_keeps_the_markup_and_drops_the_data() -> None:
    page = (b'<html><head><meta charset="utf-8"><meta http-equiv="Content-Type" content="text/html">'
            b'<meta property="og:title" content="T"><META NAME="author" CONTENT="A">'
            b'<script type="application/ld+json">{"headline": "T"}</script>'
            b'<script>var x = 1;</script></head>'
            b'<body><article itemscope itemtype="https://schema.org/NewsArticle">'
            b'<h1 itemprop="headline" class="h">T</h1><time itemprop=datePublished datetime="2024-01-02">2 Jan</time>'
            b'</article></body></html>')
    assert without_structured(page) == (
        b'<html><head><meta charset="utf-8"><meta http-equiv="Content-Type" content="text/html">'
        b'<script>var x = 1;</script></head>'
        b'<body><article>'
        b'<h1 class="h">T</h1><time datetime="2024-01-02">2 Jan</time>'
        b'</article></body></html>')


def test_generated_names_hash_each_class_and_id_word_the_same_way() -> None:
    page = (b'<div class="byline  author" id=\'main\' data-x="byline"><p CLASS="byline">By A</p>'
            b'<span class="">x</span></div>')
    assert with_generated_names(page) == (
        b'<div class="cb16ddd c02bd92" id="cfad58d" data-x="byline"><p CLASS="cb16ddd">By A</p>'
        b'<span class="">x</span></div>')
