"""Tell article pages from listing pages by evidence, not by site rules.

Each signal adds or removes weight and is named, so a decision can be
explained (and tested) by its reasons.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from scraper.extract.page import Page
from scraper.extract.structured import ARTICLE_TYPES, nodes_of_type, types_of

_LISTING_PATH = re.compile(r"(?:^|/)(?:page|tag|tags|topic|topics|category|categories|section|sections|"
                           r"author|authors|archive|search|latest|feed|index)(?:/|$)|/page/\d+/?$",
                           re.IGNORECASE)
_DATE_PATH = re.compile(r"/(?:19|20)\d{2}[/-]\d{1,2}(?:[/-]\d{1,2})?/|/(?:19|20)\d{6}")
#: A URL path segment is matched on its first 300 characters (_SLUG is quadratic on long runs).
_MAX_SEGMENT = 300
_SLUG = re.compile(r"[a-z0-9\u00c0-\uffff]+(?:-[a-z0-9\u00c0-\uffff]+){3,}", re.IGNORECASE)
_ID = re.compile(r"(?:^|[/-])\d{5,}(?:[./-]|$)")
_LISTING_LD = ("CollectionPage", "ItemList", "SearchResultsPage", "WebSite")
#: Paginated listings addressed by query: ?page=2, &p=3, ?offset=40, ?start=20.
_PAGE_QUERY = re.compile(r"(?:^|&)(?:page|p|pg|offset|start)=\d+(?:&|$)", re.IGNORECASE)


@dataclass
class Verdict:
    is_article: bool
    score: float
    reasons: list[str] = field(default_factory=list)


def url_signals(url: str) -> list[tuple[str, float]]:
    """Signals from the URL's shape alone."""
    parts = urlsplit(url)
    path = parts.path
    signals: list[tuple[str, float]] = []
    if _PAGE_QUERY.search(parts.query):
        signals.append(("url:page-query", -2.0))
    segments = [s for s in path.split("/") if s]
    if not segments:
        signals.append(("url:homepage", -3.0))
    if _LISTING_PATH.search(path):
        signals.append(("url:listing-path", -2.0))
    if _DATE_PATH.search(path):
        signals.append(("url:date", 1.5))
    if segments and _SLUG.search(segments[-1][:_MAX_SEGMENT]):
        signals.append(("url:slug", 1.5))
    if _ID.search(path):
        signals.append(("url:numeric-id", 1.0))
    if len(segments) == 1 and not _SLUG.search(segments[0][:_MAX_SEGMENT]):
        signals.append(("url:section", -1.0))
    return signals


def classify(page: Page, body_words: int | None = None, listing_entries: int | None = None) -> Verdict:
    """Decide whether a page is an article. ``body_words`` and ``listing_entries``
    come from extraction when it already ran; they are structure signals."""
    signals = url_signals(page.url)
    ld_types = {t for n in page.jsonld for t in types_of(n)}
    if page.article_ld is not None and set(types_of(page.article_ld)) & set(ARTICLE_TYPES):
        signals.append(("json-ld:article", 4.0))
    elif ld_types & set(_LISTING_LD) and nodes_of_type(page.jsonld, "ItemList", "CollectionPage"):
        signals.append(("json-ld:listing", -3.0))
    og_type = (page.meta_first("og:type") or "").lower()
    if og_type in ("article", "video.other", "video.movie", "video.episode", "news"):
        signals.append(("og:type-article", 2.0))
    elif og_type == "website":
        signals.append(("og:type-website", -1.0))
    if page.meta_first("article:published_time"):
        signals.append(("meta:published_time", 1.0))
    if page.microdata_item is not None:
        signals.append(("microdata:article", 3.0))
    if body_words is not None:
        if body_words >= 150:
            signals.append(("text:long-body", 2.0))
        elif body_words < 60:
            signals.append(("text:short-body", -2.0))
    if listing_entries is not None and listing_entries >= 12 and (body_words or 0) < 150:
        signals.append(("structure:many-entries", -2.0))
    score = sum(weight for _, weight in signals)
    return Verdict(is_article=score > 0, score=score, reasons=[name for name, _ in signals])
