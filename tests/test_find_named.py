"""``Page.find_named`` with ``Names`` literals finds exactly what a search of the whole pattern finds:
on every fixture page, for every class/id pattern the extractor declares with literals."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from scraper.extract import headline, vocab
from scraper.extract.page import Names, Page

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted((ROOT / "fixtures").rglob("*.html"))
DECLARED = {f"{module.__name__}.{name}": value for module in (vocab, headline)
            for name, value in vars(module).items() if isinstance(value, Names)}


def test_every_names_pattern_is_checked() -> None:
    assert sorted(DECLARED) == ["scraper.extract.headline._HEADLINE_NAME", "scraper.extract.vocab._BYLINE",
                                "scraper.extract.vocab._DATE", "scraper.extract.vocab._META_LINE",
                                "scraper.extract.vocab._SECTION",
                                "scraper.extract.vocab._TAGS"]


@pytest.mark.parametrize("name", sorted(DECLARED))
def test_literals_find_what_the_pattern_finds(name: str) -> None:
    names = DECLARED[name]
    found = 0
    for path in PAGES:
        page = Page.from_html(path.read_bytes(), "https://example.com/")
        fast = page.find_named(names)
        assert fast == page.find_named(names.pattern), path
        found += len(fast)
    assert found > 0  # the fixtures hold such names: the comparison is not of empty lists


def test_a_name_without_any_literal_is_not_found() -> None:
    page = Page.from_html(b'<html><body><div class="post-byline">By A. Writer</div>'
                          b'<div class="xbyline-ish">x</div><p class="note">n</p></body></html>', "https://e.com/")
    names = Names(re.compile(r"byline"), ("byline",))
    assert [el.get("class") for el in page.find_named(names)] == ["post-byline", "xbyline-ish"]
    assert page.find_named(Names(re.compile(r"byline"), ("nothing",))) == []
