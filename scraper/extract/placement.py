"""Where an element found by its names sits on the page: in the site's chrome (menus, footers,
sidebars, comments, related lists), in another story's card, or in the headline's own block.

The field readers (``scraper.extract.vocab``) find bylines, dates and tags by their names; these
rules keep out the ones that belong to something else than the article.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from lxml import etree

if TYPE_CHECKING:
    from scraper.extract.page import Page

Element = Any

#: Class and id words of blocks that are not the article (anywhere in the name: "commentlist", "jp-relatedposts").
_EXCLUDED = re.compile(r"comment|related|sidebar|teaser|recommend|newsletter")
#: A furniture-named block with more text than this wraps the article (e.g. body.has-sidebar).
_WRAPPER_TEXT = 3000


#: An aside or nav with less text than this may hold the article's byline or date (a meta
#: column beside the text, a "by" strip): evidence there counts.
_META_CHROME_TEXT = 300


def outside_excluded(page: Page, el: Element, meta: bool = False) -> bool:
    """Not inside comments, related lists, footers, sidebars or teasers. ``meta``: ``el`` is a byline
    or date, which a small aside, nav or menu-named block may hold."""
    ancestors = list(el.iterancestors())
    in_article = any(a.tag in ("article", "main") for a in ancestors)
    for ancestor in ancestors:
        if ancestor.tag in ("body", "html"):
            break
        if ancestor.tag in ("aside", "nav") and not (
                meta and page.text_len(ancestor) < _META_CHROME_TEXT):
            return False
        if ancestor.tag == "footer" and not in_article:
            return False
        names = f"{ancestor.get('class', '')} {ancestor.get('id', '')}".lower()
        if _EXCLUDED.search(names) and page.text_len(ancestor) < _WRAPPER_TEXT and \
                not _in_headline_block(page, ancestor):
            return False
        if (ancestor.get("role") in _MENU_ROLES or (_MENU.search(names) and (
                ancestor.tag in ("ul", "ol", "li") or page.text_len(ancestor) < _WRAPPER_TEXT))) and not (
                meta and page.text_len(ancestor) < _META_CHROME_TEXT):
            return False  # the site's menus: a "Columnists" menu links to author pages
    return True


#: Class and id words of a site's menus ("menu-item", "sub-menu", "header__navigation", "secondary-nav"),
#: and the ARIA roles of one.
_MENU = re.compile(r"(?<![a-z])(?:menu|menus|nav|navbar|navigation|megamenu|submenu)(?![a-z])")
_MENU_ROLES = frozenset({"navigation", "menu", "menubar"})


#: Most text of the block around the headline (its header: kicker, headline, standfirst, byline).
_HEADLINE_BLOCK_TEXT = 1500
#: A paragraph this long is the article's text (or a standfirst).
_TEXT_PARAGRAPH = 150


def holds_paragraphs(page: Page, block: Element, count: int) -> bool:
    """The block holds ``count`` paragraphs of ``_TEXT_PARAGRAPH`` characters or more."""
    found = 0
    for p in block.iter("p"):
        found += page.text_len(p) >= _TEXT_PARAGRAPH
        if found >= count:
            return True
    return False


def _in_headline_block(page: Page, el: Element) -> bool:
    """Part of the headline's block, whatever its name says ("ArticleModuleTeaser": the lead under
    the headline, in a CSS-modules page): the nearest block around it that holds the plain ``h1``
    is small and holds one long paragraph at most (a standfirst), and it comes before the text
    (the first paragraph of 150 characters outside that block)."""
    holder = el
    while holder is not None and page.text_len(holder) < _HEADLINE_BLOCK_TEXT:
        if _PLAIN_H1(holder):
            break
        holder = holder.getparent()
    else:
        return False
    if holds_paragraphs(page, holder, 2):
        return False  # (one long paragraph is a standfirst; more are the text)
    for node in page.tree.iter():
        if node is el:
            return True
        if node.tag == "p" and page.text_len(node) >= _TEXT_PARAGRAPH and holder not in node.iterancestors():
            return False
    return False


_HEADING = "self::h1 or self::h2 or self::h3 or self::h4 or self::h5"
#: A heading that links somewhere (the title of a teaser card), and one that does not.
_LINKED_HEADING = etree.XPath(f"descendant::*[{_HEADING}][descendant::a or ancestor::a]")
_PLAIN_H1 = etree.XPath("descendant::h1[not(descendant::a) and not(ancestor::a)]")
#: Most text a teaser card holds: a title, a byline, a date and a line or two of summary.
_CARD_TEXT = 400


def in_teaser(page: Page, el: Element) -> bool:
    """Inside a card of another story: within five levels up, a block of a card's size (up to
    ``_CARD_TEXT`` characters) with a linked heading (the card's title) and no plain ``h1`` (the
    page's headline). A byline there is that story's ("Related content", a list of the most read)."""
    ancestor = el.getparent()
    for _ in range(5):
        if ancestor is None or ancestor.tag in ("body", "html") or page.text_len(ancestor) > _CARD_TEXT \
                or _PLAIN_H1(ancestor):
            return False
        if _LINKED_HEADING(ancestor):
            return True
        ancestor = ancestor.getparent()
    return False
