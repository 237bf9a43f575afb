"""The headline the reader sees, checked against what the page's data says it is.

Structured data (JSON-LD, microdata, OpenGraph, meta) often carries an SEO or
social variant of the headline, and ``<title>`` carries the site name. The
visible ``h1`` is what a reader calls the headline, so it wins whenever it is
plausibly the same story as a data candidate; the data wins when no ``h1``
agrees with it, unless the ``<title>`` repeats the h1 against it. When every h1 is
furniture, the article's first h2 stands in for it. A ``<title>`` is cut into its
parts and the part that a page heading repeats, else the longest piece the body
shows as a run of text, else the first part that reads like a headline, is kept;
a title whose headline the body never shows (the site's name) loses to an element
named as a headline.
"""
from __future__ import annotations

import re

from scraper.extract.headings import (
    MAX_HEADLINE_CHARS,
    article_heading,
    heading_before_text,
    heading_texts,
    in_furniture,
    is_logo,
    visible_h1s,
    words,
)
from scraper.extract.page import Names, Page
from scraper.extract.text import clean, domain_name, fold

Candidate = tuple[str, str]

#: Separators between a headline and the site or section names in a title.
_TITLE_SEPARATOR = re.compile(r"\s+[|\-–—·•»:]{1,2}\s+|\s*[|»｜]\s*|(?<=\S)_(?=\S)|\s+::\s+|\s+/\s+"
                              r"|\s*：\s*|(?<=[\u3000-\u9fff\uff00-\uffef]):")
