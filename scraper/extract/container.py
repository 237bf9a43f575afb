"""Choosing the element(s) that hold the article text.

Readability-style scoring: each paragraph votes for its parent and grandparent
by its length and commas; class hints weigh in; paragraphs inside comments,
related lists or sidebars do not vote; link density discounts. Then the choice is
refined: agreement with a structured ``articleBody``, sibling blocks of the same
weight (widen), blocks of one kind read in order (twins and kin, ``extract.sequences``), and CMS field
siblings that hold the article's first paragraphs (grow).
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import html as lxml_html

from scraper.extract.density import added_link_density, link_density
from scraper.extract.furniture import COMMENT_PARTS, component_names, is_furniture
from scraper.extract.headings import is_logo
from scraper.extract.page import Page
from scraper.extract.sequences import kin_blocks, twin_blocks
from scraper.extract.text import fold
from scraper.extract.vocab import FURNITURE_MAX_CHARS, is_furniture_line

Element = lxml_html.HtmlElement

#: Ancestors that rule a paragraph out as article text (a page-wide <form>, as ASP.NET makes, does not).
_NOT_TEXT = frozenset("script style noscript template nav footer aside header button select textarea "
                      "dialog menu".split())
_POSITIVE = re.compile(r"article|body|content|entry|main|story|text|post|blog|prose|rich-?text|paragraph",
                       re.IGNORECASE)
_NEGATIVE = re.compile(r"comment|footer|sidebar|related|recommend|promo|teaser|share|social|newsletter|"
                       r"widget|nav|menu|breadcrumb|cookie|banner|ad-|advert|outbrain|taboola|popular|"
                       r"most-read|trending|copyright|disclaimer|(?:^|[-_\s])(?:foot|policy|legal|terms)(?:$|[-_\s])",
                       re.IGNORECASE)
_CONTAINER_HINT = re.compile(r"(?:article|story|entry|post|content|news)[-_]?(?:body|text|content)|"
                             r"articlebody|rich-?text|body-?text|main-?content", re.IGNORECASE)

_RELATED_TITLE = re.compile(r"related|recommend|more-?(?:stories|news|posts)|read-?(?:more|next|also)|popular|"
                            r"trending|comments?\b", re.IGNORECASE)


def _class_weight(el: Element) -> float:
    names = component_names(el)
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
recommended recommendations sidebar outbrain taboola newsletter footer mostread popular search""".split())
#: "commentbody", "commentform", "commentwrap": a comment word glued to another (not "commentary").
_GLUED_COMMENT = re.compile(r"comments?(?!ar|at)[a-z]")
#: An author's box: "about-author", "author-bio", "authorbox", "author_info" (not a byline, "post-author").
_AUTHOR_BOX = re.compile(r"(?:^|-)(?:about-(?:the-)?author|author-?(?:bio|box|info|description|details|profile)|"
                         r"bio|biography)(?:-|$)")


def _not_article_names(names: str) -> bool:
    """A class/id token that starts or ends with a comments/related/sidebar word, or has a comment
    word inside ("sf_comment_list"); a numbered one ("sidebar2", "comments-1") too."""
    for token in names.lower().split():
        parts = [p.rstrip("0123456789") for p in re.split(r"[-_]+", token) if p]
        if parts and (parts[0] in _NOT_ARTICLE_WORDS or parts[-1] in _NOT_ARTICLE_WORDS
                      or _GLUED_COMMENT.match(parts[0]) or COMMENT_PARTS.intersection(parts[1:-1])
                      or _AUTHOR_BOX.search("-".join(parts))):
            return True
    return False



def _outside_text(para: Element, memo: dict[Element, bool]) -> bool:
    """In chrome (nav, footer...) or in a comments/related/sidebar block."""
    for ancestor in (para, *para.iterancestors()) if para.tag in _DIRECT_TEXT else para.iterancestors():
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


#: Inline elements whose text belongs to the paragraph that holds them ("X writes <i>"quote..."</i>").
_INLINE = frozenset("a b strong i em span font u small sup sub q cite abbr mark time code".split())


