"""How much of an element's text is link text: teaser lists and menus are mostly links, prose is not."""
from __future__ import annotations

from lxml import html as lxml_html

Element = lxml_html.HtmlElement


def link_chars(el: Element) -> int:
    return sum(len(a.text_content()) for a in el.iter("a"))


def link_density(el: Element, text_len: int) -> float:
    """Share of ``text_len`` characters that are link text (at most 1)."""
    return min(1.0, link_chars(el) / text_len) if text_len else 0.0


def added_link_density(inner: Element, outer: Element) -> float:
    """Link density of the text ``outer`` adds around ``inner``."""
    text = len(outer.text_content()) - len(inner.text_content())
    links = link_chars(outer) - link_chars(inner)
    return links / text if text > 0 else 0.0
