"""Linked items: body links, related articles, feed/listing entries and videos."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import cast
from urllib.parse import urlsplit

from lxml import etree
from lxml import html as lxml_html

from scraper.extract.body import Block
from scraper.extract.dates import parse_date
from scraper.extract.page import Page
from scraper.extract.structured import nodes_of_type
from scraper.extract.text import clean, clean_or_none, short_text
from scraper.schema import LinkedItem

Element = lxml_html.HtmlElement

_RELATED = re.compile(r"related|recommend|read-?more|more-?stories|more-?news|other-?news|read-?next|also-?read|"
                      r"read-?also|see-?also|"
                      r"more-?from|you-?may|might-?like|further-?reading|weiterlesen|mehr-?zum|"
                      r"lire-?aussi|leggi-?anche|tambien", re.IGNORECASE)
RELATED_LABEL = re.compile(r"^(?:related|read (?:more|next|also)|more (?:stories|from|on|news)|see also|other news|"
                           r"інші новини|другие новости|weitere nachrichten|autres articles|"
                              r"you (?:may|might) (?:also )?like|recommended|further reading|"
                           r"mehr zum thema|lesen sie auch|das könnte sie|lire aussi|leggi anche|"
                           r"también|читайте також|читайте также|дивіться також)", re.IGNORECASE)
_VIDEO = re.compile(r"(?:^|[\W_])video|(?:^|[\W_])watch(?:$|[\W_])|play-?button|player", re.IGNORECASE)
_VIDEO_URL = re.compile(r"/videos?/|/watch[/?]|youtube\.com|youtu\.be|vimeo\.com|dailymotion\.com", re.IGNORECASE)
_EMBEDS = etree.XPath("//iframe[@src or @data-src] | //video[@src or source/@src]")
_EMBED_HOSTS = re.compile(r"youtube(?:-nocookie)?\.com|youtu\.be|vimeo\.com|dailymotion\.com|"
                          r"jwplayer|brightcove|players?\.|/embed/|/video", re.IGNORECASE)


def body_links(blocks: list[Block], kind: str = "in_body") -> list[LinkedItem]:
    """Links of body blocks (or of 'Read also:' lines dropped from the body, as related)."""
    seen: set[str] = set()
    out: list[LinkedItem] = []
    for block in blocks:
        for url, text in block.links:
            if url not in seen:
                seen.add(url)
                out.append(LinkedItem(url=url, title=text, kind=kind, summary=None,  # type: ignore[typeddict-item]
                                      published=None))
    return out


def _in_chrome(el: Element, title: str) -> bool:
    """Site header, footer, menus; a nav of long titles (a "Recent posts" list) is a feed."""
    long_title = len(title.split()) >= 4 and len(title) >= 25
    ancestors = list(el.iterancestors())
    in_entry = any(a.tag in ("article", "main") for a in ancestors)
    for ancestor in ancestors:
        tag, role = ancestor.tag, ancestor.get("role")
        if tag == "nav" or role in ("navigation", "menu") or tag == "menu":
            if not long_title:
                return True
        elif (tag == "form" and len(ancestor.text_content()) < 1500) or role in ("banner", "contentinfo"):
            return True  # a page-wide ASP.NET <form> is not chrome
        elif tag in ("header", "footer") and not in_entry:
            return True
    return False


_CARD_MAX_TEXT = 700


def _more_targets_than(el: Element, limit: int) -> bool:
    """Whether the element links to more than ``limit`` distinct places (stops counting early)."""
    targets: set[str] = set()
    for a in el.iter("a"):
        href = a.get("href")
        if href:
            targets.add(href)
            if len(targets) > limit:
                return True
    return False


def _card_of(link: Element, limit: Element | None) -> Element:
    """The smallest ancestor that reads as one entry: article, li, or a small block with one target."""
    card = link
    for ancestor in link.iterancestors():
        if ancestor is limit or ancestor.tag in ("body", "html", "main", "section", "ul", "ol"):
            break
        if _more_targets_than(ancestor, 2) or len(ancestor.text_content()) > _CARD_MAX_TEXT:
            break
        card = ancestor
        if ancestor.tag in ("article", "li"):
            break
    return card


_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def _title_of(card: Element, link: Element) -> str:
    """The entry's title: the link's heading, or the link's own text when it reads as a title.

    A short link (an author name, "Read more") only stands for its card when the
    card's heading has no link of its own."""
    for heading in link.iter(*_HEADINGS):
        text = clean(heading.text_content())
        if text:
            return text
    own = clean(link.text_content())
    for ancestor in link.iterancestors(*_HEADINGS):
        return own if len(own) >= 12 else clean(ancestor.text_content())
    if (len(own) >= 20 and len(own.split()) >= 3) or (len(own) >= 12 and _is_cjk(own)):
        return own
    for attr in ("title", "aria-label"):
        text = clean(link.get(attr))
        if len(text) > 15:
            return text
    if card.tag in ("article", "li") and len(card.text_content()) < 600:
        for heading in card.iter("h2", "h3", "h4", "h5", "h6"):
            if heading.find(".//a") is None:
                return clean(heading.text_content())
    if not own and not len(link) and card is not link:
        return _card_title(card)
    return own


