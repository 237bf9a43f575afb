"""Page furniture told by class and id names, and blocks hidden from the reader.

Names are matched on whole name parts ("share-bar", "post-related"), not on
substrings, and state or taxonomy classes ("has-post-thumbnail", "tag-sharing")
never count, so a wrapper named like furniture but holding the article is not lost.
"""
from __future__ import annotations

import re

from lxml import html as lxml_html

Element = lxml_html.HtmlElement

_TOKEN_SPLIT = re.compile(r"[\s]+")
_PART_SPLIT = re.compile(r"[-_]+|(?<=[a-z])(?=[A-Z])")
_BOILER_WORDS = frozenset("""share sharing social newsletter subscribe subscription related recommended
recommendations readmore more-stories comment comments disqus promo advert advertisement ads ad adslot
banner cookie consent breadcrumb breadcrumbs byline author authors tags tag taglist keywords topics
sidebar widget popup modal paywall outbrain taboola teaser toolbar print sponsor sponsored sharebar
newsfeed next pagination signup donate caption credit copyright figcaption sronly sr visually
skip meta timestamp dateline date footer header masthead nav navigation menu thumbnail embed podcast
rating reading readtime listen audio player gallery slideshow infobox follow subline kicker
overline eyebrow""".split())
#: Name parts that mark furniture by their start ("sharedaddy", "newsletterbox").
_BOILER_PREFIXES = ("share", "social", "newsletter", "related", "promo", "advert", "sponsor", "subscri",
                    "comment", "outbrain", "taboola", "paywall", "recommend")
#: Comment words that mark readers' comments in the middle of a name too ("sf_comment_list").
COMMENT_PARTS = frozenset({"comment", "comments", "commentlist"})
_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
_SLUG_SPLIT = re.compile(r"[\W_]+")
_KEEP_WORDS = frozenset("body content text article story entry main prose paragraph".split())


#: Class tokens that describe a state or a taxonomy, not a block ("has-post-thumbnail", "tag-sharing").
_STATE_PREFIXES = frozenset("has is no with show hide format type category tag status post_format js "
                            "single template page postid".split())


def _heading_anchor(el: Element, ident: str) -> bool:
    """An id that is its section's heading made a slug ("sharing-with-a-single-developer" over
    <h2>Sharing with a single developer</h2>, as documentation and Markdown tools write): it names
    the text, not a component."""
    if ident.count("-") + ident.count("_") < 2:
        return False
    for child in el[:3]:
        if isinstance(child.tag, str) and child.tag in _HEADINGS:
            words = _SLUG_SPLIT.split(child.text_content().lower())
            return "-".join(w for w in words if w) == _SLUG_SPLIT.sub("-", ident.lower()).strip("-")
    return False


def component_names(el: Element) -> str:
    """'class id' without the state and taxonomy tokens ("js-social-images", "tag-sharing"):
    the names that say what the block is."""
    names = f"{el.get('class', '')} {el.get('id', '')}".strip()
    if not names:
        return ""
    return " ".join(token for token in _TOKEN_SPLIT.split(names)
                    if token and _PART_SPLIT.split(token.lower())[0] not in _STATE_PREFIXES)


#: Furniture that is one line by nature: named so but holding paragraphs of text, the name is a
#: template's mislabel or a wrapper left open (a blog's every paragraph in a "byline-author" span).
_ONE_LINERS = frozenset("byline dateline timestamp date kicker subline overline eyebrow readtime".split())
_ONE_LINE_MAX = 400
#: A caption is a line or two under a picture; one that holds paragraphs of prose is the post's
#: text set beside its picture (a photo blog's "caption-image" block).
_CAPTIONS = frozenset({"caption"})


def holds_prose(el: Element) -> bool:
    """Two paragraphs or more, over 400 characters together: text, whatever the element's name."""
    paragraphs = [len(p.text_content()) for p in el.iter("p")]
    return len(paragraphs) >= 2 and sum(paragraphs) > _ONE_LINE_MAX


def is_furniture(el: Element) -> bool:
    """Class/id names that mark page furniture, matched on whole name parts."""
    ident = el.get("id", "")
    if ident and _heading_anchor(el, ident):
        ident = ""
    names = f"{el.get('class', '')} {ident}".strip()
    if not names:
        return False
    one_liner = False
    for token in _TOKEN_SPLIT.split(names.lower()):
        if ":" in token or "[" in token:
            continue  # a utility class with a variant ("print:article-dropcap-print", "md:hidden") styles, never names
        parts = [p for p in _PART_SPLIT.split(token) if p]
        if not parts or parts[0] in _STATE_PREFIXES:
            continue
        furniture = (parts[0] in _BOILER_WORDS or parts[-1] in _BOILER_WORDS or parts[0].startswith(_BOILER_PREFIXES)
                     or (len(parts) > 1 and parts[-1].startswith(_BOILER_PREFIXES))  # "jp-relatedposts"
                     or not COMMENT_PARTS.isdisjoint(parts[1:-1]))
        if furniture and (not (set(parts) & _KEEP_WORDS) or parts[-1] in _BOILER_WORDS):
            word = parts[0] if parts[0] in _BOILER_WORDS else parts[-1]
            if word in _CAPTIONS and holds_prose(el):
                continue
            if word not in _ONE_LINERS:
                return True
            one_liner = True
    return one_liner and len(el.text_content()) <= _ONE_LINE_MAX


_HIDDEN_CLASSES = frozenset("hidden d-none hide is-hidden display-none visually-hidden sr-only "
                            "screen-reader-text screenreader-only".split())


def is_hidden(el: Element) -> bool:
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    tokens = (el.get("class") or "").lower().split()
    if _HIDDEN_CLASSES.intersection(tokens) and not any(":" in t for t in tokens):  # "hidden md:block" shows
        return True
    style = el.get("style")
    return bool(style) and re.search(r"display\s*:\s*none|visibility\s*:\s*hidden", style) is not None


