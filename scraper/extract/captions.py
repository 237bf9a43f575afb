"""Captions and credits: the caption block of an image and the credit split from its text.

A caption is the ``figcaption`` of the image's figure, or the caption block a CMS
puts next to it (class names with caption/legend/credit, a few levels up, through
``<picture>``/``<source>`` wrappers), or an unnamed short text right after the
image in a media wrapper. The credit comes from a credit element, or is split
from the text: "(Name/Agency)", "Photo: ...", "© ...".
"""
from __future__ import annotations

import re

from lxml import html as lxml_html

from scraper.extract.furniture import holds_prose
from scraper.extract.text import clean, clean_or_none

Element = lxml_html.HtmlElement

_CAPTION_NAME = re.compile(r"caption|legend|figcaption|image-?text|img-?desc|bildtext|bu\b|subtitle|"
                           r"description|media-?info|photo-?info|slide-?info|\binfo\b", re.IGNORECASE)
_CREDIT_NAME = re.compile(r"credit|copyright|photographer|attribution|\bsource\b|urheber|fotograf|author",
                          re.IGNORECASE)
_CREDIT_PROPS = {"copyrightHolder", "creditText", "author", "creator", "copyrightNotice"}
_CREDIT_TRAILING = re.compile(
    r"\s*[\(\[]\s*((?:(?:photo|foto|image|bild|picture|credit|fotó|фото|zdroj|source)s?\s*:?\s*)?"
    r"[^()\[\]]{2,80}?)\s*[\)\]]\s*\.?\s*$", re.IGNORECASE)
_CREDIT_LABEL = re.compile(
    r"(?:^|[.!?|–—]\s*|\s)\s*((?:photo(?:graph)?s?|foto(?:s|grafie)?|bild(?:quelle|nachweis)?|fotoquelle|image|picture|credit|"
    r"copyright|quelle|source|фото|zdroj|fotó|crédito|crédit|immagine)\s*(?:by|:|/)\s*.{2,100}|"
    r"©\s*.{2,100}|\(c\)\s*.{2,100})$", re.IGNORECASE)
_AGENCY = re.compile(r"/|\b(?:getty|reuters|afp|ap|dpa|epa|imago|shutterstock|picture alliance|"
                     r"keystone|anadolu|xinhua|bloomberg|istock|alamy|press|images?|photos?|foto|unsplash|"
                     r"pexels|privat|private)\b", re.IGNORECASE)
_LABEL_ONLY = re.compile(r"^(?:photo(?:graph)?s?|foto(?:s)?|bild(?:quelle|nachweis)?|fotoquelle|image|picture|credit|"
                         r"copyright|quelle|source|фото|zdroj)\s*(?:by|:)\s*", re.IGNORECASE)
_BLOCKISH = frozenset("div p br li ul ol dl dt dd figcaption h1 h2 h3 h4 h5 h6 section header footer "
                      "table tr td blockquote".split())
_MAX_CAPTION = 1200


def split_credit(text: str | None) -> tuple[str | None, str | None]:
    """'Caption. (Name/Agency)' -> ('Caption.', 'Name/Agency'); also 'Photo: X', '© X'."""
    text = clean(text)
    if not text:
        return None, None
    if len(text) > _MAX_CAPTION:
        return text, None  # no caption this long is a caption with a credit; the patterns stay off long text
    match = _CREDIT_TRAILING.search(text)
    if match and _AGENCY.search(match.group(1)):
        return clean_or_none(text[: match.start()]), clean_or_none(_LABEL_ONLY.sub("", match.group(1)))
    match = _CREDIT_LABEL.search(text)
    if match:
        credit = _LABEL_ONLY.sub("", match.group(1)).lstrip("©").strip()
        credit = re.sub(r"^\(c\)\s*", "", credit, flags=re.IGNORECASE)
        caption = text[: match.start(1)].rstrip(" |–—")
        return clean_or_none(caption), clean_or_none(credit)
    return text, None


def _clean_credit(text: str | None) -> str:
    """'Photo: X', '© X', '(X/Agency)' -> 'X...'."""
    text = clean(text)
    if text.startswith(("(", "[")) and text.endswith((")", "]")):
        text = text[1:-1].strip()
    return clean(_LABEL_ONLY.sub("", text).lstrip("©").strip())


_GENERIC_ALT = re.compile(r"^(?:image|img|photo|picture|foto|bild|thumbnail|thumb|cover|header|banner|"
                          r"placeholder|loading|untitled|null|undefined)\b|\.(?:jpe?g|png|webp|gif)$", re.IGNORECASE)


def described(img: Element, alt: str | None) -> str | None:
    """With no caption on the page, the image's own description (title, then alt) stands in."""
    for text in (clean(img.get("title")), alt or ""):
        if len(text) >= 8 and not _GENERIC_ALT.search(text):
            return text
    return None


def _looks_like_credit(text: str) -> bool:
    return 0 < len(text) <= 80 and not text.endswith((".", "!", "?")) and bool(
        _AGENCY.search(text) or text.startswith("©") or _LABEL_ONLY.match(text))


def _text(el: Element, skip: set[Element]) -> str:
    """Text of an element without ``skip`` subtrees; block-ish children get a space."""
    parts: list[str] = []

    def walk(node: Element) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str) and child not in skip and child.tag not in ("script", "style", "button"):
                if child.tag in _BLOCKISH:
                    parts.append(" ")
                walk(child)
                if child.tag in _BLOCKISH:
                    parts.append(" ")
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return clean("".join(parts))


def names(el: Element) -> str:
    return f"{el.get('class', '')} {el.get('id', '')}"


