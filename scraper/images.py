"""Images with caption, credit and alt: content images in page order, lead image first.

Image-first: every content image (not in site chrome, teasers, avatars or
logos) is paired with its caption: the ``figcaption`` of its figure, or the
caption block CMSes put next to it (class names with caption/legend/credit,
within a few levels). The credit is split from the caption text.
"""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from lxml import html as lxml_html

from scraper.page import Page
from scraper.schema import Image
from scraper.structured import types_of
from scraper.text import clean, clean_or_none

Element = lxml_html.HtmlElement

_CAPTION_NAME = re.compile(r"caption|legend|figcaption|image-?text|img-?desc|bildtext|bu\b|subtitle|"
                           r"description|media-?info|photo-?info|slide-?info|\binfo\b", re.IGNORECASE)
_CREDIT_NAME = re.compile(r"credit|copyright|photographer|attribution|\bsource\b|urheber|fotograf|author",
                          re.IGNORECASE)
_CREDIT_PROPS = {"copyrightHolder", "creditText", "author", "creator", "copyrightNotice"}
_EXCLUDED_AREA = re.compile(r"related|recommend|teaser|promo|sidebar|newsletter|comment|avatar|logo|"
                            r"social|share|most-?read|popular|trending|\bcard\b|\bfeed\b|news-?feed|thumbnail|\bads?\b|"
                            r"advert|sponsor|author|byline|profile",
                            re.IGNORECASE)
#: A furniture-named wrapper with more text than this holds the article, not a teaser.
_AREA_MAX_TEXT = 1500
_ICON = re.compile(r"\.svg(?:$|\?)|sprite|pixel|spacer|blank\.gif|1x1|logo|icon|avatar|placeholder|gravatar",
                   re.IGNORECASE)
_CREDIT_TRAILING = re.compile(
    r"\s*[\(\[]\s*((?:(?:photo|foto|image|bild|picture|credit|fotó|фото|zdroj|source)s?\s*:?\s*)?"
    r"[^()\[\]]{2,80}?)\s*[\)\]]\s*\.?\s*$", re.IGNORECASE)
_CREDIT_LABEL = re.compile(
    r"(?:^|[.!?|–—]\s*|\s)\s*((?:photo(?:graph)?s?|foto(?:s|grafie)?|bild|image|picture|credit|"
    r"copyright|quelle|source|фото|zdroj|fotó|crédito|crédit|immagine)\s*(?:by|:|/)\s*.{2,100}|"
    r"©\s*.{2,100}|\(c\)\s*.{2,100})$", re.IGNORECASE)
_AGENCY = re.compile(r"/|\b(?:getty|reuters|afp|ap|dpa|epa|imago|shutterstock|picture alliance|"
                     r"keystone|anadolu|xinhua|bloomberg|istock|alamy|press|images?|photos?|foto|unsplash|"
                     r"pexels|privat|private)\b", re.IGNORECASE)
_LABEL_ONLY = re.compile(r"^(?:photo(?:graph)?s?|foto(?:s)?|bild|image|picture|credit|copyright|quelle|"
                         r"source|фото|zdroj)\s*(?:by|:)\s*", re.IGNORECASE)
_BLOCKISH = frozenset("div p br li ul ol dl dt dd figcaption h1 h2 h3 h4 h5 h6 section header footer "
                      "table tr td blockquote".split())
_MAX_CAPTION = 1200


def split_credit(text: str | None) -> tuple[str | None, str | None]:
    """'Caption. (Name/Agency)' -> ('Caption.', 'Name/Agency'); also 'Photo: X', '© X'."""
    text = clean(text)
    if not text:
        return None, None
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


def _described(img: Element, alt: str | None) -> str | None:
    """With no caption on the page, the image's own description (title, then alt) stands in."""
    for text in (clean(img.get("title")), alt or ""):
        if len(text) >= 8 and not _GENERIC_ALT.search(text):
            return text
    return None


def _looks_like_credit(text: str) -> bool:
    return 0 < len(text) <= 80 and not text.endswith((".", "!", "?")) and bool(
        _AGENCY.search(text) or text.startswith("©") or _LABEL_ONLY.match(text))


# --------------------------------------------------------------------------- image URLs
def _srcset_last(value: str | None) -> str | None:
    if not value:
        return None
    candidates = [c.strip().split(" ")[0] for c in value.split(", ") if c.strip()]
    return candidates[-1] if candidates else None


def _img_url(page: Page, img: Element) -> str | None:
    for attr in ("data-src", "data-lazy-src", "data-original", "data-url", "data-hi-res-src", "src"):
        value = img.get(attr)
        if value and not value.startswith("data:"):
            return page.absolute(value)
    for attr in ("data-srcset", "srcset", "data-flickity-lazyload-srcset"):
        value = _srcset_last(img.get(attr))
        if value and not value.startswith("data:"):
            return page.absolute(value)
    return None


