"""The page's own headings, as the headline reader sees them: visible h1s (logos and headings in
navigation left out), the article's first h2, and the last heading before the text."""
from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from lxml import html as lxml_html

from scraper.extract.page import Page
from scraper.extract.text import br_lines, clean

#: A permalink mark after a heading ("Title¶", documentation generators).
_ANCHOR_MARK = re.compile(r"\s*[¶§]$")
#: A link to the comments ("149 Comments") that a blog theme puts inside the headline's h1.
_COMMENTS_LINK = re.compile(r"#(?:comments?|respond|disqus|reply|reactions)", re.IGNORECASE)
_OUTSIDE_ARTICLE = frozenset({"nav", "footer", "aside", "form"})
MAX_HEADLINE_CHARS = 400


#: CJK ideographs and kana: a headline in these scripts has no spaces between its words
#: (Korean Hangul has them, and is counted by its spaces).
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def words(text: str) -> int:
    """How many words a headline has; in Chinese or Japanese script two characters count as one."""
    return len(text.split()) + len(_CJK.findall(text)) // 2


def in_furniture(el: lxml_html.HtmlElement) -> bool:
    """An h1 in navigation, a footer, an aside or a form is the site's, not the article's."""
    return any(parent.tag in _OUTSIDE_ARTICLE for parent in el.iterancestors())


def is_logo(page: Page, el: lxml_html.HtmlElement) -> bool:
    """An h1 that links to the site's home page is its logo."""
    for link in el.iter("a"):
        href = (link.get("href") or "").strip()
        if href in ("/", "./"):
            return True
        absolute = page.absolute(href) if href else None
        if absolute and not urlsplit(absolute).path.strip("/") and not urlsplit(absolute).query:
            return True
    return False


def heading_text(el: lxml_html.HtmlElement) -> str:
    """A heading's text, a ``<br>`` read as a space ("Bus lanes<br>approved"), without a trailing link
    to the comments (``<h1>Title <a href="#comments">149 Comments</a></h1>``). (A kicker inside the
    heading stays: readers and the data's headline read it as part of it, "Bubi-Bomber wieder da:
    Thioune fordert Geduld".)"""
    text = _text_of_heading(el)
    for link in el.iter("a"):
        if _COMMENTS_LINK.search(link.get("href") or ""):
            tail = clean(link.text_content())
            if tail and text.endswith(tail) and len(tail) < len(text):
                text = text[: -len(tail)].rstrip(" -|–—·•(")
    return text


def _text_of_heading(el: lxml_html.HtmlElement) -> str:
    if next(el.iter("br"), None) is None:
        return clean(el.text_content())  # the common case
    return " ".join(br_lines(el))


def visible_h1s(page: Page) -> list[str]:
    """Texts of the page's h1 elements outside navigation, in page order."""
    out: list[str] = []
    for el in page.tree.iter("h1"):
        text = _ANCHOR_MARK.sub("", heading_text(el))
        if text and len(text) <= MAX_HEADLINE_CHARS and not in_furniture(el) and not is_logo(page, el) \
                and text not in out:
            out.append(text)
    return out


def article_heading(page: Page) -> list[str]:
    """When every h1 is furniture (an SEO h1 in the breadcrumbs): the first h2 of the
    <article>, the headline its header shows."""
    for article in page.tree.iter("article"):
        for el in article.iter("h2"):
            text = heading_text(el)
            if text and len(text) <= MAX_HEADLINE_CHARS and not in_furniture(el):
                return [text]
            break
    return []


def heading_texts(page: Page) -> Iterator[str]:
    for el in page.tree.iter("h1", "h2", "h3"):
        text = clean(el.text_content())
        if text and len(text) <= MAX_HEADLINE_CHARS:
            yield text


#: Headings that label the page's parts or credit its author, not a story.
_NOT_A_HEADING = re.compile(r"^(?:(?:prepared|posted|written|reported)\s+)?by\b|\bnavigation\b|\bmenu\b|"
                            r"\bsearch\b|\bsign in\b|\blog ?in\b", re.IGNORECASE)
#: A paragraph this long starts the article's text.
_TEXT_START = 150
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4"})


def heading_before_text(page: Page) -> str | None:
    """On a page without an h1 whose title the body never shows (the site's name): the last
    heading before the first paragraph of text, the story's headline set as an h2 or h3."""
    last: str | None = None
    for el in page.tree.iter("h1", "h2", "h3", "h4", "p"):
        if el.tag in _HEADING_TAGS:
            text = heading_text(el)
            if 2 <= words(text) <= 25 and len(text) <= MAX_HEADLINE_CHARS and not in_furniture(el) \
                    and not is_logo(page, el) and not _NOT_A_HEADING.search(text):
                last = text
        elif len(el.text_content()) >= _TEXT_START and not in_furniture(el):
            return last
    return None