def _card_title(card: Element) -> str:
    """The title of a card whose link is an empty overlay over it (a "stretched link"): its first
    heading that reads as a title, else its first line of text that does (the headline under a
    kicker heading: "HIGH TIDE" / "Harbour road closed as spring tide floods the old quay")."""
    if len(card.text_content()) >= _CARD_MAX_TEXT:
        return ""
    for heading in card.iter(*_HEADINGS):
        text = clean(heading.text_content())
        if _titled(text):
            return text
    lines = (clean(el.text_content()) for el in card.iter() if isinstance(el.tag, str) and not len(el))
    return next((line for line in lines if _titled(line) and len(line) <= _CARD_TITLE_MAX), "")


#: Longest line of a card read as its title (a longer one is its summary).
_CARD_TITLE_MAX = 150


_CJK = re.compile("[\u3040-\u9fff\uac00-\ud7af]")


def _is_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


def _titled(title: str) -> bool:
    """Long enough to be a story title: three words and 20 characters, or 12 CJK characters."""
    return (len(title) >= 20 and len(title.split()) >= 3) or (len(title) >= 12 and _is_cjk(title))


def _cannot_be_entry(link: Element) -> bool:
    """Cheap rejection of menu and footer links before the card is worked out: short text,
    no heading, no title attribute, and no small card with a heading of its own around it."""
    own = link.text_content().strip()
    if len(own) >= 12 or len(link) or link.get("title") or link.get("aria-label"):
        return False
    parent = link.getparent()
    if not own and parent is not None and \
            20 <= len(parent.text_content().strip()) < _CARD_MAX_TEXT:
        return False  # an empty link laid over its card (a "stretched link"): the card holds the title
    for ancestor in (parent, parent.getparent() if parent is not None else None):
        if ancestor is not None and ancestor.tag in ("li", "article") and \
                next(ancestor.iter("h2", "h3", "h4", "h5", "h6"), None) is not None:
            return False
    return True


_SUMMARY = re.compile(r"description|summary|excerpt|\bdek\b|standfirst|teaser-?text|\blead\b|intro|abstract",
                      re.IGNORECASE)


def _summary_of(card: Element, title: str) -> str | None:
    for el in card.iter():
        if not isinstance(el.tag, str) or not (el.tag == "p" or _SUMMARY.search(f"{el.get('class', '')}")):
            continue
        text = clean(el.text_content())
        if text and text != title and title not in text and len(text) > 20:
            return text
    return None


def _published_of(card: Element, page: Page, timezone: str | None = None) -> str | None:
    for time in card.iter("time"):
        value = parse_date(time.get("datetime") or time.text_content(), timezone, free_text=False)
        if value:
            return value
    return None


def _kind_of(card: Element, link: Element, url: str, related_cache: dict[Element, bool]) -> str:
    for el in [card, *card.iterancestors()]:
        if el.tag in ("body", "html"):
            break
        if el not in related_cache:
            names = f"{el.get('class', '')} {el.get('id', '')}"
            related_cache[el] = bool(_RELATED.search(names)) or _has_related_heading(el)
        if related_cache[el]:
            return "related"
    names = " ".join(f"{e.get('class', '')} {e.get('data-type', '')}" for e in card.iter() if isinstance(e.tag, str))
    if _VIDEO.search(names) or _VIDEO_URL.search(url):
        return "video"
    return "feed"