def _picture_url(page: Page, img: Element) -> str | None:
    url = _img_url(page, img)
    if url:
        return url
    parent = img.getparent()
    if parent is not None and parent.tag == "picture":
        for source in parent.iter("source"):
            for attr in ("data-srcset", "srcset", "data-flickity-lazyload-srcset"):
                value = _srcset_last(source.get(attr))
                if value and not value.startswith("data:"):
                    return page.absolute(value)
    return None


def _too_small(img: Element) -> bool:
    for attr in ("width", "height"):
        value = img.get(attr, "")
        if value.isdigit() and int(value) < 80:
            return True
    return False


def url_key(url: str) -> str:
    """Two URLs of the same picture in different sizes compare equal often enough."""
    parts = urlsplit(url)
    return (parts.netloc.removeprefix("www.") + parts.path).lower()


def _stem(url: str) -> str:
    """The file name without sizes and extension: 'photo-1200x630.jpg' -> 'photo'."""
    name = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1].lower()
    name = re.sub(r"\.(?:jpe?g|png|webp|gif|avif)$", "", name)
    return re.sub(r"[-_@]?(?:\d{2,4}x\d{2,4}|w\d{2,4}|\d{2,4}w|scale_\d|\d+x)$", "", name)


def same_picture(a: str, b: str) -> bool:
    if url_key(a) == url_key(b):
        return True
    stem_a, stem_b = _stem(a), _stem(b)
    return len(stem_a) >= 8 and stem_a == stem_b


# --------------------------------------------------------------------------- captions
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


def _names(el: Element) -> str:
    return f"{el.get('class', '')} {el.get('id', '')}"


def _is_credit_el(el: Element) -> bool:
    return el.get("itemprop") in _CREDIT_PROPS or bool(_CREDIT_NAME.search(_names(el)))


def _caption_of_block(block: Element) -> tuple[str | None, str | None]:
    """Caption and credit of a caption block (figcaption or its CMS variant)."""
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


def _is_caption_el(el: Element) -> bool:
    return el.tag == "figcaption" or el.get("itemprop") in ("caption", "description") or bool(
        _CAPTION_NAME.search(_names(el)))


#: Wrappers that do not count as a level when looking for a caption (lxml nests <source>s).
_TRANSPARENT = frozenset({"source", "picture", "a", "noscript"})
_MEDIA_WRAPPER = re.compile(r"picture|image|img|photo|media|figure|foto|bild|visual", re.IGNORECASE)


def _caption_near(img: Element, page_images: set[Element]) -> tuple[str | None, str | None]:
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
                        if isinstance(el.tag, str) and el is not parent and _is_caption_el(el)
                        and not _contains_image(el, page_images)]
            captions = [c for c in captions if not any(a in captions for a in c.iterancestors())]
            if not captions:
                return None, None
            caption, credit = _caption_of_block(captions[0]) if len(captions) == 1 else _merge(captions)
            return caption, credit or _figure_credit(parent, captions)
        following = _next_element(branch)
        if following is not None and _is_caption_el(following) and not _contains_image(following, page_images):
            return _with_credit_sibling(following)  # the caption right after the image
        if sum(1 for _ in _images_in(parent, page_images)) > 1:
            break
        for sibling in branch.itersiblings():
            if isinstance(sibling.tag, str) and _is_caption_el(sibling) and not _contains_image(sibling, page_images):
                return _with_credit_sibling(sibling)
            for el in sibling.iter():
                if isinstance(el.tag, str) and _is_caption_el(el) and not _contains_image(el, page_images):
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
    if not _MEDIA_WRAPPER.search(_names(parent)):
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


# --------------------------------------------------------------------------- areas
def _excluded(img: Element, text_sizes: dict[Element, int]) -> bool:
    """In site chrome, teasers, avatars, logos or ads (an article's own header is fine)."""
    in_article = False
    chrome = False
    for ancestor in img.iterancestors():
        tag = ancestor.tag
        if tag in ("article", "main") or ancestor.get("itemprop") == "articleBody":
            in_article = True
        elif tag in ("nav", "footer", "aside") or (tag == "header" and not in_article):
            chrome = True
        if tag not in ("article", "main") and _EXCLUDED_AREA.search(_names(ancestor)) \
                and not _is_caption_el(ancestor):
            if ancestor not in text_sizes:
                text_sizes[ancestor] = len(ancestor.text_content())
            if text_sizes[ancestor] < _AREA_MAX_TEXT:
                return True
    return chrome and not in_article


def _linked_elsewhere(img: Element) -> bool:
    """A thumbnail that links to another page (a teaser), not to the picture itself."""
    for ancestor in img.iterancestors("a"):
        href = ancestor.get("href") or ""
        return bool(href) and not href.startswith("#") and not re.search(r"\.(?:jpe?g|png|webp|gif)(?:$|\?)", href)
    return False


