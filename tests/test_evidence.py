"""Each metadata field follows its evidence order in ``vocab.EVIDENCE``: remove the winner, the next one wins."""
from __future__ import annotations

import json

import pytest

from scraper.extract import metadata as md
from scraper.extract.page import Page
from scraper.extract.vocab import EVIDENCE

URL = "https://news.example/2024/05/harbour/"

#: For each field: what each source says, as (place, markup) pairs; the value tells the sources apart.
STATEMENTS: dict[str, dict[str, tuple[str, str, str]]] = {
    # field: {source: (where, markup, expected value)}
    "language": {
        "html": ("lang", "de-AT", "de-AT"),
        "json-ld": ("ld", '"inLanguage": "fr-FR"', "fr-FR"),
        "opengraph": ("head", '<meta property="og:locale" content="es_ES">', "es-ES"),
        "meta": ("head", '<meta http-equiv="content-language" content="it-IT">', "it-IT"),
    },
    "description": {
        "json-ld": ("ld", '"description": "From JSON-LD"', "From JSON-LD"),
        "microdata": ("body", '<meta itemprop="description" content="From microdata">', "From microdata"),
        "opengraph": ("head", '<meta property="og:description" content="From OpenGraph">', "From OpenGraph"),
        "meta": ("head", '<meta name="description" content="From meta">', "From meta"),
    },
    "section": {
        "json-ld": ("ld", '"articleSection": "Politics"', "Politics"),
        "microdata": ("body", '<meta itemprop="articleSection" content="Business">', "Business"),
        "opengraph": ("head", '<meta property="article:section" content="Science">', "Science"),
        "meta": ("head", '<meta name="section" content="Culture">', "Culture"),
        "json-ld:breadcrumb": ("crumbs", "", "Harbours"),
        "html": ("body", '<a rel="category" href="/sport/">Sport</a>', "Sport"),
    },
    "published": {
        "json-ld": ("ld", '"datePublished": "2024-05-01T10:00:00+02:00"', "2024-05-01T10:00:00+02:00"),
        "microdata": ("body", '<meta itemprop="datePublished" content="2024-05-02T10:00:00+02:00">',
                      "2024-05-02T10:00:00+02:00"),
        "opengraph": ("head", '<meta property="article:published_time" content="2024-05-03T10:00:00+02:00">',
                      "2024-05-03T10:00:00+02:00"),
        "meta": ("head", '<meta name="pubdate" content="2024-05-04T10:00:00+02:00">', "2024-05-04T10:00:00+02:00"),
        "html": ("body", '<time datetime="2024-05-05T10:00:00+02:00">5 May</time>', "2024-05-05T10:00:00+02:00"),
    },
    "modified": {
        "json-ld": ("ld", '"dateModified": "2024-06-01T10:00:00+02:00"', "2024-06-01T10:00:00+02:00"),
        "microdata": ("body", '<meta itemprop="dateModified" content="2024-06-02T10:00:00+02:00">',
                      "2024-06-02T10:00:00+02:00"),
        "opengraph": ("head", '<meta property="article:modified_time" content="2024-06-03T10:00:00+02:00">',
                      "2024-06-03T10:00:00+02:00"),
        "meta": ("head", '<meta name="lastmod" content="2024-06-04T10:00:00+02:00">', "2024-06-04T10:00:00+02:00"),
        "html": ("header", "<div>Updated: June 5, 2024</div>", "2024-06-05"),
    },
    "canonical_url": {
        "html": ("head", '<link rel="canonical" href="/from-link/">', "https://news.example/from-link/"),
        "opengraph": ("head", '<meta property="og:url" content="https://news.example/from-og/">',
                      "https://news.example/from-og/"),
        "json-ld": ("ld", '"url": "https://news.example/from-ld/"', "https://news.example/from-ld/"),
    },
}

CRUMBS = {"@type": "BreadcrumbList", "itemListElement": [
    {"@type": "ListItem", "position": 1, "name": "Home"}, {"@type": "ListItem", "position": 2, "name": "Harbours"},
    {"@type": "ListItem", "position": 3, "name": "Ferry fares frozen"}]}


def page_with(statements: list[tuple[str, str, str]]) -> Page:
    lang = next((m for where, m, _ in statements if where == "lang"), None)
    ld_parts = [m for where, m, _ in statements if where == "ld"]
    ld = json.loads("{" + ", ".join(['"@type": "NewsArticle"', '"headline": "Ferry fares frozen"', *ld_parts]) + "}")
    graph = [ld] + ([CRUMBS] if any(where == "crumbs" for where, _, _ in statements) else [])
    head = "".join(m for where, m, _ in statements if where == "head")
    body = "".join(m for where, m, _ in statements if where == "body")
    header = "".join(m for where, m, _ in statements if where == "header")  # the lines under the headline
    html = (f"<html{f' lang={lang!r}' if lang else ''}><head>{head}"
            f'<script type="application/ld+json">{json.dumps({"@graph": graph})}</script></head>'
            f'<body><article itemscope itemtype="https://schema.org/NewsArticle"><h1>Ferry fares frozen</h1>'
            f"{header}{body}<p>Fares stay as they are.</p></article></body></html>")
    return Page.from_html(html, URL)


#: The documented orders (README "Where each field comes from"); vocab.EVIDENCE must say the same.
ORDERS = {
    "language": ("html", "json-ld", "opengraph", "meta"),
    "description": ("json-ld", "microdata", "opengraph", "meta"),
    "section": ("json-ld", "microdata", "opengraph", "meta", "json-ld:breadcrumb", "html"),
    "published": ("json-ld", "microdata", "opengraph", "meta", "html"),
    "modified": ("json-ld", "microdata", "opengraph", "meta", "html"),
    "canonical_url": ("html", "opengraph", "json-ld"),
}


@pytest.mark.parametrize("field", sorted(STATEMENTS))
def test_field_follows_its_evidence_order(field: str) -> None:
    order = ORDERS[field]
    assert (EVIDENCE[field], sorted(STATEMENTS[field])) == (order, sorted(order))
    reader = getattr(md, field)
    for index, source in enumerate(order):
        remaining = [STATEMENTS[field][s] for s in order[index:]]
        value, found = reader(page_with(remaining))
        assert (value, found) == (STATEMENTS[field][source][2], source.split(":")[0]), source
