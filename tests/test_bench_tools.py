"""The benchmark's page variant without structured data (``make bench NO_STRUCTURED=1``)."""
from __future__ import annotations

from scraper.devtools.bench import without_structured


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