def _has_related_heading(el: Element) -> bool:
    """A block whose own heading says 'Related', 'Read more', ..."""
    for child in el:
        if child.tag in ("h2", "h3", "h4", "h5", "header", "div", "span", "p") and len(child) < 3:
            text = short_text(child, 39)
            if text and RELATED_LABEL.match(text):
                return True
    return False


@lru_cache(maxsize=65536)
def _host(url: str) -> str:
    """The host of an absolute http(s) URL, without www. (cheaper than urlsplit)."""
    host = url.split("/", 3)[2] if url.count("/") >= 2 else ""
    return host.rsplit("@", 1)[-1].lower().removeprefix("www.")


def _same_site(url: str, page: Page) -> bool:
    site = page.__dict__.get("_site") or page.__dict__.setdefault("_site", _host(page.url))
    host = _host(url)
    return host == site or host.endswith("." + site)


def listing_items(page: Page, timezone: str | None = None) -> list[LinkedItem]:
    """Entries of feed, listing and related blocks: one per target URL, in page order.

    ``timezone`` (the site's) reads entry dates given without an offset. Read once per page:
    the article reading and the listing reading both ask (a page of 50,000 links read twice
    cost twice the time and, in text copies, 60 MB more peak memory); each caller gets its own
    dicts."""
    memo: dict[str | None, list[LinkedItem]] = page.__dict__.setdefault("_listing_items", {})
    if timezone not in memo:
        memo[timezone] = _listing_items(page, timezone)
    return [cast(LinkedItem, dict(item)) for item in memo[timezone]]


def _listing_items(page: Page, timezone: str | None) -> list[LinkedItem]:
    page_key = _key(page.url)
    seen: set[str] = {page_key}
    out: list[LinkedItem] = []
    related_cache: dict[Element, bool] = {}
    for link in page.tree.iter("a"):
        url = page.absolute(link.get("href"))
        if not url or not _same_site(url, page) or _key(url) in seen or _navigational(url):
            continue
        if _cannot_be_entry(link):
            continue
        card = _card_of(link, None)
        title = _title_of(card, link)
        if not _titled(title):
            continue
        if _in_chrome(link, title):
            continue
        seen.add(_key(url))
        summary = _summary_of(card, title)
        out.append(LinkedItem(url=url, title=title, kind=_kind_of(card, link, url, related_cache),  # type: ignore[typeddict-item]
                              summary=summary, published=_published_of(card, page, timezone)))
    return out


def embedded_videos(page: Page) -> list[LinkedItem]:
    """Videos embedded in the article (iframes, <video>) and JSON-LD VideoObjects."""
    out: list[LinkedItem] = []
    seen: set[str] = set()
    for node in nodes_of_type(page.jsonld, "VideoObject"):
        url = node.get("embedUrl") or node.get("contentUrl") or node.get("url")
        url = page.absolute(url) if isinstance(url, str) else None
        if url and url not in seen:
            seen.add(url)
            out.append(LinkedItem(url=url, title=clean_or_none(str(node.get("name") or "")) or None,
                                  kind="video", summary=clean_or_none(str(node.get("description") or "")) or None,
                                  published=parse_date(node.get("uploadDate"), free_text=False)))
    for el in _EMBEDS(page.tree):
        src = el.get("src") or el.get("data-src")
        if src is None:
            source = el.find("source")
            src = source.get("src") if source is not None else None
        url = page.absolute(src)
        if not url or url in seen or (el.tag == "iframe" and not _EMBED_HOSTS.search(url)):
            continue
        seen.add(url)
        out.append(LinkedItem(url=url, title=clean_or_none(el.get("title")), kind="video",
                              summary=None, published=None))
    return out


_TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|mc_[ce]id|ref|ref_src|cmpid|ito|icid|source|share)=", re.IGNORECASE)


@lru_cache(maxsize=65536)  # pages repeat their menus: the same URLs come back on every page
@lru_cache(maxsize=65536)
def _key(url: str) -> str:
    """Identity of a link target: host, path and meaningful query (tracking parameters dropped)."""
    parts = urlsplit(url)
    query = "&".join(sorted(q for q in parts.query.split("&") if q and not _TRACKING.match(q)))
    key = parts.netloc.removeprefix("www.") + parts.path.rstrip("/")
    return (key + ("?" + query if query else "")).lower()


