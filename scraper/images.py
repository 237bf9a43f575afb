"""Images with caption, credit and alt: figures in the article, lead image first."""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from lxml import etree
from lxml import html as lxml_html

from scraper.page import Page
from scraper.schema import Image
from scraper.structured import types_of
from scraper.text import clean, clean_or_none

Element = lxml_html.HtmlElement

_FIGURES = etree.XPath(
    "//figure | //*[contains(concat(' ', normalize-space(@class), ' '), ' wp-caption ')]"
    " | //*[@itemprop='image' or @itemprop='associatedMedia'][@itemscope]"
    " | //*[self::div or self::span][contains(translate(@class, 'CAPTION', 'caption'), 'caption')]/.."
)
_CAPTION = etree.XPath(
    ".//figcaption | .//*[@itemprop='caption' or @itemprop='description']"
    " | .//*[contains(translate(@class, 'CAPTION', 'caption'), 'caption') or contains(@class, 'legend')"
    " or contains(@class, 'image-text') or contains(@class, 'img-desc')]"
)
_CREDIT = etree.XPath(
    ".//*[@itemprop='copyrightHolder' or @itemprop='creditText' or @itemprop='author' or @itemprop='creator'"
    " or contains(translate(@class, 'CREDITOPYHS', 'creditopyhs'), 'credit')"
    " or contains(translate(@class, 'CREDITOPYHS', 'creditopyhs'), 'copyright')"
    " or contains(translate(@class, 'CREDITOPYHS', 'creditopyhs'), 'photographer')"
    " or contains(@class, 'source') or contains(@class, 'attribution')]"
)
_EXCLUDED_AREA = re.compile(r"related|recommend|teaser|promo|sidebar|footer|header|nav|menu|newsletter|"
                            r"comment|avatar|author|logo|social|share|most-?read|popular|trending|"
                            r"card|feed|thumbnail", re.IGNORECASE)
_CREDIT_TRAILING = re.compile(
    r"\s*[\(\[]\s*((?:(?:photo|foto|image|bild|picture|credit|fotó|фото|zdroj|source)s?\s*:?\s*)?"
    r"[^()\[\]]{2,80}?)\s*[\)\]]\s*\.?\s*$", re.IGNORECASE)
_CREDIT_LABEL = re.compile(
    r"(?:^|[.!?|–—]\s*|\s)\s*((?:photo(?:graph)?s?|foto(?:s|grafie)?|bild|image|picture|credit|"
    r"copyright|quelle|source|фото|zdroj|fotó|crédito|crédit|immagine)\s*(?:by|:|/)\s*.{2,100}|"
    r"©\s*.{2,100}|\(c\)\s*.{2,100})$", re.IGNORECASE)
_AGENCY = re.compile(r"/|\b(?:getty|reuters|afp|ap|dpa|epa|imago|shutterstock|picture alliance|"
                     r"keystone|anadolu|xinhua|bloomberg|istock|alamy|press|images?|photos?|foto)\b",
                     re.IGNORECASE)
_LABEL_ONLY = re.compile(r"^(?:photo(?:graph)?s?|foto(?:s)?|bild|image|picture|credit|copyright|quelle|"
                         r"source|фото|zdroj)\s*(?:by|:)\s*", re.IGNORECASE)


def split_credit(text: str) -> tuple[str | None, str | None]:
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


def _img_url(page: Page, img: Element) -> str | None:
    for attr in ("data-src", "data-lazy-src", "data-original", "data-url", "src"):
        value = img.get(attr)
        if value and not value.startswith("data:"):
            return page.absolute(value)
    for attr in ("data-srcset", "srcset"):
        value = img.get(attr)
        if value:
            last = value.split(",")[-1].strip().split(" ")[0]
            if last:
                return page.absolute(last)
    return None


def _first_img(page: Page, figure: Element) -> tuple[str | None, str | None]:
    for img in figure.iter("img", "source", "amp-img"):
        url = _img_url(page, img) if img.tag != "source" else page.absolute(
            (img.get("srcset") or img.get("data-srcset") or "").split(",")[-1].strip().split(" ")[0])
        if url:
            alt = clean_or_none(img.get("alt")) if img.tag != "source" else None
            if img.tag == "source":
                sibling = figure.find(".//img")
                alt = clean_or_none(sibling.get("alt")) if sibling is not None else None
            return url, alt
    return None, None


