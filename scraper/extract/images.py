"""Images with caption, credit and alt: content images in page order, lead image first.

Image-first: every content image (not in site chrome, teasers, avatars or
logos) is paired with its caption and credit (``scraper.extract.captions``); the lead
image from JSON-LD, microdata or OpenGraph is merged with its figure or put first.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any
from urllib.parse import unquote, urlsplit

from lxml import html as lxml_html

from scraper.extract.captions import caption_near, described, is_caption_el, names, split_credit
from scraper.extract.page import Page
from scraper.extract.structured import types_of
from scraper.extract.text import clean_or_none
from scraper.schema import Image

Element = lxml_html.HtmlElement

_EXCLUDED_AREA = re.compile(r"related|recommend|teaser|promo|sidebar|newsletter|comment|avatar|logo|"
                            r"social|share|most-?read|popular|trending|\bcard\b|\bfeed\b|news-?feed|thumbnail|\bads?\b|"
                            r"advert|sponsor|author|byline|profile",
                            re.IGNORECASE)
#: A furniture-named wrapper with more text than this holds the article, not a teaser.
_AREA_MAX_TEXT = 1500
_ICON = re.compile(r"\.svg(?:$|\?)|sprite|pixel|spacer|blank\.gif|1x1|logo|icon|avatar|placeholder|gravatar|"
                   r"piwik|matomo|qr-?codes?\b", re.IGNORECASE)  # (tracking pixels, app-download QR codes)


#: A host that serves only such things ("pixel.example.com", "secure.gravatar.com").
_ICON_HOST = re.compile(r"(?:^|\.)(?:pixels?|gravatar|avatars?|logos?|icons?|sprites?)\d*\.", re.IGNORECASE)


def _is_icon(url: str) -> bool:
    """An icon, logo, avatar or tracking pixel by its file path or a host of its own (a word
    inside a site's name does not count: "mexiconews" serves photos)."""
    if not _ICON.search(url):
        return False  # the common case: none of the words anywhere in the URL
    parts = urlsplit(url)
    return bool(_ICON.search(f"{parts.path}?{parts.query}" if parts.query else parts.path)
                or _ICON_HOST.search(parts.netloc))


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
        if value.isascii() and value.isdigit() and int(value) < 80:
            return True
    return False


_INNER_URL = re.compile(r"(?:^|&)(?:url|src|image|img|u)=((?:https?(?::|%3A)|/)[^&]+)", re.IGNORECASE)


def _picture_of(url: str) -> str:
    """The picture an image proxy serves ("cdn.example/?url=https://site/a.jpg&w=1000" -> the
    inner URL), else the URL itself: every picture of a proxy shares its host and path."""
    if "?" not in url:
        return url
    parts = urlsplit(url)
    if parts.query and "." not in parts.path.rsplit("/", 1)[-1]:
        match = _INNER_URL.search(parts.query)
        if match:
            return unquote(match.group(1))
    return url


@lru_cache(maxsize=4096)  # every image is compared with every other: the same URLs come back
def url_key(url: str) -> str:
    """Two URLs of the same picture in different sizes compare equal often enough."""
    parts = urlsplit(_picture_of(url))
    return (parts.netloc.removeprefix("www.") + parts.path).lower()


@lru_cache(maxsize=4096)
def _stem(url: str) -> str:
    """The file name without sizes and extension: 'photo-1200x630.jpg' -> 'photo'."""
    name = urlsplit(_picture_of(url)).path.rstrip("/").rsplit("/", 1)[-1].lower()
    name = re.sub(r"\.(?:jpe?g|png|webp|gif|avif)$", "", name)
    return re.sub(r"[-_@]?(?:\d{2,4}x\d{2,4}|w\d{2,4}|\d{2,4}w|scale_\d|\d+x)$", "", name)


def same_picture(a: str, b: str) -> bool:
    if url_key(a) == url_key(b):
        return True
    stem_a, stem_b = _stem(a), _stem(b)
    return len(stem_a) >= 8 and stem_a == stem_b


# --------------------------------------------------------------------------- areas
def _small_excluded_area(el: Element, areas: dict[Element, bool]) -> bool:
    """A teaser/avatar/ad block with little text; memoised, since every image asks of every ancestor."""
    verdict = areas.get(el)
    if verdict is None:
        verdict = bool(_EXCLUDED_AREA.search(names(el))) and not is_caption_el(el) \
            and len(el.text_content()) < _AREA_MAX_TEXT and not _captioned_figure(el)
        areas[el] = verdict
    return verdict


def _captioned_figure(el: Element) -> bool:
    """A ``<figure>`` with a caption of its own that links nowhere: a photo with its caption, whatever
    its class says ("articleImageFigure teaser-image"); a teaser card's caption is a link to its story.
    Not an avatar's, a logo's or an ad's figure, nor a caption of one or two words (a name, "Anzeige")."""
    if el.tag != "figure" or _NEVER_CONTENT.search(names(el)):
        return False
    caption = next((child for child in el if child.tag == "figcaption"), None)
    return caption is not None and len(caption.text_content().split()) >= 3 and caption.find(".//a[@href]") is None


_NEVER_CONTENT = re.compile(r"avatar|logo|author|byline|profile|\bads?\b|advert|sponsor|social|share|comment",
                            re.IGNORECASE)


def _excluded(img: Element, areas: dict[Element, bool]) -> bool:
    """In site chrome, teasers, avatars, logos or ads (an article's own header is fine)."""
    in_article = False
    chrome = False
    for ancestor in img.iterancestors():
        tag = ancestor.tag
        if tag in ("article", "main") or ancestor.get("itemprop") == "articleBody":
            in_article = True
        elif tag in ("nav", "footer", "aside") or (tag == "header" and not in_article):
            chrome = True
        if tag not in ("article", "main") and _small_excluded_area(ancestor, areas):
            return True
    return chrome and not in_article


_CARD_MAX_TEXT = 300
_CARD_MAX_RAW = 20 * _CARD_MAX_TEXT  # source indentation counts in the raw text


def _teaser_card(page: Page, img: Element) -> bool:
    """The picture of a teaser card: a small block whose text is mostly a headline link to another
    page (a "Most read" carousel item), or whose headline links where the picture links."""
    image_href = next((a.get("href") for a in img.iterancestors("a")), None)
    for depth, ancestor in enumerate(img.iterancestors()):
        if depth >= 4 or page.text_len(ancestor) > _CARD_MAX_RAW:
            return False  # (the raw length, memoised for the page, rules out big blocks cheaply)
        text = " ".join(ancestor.text_content().split())
        if len(text) > _CARD_MAX_TEXT:
            return False
        for link in ancestor.iter("a"):
            href = link.get("href") or ""
            if not href or href.startswith("#") or _IMAGE_HREF.search(href):
                continue
            title = " ".join(link.text_content().split())
            if len(title) >= 20 and (len(title) >= 0.5 * len(text) or href == image_href):
                return True
    return False


_IMAGE_HREF = re.compile(r"\.(?:jpe?g|png|webp|gif)(?:$|\?)", re.IGNORECASE)


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
def content_images(page: Page, lead_urls: tuple[str, ...] = ()) -> list[Image]:
    """Every content image of the page with its caption, in page order, one per picture. The
    lead picture the page's data names is the article's wherever it sits (a "post-thumbnail"
    block, a header above the article)."""
    urls = {img: _picture_url(page, img) for img in page.tree.iter("img", "amp-img") if not _too_small(img)}
    candidates = [img for img, url in urls.items() if url and not _is_icon(url)]
    page_images = set(candidates)
    out: list[Image] = []
    areas: dict[Element, bool] = {}
    for img in candidates:
        url = urls[img]
        if _excluded(img, areas) and not any(same_picture(url, lead) for lead in lead_urls):
            continue
        caption, credit = caption_near(img, page_images)
        if (not caption and _linked_elsewhere(img)) or _teaser_card(page, img):
            continue
        alt = clean_or_none(img.get("alt"))
        if not caption:
            caption, split = split_credit(described(img, alt))
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
    leads = lead_candidates(page)
    images = content_images(page, tuple(lead["url"] for lead, _ in leads))
    images = [i for i in images if i["caption"] or _near_article(page, i, container)]
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