def _own_text_len(el: Element) -> int:
    """Length of the text outside any child element: what ``_grow`` weighs as article mass."""
    return len(((el.text or "") + "".join(child.tail or "" for child in el)).strip())


def _direct_text(el: Element) -> str:
    """Text an element carries itself, not inside child elements (its own text and child tails), raw."""
    parts = [el.text or ""]
    block = el.tag in ("div", "section", "article")
    for child in el:
        tag = child.tag
        if tag in _INLINE:
            # not link text (another page's); not inside li/span/font (citations, sidebars)
            if block and tag != "a":
                parts.append(child.text_content())
            parts.append(child.tail or "")
        elif tag == "br":
            parts.append(child.tail or "")
    return "".join(parts)


def _direct_len(el: Element) -> int:
    """Length of ``_direct_text`` with white space runs as one space (source indentation is not
    text); 0 below 25 characters, the least a paragraph has, where the raw text is shorter already."""
    raw = _direct_text(el) if len(el) else el.text or ""  # a leaf (most spans) carries just its text
    return len(" ".join(raw.split())) if len(raw) >= 25 else 0


def _paragraph_elements(root: Element) -> Iterator[tuple[Element, int]]:
    """Paragraph-like elements with their text length; a div counts when it carries text
    directly (blog posts written as text and <br>s)."""
    for el in root.iter("p", "pre", "td", "blockquote", *_LONG_HEADINGS, *_DIRECT_TEXT):
        if el.tag in _DIRECT_TEXT:
            direct = _direct_len(el)
            if direct < 25:
                continue
            yield el, direct
        elif el.tag in _LONG_HEADINGS:
            length = len(el.text_content().strip())
            if length >= _PROSE_HEADING:
                yield el, length  # a paragraph set as a heading (a blurb in an <h2>)
        else:
            yield el, len(el.text_content().strip())


#: Headings count as a paragraph from this many characters: no headline or subheading is this long.
_LONG_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
_PROSE_HEADING = 250


def choose_containers(page: Page, hint_text: str | None = None) -> list[Element]:
    """The elements holding the article text, in page order.

    Usually one. Some CMSes split the text into several sibling-like blocks with
    the same class (between ads or pull quotes); those twins are read in order. A
    standfirst paragraph just before the first block comes first."""
    best, scores = _best_container(page, hint_text)
    if best is None:
        named = _named_body(page)
        return [named] if named is not None else []
    twins = twin_blocks(best, scores)
    kin = kin_blocks(best, scores) if len(twins) < 2 else twins
    mass = page.__dict__.get("_text_mass", {})
    chosen = twins if len(twins) > 1 else kin if len(kin) > 1 else [_grow(_widen(best, scores), mass)]
    chosen = _majority(chosen, mass, page.__dict__.get("_text_total", 0))
    return [*_standfirst(chosen[0]), *chosen]


def _standfirst(first: Element) -> list[Element]:
    """The standfirst: a lone paragraph of 60+ characters, few of them links, just before the text
    block in the same parent, with at most asides, figures and page furniture between (a ``<p
    class="description">`` before the story's ``<div>``, a related box between them). A paragraph
    of ``<br>`` lines there is the headline's dateline box ("Title<br>Agency<br>Sunday ..."), not one."""
    prev = first.getprevious()
    while prev is not None and (not isinstance(prev.tag, str) or prev.tag in ("aside", "figure")
                                or not prev.text_content().strip() or is_furniture(prev)):
        prev = prev.getprevious()
    if prev is None or _outside_text(prev, {}):
        return []
    if prev.tag != "p" and prev.find(".//h1") is not None:
        prev = _dek(prev)  # the headline's block (a <header>, which is chrome elsewhere)
    if prev is None or prev.tag != "p" or prev.find(".//br") is not None:
        return []
    length = len(" ".join(prev.text_content().split()))
    return [prev] if length >= 60 and link_density(prev, length) <= 0.2 else []