def _is_credit_el(el: Element) -> bool:
    return el.get("itemprop") in _CREDIT_PROPS or bool(_CREDIT_NAME.search(names(el)))


def _caption_of_block(block: Element) -> tuple[str | None, str | None]:
    """Caption and credit of a caption block (figcaption or its CMS variant). A CMS "caption"
    block that holds paragraphs of prose is the post's text (the body reads it), not a caption."""
    if block.tag != "figcaption" and holds_prose(block):
        return None, None
    credits = [el for el in block.iter() if el is not block and isinstance(el.tag, str) and _is_credit_el(el)]
    credits = [c for c in credits if not any(a in credits for a in c.iterancestors())]
    text = _text(block, set(credits))
    credit = " ".join(t for t in (clean(c.text_content()) for c in credits) if t)
    if not credit:
        parts = [c for c in block if isinstance(c.tag, str) and clean(c.text_content())]
        if len(parts) >= 2:
            last = clean(parts[-1].text_content())
            if _looks_like_credit(last):
                credit = last
                text = _text(block, set(credits) | {parts[-1]})
    caption, split = split_credit(text)
    credit = _clean_credit(credit) or split
    if caption and len(caption) > _MAX_CAPTION:
        return None, clean_or_none(credit)
    return caption, clean_or_none(credit)


def is_caption_el(el: Element) -> bool:
    return el.tag == "figcaption" or el.get("itemprop") in ("caption", "description") or bool(
        _CAPTION_NAME.search(names(el)))


#: Wrappers that do not count as a level when looking for a caption (lxml nests <source>s).
_TRANSPARENT = frozenset({"source", "picture", "a", "noscript"})
_MEDIA_WRAPPER = re.compile(r"picture|image|img|photo|media|figure|foto|bild|visual", re.IGNORECASE)


def caption_near(img: Element, page_images: set[Element]) -> tuple[str | None, str | None]:
    """Look up to four levels above the image for its caption block."""
    branch = img
    levels = 0
    while levels < 4:
        parent = branch.getparent()
        if parent is None or parent.tag in ("body", "html", "article", "main"):
            break
        if parent.tag not in _TRANSPARENT:
            levels += 1
        if parent.tag == "figure":
            captions = [el for el in parent.iter()
                        if isinstance(el.tag, str) and el is not parent and is_caption_el(el)
                        and not _contains_image(el, page_images)]
            captions = [c for c in captions if not any(a in captions for a in c.iterancestors())]
            if not captions:
                return None, None
            caption, credit = _caption_of_block(captions[0]) if len(captions) == 1 else _merge(captions)
            return caption, credit or _figure_credit(parent, captions)
        following = _next_element(branch)
        if following is not None and is_caption_el(following) and not _contains_image(following, page_images):
            return _with_credit_sibling(following)  # the caption right after the image
        if sum(1 for _ in _images_in(parent, page_images)) > 1:
            break
        for sibling in branch.itersiblings():
            if isinstance(sibling.tag, str) and is_caption_el(sibling) and not _contains_image(sibling, page_images):
                return _with_credit_sibling(sibling)
            for el in sibling.iter():
                if isinstance(el.tag, str) and is_caption_el(el) and not _contains_image(el, page_images):
                    return _caption_of_block(el)
        plain = _plain_caption(branch, parent, page_images)
        if plain:
            return plain
        branch = parent
    return None, None


def _next_element(el: Element) -> Element | None:
    following = el.getnext()
    while following is not None and not isinstance(following.tag, str):
        following = following.getnext()
    return following


def _plain_caption(branch: Element, parent: Element, page_images: set[Element]) -> tuple[str | None, str | None] | None:
    """An unnamed short text block right after the image in a media wrapper
    (<div class="article__picture"><picture/><p>Caption</p></div>)."""
    if not _MEDIA_WRAPPER.search(names(parent)):
        return None
    following = _next_element(branch)
    if following is None or following.tag not in ("p", "span", "div", "small", "em") or \
            _contains_image(following, page_images):
        return None
    text = clean(following.text_content())
    if not 15 <= len(text) <= 400:
        return None
    return _caption_of_block(following)


def _figure_credit(figure: Element, captions: list[Element]) -> str | None:
    """A credit element of the figure outside its caption block (Figure-credit)."""
    inside = {el for c in captions for el in c.iter()}
    for el in figure.iter():
        if isinstance(el.tag, str) and el not in inside and _is_credit_el(el):
            text = clean(el.text_content())
            if 0 < len(text) <= 120:
                return clean_or_none(_clean_credit(text))
    return None


def _with_credit_sibling(block: Element) -> tuple[str | None, str | None]:
    """A caption block, and the credit block CMSes put right after it (Drupal fields)."""
    caption, credit = _caption_of_block(block)
    following = block.getnext()
    if not credit and following is not None and isinstance(following.tag, str) and _is_credit_el(following):
        text = clean(following.text_content())
        credit = clean_or_none(_clean_credit(text)) if len(text) <= 120 else None
    return caption, credit


def _merge(captions: list[Element]) -> tuple[str | None, str | None]:
    texts, credits = [], []
    for block in captions:
        caption, credit = _caption_of_block(block)
        if caption:
            texts.append(caption)
        if credit:
            credits.append(credit)
    return clean_or_none(" ".join(texts)), clean_or_none(" ".join(dict.fromkeys(credits)))


def _images_in(el: Element, page_images: set[Element]) -> list[Element]:
    return [i for i in el.iter("img", "amp-img") if i in page_images]


def _contains_image(el: Element, page_images: set[Element]) -> bool:
    return any(True for i in el.iter("img", "amp-img") if i in page_images)
