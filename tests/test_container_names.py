"""Which class/id names keep a block's paragraphs from voting for the article container."""
from __future__ import annotations

import pytest

from scraper.extract.container import _not_article_names


@pytest.mark.parametrize(("names", "expected"), [
    ("sidebar", True),
    ("sidebar2", True),          # a numbered sidebar is still a sidebar
    ("comments-1", True),
    ("related_posts", True),
    ("entry-content", False),
    ("post-body", False),
    ("main2", False),
    ("commentary-text", False),  # a word that only starts like "comment"
    ("commentbody by-dan", True),  # a comment word glued to another
    ("commentator", False),
    ("box sf_comment_list", True),  # a comment word inside a prefixed name
    ("post-commentary-list", False),
    ("about_author", True),         # an author's box: a bio can outweigh a short post
    ("author-bio clearfix", True),
    ("authorbox", True),
    ("post-author", False),         # a byline is no text either way, but is not named a box
    ("author-content", False),
    ("", False),
])
def test_not_article_names(names: str, expected: bool) -> None:
    assert _not_article_names(names) is expected