def _dek(header: Element) -> Element | None:
    """The paragraph that follows the headline inside the block before the text (``<header><h1>
    <p>dek</p><div class="byline">``)."""
    h1 = next(header.iter("h1"))
    for el in h1.itersiblings():
        if el.tag == "p":
            return el
    return None


def _named_body(page: Page) -> Element | None:
    """A post too short to vote (a video and one line under it): the one element named as the
    post's text ("entry-content", "post-body", itemprop=articleBody), when it holds any words."""
    found = [el for el in page.find_named(_CONTAINER_HINT, _BODY_TAGS) if not _outside_text(el, {})]
    found += [el for el in page.attributes.itemprops.get("articleBody", ()) if el not in found]
    if len(found) != 1 or not found[0].text_content().strip():
        return None
    return found[0]


#: Tags that hold a post's text.
_BODY_TAGS = frozenset("div section article main td".split())


def _text_before(branch: Element) -> bool:
    """Two or more real paragraphs (80+ characters each on average) precede the branch:
    the start of the article, not a standfirst, a highlights box or a counter."""
    lengths = [len(p.text_content().strip()) for sibling in branch.itersiblings(preceding=True)
               if isinstance(sibling.tag, str) for p in sibling.iter("p")]
    lengths = [n for n in lengths if n >= 25]
    return (len(lengths) >= 2 and sum(lengths) / len(lengths) >= 80) or max(lengths, default=0) >= 400


def _grow(best: Element, mass: dict[Element, int]) -> Element:
    """Climb to an ancestor that holds more article text *before* the current block
    (text split into CMS fields: a body field, then paragraph entities). Text that
    only follows the block is usually an "About us" box or an author bio, so it
    does not count."""
    current = best
    for _ in range(3):
        parent = current.getparent()
        if parent is None or parent.tag in ("body", "html") or is_furniture(parent) or (
                parent.find(".//h1") is not None and current.find(".//h1") is None):
            break
        here, there = mass.get(current, 0), mass.get(parent, 0)
        if there < here * 1.25 or there - here < 150 or added_link_density(current, parent) > 0.2:
            break
        current = parent
    for _ in range(2):
        branch, parent = current, current.getparent()
        for _ in range(4):  # wrappers that add no text are climbed through
            if parent is None or parent.tag in ("body", "html") or is_furniture(parent):
                return current
            if parent.find(".//h1") is not None and current.find(".//h1") is None:
                return current  # the headline's wrapper holds the kicker, standfirst and byline too
            if _text_before(branch):
                break
            branch, parent = parent, parent.getparent()
        else:
            return current
        if parent is None or added_link_density(current, parent) > 0.2:
            return current  # the extra text is a list of teasers, not more of the article
        current = parent
    return current


#: Below this many characters a block's positive class name weighs in proportion to its text
#: (tweets in "entry-content" boxes out-scored the story beside them).
_SHORT_BLOCK = 300


