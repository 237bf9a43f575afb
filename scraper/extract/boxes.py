"""Boxes inside an article's text that are not its text: they promote another story or ask
something of the reader ("Read more" teasers, members-only prompts, newsletter sign-ups, polls).

The body reader (``extract.body``) skips each box whole, its title and pitch with it.
"""
from __future__ import annotations

import re

from lxml import html as lxml_html

Element = lxml_html.HtmlElement

#: Titles of a list or box of other stories, in the languages seen so far ("Read more", "Lesen Sie
#: auch", "Czytaj więcej"...): a heading line of the body or the first line of a teaser box.
RELATED_HEADING = re.compile(
    r"^(?:related(?: news| stories| articles| content| coverage| posts)?|more (?:stories|news)|read (?:more|also|next)|"
    r"also read|see also|you may also like|recommended|more on this(?: story)?|weitere artikel|mehr zum thema|"
    r"most (?:read|popular|viewed|shared)(?: [\w ]{2,30})?|(?:trending|top stories|popular)(?: (?:now|today|"
    r"stories|articles|in [\w ]{2,30}))?|meistgelesen|meistgelesene artikel|am meisten gelesen|les plus lus|"
    r"más leídas?|lo más leído|mais lidas|più lett[ei]|najczęściej czytane|populärt|mest lest|mest læste|"
    r"самые (?:популярные|читаемые)(?: [\w ]{2,30})?|самое (?:популярное|читаемое)|популярное|"
    r"найпопулярніш[еі](?: [\w ]{2,30})?|популярне|"
    r"lesen sie auch|siehe auch|auch interessant|à lire aussi|lire aussi|leggi anche|te puede interesar|lee también|"
    r"leia também|leia mais|czytaj (?:więcej|też|także|również)|(?:zobacz|przeczytaj) (?:też|także|również)|"
    r"läs (?:mer|också)|les (?:mer|også)|læs (?:mere|også)|lees (?:meer|ook)|přečtěte si (?:také|též)|"
    r"čítajte (?:aj|tiež)|читайте (?:также|також)|ayrıca (?:okuyun|bakınız))\s*:?$", re.IGNORECASE)


def boxes_to_skip(container: Element) -> frozenset[Element]:
    """Every teaser and prompt box inside ``container``."""
    return _teaser_boxes(container) | _prompt_boxes(container)


#: Links to the reader's account: sign in, register, subscribe (paths in several languages).
_ACCOUNT_HREF = re.compile(r"/(?:log-?in|sign-?in|sign-?up|regist(?:er|ration)?|subscribe|subscription|abo|"
                           r"abonnement|abonnieren|anmelden|connexion|inscription|suscripcion|assinatura)"
                           r"(?:[/?#._-]|$)", re.IGNORECASE)
_WALL_MAX_CHARS = 600


def _prompt_boxes(container: Element) -> frozenset[Element]:
    """Boxes inside the text that ask something of the reader rather than tell: a members-only
    prompt (two different links to sign in, register or subscribe), a newsletter sign-up (an
    e-mail field), a poll (radio buttons). Each is the largest block around its seed that stays
    short: its pitch and its buttons, not the article around them."""
    account = [a for a in container.iter("a") if _ACCOUNT_HREF.search(a.get("href") or "")]
    inputs = [i for i in container.iter("input") if (i.get("type") or "").lower() in ("email", "radio")]
    boxes = set()
    for seed in account + inputs:
        box = None
        for ancestor in seed.iterancestors():
            if ancestor is container or len(" ".join(ancestor.text_content().split())) > _WALL_MAX_CHARS \
                    or ancestor.find(".//textarea") is not None:
                break
            if box is not None or _prompt_seeded(ancestor, seed):
                box = ancestor
        if box is not None:
            boxes.add(box)
    return frozenset(boxes)


def _prompt_seeded(block: Element, seed: Element) -> bool:
    if seed.tag == "a":  # two different account links: "Register" and "Log in"
        return len({a.get("href") for a in block.iter("a") if _ACCOUNT_HREF.search(a.get("href") or "")}) >= 2
    if (seed.get("type") or "").lower() == "email":
        return block.find(".//textarea") is None  # a comment form asks for an e-mail too
    return sum(1 for i in block.iter("input") if (i.get("type") or "").lower() == "radio") >= 2  # a poll's options


#: A teaser box holds a title, a headline link and a line or two of summary, no more.
_TEASER_MAX_CHARS = 1000
_TEASER_MAX_OWN_CHARS = 400


def _teaser_boxes(container: Element) -> frozenset[Element]:
    """Boxes inside the text that open with a "Read more" title ("Czytaj więcej", "Lesen Sie auch")
    and promote another story: its headline link and summary go with the title. The box is the
    largest wrapper of the title below the container that stays teaser-sized."""
    boxes = set()
    limit = min(_TEASER_MAX_CHARS, len(container.text_content()) // 2)  # a short post is no teaser
    for el in container.iter("p", "div", "span", "strong", "b", "header", "h2", "h3", "h4", "h5", "h6"):
        text = el.text
        if not text or len(text) > 60 or len(el) > 1 or not RELATED_HEADING.match(text.strip()) \
                or (el.tail or "").strip():
            continue  # (a title with words after it on its line, "Most popular post (surprise!):", is a sentence's)
        box = el
        for parent in el.iterancestors():
            if parent is container or len(parent.text_content()) > limit:
                break
            box = parent
        if box is not el and len(box.text_content()) <= limit and _teaser_like(box, text.strip()):
            boxes.add(box)
    return frozenset(boxes)


def _teaser_like(box: Element, title: str) -> bool:
    """The box opens with the title, and links to three pages or more, or to another page with little
    text outside its links."""
    words = box.text_content().split()
    if " ".join(words[:8]).find(title) != 0:
        return False  # a "Read more" at the end of a short post, not a box's title
    links = [a for a in box.iter("a") if a.get("href")]
    if not links:
        return False
    if len({a.get("href") for a in links}) >= 3:
        return True  # a list of stories, each card's headline perhaps outside its link (an overlay anchor)
    own = len(" ".join(words)) - sum(len(" ".join(a.text_content().split())) for a in links)
    return own <= _TEASER_MAX_OWN_CHARS
