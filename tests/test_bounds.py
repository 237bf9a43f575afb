"""The resource bounds: whole attributes only, depth flattened without losing text, patterns kept off long text."""
from __future__ import annotations

import pytest

from scraper.extract import bounds
from scraper.extract.authors import clean_names, split_byline
from scraper.extract.bounds import MAX_TAG_CHARS
from scraper.extract.captions import split_credit


def test_a_long_start_tag_keeps_whole_attributes_only() -> None:
    assert bounds.cap_tags("<p class='byline " + "x" * 20_000 + "' id=a>By Ann</p><p>Text</p>") == \
        "<p>By Ann</p><p>Text</p>"
    many = "<p " + " ".join(f'a{i}="1"' for i in range(5_000)) + ">x</p>"
    capped = bounds.cap_tags(many)
    assert (len(capped) <= bounds.MAX_TAG_CHARS + 10, capped.endswith('a1748="1">x</p>')) == (True, True)


def test_short_tags_are_untouched() -> None:
    page = "<html><body><p class='a' id=\"b\" data-x=1>Text</p></body></html>"
    assert bounds.cap_tags(page) == page


def test_depth_past_the_limit_loses_tags_not_text() -> None:
    page = "<body>" + "<div>" * 5_000 + "<p>Deep text</p>" + "</div>" * 5_000 + "</body>"
    flat = bounds.flatten_depth(page, limit=100)
    assert (flat.count("<div>"), flat.count("</div>"), "Deep text" in flat) == (99, 99, True)


def test_huge_scripts_are_emptied_before_the_page_cut(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(bounds, "MAX_PAGE_CHARS", 1_000)
    monkeypatch.setattr(bounds, "MAX_SCRIPT_CHARS", 100)
    page = "<head><script>" + "x" * 5_000 + "</script></head><body><p>Article</p></body>"
    assert bounds.cap_page(page) == ("<head><script></script></head><body><p>Article</p></body>", False)


def test_quadratic_patterns_never_see_long_text() -> None:
    run = "x" * 200_000
    assert ([len(n) for n in split_byline(run)], clean_names([run]), split_credit(run)) == ([300], [], (run, None))


@pytest.mark.parametrize(("text", "long"), [
    ("<p " + "a" * MAX_TAG_CHARS + ">", True),  # one past the limit, counting the tag name
    ("<p" + "a" * (MAX_TAG_CHARS - 2) + ">", False),  # exactly the limit
    ("x" * 100 + "<div " + "a" * (3 * MAX_TAG_CHARS) + ">" + "y" * 100, True),  # across several windows
    ("<p>" + "a" * (3 * MAX_TAG_CHARS) + "</p>", False),  # long text, short tags
    ("<p>" + "a" * (3 * MAX_TAG_CHARS), False),  # long text to the end, no tag open
    ("<p " + "a" * (3 * MAX_TAG_CHARS), True),  # a tag never closed
    ("< " + "a" * (3 * MAX_TAG_CHARS) + ">", False),  # "<" and a space: text, not a tag
    ("<a " + "a" * (MAX_TAG_CHARS // 2) + "<b" + "c" * (MAX_TAG_CHARS // 2) + ">", False),  # the last "<" counts
    ("<script>" + "x" * (9 * MAX_TAG_CHARS) + "</script><p>" + "a" * (3 * MAX_TAG_CHARS) + "</p><div "
     + "a" * (3 * MAX_TAG_CHARS) + ">", True),  # found after two long runs without a tag (each judged once)
])
def test_a_long_start_tag_is_told_from_long_text(text: str, long: bool) -> None:
    assert bounds._has_long_tag(text) is long


def test_the_long_tag_scan_agrees_with_a_plain_reading() -> None:
    """Random mixes of short tags, long runs and long tags: the window scan finds what a plain walk
    over every start tag finds."""
    import random
    import re

    rng = random.Random(7)
    pieces = ["<p>", "</p>", ">", "x" * MAX_TAG_CHARS, "y" * (MAX_TAG_CHARS // 3), "<div ", "< ", "<b"]
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 30)))
        plain = any(len(m.group(0)) > MAX_TAG_CHARS and m.group(0)[1:2].isalpha()
                    for m in re.finditer(r"<[^<>]*(?:>|$)", text))
        assert bounds._has_long_tag(text) is plain, text[:80]
