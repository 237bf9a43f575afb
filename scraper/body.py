"""Article body: find the main text container, then read its blocks in order.

The container is chosen by scoring (paragraph length, commas, link density,
class hints, and agreement with a structured ``articleBody`` when the page has
one). Reading the container skips furniture: figures and captions, share
bars, bylines, newsletter boxes, related lists, hidden elements.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import html as lxml_html

from scraper import selectors as sel
from scraper.page import Page
from scraper.text import clean, fold

Element = lxml_html.HtmlElement

BLOCK_TAGS = frozenset("""p div section article main header h1 h2 h3 h4 h5 h6 ul ol li dl dt dd
blockquote pre table thead tbody tr td th figure figcaption hr br address details summary center""".split())
HEADINGS = frozenset("h2 h3 h4 h5 h6".split())
#: Ancestors that rule a paragraph out as article text (a page-wide <form>, as ASP.NET makes, does not).
_NOT_TEXT = frozenset("script style noscript template nav footer aside header button select textarea "
                      "dialog menu".split())
_POSITIVE = re.compile(r"article|body|content|entry|main|story|text|post|blog|prose|rich-?text|paragraph",
                       re.IGNORECASE)
_NEGATIVE = re.compile(r"comment|footer|sidebar|related|recommend|promo|teaser|share|social|newsletter|"
                       r"widget|nav|menu|breadcrumb|cookie|banner|ad-|advert|outbrain|taboola|popular|"
                       r"most-read|trending", re.IGNORECASE)
_CONTAINER_HINT = re.compile(r"(?:article|story|entry|post|content|news)[-_]?(?:body|text|content)|"
                             r"articlebody|rich-?text|body-?text|main-?content", re.IGNORECASE)
_DOUBLE_BREAK = re.compile(r"\n[ \t\u00a0]*\n")
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
_KEEP_WORDS = frozenset("body content text article story entry main prose paragraph".split())


#: Class tokens that describe a state or a taxonomy, not a block ("has-post-thumbnail", "tag-sharing").
_STATE_PREFIXES = frozenset("has is no with show hide format type category tag status post_format js "
                            "single template page postid".split())


def _is_boilerplate(el: Element) -> bool:
    """Class/id names that mark page furniture, matched on whole name parts."""
    names = f"{el.get('class', '')} {el.get('id', '')}".strip()
    if not names:
        return False
    for token in _TOKEN_SPLIT.split(names.lower()):
        parts = [p for p in _PART_SPLIT.split(token) if p]
        if not parts or parts[0] in _STATE_PREFIXES:
            continue
        furniture = parts[0] in _BOILER_WORDS or parts[-1] in _BOILER_WORDS or parts[0].startswith(_BOILER_PREFIXES)
        if furniture and (not (set(parts) & _KEEP_WORDS) or parts[-1] in _BOILER_WORDS):
            return True
    return False


_HIDDEN_CLASSES = frozenset("hidden d-none hide is-hidden display-none visually-hidden sr-only "
                            "screen-reader-text screenreader-only".split())


def _is_hidden(el: Element) -> bool:
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    tokens = (el.get("class") or "").lower().split()
    if _HIDDEN_CLASSES.intersection(tokens) and not any(":" in t for t in tokens):  # "hidden md:block" shows
        return True
    style = el.get("style")
    return bool(style) and re.search(r"display\s*:\s*none|visibility\s*:\s*hidden", style) is not None


@dataclass
class Block:
    """One paragraph-level block of text with the links inside it."""

    text: str
    tag: str
    links: list[tuple[str, str]] = field(default_factory=list)
    link_chars: int = 0


class _Reader:
    """Walks a container and emits blocks, skipping furniture."""

    def __init__(self, page: Page, keep_chars: int) -> None:
        self.page = page
        self.keep_chars = keep_chars
        self.blocks: list[Block] = []
        self._parts: list[str] = []
        self._links: list[tuple[str, str]] = []
        self._link_chars = 0
        self._tag = "p"
        self._open_link: str | None = None
        self._flushes = 0

    def flush(self) -> None:
        pieces = _DOUBLE_BREAK.split("".join(self._parts))  # <br><br> separates paragraphs
        for piece in pieces:
            text = clean(piece)
            if not text:
                continue
            if self._open_link:  # a block inside a link (a whole teaser card is one <a>)
                links, link_chars = [(self._open_link, text)], len(text)
            elif len(pieces) == 1:
                links, link_chars = self._links, self._link_chars
            else:
                links = [(u, t) for u, t in self._links if t in text]
                link_chars = sum(len(t) for _, t in links)
            self.blocks.append(Block(text, self._tag, links, link_chars))
        self._parts, self._links, self._link_chars, self._tag = [], [], 0, "p"
        self._flushes += 1

    def skip(self, el: Element) -> bool:
        tag = el.tag
        if tag == "form":
            return len(el.text_content()) < self.keep_chars  # ASP.NET wraps whole pages in a form
        if tag in sel.DROP_TAGS or tag in ("figure", "figcaption", "h1"):
            return True
        if _is_hidden(el):
            return True
        if _is_boilerplate(el):
            # A furniture-named wrapper that holds most of the text is the article itself.
            return len(el.text_content()) < self.keep_chars
        return False

    def read(self, el: Element, in_link: bool = False) -> None:
        tag = el.tag
        if not isinstance(tag, str):
            if el.tail:
                self._parts.append(el.tail)
            return
        if self.skip(el):
            if el.tail:
                self._parts.append(el.tail)
            return
        block = tag in BLOCK_TAGS
        if tag == "br":
            self._parts.append("\n")
            if el.tail:
                self._parts.append(el.tail)
            return
        if block:
            self.flush()
            if tag in HEADINGS or tag == "li" or tag == "blockquote":
                self._tag = tag
        if tag == "a" and not in_link:
            start, flushes = len("".join(self._parts)), self._flushes
            url = self.page.absolute(el.get("href"))
            self._open_link = url or ""
            self._read_children(el, True)
            self._open_link = None
            text = clean("".join(self._parts)[start if flushes == self._flushes else 0:])
            if text:
                self._link_chars += len(text)
                if url:
                    self._links.append((url, text))
        else:
            self._read_children(el, in_link)
        if block:
            self.flush()
        if el.tail:
            self._parts.append(el.tail)

    def _read_children(self, el: Element, in_link: bool) -> None:
        if el.text:
            self._parts.append(el.text)
        for child in el:
            self.read(child, in_link)


def read_blocks(page: Page, container: Element) -> list[Block]:
    total = len(container.text_content())
    reader = _Reader(page, keep_chars=int(total * 0.5))
    reader._read_children(container, False)
    reader.flush()
    return reader.blocks


# --------------------------------------------------------------------------- container choice
_RELATED_TITLE = re.compile(r"related|recommend|more-?(?:stories|news|posts)|read-?(?:more|next|also)|popular|"
                            r"trending|comments?\b", re.IGNORECASE)


def _class_weight(el: Element) -> float:
    names = f"{el.get('class', '')} {el.get('id', '')}"
    weight = 0.0
    for child in el[:3]:
        if child.tag in ("h2", "h3", "h4", "div", "header") and _RELATED_TITLE.search(
                f"{child.get('class', '')} {child.get('id', '')}"):
            weight -= 40  # a block titled "Related posts" is a list of other articles
    if _CONTAINER_HINT.search(names) or el.get("itemprop") == "articleBody":
        weight += 30
    elif _POSITIVE.search(names):
        weight += 10
    if _NEGATIVE.search(names):
        weight -= 25
    if el.tag == "article":
        weight += 10
    return weight


#: Elements that count as a paragraph only through the text they carry directly.
_DIRECT_TEXT = ("div", "section", "li", "td", "font", "span", "article")


#: Class/id parts of blocks whose paragraphs never count towards the article (comments, related...).
_NOT_ARTICLE_WORDS = frozenset("""comment comments commentlist disqus respond replies reply related
recommended recommendations sidebar outbrain taboola newsletter footer mostread popular""".split())


def _not_article_names(names: str) -> bool:
    """A class/id token that starts or ends with a comments/related/sidebar word."""
    for token in names.lower().split():
        parts = [p for p in re.split(r"[-_]+", token) if p]
        if parts and (parts[0] in _NOT_ARTICLE_WORDS or parts[-1] in _NOT_ARTICLE_WORDS):
            return True
    return False


def _outside_text(para: Element, memo: dict[Element, bool]) -> bool:
    """In chrome (nav, footer...) or in a comments/related/sidebar block."""
    for ancestor in para.iterancestors():
        if ancestor in memo:
            if memo[ancestor]:
                return True
            continue
        names = f"{ancestor.get('class', '')} {ancestor.get('id', '')}"
        verdict = ancestor.tag in _NOT_TEXT or (
            ancestor.tag not in ("body", "html", "main", "article") and _not_article_names(names))
        memo[ancestor] = verdict
        if verdict:
            return True
    return False


def _lineage(el: Element | None, depth: int) -> list[Element]:
    out = []
    while el is not None and len(out) < depth and isinstance(el.tag, str):
        out.append(el)
        el = el.getparent()
    return out


def _direct_text(el: Element) -> str:
    """Text an element carries itself, not inside child elements (its own text and child tails)."""
    parts = [el.text or ""]
    parts += [child.tail or "" for child in el if child.tag in ("br", "img", "a", "b", "strong", "i", "em", "span")]
    return "".join(parts).strip()


def _paragraph_elements(root: Element) -> Iterator[tuple[Element, int]]:
    """Paragraph-like elements with their text length; a div counts when it carries text
    directly (blog posts written as text and <br>s)."""
    for el in root.iter("p", "pre", "td", "blockquote", *_DIRECT_TEXT):
        if el.tag in _DIRECT_TEXT:
            direct = _direct_text(el)
            if len(direct) < 25:
                continue
            yield el, len(direct)
        else:
            yield el, len(el.text_content().strip())


def _link_density(el: Element, text_len: int) -> float:
    if not text_len:
        return 0.0
    link_len = sum(len(a.text_content()) for a in el.iter("a"))
    return min(1.0, link_len / text_len)


def choose_containers(page: Page, hint_text: str | None = None) -> list[Element]:
    """The elements holding the article text, in page order.

    Usually one. Some CMSes split the text into several sibling-like blocks with
    the same class (between ads or pull quotes); those twins are read in order."""
    best, scores = _best_container(page, hint_text)
    if best is None:
        return []
    twins = _twins(best, scores)
    if len(twins) > 1:
        return twins
    return [_grow(_widen(best, scores), page.__dict__.get("_text_mass", {}))]


def _link_chars(el: Element) -> int:
    return sum(len(a.text_content()) for a in el.iter("a"))


def _added_link_density(inner: Element, outer: Element) -> float:
    """Link density of the text ``outer`` adds around ``inner``."""
    text = len(outer.text_content()) - len(inner.text_content())
    links = _link_chars(outer) - _link_chars(inner)
    return links / text if text > 0 else 0.0


def _text_before(branch: Element) -> bool:
    """Two or more real paragraphs (80+ characters each on average) precede the branch:
    the start of the article, not a standfirst, a highlights box or a counter."""
    lengths = [len(p.text_content().strip()) for sibling in branch.itersiblings(preceding=True)
               if isinstance(sibling.tag, str) for p in sibling.iter("p")]
    lengths = [n for n in lengths if n >= 25]
    return len(lengths) >= 2 and sum(lengths) / len(lengths) >= 80


def _grow(best: Element, mass: dict[Element, int]) -> Element:
    """Climb to an ancestor that holds more article text *before* the current block
    (text split into CMS fields: a body field, then paragraph entities). Text that
    only follows the block is usually an "About us" box or an author bio, so it
    does not count."""
    current = best
    for _ in range(3):
        parent = current.getparent()
        if parent is None or parent.tag in ("body", "html") or _is_boilerplate(parent) or (
                parent.find(".//h1") is not None and current.find(".//h1") is None):
            break
        here, there = mass.get(current, 0), mass.get(parent, 0)
        if there < here * 1.25 or there - here < 150 or _added_link_density(current, parent) > 0.2:
            break
        current = parent
    for _ in range(2):
        branch, parent = current, current.getparent()
        for _ in range(4):  # wrappers that add no text are climbed through
            if parent is None or parent.tag in ("body", "html") or _is_boilerplate(parent):
                return current
            if parent.find(".//h1") is not None and current.find(".//h1") is None:
                return current  # the headline's wrapper holds the kicker, standfirst and byline too
            if _text_before(branch):
                break
            branch, parent = parent, parent.getparent()
        else:
            return current
        if parent is None or _added_link_density(current, parent) > 0.2:
            return current  # the extra text is a list of teasers, not more of the article
        current = parent
    return current


def _twins(best: Element, scores: dict[Element, float]) -> list[Element]:
    names = best.get("class")
    if not names:
        return [best]
    found = [el for el, score in scores.items() if el.tag == best.tag and el.get("class") == names and score >= 5]
    found = [el for el in found if not any(a in found for a in el.iterancestors())]
    order = {el: index for index, el in enumerate(best.getroottree().getroot().iter())}
    return sorted(found, key=lambda el: order.get(el, 0))


def choose_container(page: Page, hint_text: str | None = None) -> Element | None:
    """The element most likely to hold the article text."""
    best, scores = _best_container(page, hint_text)
    return None if best is None else _widen(best, scores)


def _best_container(page: Page, hint_text: str | None) -> tuple[Element | None, dict[Element, float]]:
    body = page.tree.find("body")
    root = body if body is not None else page.tree
    scores: dict[Element, float] = {}
    mass: dict[Element, int] = {}
    # wrappers of the headline are never "comments" or "related", whatever their class says
    outside: dict[Element, bool] = {a: False for h1 in root.iter("h1") for a in h1.iterancestors()}
    for para, length in _paragraph_elements(root):
        if length < 25 or _outside_text(para, outside):
            continue
        own = para if para.tag in _DIRECT_TEXT and para.tag not in ("span", "font") else para.getparent()
        for ancestor in _lineage(own, 6):
            mass[ancestor] = mass.get(ancestor, 0) + length
        text = para.text_content()
        score = 1 + text.count(",") + text.count("，") + text.count("、") + min(length / 100, 3)
        # a div of text and <br>s is its own container; a <p> or a text <span> is a paragraph of its parent
        parent = para if para.tag in _DIRECT_TEXT and para.tag not in ("span", "font") else para.getparent()
        for level, ancestor in enumerate(_lineage(parent, 2)):
            if ancestor is None or not isinstance(ancestor.tag, str):
                break
            if ancestor not in scores:
                scores[ancestor] = _class_weight(ancestor)
            scores[ancestor] += score / (1 + level)
    page.__dict__["_text_mass"] = mass
    if not scores:
        return None, scores
    ranked = []
    for el, score in scores.items():
        text_len = len(el.text_content())
        ranked.append((score * (1 - _link_density(el, text_len)), el))
    ranked.sort(key=lambda pair: pair[0], reverse=True)
    best = ranked[0][1]
    if hint_text:
        agreed = _agree_with_hint(ranked[:8], hint_text)
        best = agreed if agreed is not None else best
    return best, scores


def _widen(best: Element, scores: dict[Element, float]) -> Element:
    """Take the parent when the text is split across sibling blocks of similar weight."""
    parent = best.getparent()
    if parent is None or parent.tag in ("body", "html"):
        return best
    best_score = scores.get(best, 0)
    siblings = [c for c in parent if c is not best and scores.get(c, 0) >= max(10.0, best_score * 0.3)
                and not _is_boilerplate(c)]
    return parent if siblings else best


def _agree_with_hint(ranked: list[tuple[float, Element]], hint: str) -> Element | None:
    """Prefer the candidate whose words cover the structured articleBody best."""
    hint_words = set(fold(hint).split())
    if len(hint_words) < 30:
        return None
    best: tuple[float, Element] | None = None
    for _, el in ranked:
        words = fold(el.text_content()).split()
        if not words:
            continue
        overlap = len(hint_words & set(words))
        recall = overlap / len(hint_words)
        precision = overlap / len(set(words))
        f1 = 2 * recall * precision / (recall + precision) if recall + precision else 0
        if best is None or f1 > best[0]:
            best = (f1, el)
    return best[1] if best and best[0] > 0.5 else None


# --------------------------------------------------------------------------- filtering
_READ_ALSO = re.compile(
    r"^\(?(?:also on [\w.-]+\s|(?:related|read (?:more|also|next)|see (?:also|more)|more on this|lesen sie auch|"
    r"mehr zum thema|lire aussi|leggi anche(?: su)?|lee también|leia também|читайте також|читайте также|"
    r"дивіться також|czytaj też|czytaj także|läs också|les også|læs også)\s*[:：])", re.IGNORECASE)


def is_read_also(block: Block) -> bool:
    """A 'Read also: <link>' line inside the text: a related link, not body."""
    return bool(block.links) and _READ_ALSO.match(block.text) is not None


_URLISH = re.compile(r"^(?:https?://|www\.)\S+$")
_SHORTCODE = re.compile(r"^\[\w+[^\]]*\].*\[/\w+\]$")  # an unrendered WordPress shortcode


def _keep(block: Block, headline_key: str, caption_keys: set[str]) -> bool:
    key = fold(block.text)
    if not key or key == headline_key or key in caption_keys:
        return False
    if sel.FURNITURE.match(key) or is_read_also(block):
        return False
    words = len(block.text.split())
    if block.link_chars and block.link_chars >= 0.8 * len(block.text) and words < (12 if block.tag == "p" else 20) \
            and not _URLISH.match(block.text):
        return False  # a line that is only a link: another story's headline, "Read the report"
    return not _SHORTCODE.match(block.text)


def extract_body(page: Page, headline: str | None, caption_texts: list[str],
                 hint_text: str | None = None) -> tuple[list[Block], Element | None, list[Block]]:
    """The article's blocks in reading order, the container they came from, and
    the 'Read also' blocks taken out of the text."""
    containers: list[Element] = []
    md = page.microdata
    if md is not None:
        scope = md[1]
        containers = [el for el in scope.iter() if el.get("itemprop") == "articleBody"][:1]
    if not containers:
        containers = choose_containers(page, hint_text)
    if not containers:
        return [], None, []
    headline_key = fold(headline)
    caption_keys = {fold(c) for c in caption_texts}
    read = [block for container in containers for block in read_blocks(page, container)]
    blocks = _trim_edges([b for b in _drop_link_lists(read) if _keep(b, headline_key, caption_keys)])
    return blocks, containers[0], [b for b in read if is_read_also(b)]


_DATELIKE = re.compile(
    r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}|\b\d{1,2}:\d{2}\b|"
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|janeiro|fevereiro|março|abril|maio|junho|julho|"
    r"agosto|setembro|outubro|novembro|dezembro|enero|febrero|marzo|mayo|junio|julio|septiembre|octubre|"
    r"noviembre|diciembre|januar|februar|märz|juni|juli|oktober|dezember|janvier|février|mars|avril|mai|"
    r"juin|juillet|août|septembre|octobre|novembre|décembre)\w*\.?\s+\d{4}\b", re.IGNORECASE)
_META_LINE = re.compile(r"^(?:by|por|von|par|di|publicado|published|posted|updated|atualizado|actualizado|"
                        r"aktualisiert|mis à jour|veröffentlicht)\b", re.IGNORECASE)
_TAIL_LINE = re.compile(r"^(?:tags?|tagged|schlagwörter|etiquetas|palavras-chave)\b\s*:?\s|"
                        r"^(?:atenção|attention|hinweis|note)\s*:.*(?:coment|comment|kommentar)|"
                        r"^.{0,200}\b(?:sign up (?:for|to) (?:our|the|a)\b|subscribe (?:to|now|today)\b|"
                        r"(?:our|the|free|daily|weekly) newsletter|delivered (?:to|through) your|"
                        r"download (?:our|the) app|follow us on)\b.{0,200}$", re.IGNORECASE)


def _is_meta_line(block: Block) -> bool:
    """A dateline or byline line ("Updated at 1:23 p.m.", "05/10/2018 - Publicado por: ...")."""
    return len(block.text) < 150 and (bool(_META_LINE.match(block.text)) or (
        bool(_DATELIKE.search(block.text)) and len(block.text.split()) <= 14))


def _trim_edges(blocks: list[Block]) -> list[Block]:
    """Datelines and bylines before the text, tag lists and comment rules after it."""
    start = 0
    while start < len(blocks) - 1 and _is_meta_line(blocks[start]):
        start += 1
    end = len(blocks)
    while end > start + 1 and (_TAIL_LINE.match(blocks[end - 1].text) or _is_meta_line(blocks[end - 1])):
        end -= 1
    return blocks[start:end]


def _linky(block: Block) -> bool:
    """A short block that is mostly a link (list items of other stories are often half links)."""
    if not block.links or len(block.text) >= 200:
        return False
    share = block.link_chars / max(1, len(block.text))
    return share >= 0.8 or (block.tag == "li" and share >= 0.35)


def _kicker(blocks: list[Block], index: int) -> bool:
    """A short label right before a link ("TIME TRAVELLER" above a teaser headline)."""
    return (index + 1 < len(blocks) and len(blocks[index].text) < 40 and not blocks[index].links
            and _linky(blocks[index + 1]))


_RELATED_HEADING = re.compile(r"^(?:related(?: news| stories| articles| content| coverage)?|more (?:stories|news)|"
                              r"read more|you may also like|recommended|more on this(?: story)?|weitere artikel|"
                              r"mehr zum thema|lesen sie auch|à lire aussi|leggi anche|te puede interesar)$",
                              re.IGNORECASE)


def _drop_link_lists(blocks: list[Block]) -> list[Block]:
    """Runs of three or more short, link-heavy blocks are lists of other stories ("More Great
    Stories"), not text; kickers inside the run and the short title before it go with it."""
    out: list[Block] = []
    index = 0
    while index < len(blocks):
        if _RELATED_HEADING.match(blocks[index].text) and index + 1 < len(blocks) and _linky(blocks[index + 1]):
            index += 1  # "Related news" and the links under it
            while index < len(blocks) and _linky(blocks[index]):
                index += 1
            continue
        end, links = index, 0
        while end < len(blocks) and (_linky(blocks[end]) or _kicker(blocks, end)):
            links += _linky(blocks[end])
            end += 1
        if links >= 3:
            if out and len(out[-1].text) < 60 and not out[-1].links:
                out.pop()
            index = end
            continue
        out.append(blocks[index])
        index += 1
    return out