def _text_without(el: Element, removed: list[Element]) -> str:
    parts: list[str] = []

    def walk(node: Element) -> None:
        if node in removed:
            return
        if node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str):
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return "".join(parts)


def _in_excluded_area(el: Element, stop: Element | None) -> bool:
    for ancestor in el.iterancestors():
        if ancestor is stop or ancestor.tag in ("body", "html"):
            return False
        if ancestor.tag in ("nav", "footer", "header", "aside"):
            return True
        if _EXCLUDED_AREA.search(f"{ancestor.get('class', '')} {ancestor.get('id', '')}"):
            return True
    return False


def figure_image(page: Page, figure: Element) -> Image | None:
    """One figure -> image with caption and credit split apart."""
    url, alt = _first_img(page, figure)
    if not url:
        return None
    captions = [c for c in _CAPTION(figure) if not any(a in _CAPTION(figure) for a in c.iterancestors())]
    credits = _CREDIT(figure)
    caption_text = " ".join(_text_without(c, credits) for c in captions)
    credit_text = " ".join(clean(c.text_content()) for c in credits if clean(c.text_content()))
    caption, credit = split_credit(caption_text)
    credit = clean_or_none(_LABEL_ONLY.sub("", clean(credit_text)).lstrip("©").strip()) or credit
    return Image(url=url, caption=caption, credit=credit, alt=alt)


def url_key(url: str) -> str:
    """Two URLs of the same picture in different sizes compare equal often enough."""
    parts = urlsplit(url)
    return (parts.netloc.removeprefix("www.") + parts.path).lower()


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
    for name, source in (("og:image", "opengraph"), ("og:image:url", "opengraph"), ("twitter:image", "meta")):
        absolute = page.absolute(page.meta_first(name))
        if absolute:
            alt = clean_or_none(page.meta_first("og:image:alt", "twitter:image:alt"))
            out.append((Image(url=absolute, caption=None, credit=None, alt=alt), source))
    return out


def extract_images(page: Page, container: Element | None) -> tuple[list[Image], str | None]:
    """Figures of the article in page order, merged with the lead image."""
    scope = _article_scope(container)
    figures: list[Image] = []
    seen: set[str] = set()
    for figure in _FIGURES(page.tree):
        if scope is not None and figure not in scope.iter() and not _above(figure, scope):
            continue
        if any(a is not figure and a in _figure_set(page) for a in figure.iterancestors()):
            continue
        if _in_excluded_area(figure, scope):
            continue
        image = figure_image(page, figure)
        if image and url_key(image["url"]) not in seen:
            seen.add(url_key(image["url"]))
            figures.append(image)
    leads = lead_candidates(page)
    if not leads:
        return figures, "html" if figures else None
    lead, source = leads[0]
    for image in figures:
        if url_key(image["url"]) == url_key(lead["url"]) or any(
                url_key(image["url"]) == url_key(other["url"]) for other, _ in leads):
            figures.remove(image)
            merged = Image(url=image["url"], caption=image["caption"] or lead["caption"],
                           credit=image["credit"] or lead["credit"], alt=image["alt"] or lead["alt"])
            return [merged] + figures, source
    return [lead] + figures, source


def _figure_set(page: Page) -> set[Element]:
    cached = getattr(page, "_figure_set", None)
    if cached is None:
        cached = set(_FIGURES(page.tree))
        page._figure_set = cached  # type: ignore[attr-defined]
    return cached


def _article_scope(container: Element | None) -> Element | None:
    """The article element around the text container (figures often sit above the text)."""
    if container is None:
        return None
    for ancestor in [container, *container.iterancestors()]:
        if ancestor.tag in ("article", "main") or ancestor.get("itemprop") == "articleBody":
            return ancestor
        if ancestor.tag in ("body", "html"):
            break
    parent = container.getparent()
    return parent if parent is not None and parent.tag not in ("body", "html") else container


def _above(figure: Element, scope: Element) -> bool:
    """A figure in the article header just before the scope (hero images)."""
    parent = scope.getparent()
    return parent is not None and parent.tag not in ("body", "html") and figure in parent.iter() \
        and figure.sourceline is not None and scope.sourceline is not None and figure.sourceline <= scope.sourceline
