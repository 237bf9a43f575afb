"""``AttributeIndex`` (one walk over the elements) finds exactly what the XPath queries it replaced
find: on every fixture page, and on a page that writes its attribute names in capitals."""
from __future__ import annotations

from pathlib import Path

import pytest

from scraper.extract.page import Page

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted((ROOT / "fixtures").rglob("*.html"))

_DATA_DATES = ".//*[@datetime or @*[starts-with(name(), 'data-') and (contains(name(), 'date') " \
              "or contains(name(), 'time') or contains(name(), 'publish'))]]"


def _by_xpath(page: Page) -> dict[str, list[object]]:
    tree = page.tree
    props = {str(value) for value in tree.xpath(".//*/@itemprop")}
    return {
        "named": tree.xpath("//*[@class or @id or @data-testid!='' or @data-test-id!='' or @data-test!='' "
                            "or @data-cy!='' or @data-qa!='']"),
        "itemprops": sorted((p, tree.xpath(".//*[@itemprop=$p]", p=p)) for p in props),
        "scopes": tree.xpath(".//*[@itemscope][@itemtype]"),
        "dated": tree.xpath(_DATA_DATES),
        "titled_abbr_span": tree.xpath("//*[self::abbr or self::span][@title][@class]"),
    }


def _by_index(page: Page) -> dict[str, list[object]]:
    index = page.attributes
    return {
        "named": [el for el, _ in index.named],
        "itemprops": sorted(index.itemprops.items()),
        "scopes": index.scopes,
        "dated": index.dated,
        "titled_abbr_span": index.titled_abbr_span,
    }


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.parent.name)
def test_the_index_finds_what_xpath_finds(path: Path) -> None:
    page = Page.from_html(path.read_bytes(), "https://example.com/")
    assert _by_index(page) == _by_xpath(page)



def test_the_fixtures_hold_every_kind_of_attribute() -> None:
    """So the comparison above is not one of empty lists."""
    kinds = {"named": 0, "itemprops": 0, "scopes": 0, "dated": 0, "titled_abbr_span": 0}
    for path in PAGES:
        for kind, found in _by_index(Page.from_html(path.read_bytes(), "https://example.com/")).items():
            kinds[kind] += len(found)
    assert all(kinds.values()), kinds


def test_date_attributes_in_capitals_and_names_of_one_element() -> None:
    html = (b'<html itemscope itemtype="https://schema.org/WebPage"><body>'
            b'<div class="meta" id="m"><span DATA-Published-Date="2024-05-01T10:00:00+02:00">May 1</span>'
            b'<abbr class="published" title="2024-05-01">May 1</abbr><abbr title="no class">x</abbr></div>'
            b'<article itemscope itemtype="https://schema.org/NewsArticle" itemprop="mainEntity">'
            b'<time datetime="2024-05-01">1 May</time><p itemprop="articleBody">Text</p></article></body></html>')
    page = Page.from_html(html, "https://example.com/a")
    index = page.attributes
    assert page.data_date_names == frozenset({"data-published-date"})
    assert [el.tag for el in index.dated] == ["span", "time"]
    assert [names for _, names in index.named] == ["meta m", "published "]
    assert [el.tag for el in index.titled_abbr_span] == ["abbr"]
    assert [el.tag for el in index.scopes] == ["article"]  # the root's scope is below no element
    assert {prop: [el.tag for el in els] for prop, els in index.itemprops.items()} == {
        "mainEntity": ["article"], "articleBody": ["p"]}
    assert _by_index(page) == _by_xpath(page)


def test_test_ids_are_names() -> None:
    """A site's test ids say what an element is, as class names do; an empty one says nothing."""
    html = (b'<html><body><div data-testid="author-name">A. Writer</div><p data-test="">x</p>'
            b'<span class="meta" data-cy="article-date">1 May 2024</span><b data-role="date">y</b></body></html>')
    page = Page.from_html(html, "https://example.com/a")
    assert page.test_id_names == ("data-testid", "data-test", "data-cy")
    assert [(el.tag, names) for el, names in page.attributes.named] == [
        ("div", "  author-name"), ("span", "meta  article-date")]
    assert _by_index(page) == _by_xpath(page)
