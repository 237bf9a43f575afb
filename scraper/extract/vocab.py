"""Selectors and vocabularies as data: each field's evidence order, meta names, precompiled patterns.

``EVIDENCE`` is the one statement of the order in which each metadata field
looks at its sources; ``scraper.extract.metadata`` follows it (``tests/test_evidence.py``
keeps the two in step). Meta names are listed per field; ``meta_source`` is the
one rule telling an OpenGraph property from another meta tag.
"""
from __future__ import annotations

import itertools
import re
from functools import cache
from typing import TYPE_CHECKING, Any

from lxml import etree

from scraper.extract.page import Names
from scraper.extract.placement import holds_paragraphs, in_teaser, outside_excluded
from scraper.extract.text import clean

if TYPE_CHECKING:
    from scraper.extract.page import Page

Element = Any

#: Evidence order of each metadata field: the first source that gives a value wins, and is kept in
#: ``sources``. ``json-ld:breadcrumb`` is JSON-LD too, but a weaker statement than the article's own
#: properties, so it comes after the meta tags. Two fields put markup first, on purpose:
#:   language       ``<html lang>`` is the page's own statement; JSON-LD ``inLanguage`` and og:locale are
#:                  often one site-wide template value (wrong on every translated page).
#:   canonical_url  ``<link rel=canonical>`` is the canonical statement by definition (RFC 6596);
#:                  og:url and the JSON-LD url repeat it, or name the site's front page.
#: headline: candidates in this order, the first that an <h1> confirms wins (else see metadata.headline).
#: authors: people in this order; JSON-LD/microdata organisations only when no person is named.
EVIDENCE: dict[str, tuple[str, ...]] = {
    "headline": ("json-ld", "microdata", "opengraph", "meta", "html"),
    "authors": ("json-ld", "microdata", "opengraph", "meta", "html"),
    "published": ("json-ld", "microdata", "opengraph", "meta", "html"),
    "modified": ("json-ld", "microdata", "opengraph", "meta", "html"),
    "section": ("json-ld", "microdata", "opengraph", "meta", "json-ld:breadcrumb", "html"),
    "tags": ("json-ld", "microdata", "opengraph", "meta", "html"),
    "language": ("html", "json-ld", "opengraph", "meta"),
    "description": ("json-ld", "microdata", "opengraph", "meta"),
    "canonical_url": ("html", "opengraph", "json-ld"),
}

#: Meta tag names (lower case) per field, in the order they are read.
META_NAMES: dict[str, tuple[str, ...]] = {
    "headline": ("og:title", "twitter:title", "title", "dc.title", "sailthru.title", "parsely-title"),
    "authors": ("article:author", "og:article:author", "author", "dc.creator", "sailthru.author", "parsely-author",
                "byl", "cxenseparse:author"),
    "published": ("article:published_time", "og:article:published_time", "article:published", "datepublished",
                  "pubdate", "publishdate", "publish-date", "published_time", "date", "dc.date", "dc.date.issued",
                  "dcterms.created", "dcterms.date", "sailthru.date", "parsely-pub-date", "article.published",
                  "cxenseparse:recs:publishtime", "originalpublicationdate", "og:pubdate", "publication_date",
                  "date.available", "article_date_original", "displaydate", "article:published-on", "published_at"),
    "modified": ("article:modified_time", "og:updated_time", "og:article:modified_time", "datemodified", "lastmod",
                 "last-modified", "dcterms.modified", "dc.date.modified", "article.updated", "revised"),
    "section": ("article:section", "og:article:section", "section", "category", "parsely-section",
                "sailthru.section", "cxenseparse:pageclass-section", "article.section"),
    "tags": ("article:tag", "og:article:tag", "news_keywords", "keywords", "parsely-tags", "sailthru.tags"),
    "language": ("og:locale", "content-language", "language", "dc.language"),
    "description": ("og:description", "description", "twitter:description", "dc.description"),
    "canonical_url": ("og:url",),
}

#: The properties the OpenGraph protocol defines (with the ``og:article:`` spelling CMSes also use).
OPENGRAPH_NAMES = frozenset({
    "og:title", "og:description", "og:url", "og:locale", "og:site_name", "og:type", "og:updated_time",
    "article:published_time", "article:modified_time", "article:author", "article:section", "article:tag",
    "og:article:published_time", "og:article:modified_time", "og:article:author", "og:article:section",
    "og:article:tag",
})