# --------------------------------------------------------------------------- lead image
def _ld_images(value: Any) -> list[tuple[str, str | None, str | None]]:
    out = []
    for entry in value if isinstance(value, list) else [value]:
        if isinstance(entry, str):
            out.append((entry, None, None))
        elif isinstance(entry, dict) and (not types_of(entry) or "ImageObject" in types_of(entry)):
            url = entry.get("url") or entry.get("contentUrl")
            if isinstance(url, list):
                url = url[0] if url else None
            if isinstance(url, str):
                caption = entry.get("caption") or entry.get("description")
                credit = entry.get("creditText") or entry.get("copyrightHolder") or entry.get("author")
                if isinstance(credit, dict):
                    credit = credit.get("name")
                out.append((url, caption if isinstance(caption, str) else None,
                            credit if isinstance(credit, str) else None))
    return out


def lead_candidates(page: Page) -> list[tuple[Image, str]]:
    """Lead images from structured data and meta tags, with their source."""
    out: list[tuple[Image, str]] = []
    ld = page.article_ld or {}
    for url, caption, credit in _ld_images(ld.get("image") or ld.get("thumbnailUrl")):
        absolute = page.absolute(url)
        if absolute:
            cap, cred = split_credit(caption) if caption else (None, None)
            out.append((Image(url=absolute, caption=cap, credit=clean_or_none(credit) or cred, alt=None), "json-ld"))
    item = page.microdata_item or {}
    for value in item.get("image", []):
        entry = value
        if isinstance(value, dict):  # microdata values are lists; take the first of each
            entry = {k: (v[0] if isinstance(v, list) and v else v) for k, v in value.items()}
        for url, caption, credit in _ld_images(entry):
            absolute = page.absolute(url)
            if absolute:
                out.append((Image(url=absolute, caption=clean_or_none(caption), credit=clean_or_none(credit), alt=None),
                            "microdata"))
    for name, source in (("og:image", "opengraph"), ("og:image:url", "opengraph"), ("twitter:image", "meta")):
        absolute = page.absolute(page.meta_first(name))
        if absolute:
            alt = clean_or_none(page.meta_first("og:image:alt", "twitter:image:alt"))
            out.append((Image(url=absolute, caption=None, credit=None, alt=alt), source))
    return out


# --------------------------------------------------------------------------- entry point
def content_images(page: Page) -> list[Image]:
    """Every content image of the page with its caption, in page order, one per picture."""
    urls = {img: _picture_url(page, img) for img in page.tree.iter("img", "amp-img") if not _too_small(img)}
    candidates = [img for img, url in urls.items() if url and not _ICON.search(url)]
    page_images = set(candidates)
    out: list[Image] = []
    text_sizes: dict[Element, int] = {}
    for img in candidates:
        url = urls[img]
        if _excluded(img, text_sizes):
            continue
        caption, credit = _caption_near(img, page_images)
        if not caption and _linked_elsewhere(img):
            continue
        alt = clean_or_none(img.get("alt"))
        if not caption:
            caption, split = split_credit(_described(img, alt))
            credit = credit or split
        for index, seen in enumerate(out):
            if same_picture(seen["url"], url):
                if caption and not seen["caption"]:
                    out[index] = Image(url=seen["url"], caption=caption, credit=credit or seen["credit"],
                                       alt=seen["alt"] or alt)
                break
        else:
            out.append(Image(url=url, caption=caption, credit=credit, alt=alt))
    return out


def extract_images(page: Page, container: Element | None = None) -> tuple[list[Image], str | None]:
    """Content images merged with the lead image from structured data, lead first."""
    images = content_images(page)
    images = [i for i in images if i["caption"] or _near_article(page, i, container)]
    leads = lead_candidates(page)
    if not leads:
        return images, "html" if images else None
    lead, source = leads[0]
    for index, image in enumerate(images):
        if any(same_picture(image["url"], other["url"]) for other, _ in leads):
            merged = Image(url=image["url"], caption=image["caption"] or lead["caption"],
                           credit=image["credit"] or lead["credit"], alt=image["alt"] or lead["alt"])
            return [merged, *images[:index], *images[index + 1:]], source
    return [lead, *images], source


def _near_article(page: Page, image: Image, container: Element | None) -> bool:
    """Captionless images count only inside the article (its text container's article)."""
    if container is None:
        return False
    scope = container
    for ancestor in container.iterancestors():
        if ancestor.tag in ("article", "main"):
            scope = ancestor
            break
    for img in scope.iter("img", "amp-img"):
        url = _picture_url(page, img)
        if url and same_picture(url, image["url"]):
            return True
    return False
