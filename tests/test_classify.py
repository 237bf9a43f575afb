"""Article or listing: each row names the evidence that decides it (whole Verdict equality)."""
from __future__ import annotations

import pytest

from scraper.extract.classify import Verdict, classify, url_signals
from scraper.extract.page import Page

LD_ARTICLE = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "H"}</script>'
LD_LIST = ('<script type="application/ld+json">{"@type": "CollectionPage", "mainEntity": '
           '{"@type": "ItemList", "itemListElement": []}}</script>')
OG_ARTICLE = '<meta property="og:type" content="article">'
OG_SITE = '<meta property="og:type" content="website">'


def page(head: str, url: str) -> Page:
    return Page.from_html(f"<html><head>{head}</head><body><h1>H</h1><p>text</p></body></html>", url)


@pytest.mark.parametrize("head, url, words, entries, verdict", [
    # JSON-LD NewsArticle, og:type article, dated slug URL, long body: clearly an article
    (LD_ARTICLE + OG_ARTICLE, "https://n.test/2024/02/02/ministers-meet-in-kyiv-today/", 400, 3,
     Verdict(True, 11.0, ["url:date", "url:slug", "json-ld:article", "og:type-article", "text:long-body"])),
    # home page, og:type website, many entries, short text: a listing
    (OG_SITE, "https://n.test/", 20, 30,
     Verdict(False, -8.0, ["url:homepage", "og:type-website", "text:short-body", "structure:many-entries"])),
    # section page by URL shape alone
    ("", "https://n.test/world/", None, None, Verdict(False, -1.0, ["url:section"])),
    # JSON-LD CollectionPage with an ItemList under a tag path
    (LD_LIST, "https://n.test/tag/economy/", 40, 20,
     Verdict(False, -9.0, ["url:listing-path", "json-ld:listing", "text:short-body", "structure:many-entries"])),
    # query-string pagination of a listing
    ("", "https://n.test/news/?page=3", 30, 15,
     Verdict(False, -7.0, ["url:page-query", "url:section", "text:short-body", "structure:many-entries"])),
    # numeric-id article without structured data, decided by URL and body length
    ("", "https://n.test/news/politics/12345678", 250, 2,
     Verdict(True, 3.0, ["url:numeric-id", "text:long-body"])),
    # a short article with strong structured evidence stays an article
    (LD_ARTICLE, "https://n.test/brief/short-news-item-about-rain/", 45, 0,
     Verdict(True, 3.5, ["url:slug", "json-ld:article", "text:short-body"])),
])
def test_classify(head: str, url: str, words: int | None, entries: int | None, verdict: Verdict) -> None:
    assert classify(page(head, url), body_words=words, listing_entries=entries) == verdict


@pytest.mark.parametrize("url, signals", [
    ("https://n.test/", [("url:homepage", -3.0)]),
    ("https://n.test/news/page/2/", [("url:listing-path", -2.0)]),
    ("https://n.test/search?q=x&page=2", [("url:page-query", -2.0), ("url:listing-path", -2.0),
                                          ("url:section", -1.0)]),
    ("https://n.test/story?id=77&pageview=1", [("url:section", -1.0)]),   # "pageview=" is no page number
    ("https://n.test/2024/02/budget-vote-delayed-again/", [("url:date", 1.5), ("url:slug", 1.5)]),
])
def test_url_signals(url: str, signals: list[tuple[str, float]]) -> None:
    assert url_signals(url) == signals