def meta_source(name: str) -> str:
    """``opengraph`` for an OpenGraph property, else ``meta``."""
    return "opengraph" if name in OPENGRAPH_NAMES else "meta"


@cache
def meta_groups(field: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The field's meta names as ``(("opengraph", names), ("meta", names))`` (empty groups left out)."""
    names = META_NAMES[field]
    groups = [("opengraph", tuple(n for n in names if meta_source(n) == "opengraph")),
              ("meta", tuple(n for n in names if meta_source(n) == "meta"))]
    return tuple((source, group) for source, group in groups if group)  # cached: immutable

_HATOM_DATE = re.compile(r"\b(?:published|dtstart|dtreviewed|entry-date)\b")
_BYLINE = Names(re.compile(r"byline|author-?name|article-?author|author__name|authorname|dateline-author|author-?list|"
                           r"(?<![a-z])authors?(?![a-z])|(?<![a-z])autor(?:en)?(?![a-z])|writer"),
                ("byline", "author", "autor", "writer"))
_AUTHOR_HREF = re.compile(r"/(?:author|autor|autoren|people|profile|staff|journalist|reporter|redaktion)s?[/-]",
                          re.IGNORECASE)
_DATE = Names(re.compile(r"date|time|publish|posted|dateline|timestamp|meta-info|byline|datum|fecha|tarih|\bdata\b|"
                         r"fecha|zeit|czas|datetime|pubdate"),
              ("date", "time", "publish", "posted", "meta-info", "byline", "datum", "fecha", "tarih", "data", "zeit",
               "czas"))
_TAGS = Names(re.compile(r"\btags\b|tag-?list|taglist|tags-links|tag-links|\bkeywords\b|\btopics\b|-tags\b"),
              ("tag", "keywords", "topics"))
_BLOCKS = frozenset({"div", "span", "p", "address", "a", "li", "section"})
_LEAF_TEXT = frozenset({"div", "span", "p", "li", "time"})


#: Most text of a byline block whose profile links name the authors.
_BYLINE_BLOCK_TEXT = 3000


def byline_links(page: Page) -> list[Element]:
    """Author links: rel=author, microdata author names, profile links in byline blocks."""
    found = [a for a in page.tree.iter("a") if "author" in (a.get("rel") or "").lower().split()]
    authors = set(page.attributes.itemprops.get("author", ()))
    found += [el for el in page.attributes.itemprops.get("name", ())
              if any(a in authors for a in el.iterancestors())]
    for block in page.find_named(_BYLINE):
        if block.tag in ("html", "body") or page.text_len(block) > _BYLINE_BLOCK_TEXT:
            continue  # a page-wide feature flag ("flag-multipleBylines-on"), not a byline
        found += [a for a in block.iter("a") if _AUTHOR_HREF.search(a.get("href") or "")]
    seen: set[Element] = set()
    kept = [el for el in found if not (el in seen or seen.add(el)) and outside_excluded(page, el, meta=True)
            and not in_teaser(page, el)]
    return _beside_first(page, kept)


#: A block holding this many paragraphs of 150 characters or more holds the article's text: two author
#: links that first meet there belong to two places (the byline, and a video strip or a column beside).
_TEXT_PARAGRAPHS = 3


def _beside_first(page: Page, links: list[Element]) -> list[Element]:
    """The links of one byline: the first that names someone, and those that meet it below the
    article's text (rel=author links in a video strip or a "more from" column name other stories'
    authors)."""
    first = next((a for a in links if a.text_content().strip()), None)
    if first is None:
        return links
    around = set(first.iterancestors())
    return [a for a in links if a is first or not _holds_text(page, next(
        (el for el in a.iterancestors() if el in around), None))]


def _holds_text(page: Page, block: Element | None) -> bool:
    return block is None or holds_paragraphs(page, block, _TEXT_PARAGRAPHS)


#: The post's meta line ("entry-meta", "post-info"...): "Posted by NAME on DATE in SECTION".
_META_LINE = Names(re.compile(r"(?:entry|post|article|story)[-_]?(?:meta|info|details|header)|postmeta|postinfo"
                              r"|(?<![a-z-])meta(?![a-z-])"),
                   ("meta", "info", "details", "header"))


def meta_lines(page: Page) -> list[Element]:
    """A post's meta lines outside comments and related lists (blog themes put the byline here
    as plain text, without a byline class or an author link)."""
    return [el for el in page.find_named(_META_LINE, _BLOCKS | {"header"}) if outside_excluded(page, el)]


#: A right-aligned paragraph: where some newsrooms sign an article off with its author's name.
_RIGHT_ALIGNED = "//p[@align='right' or contains(translate(@style, ' ', ''), 'text-align:right')]"


def sign_offs(page: Page) -> list[str]:
    """Texts of right-aligned paragraphs written wholly in bold, last first: the author's name
    signed under the text (``<p style="text-align:right"><strong>Lê Phương</strong></p>``)."""
    out = []
    for el in page.tree.xpath(_RIGHT_ALIGNED):
        bold = [child for child in el if child.tag in ("strong", "b")]
        text = clean(el.text_content())
        if len(bold) == 1 and text and clean(bold[0].text_content()) == text and (
                any(a.tag == "article" for a in el.iterancestors()) or outside_excluded(page, el)):
            out.append(text)  # (a page may call its main column "sidebar-1": an <article> is the article)
    return out[::-1]


def profile_links(page: Page) -> list[Element]:
    """Links to author pages (``/autoren/77921134/konstantin-furrer``, ``/author/anna-lee/``) outside
    bylines whose class names say nothing ("Article_elementAuthors__LsHcz"): the first such link,
    and the ones beside it (within three levels of it), outside chrome, other stories' cards and
    long link lists (a menu of columnists). The first after the headline's ``h1`` comes first: a
    site's menus come before it."""
    links, after_h1, seen_h1 = [], [], False
    for el in page.tree.iter("a", "h1"):
        if el.tag == "h1":
            seen_h1 = True
        elif _AUTHOR_PAGE.search(el.get("href") or ""):
            links.append(el)
            if seen_h1:
                after_h1.append(el)
    return _beside_first_profile(page, after_h1) or _beside_first_profile(page, links)


def _beside_first_profile(page: Page, links: list[Element]) -> list[Element]:
    found: list[Element] = []
    near: set[Element] = set()  # the first link's three nearest ancestors
    list_sizes: dict[Element, int] = {}  # (counted once a list: a menu of 100,000 items stays linear)
    for a in links:
        if found:
            if not near.isdisjoint(a.iterancestors()):
                found.append(a)
        elif outside_excluded(page, a) and not in_teaser(page, a) and not _in_link_list(a, list_sizes):
            found.append(a)
            near = set(itertools.islice(a.iterancestors(), 3))
    return found


#: A list of this many items or more is a menu or an index, not one story's byline.
_LINK_LIST_ITEMS = 6


def _in_link_list(a: Element, sizes: dict[Element, int]) -> bool:
    item = next((el for el in itertools.islice(a.iterancestors(), 3) if el.tag == "li"), None)
    parent = item.getparent() if item is not None else None
    if parent is None:
        return False
    if parent not in sizes:
        sizes[parent] = sum(1 for child in parent if child.tag == "li")
    return sizes[parent] >= _LINK_LIST_ITEMS


#: An author's page by its path alone (narrower than ``_AUTHOR_HREF``, which a byline block
#: vouches for: "/people/" and "/staff/" are as often a magazine or a staff list).
_AUTHOR_PAGE = re.compile(r"/(?:author|autor|autoren|auteur|autore|journalist|reporter)s?[/-]", re.IGNORECASE)


def byline_blocks(page: Page) -> list[Element]:
    return [el for el in page.find_named(_BYLINE, _BLOCKS) if outside_excluded(page, el, meta=True)
            and not in_teaser(page, el)]


def time_elements(page: Page) -> list[Element]:
    """Date elements with a machine value: ``<time datetime>``, ``itemprop=datePublished``, hAtom
    (read once a page: the published date and the date statements both ask)."""
    cached = page.__dict__.get("_time_elements")
    if cached is None:
        found = [t for t in page.tree.iter("time") if t.get("datetime")]
        found += [el for el in page.attributes.itemprops.get("datePublished", ())
                  if el.get("datetime") or el.get("content")]
        # hAtom microformat: <abbr class="published" title="2026-02-14T18:42:00-08:00">
        found += [el for el in page.attributes.titled_abbr_span if el.get("title")
                  and _HATOM_DATE.search(el.get("class") or "")]
        cached = page.__dict__["_time_elements"] = [el for el in found if outside_excluded(page, el, meta=True)]
    return list(cached)


def machine_date(el: Element) -> str | None:
    """The machine-readable value of a date element (datetime, content or hAtom title)."""
    return el.get("datetime") or el.get("content") or el.get("title")


#: ``data-*`` attributes that hold a machine date beside a visible one (``data-origindate``,
#: ``data-published-date``, ``data-timestamp``), and any element's ``datetime`` attribute
#: (the elements that have one: ``AttributeIndex.dated``).
_MACHINE_ATTRIBUTE_NAME = re.compile(r"^data-.*(?:date|time|publish)|^datetime$")


def machine_dates(page: Page, limit: int = 12) -> list[str]:
    """The first machine-readable dates of the markup: the date elements' values (``time_elements``),
    then ``datetime`` and ``data-*date*`` attributes of any element, in document order. Dates in
    quotes are left out: they date what is embedded (a tweet's blockquote), not the page."""
    values = [v for v in (machine_date(el) for el in time_elements(page) if not _embedded(el)) if v]
    for el in page.attributes.dated:
        if len(values) >= limit:
            break
        if _embedded(el) or not outside_excluded(page, el, meta=True):
            continue
        values += [v for k, v in el.attrib.items() if _MACHINE_ATTRIBUTE_NAME.match(k) and v]
    return values[:limit]


def _embedded(el: Element) -> bool:
    return any(a.tag == "blockquote" for a in el.iterancestors())


def date_blocks(page: Page) -> list[Element]:
    found = list(page.tree.iter("time"))
    found += [el for el in page.find_named(_DATE, _LEAF_TEXT)
              if not any(child.tag in ("div", "p", "section") for child in el)]
    return [el for el in found if outside_excluded(page, el, meta=True)]


def tag_links(page: Page) -> list[Element]:
    found = [a for a in page.tree.iter("a") if "tag" in (a.get("rel") or "").lower().split()
             and "category" not in (a.get("rel") or "").lower().split()]
    for block in [*page.find_named(_TAGS), *_labelled_tag_blocks(page)]:
        if page.text_len(block) < 600:
            found += [a for a in block.iter("a") if "category" not in (a.get("rel") or "").lower().split()]
    seen: set[Element] = set()
    return [el for el in found if not (el in seen or seen.add(el)) and outside_excluded(page, el)
            and not _TAG_LABEL.match(clean(el.text_content()))]


#: A label that opens a list of tag links ("Tags:", "Schlagwörter:", "Mots-clés :").
_TAG_LABEL = re.compile(r"^(?:tags?|tagged(?: with)?|schlagw(?:ö|oe)rter|schlagworte|stichw(?:ö|oe)rter|themen|"
                        r"etiquetas|mots[- ]cl(?:é|e)s|parole chiave|trefwoorden|tagi|etiketter|теги|метки|теґи)"
                        r"\s*[:：]?$", re.IGNORECASE)
#: Short text nodes that may be a tag label: XPath tests the first letter (every label in
#: ``_TAG_LABEL`` opens with one of these, or with a space XPath does not fold), so Python cleans
#: and matches a few hundred nodes a page instead of every short one (1.2 ms -> 0.5 ms a page).
_LABEL_CANDIDATES = etree.XPath(
    "//text()[string-length(normalize-space()) < 20]"
    "[contains('tTsSeEmMpP\u0442\u0422\u043c\u041c\u00a0\u200b\ufeff', substring(normalize-space(), 1, 1))]"
    "[normalize-space()]")


def _labelled_tag_blocks(page: Page) -> list[Element]:
    """The block around a "Tags:" label whose class says nothing: the label's parent, or its
    grandparent when the label sits in a ``<span>``/``<strong>`` of its own beside the links."""
    blocks = []
    for node in _LABEL_CANDIDATES(page.tree):
        if not _TAG_LABEL.match(clean(node)):
            continue
        el = node.getparent()
        el = el.getparent() if node.is_tail and el is not None else el
        if el is not None and el.find(".//a") is None:
            el = el.getparent()
        if el is not None and el.find(".//a") is not None and outside_excluded(page, el):
            blocks.append(el)  # (a link that is the label itself, "Tags" to the tag index, is left out below)
    return blocks


_SECTION = Names(re.compile(r"primary-?tag|cat-?links|\bcategory\b|post-?category|section-?(?:name|label|title|link)|"
                            r"rubric|rubrik|\bkicker\b|article-?section|__label|\beyebrow\b|overline|"
                            r"breadcrumb|ressort"),
                 ("primary", "cat", "section", "rubri", "kicker", "__label", "eyebrow", "overline", "breadcrumb",
                  "ressort"))
_HOME = re.compile(r"^(?:home|start|startseite|головна|главная|accueil|inicio|portada|news)$", re.IGNORECASE)


def section_labels(page: Page) -> list[str]:
    """Visible section labels: category links, primary tags, kickers, breadcrumbs."""
    texts: list[str] = []
    for a in page.tree.iter("a"):
        if "category" in (a.get("rel") or "").lower().split():
            texts.append(a.text_content())
    for block in page.find_named(_SECTION):
        if page.text_len(block) > 200 or not outside_excluded(page, block):
            continue
        names = f"{block.get('class', '')} {block.get('id', '')}".lower()
        if "breadcrumb" in names:
            texts += _last_crumb(block)
            continue
        link = block.find(".//a")
        texts.append(link.text_content() if link is not None else block.text_content())
    for block in _unnamed_breadcrumbs(page):
        texts += _last_crumb(block)
    return texts


def _last_crumb(block: Element) -> list[str]:
    """The last crumb of a breadcrumb trail that is not "Home" (each ``li`` a crumb, else each child)."""
    crumbs = list(block.iter("li")) or [c for c in block if isinstance(c.tag, str)]
    parts = [p for p in (" ".join(c.text_content().split()).strip(" >›»/|·") for c in crumbs)
             if p and not _HOME.match(p)]
    return parts[-1:]


def _unnamed_breadcrumbs(page: Page) -> list[Element]:
    """Breadcrumb trails said so by ARIA (``<nav aria-label="Breadcrumb">``) or microdata
    (``itemtype=".../BreadcrumbList"``) rather than by a class name, outside comments and sidebars."""
    found = [el for el in _ARIA_LABELLED(page.tree) if "breadcrumb" in el.get("aria-label", "").lower()] + [
        el for el in page.attributes.scopes if "breadcrumblist" in (el.get("itemtype") or "").lower()]
    return [el for el in found if page.text_len(el) <= 200 and outside_excluded(page, el)]


#: Elements with an ARIA label (few a page): XPath finds them, Python reads the label (a
#: case-blind XPath test costs 0.5 ms a page, this 0.3).
_ARIA_LABELLED = etree.XPath("//*[@aria-label]")


#: Elements never part of the article text.
DROP_TAGS = frozenset("""script style noscript template svg canvas iframe object embed form button
input select textarea nav footer aside dialog menu video audio picture source map head
math mjx-container""".split())  # typeset formulae read as one glyph a line, not as text

#: Whole paragraphs that are page furniture, not text (compared after case folding).
FURNITURE = re.compile(
    r"^(?:\d+\s*(?:min(?:ute)?s?|мин|хв|min\.)\s*(?:read|lesezeit|de lecture|читання)?|show more|advert|"
    r"this slideshow requires javascript|tell us what you think|close|voltar|zurück|back to top|don'?t miss|"
    r"get short url|like this story\?.*|(?:(?:facebook|twitter|google\+|whatsapp|linkedin|pinterest|e-?mail|"
    r"telegram|reddit|print|messenger|viber|vk|x)\W*){2,}|"
    r"load more|read more|video thumbnail|advertisement|anzeige|werbung|publicité|реклама|"
    r"share(?: this(?: \w+)?)?(?: on \w+)?|tweet|email|print|copy link|comments?|listen(?: to this article)?|"
    r"sign up|subscribe|follow us.*|click here.*|skip to (?:main )?content|read next|"
    r"related(?: articles| stories| content)?|more from .{1,40}|see also|continue reading|"
    r"image|photo|video|caption|watch|loading.*|"
    # what a browser without scripts or plug-ins shows in place of a player or a widget
    r"(?:to (?:view|watch|see|play|listen)|please|you (?:need|must)|this (?:video|content|page|player))\b[^.]{0,100}"
    r"\b(?:javascript|flash)\b[^.]{0,100}|(?:copyright|©|\(c\))[^.]{0,80}\.?\s*all rights reserved)[.:!…]?$",
    re.IGNORECASE,
)

#: Longest paragraph checked against FURNITURE. Furniture lines are short; the pattern's repeated
#: group costs ~180 bytes of memory per character of a long run that matches it ("xxxx..."), so
#: longer text is never matched (a 4 MB word cost 714 MB before this bound).
FURNITURE_MAX_CHARS = 200


def is_furniture_line(key: str) -> bool:
    """A whole paragraph (case-folded) that is page furniture, not text."""
    return len(key) <= FURNITURE_MAX_CHARS and FURNITURE.match(key) is not None