def _best_container(page: Page, hint_text: str | None) -> tuple[Element | None, dict[Element, float]]:
    body = page.tree.find("body")
    root = body if body is not None else page.tree
    scores: dict[Element, float] = {}
    weights: dict[Element, float] = {}  # each candidate's class weight, its score's start
    mass: dict[Element, int] = {}
    # wrappers of the headline are never "comments" or "related", whatever their class says; a
    # blog's name as an h1 linking home (in its sidebar) is no headline
    outside: dict[Element, bool] = {a: False for h1 in root.iter("h1") if not is_logo(page, h1)
                                    for a in h1.iterancestors()}
    total = 0
    for para, length in _paragraph_elements(root):
        if length < 25 or _outside_text(para, outside):
            continue
        text = para.text_content()
        if length <= FURNITURE_MAX_CHARS and is_furniture_line(fold(text)):
            continue  # a "Javascript must be enabled" notice or a "Read more" line casts no vote
        holder = para if para.tag in _DIRECT_TEXT and para.tag not in ("span", "font") else para.getparent()
        own = _own_text_len(para) if para.tag in _DIRECT_TEXT else length
        total += own
        for ancestor in _lineage(holder, 6):
            mass[ancestor] = mass.get(ancestor, 0) + own
        score = 1 + text.count(",") + text.count("，") + text.count("、") + min(length / 100, 3)
        # a div of text and <br>s is its own container; a <p> or a text <span> is a paragraph of its parent
        parent = para if para.tag in _DIRECT_TEXT and para.tag not in ("span", "font") else para.getparent()
        for level, ancestor in enumerate(_lineage(parent, 2)):
            if ancestor is None or not isinstance(ancestor.tag, str):
                break
            if ancestor not in scores:
                scores[ancestor] = weights[ancestor] = _class_weight(ancestor)
            scores[ancestor] += score / (1 + level)
    page.__dict__["_text_mass"] = mass
    if not scores:
        return None, scores
    ranked = []
    for el, score in scores.items():
        text_len = len(el.text_content())
        if text_len < _SHORT_BLOCK:  # a name says what a block is, but 100 characters are no article
            score -= max(0.0, weights[el]) * (1 - text_len / _SHORT_BLOCK)
        ranked.append((score * (1 - link_density(el, text_len)), el))
    ranked.sort(key=lambda pair: pair[0], reverse=True)
    best = ranked[0][1]
    page.__dict__["_text_total"] = total  # a structured articleBody may be a paywall's preview: see _majority
    if hint_text:
        agreed = _agree_with_hint(ranked[:8], hint_text)
        if agreed is not None:
            return agreed, scores
    return best, scores


def _majority(chosen: list[Element], mass: dict[Element, int], total: int) -> list[Element]:
    """The block that holds most of the page's text, when the best-scored block lies outside it.

    A note, a factbox or a quote can out-score text written as many small blocks
    (a chapter as dozens of <div>s, each its own paragraph): each small block
    scores little, but together they are most of what the page says. The deepest
    element holding 60% of the voting text is that article."""
    if total < 1000 or sum(mass.get(el, 0) for el in chosen) >= 0.3 * total:
        return chosen
    holders = [el for el, amount in mass.items() if amount >= 0.6 * total and el.tag not in ("body", "html")]
    if not holders:
        return chosen
    core = max(holders, key=lambda el: sum(1 for _ in el.iterancestors()))  # mass stops 6 levels up
    for el in chosen:
        if core is el or el in core.iterancestors():
            return chosen
    if not _prose(core):
        return chosen
    near = set(_lineage(core, 3))
    if all(_precedes(el, core) and near & set(el.iterancestors()) for el in chosen):
        return [*chosen, core]  # a standfirst or intro block right before the text it introduces
    return [core]


def _precedes(el: Element, other: Element) -> bool:
    """``el`` ends before ``other`` starts in document order."""
    root = other.getroottree().getroot()
    for node in root.iter():
        if node is el:
            return True
        if node is other:
            return False
    return False


def _prose(el: Element) -> bool:
    """Not a sidebar, a link list, a stream of teasers with their summaries or a sign-in form
    (whose option lists can be most of a short page's text)."""
    if el.tag in _NOT_TEXT or el.tag in ("ul", "ol") or is_furniture(el) or _class_weight(el) < 0:
        return False
    if el.find(".//input[@type='password']") is not None:
        return False
    text_len = len(el.text_content())
    items = sum(1 for _ in el.iter("li"))
    density = link_density(el, text_len)
    return (density <= 0.3 and (density <= 0.2 or sum(1 for _ in el.iter("a")) <= 4 * text_len / 1000)
            and not (items >= 10 and items > sum(1 for _ in el.iter("p"))))


def _widen(best: Element, scores: dict[Element, float]) -> Element:
    """Take the parent when the text is split across sibling blocks of similar weight."""
    parent = best.getparent()
    if parent is None or parent.tag in ("body", "html"):
        return best
    best_score = scores.get(best, 0)
    siblings = [c for c in parent if c is not best and scores.get(c, 0) >= max(10.0, best_score * 0.3)
                and not is_furniture(c)]
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