_NAVIGATION_PATH = re.compile(r"/(?:author|authors|autor|tag|tags|topic|topics|thema|themen|category|categories|"
                              r"kategorie|section|sections|feed|feeds|rss|search|suche|page|archive|archiv|user|"
                              r"users|profile|profil|login|subscribe|abo|newsletter)(?:/|$)", re.IGNORECASE)


_NOT_SECTION = re.compile(r"/(?:author|authors|autor|user|users|profile|profil|login|logout|register|"
                          r"subscribe|abo|newsletter|search|suche|feed|feeds|rss|print|share|tag|tags)(?:/|$)",
                          re.IGNORECASE)


def section_links(page: Page) -> list[str]:
    """Same-site links to section and category pages (menus included): where a crawl
    finds more listings. Author, tag, search, login and feed pages are left out."""
    seen, out = {_key(page.url)}, []
    for link in page.tree.iter("a"):
        url = page.absolute(link.get("href"))
        if not url or not _same_site(url, page) or _key(url) in seen:
            continue
        if _navigational(url) and not _NOT_SECTION.search(urlsplit(url).path) and urlsplit(url).path.strip("/"):
            seen.add(_key(url))
            out.append(url)
    return out


@lru_cache(maxsize=65536)
@lru_cache(maxsize=65536)
def _navigational(url: str) -> bool:
    """Author, tag, section, feed or search pages: where the site's menus go, not entries."""
    path = urlsplit(url).path
    if _NAVIGATION_PATH.search(path):
        return True
    segments = [s for s in path.split("/") if s]
    return len(segments) <= 1 and not re.search(r"\d", path) and (
        not segments or segments[0].count("-") < 3) and "." not in path


def next_page(page: Page) -> str | None:
    """The listing's next page: <link rel=next>, then an anchor rel=next or 'Next'."""
    for el in page.tree.iter("link", "a"):
        rel = (el.get("rel") or "").lower().split()
        if "next" in rel:
            url = page.absolute(el.get("href"))
            if url:
                return url
    for el in page.tree.iter("a"):
        text = clean(el.text_content()).lower()
        names = f"{el.get('class', '')}".lower()
        if re.match(r"^(?:next(?: page)?|older(?: posts| entries)?|weiter|suivant|siguiente|далі|"
                    r"nächste seite|show more|load more|more stories)\s*[›»→>]*$", text) or "next" in names.split():
            url = page.absolute(el.get("href"))
            if url:
                return url
    return None


_ASSET = re.compile(r"\.(?:css|js|json|xml|rss|atom|gz|zip|pdf|jpe?g|png|gif|webp|svg|ico|mp[34]|mov|avi|webm|"
                    r"woff2?|ttf|docx?|xlsx?|pptx?)$", re.IGNORECASE)
_NOT_FOLLOWED = re.compile(r"/(?:login|logout|signin|sign-in|register|signup|search|suche|share|print|feed|feeds|"
                           r"rss|cart|checkout|wp-admin|wp-login\.php)(?:/|$)|[?&](?:share|print|replytocom|"
                           r"action)=", re.IGNORECASE)


def other_links(page: Page, known: set[str] | frozenset[str] = frozenset(), limit: int | None = None) -> list[str]:
    """Every other same-site link that may lead to an article or a listing, in page order.

    A plain list of links (``<li><a href="/news/a.html">a.html</a></li>``) has no entry the
    listing recogniser accepts; a crawl still follows these, after the entries, and lets the
    classifier judge each fetched page. Assets, feeds, login/search/share/print links and
    the URLs in ``known`` (already followed as entries) are left out. ``limit``: stop after
    that many (the crawl follows no more: ``FOLLOW_OTHER_LINKS_MAX``)."""
    seen = {_key(page.url)} | {_key(u) for u in known}
    out = []
    for link in page.tree.iter("a"):
        url = page.absolute(link.get("href"))
        if not url or not url.startswith(("http://", "https://")) or not _same_site(url, page):
            continue
        url = url.split("#", 1)[0]
        key = _key(url)
        path = urlsplit(url).path
        if key in seen or _ASSET.search(path) or _NOT_FOLLOWED.search(url.split("//", 1)[-1]):
            continue
        seen.add(key)
        out.append(url)
        if limit is not None and len(out) >= limit:
            break
    return out