#: Decoration around a title ("=> Headline <=", "*** Headline ***").
#: Separators that set a site or section name apart (not the colon, which sets a kicker apart
#: that belongs to the headline: "Kenya: Nairobi from below").
_HARD_SEPARATOR = re.compile(r"\s+[|\-–—·•»]{1,2}\s+|\s*[|»｜]\s*|\s+::\s+|\s+/\s+|\s+\((?=[^()]*\)$)")
_DECORATION = re.compile(r"^[\s=<>*~#·•»«\-]+|[\s=<>*~#·•»«\-]+$")
#: A title element that swallowed markup (an unclosed <title>): cut where the markup starts.
_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!]|\b(?:function|var)\s+\w+\s*[(=]|\{\s*\w+\s*:"
                     r"|\w+\(\s*[\"'][^\"']*[\"']\s*\)\s*;|\bthis\.\w+\s*=")
_WORD = re.compile(r"\w+")


def _tokens(text: str) -> set[str]:
    return set(_WORD.findall(fold(text)))


def similar(a: str, b: str) -> bool:
    """Two headlines of the same story: most words of the shorter one are in the other."""
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return False
    shared = len(ta & tb)
    return (shared >= 2 and shared / min(len(ta), len(tb)) >= 0.6) or (fold(a) in fold(b) and len(ta) >= 3)


def title_text(page: Page) -> str | None:
    """The <title>, cut where swallowed markup or script begins (read once a page: the zone guess,
    the headline and its checks all ask)."""
    if "_title_text" not in page.__dict__:
        page.__dict__["_title_text"] = _title_text(page)
    return page.__dict__["_title_text"]


def _title_text(page: Page) -> str | None:
    title = page.tree.find(".//title")
    if title is None:
        return None
    text = clean(title.text_content())
    # only the start can be the headline: a 200 kB run of letters searched whole made the markup
    # pattern backtrack for a minute (its ``\w+\(`` retries every start)
    match = _MARKUP.search(text, 0, 2 * MAX_HEADLINE_CHARS)
    if match:
        text = text[: match.start()].strip()
    return text[:MAX_HEADLINE_CHARS] or None


#: Where a title may be cut when the page shows one piece of it: the separators, a colon
#: ("Site: Headline") and a closing parenthesis ("Headline (from Site)").
_PIECE_SEPARATOR = re.compile(_TITLE_SEPARATOR.pattern + r"|:\s+|\s*\((?=[^()]*\)$)|-(?=[A-Z])|(?<=\w)-\s+|\s+_")


def _shown_runs(page: Page) -> dict[str, str]:
    """Texts that the body shows as one run of text (``<b>Headline</b>``) or one heading,
    by their folded key (built once per page)."""
    cached = page.__dict__.get("_shown_runs")
    if cached is None:
        cached = page.__dict__["_shown_runs"] = _runs(page)
    return cached


def _runs(page: Page) -> dict[str, str]:
    body = page.tree.find("body")
    if body is None:
        return {}
    out: dict[str, str] = {}
    for el in body.iter():
        if not isinstance(el.tag, str):
            continue
        texts = [el.text, el.tail]
        if el.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            texts.insert(0, el.text_content())
        for text in texts:
            if text and not text.isspace() and len(text) <= 4 * MAX_HEADLINE_CHARS:
                out.setdefault(fold(text), clean(text))
    return out


def _shown_piece(page: Page, title: str, site: str | None) -> str | None:
    """The longest piece of the title (2 words or more, not all of it) that the body shows on its own."""
    cuts = [0] + [i for m in _PIECE_SEPARATOR.finditer(title) for i in (m.start(), m.end())] + [len(title)]
    starts, ends = cuts[0::2], cuts[1::2]
    # in title order, so that of two pieces as long the earlier wins (never the hash order of a set)
    pieces = dict.fromkeys(_DECORATION.sub("", title[a:b]).strip() for a in starts for b in ends
                           if b > a and b - a < len(title))  # the whole title shown is a "share this page" line
    pieces = [p for p in pieces if words(p) >= 2 and fold(p) != fold(site)]
    if not pieces:
        return None
    shown, headed = _shown_runs(page), _heading_keys(page)
    # a piece that a heading shows ("Blog name: Post title" over <h3>Post title</h3>) first, then the
    # longest; as the page shows it: "Ministers face dilemma", not the title's "Ministers Face Dilemma"
    ranked = sorted(pieces, key=lambda p: (fold(p) in headed, len(p)), reverse=True)
    return next((shown[fold(p)] for p in ranked if fold(p) in shown), None)


def _heading_keys(page: Page) -> set[str]:
    """Folded texts of the page's headings, less the site's logo (a heading linking home)."""
    return {fold(clean(el.text_content())) for el in page.tree.iter("h1", "h2", "h3", "h4", "h5", "h6")
            if not is_logo(page, el)}


def title_parts(title: str) -> list[str]:
    parts = [_DECORATION.sub("", p).strip() for p in _TITLE_SEPARATOR.split(title)]
    return [p for p in parts if p]


def headline_of_title(page: Page, title: str, site: str | None) -> str:
    """The headline part of a title: the one a heading repeats, else the first that reads like one."""
    parts = title_parts(title)
    if len(parts) <= 1:
        return _shown_piece(page, title, site) or _DECORATION.sub("", title).strip() or title
    headings = [fold(h) for h in heading_texts(page)]
    for part in sorted(parts, key=len, reverse=True):
        key = fold(part)
        if words(part) >= 2 and any(key == h or (len(key) > 15 and key in h) for h in headings):
            return part
    shown = _shown_piece(page, title, site)
    if shown:
        return shown
    site_key = fold(site)
    parts = [p for p in parts if fold(p) != site_key] or parts
    in_url = _named_in_url(parts, page.url)
    if in_url:
        return in_url
    for part in parts:
        if words(part) >= 4:
            return part
    return max(parts, key=len)


def _named_in_url(parts: list[str], url: str) -> str | None:
    """The one part of the title whose words the URL's slug spells ("/news/bus-lanes-approved" for
    "Bus lanes approved - The Riverside Gazette"): two of its words or more, where no other part has any."""
    path = url.split("://", 1)[-1].partition("/")[2].split("?")[0].lower()
    slug = set(re.split(r"[^a-z0-9]+|(?<=[a-z])(?=[0-9])", path)) - {""}
    hits = [(sum(w in slug for w in set(_WORD.findall(fold(p))) if len(w) > 2), p) for p in parts]
    named = [p for n, p in hits if n >= 2]
    return named[0] if len(named) == 1 and all(n == 0 for n, p in hits if p is not named[0]) else None


def choose(page: Page, structured: list[Candidate], site: str | None) -> Candidate | None:
    """The reader's headline from the data candidates, the page's h1s and its title. A meta title
    that is the site's own name (``<meta name="title" content="Edmonton Sun">`` on edmontonsun.com)
    is none."""
    structured = [c for c in structured if not (c[1] == "meta" and _names_site(page, c[0]))]
    h1s = visible_h1s(page) or article_heading(page)
    if structured:
        return _against_h1(page, structured, h1s, site)
    title = title_text(page)
    agreeing = [h1 for h1 in h1s if title and words(h1) >= 2 and similar(h1, title)]
    if agreeing:  # several: the one closest to a part of the title ("Site" loses to "Headline | Site")
        best = max(agreeing, key=lambda h1: _agreement(h1, title or ""))
        return _longer_shown_part(page, best, title or "") or best, "html"
    if h1s and words(h1s[0]) >= 4:
        return h1s[0], "html"
    lead = title_parts(title or "")[:1]  # "Category: World" under the title "World – Site"
    for h1 in h1s:
        if lead and len(lead[0]) >= 3 and fold(lead[0]) in fold(h1):
            return h1, "html"
    from_title = headline_of_title(page, title, site) if title else None
    if from_title and (h1s or fold(from_title) in _shown_runs(page)):
        return from_title, "html"
    if h1s:
        return h1s[0], "html"
    named = _named_headline(page)  # a title the body never shows is the site's: "Daily News - Sports"
    if named:
        return named, "html"
    near = heading_before_text(page)
    if near and (not title or _site_like(title, site) or _inside(near, title)):
        return near, "html"
    return (from_title, "html") if from_title else None


def _names_site(page: Page, text: str) -> bool:
    """The site's name (its domain's name, of the page's address or one its title shows:
    "edmontonsun.com - Music - ..."; spaces and case aside) on a page whose title names more."""
    title = title_text(page) or ""
    key = re.sub(r"\W+", "", fold(text))
    if not key or not any(re.sub(r"\W+", "", fold(part)) != key for part in title_parts(title)):
        return False  # a title that names only the site (a home page): its name is its headline
    domains = {domain_name(page.url or "")} | {domain_name("http://" + d) for d in _DOMAIN_LIKE.findall(title)}
    return key in domains


_DOMAIN_LIKE = re.compile(r"\b[\w-]+\.(?:com|net|org|co\.uk|com\.au|ca|in|info|biz|tv)\b", re.IGNORECASE)


def _site_like(title: str, site: str | None) -> bool:
    """A title that names the site, not a story: its og:site_name, a domain ("Reuters.com") or
    three words at most ("Hockeychannel", "Winnipeg Free Press")."""
    return bool(site and fold(site) == fold(title)) or bool(_DOMAIN_LIKE.search(title)) or words(title) <= 3


def _inside(heading: str, title: str) -> bool:
    """The heading is the title less the site's name around it ("Adnkronos international Algeria: ...")."""
    return words(heading) >= 3 and fold(heading) in fold(title)


#: Class or id of an element that holds the article's headline, on pages without an h1.
_HEADLINE_NAME = Names(re.compile(r"headline|heading|(?:story|article|post|entry|news)[-_]?title"), ("head", "title"))


def _named_headline(page: Page) -> str | None:
    """The first element named as a headline (class or id) whose text reads like one:
    2 to 40 words, not a link to another page."""
    for el in page.find_named(_HEADLINE_NAME):
        if in_furniture(el) or any(a.tag == "a" for a in el.iterancestors()) or el.find(".//a[@href]") is not None:
            continue
        text = clean(el.text_content())
        if 2 <= words(text) <= 40 and len(text) <= MAX_HEADLINE_CHARS:
            return text
    return None


def _longer_shown_part(page: Page, h1: str, title: str) -> str | None:
    """When the h1 is one part of the title ("Site: Section") and another, longer part with
    4 words or more is shown in the body on its own, that part is the story's headline."""
    parts = title_parts(title)
    if _key(h1) not in {_key(p) for p in parts}:
        return None
    shown = _shown_runs(page)
    for part in sorted(parts, key=len, reverse=True):
        if words(part) >= 4 and words(part) > words(h1) and fold(part) in shown:
            return shown[fold(part)]
    return None


def _same_words(text: str, h1s: list[str]) -> bool:
    """The data's text has the h1's words with the punctuation the h1 lost to markup
    ("Kicker: Headline" shown as two spans), or is the h1's words after a kicker
    (4 words or more)."""
    mine = _WORD.findall(_key(text))
    for h1 in h1s:
        theirs = _WORD.findall(_key(h1))
        if mine == theirs or (len(mine) >= 4 and len(theirs) > len(mine) and theirs[-len(mine):] == mine):
            return True
    return False


def _agreement(h1: str, title: str) -> tuple[float, int, int]:
    """How closely an h1 matches the closest part of the title: the share of words in
    common (of the longer of the two), then how early the part comes (a title leads with
    its headline more often than with its site), then how many words they share."""
    words = _tokens(h1)
    best = (0.0, 0, 0)
    for place, part in enumerate(title_parts(title) or [title]):
        other = _tokens(part)
        shared = len(words & other)
        if shared:
            best = max(best, (round(shared / max(len(words), len(other)), 2), -place, shared))
    return best


def _against_h1(page: Page, structured: list[Candidate], h1s: list[str], site: str | None) -> Candidate:
    """A data candidate checked against the visible h1.

    Same text: the data's (its quotes too), unless only the case differs: then the h1's, as the
    reader sees it ("Powered by", not "Powered By"), when the h1 is not set in capitals. The
    data's text is the h1 plus a site, section or kicker ("Headline | Site", "Opinion |
    Headline"): the h1. The h1 is the data's
    text with a kicker glued on before it: the data's (but one word, a section's name,
    never wins so; and an h1 that goes on after the data's text, a subtitle, is the
    reader's). Different wording (an SEO or social
    variant): the h1, when the page has exactly one h1 that reads like a headline."""
    keys = {_key(h): h for h in h1s}
    for text, source in structured:
        h1 = keys.get(_key(text))
        if h1 is not None:
            same_case = h1.translate(_QUOTES) == text.translate(_QUOTES)
            return (text, source) if same_case or h1.isupper() else (h1, "html")
    for text, source in structured:
        found = _same_words(text, h1s)
        if found:
            return text, source
    for text, _ in structured:
        for part in _HARD_SEPARATOR.split(text):
            h1 = keys.get(_key(part.strip()))
            if h1 and len(h1) > 10:
                return h1, "html"
    text, source = structured[0]
    h1 = _h1_before_suffix(text, h1s, site)
    if h1:
        return h1, "html"
    if _has_site(text, site):
        text = headline_of_title(page, text, site)
    if words(text) >= 2 and any(key.endswith(_key(text)) for key in keys):
        return text, source
    long_h1s = [h for h in h1s if words(h) >= 4]
    if len(long_h1s) == 1 and _rewords(long_h1s[0], text):
        return long_h1s[0], "html"
    h1 = _h1_of_title(page, keys, site)
    if h1 and not similar(h1, text):  # the title and the h1 tell one story, the data another
        return h1, "html"
    return text, source


def _h1_of_title(page: Page, keys: dict[str, str], site: str | None) -> str | None:
    """The h1 that the <title> (site name cut) repeats."""
    title = title_text(page)
    if not title:
        return None
    h1 = keys.get(_key(title)) or keys.get(_key(headline_of_title(page, title, site)))
    return h1 if h1 and words(h1) >= 2 else None


#: What may follow a headline in a data title before the site or section name: a full stop, then a separator.
_SUFFIX_START = re.compile(r"^[。.]?\s*(?:" + _TITLE_SEPARATOR.pattern + r"|\s+:\s*|\s*：\s*)")


def _h1_before_suffix(text: str, h1s: list[str], site: str | None) -> str | None:
    """The h1 that the data's text starts with, the rest being a site or section behind a
    separator ("Headline - Site.com", "Headline : Section"): the h1 has 2 words or more, or
    the rest is the site's name."""
    key = _key(text)
    for h1 in h1s:
        h1_key = _key(h1)
        if h1_key == key or not key.startswith(h1_key):
            continue
        rest = text[len(h1):] if fold(text[:len(h1)]) == fold(h1) else None
        if rest is None or not _SUFFIX_START.match(rest):
            continue
        tail = _SUFFIX_START.sub("", rest)
        if words(h1) >= 2 or (site and fold(tail).startswith(fold(site))):
            return h1
    return None


def _rewords(h1: str, text: str) -> bool:
    """The h1 tells the same story in other words: a word in common, not the same words
    with other punctuation (there the data keeps the punctuation the h1 lost to markup), not a
    piece of the data's text."""
    if _key(h1) in _key(text):  # a piece of the data's text ("Post @ Blog name :: Host"): a name, not a rewording
        return False
    words_h1, words_text = _WORD.findall(_key(h1)), _WORD.findall(_key(text))
    shared = {w for w in set(words_h1) & set(words_text) if len(w) > 3}
    return words_h1 != words_text and bool(shared)


_QUOTES = str.maketrans("‘’‚‛“”„‟", "''''" + '""""')


def _key(text: str) -> str:
    """A comparison key that ignores case and typographic quotes."""
    return fold(text).translate(_QUOTES)


def _has_site(text: str, site: str | None) -> bool:
    """The candidate ends or starts with the site name behind a separator."""
    if not site:
        return False
    parts = title_parts(text)
    return len(parts) > 1 and fold(site) in (fold(parts[0]), fold(parts[-1]))
