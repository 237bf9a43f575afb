"""Section and tags from markup whose class names say nothing: an ARIA or microdata breadcrumb
trail, a "Tags:" label before links; never a label, "Home", a separator or a site menu."""
from __future__ import annotations

import pytest

from scraper.extract import extract

_TEXT = "<p>" + "The council met on Tuesday evening to discuss the new bus lanes along the river road. " * 4 + "</p>"

SECTIONS = [
    ('<nav aria-label="Breadcrumb"><ol><li><a href="/">Home</a></li><li><a href="/news">News</a></li>'
     '<li><a href="/news/local">Local</a></li></ol></nav>', "Local"),
    ('<ol itemscope itemtype="https://schema.org/BreadcrumbList"><li><a href="/">Home</a></li>'
     '<li><a href="/sport">Sport</a></li></ol>', "Sport"),
    ('<div class="breadcrumb"><ul><li><a href="/">Home</a> &gt;</li><li><a href="/biz">Business</a> &gt;</li>'
     "</ul></div>", "Business"),  # a class-named trail: crumbs are its items, separators cut
    ('<div class="breadcrumbs"><a href="/">Home</a> &gt;</div>', None),  # only "Home" and a separator
]


@pytest.mark.parametrize(("trail", "expected"), SECTIONS)
def test_section_from_a_breadcrumb_trail(trail: str, expected: str | None) -> None:
    html = f"<html><body>{trail}<h1>Bus lanes approved</h1>{_TEXT}</body></html>"
    assert extract(html, "https://example.org/local/bus-lanes")["section"] == expected


TAGS = [
    ('<div class="q7">Tags: <a href="/tag/buses">Buses</a> <a href="/tag/transport">Transport</a></div>',
     ["Buses", "Transport"]),
    ('<div class="q7"><span>Schlagwörter</span> <a href="/t/busse">Busse</a>, <a href="/t/verkehr">Verkehr</a></div>',
     ["Busse", "Verkehr"]),
    ('<div class="q7"><a href="/tags/">Tags</a>: <a href="/tag/buses">Buses</a></div>', ["Buses"]),  # the label link
    ('<nav><span>Topics:</span><a href="/t/a">Politics</a><a href="/t/b">Sport</a></nav>', []),  # a site menu
]


@pytest.mark.parametrize(("block", "expected"), TAGS)
def test_tags_after_a_label(block: str, expected: list[str]) -> None:
    html = f"<html><body><h1>Bus lanes approved</h1>{_TEXT}{block}</body></html>"
    assert extract(html, "https://example.org/local/bus-lanes")["tags"] == expected
