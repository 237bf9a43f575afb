"""A page parsed once: the tree and every piece of evidence the fields share."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml import html as lxml_html

from scraper.errors import NotHTML
from scraper.extract.attributes import AttributeIndex
from scraper.extract.bounds import cap_page, cap_tags, flatten_depth
from scraper.extract.encoding import decode_html
from scraper.extract.script_dates import data_scripts
from scraper.extract.structured import Node, article_node, jsonld_nodes, microdata_item
from scraper.extract.text import clean

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>", re.IGNORECASE)
_PARSER = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False,
                               huge_tree=True, recover=True)
# lxml.html picks element classes with a Python callback on every element access (about a
# tenth of extraction time); a C-level default lookup gives the same HtmlElement class.
_PARSER.set_element_class_lookup(etree.ElementDefaultClassLookup(
    element=lxml_html.HtmlElement, comment=lxml_html.HtmlComment, pi=lxml_html.HtmlProcessingInstruction,
    entity=lxml_html.HtmlEntity))


def _parse(text: str) -> lxml_html.HtmlElement | None:
    try:
        return lxml_html.document_fromstring(text, parser=_PARSER)
    except (etree.ParserError, ValueError) as exc:
        raise NotHTML(str(exc)) from exc


def _too_deep() -> bool:
    """libxml2 says it dropped what lies past its depth limit (it keeps no count of what)."""
    return any("Excessive depth" in entry.message for entry in _PARSER.error_log)


def parse_tree(text: str) -> lxml_html.HtmlElement:
    """Parse HTML text with lxml (within ``scraper.extract.bounds``); NotHTML when nothing parseable is left."""
    text = _XML_DECL.sub("", text.replace("\x00", "") if "\x00" in text else text, count=1)
    if not text.strip():
        raise NotHTML("empty document")
    if looks_binary(text):
        raise NotHTML("not an HTML document (binary data)")
    text = cap_tags(text)
    tree = _parse(text)
    if tree is not None and _too_deep():
        tree = _parse(flatten_depth(text))
    if tree is None:
        raise NotHTML("no document element")
    if _runaway_title(tree):
        closed = _parse(_close_title(text))
        tree = closed if closed is not None else tree
    return tree


_TITLE_OPEN = re.compile(r"(<title\b[^>]*>)([^<]*)", re.IGNORECASE)


def _runaway_title(tree: lxml_html.HtmlElement) -> bool:
    """A ``<title>`` never closed (``</titavaScript"...``) swallows the whole page as its text."""
    head = tree.find("head")
    title = head.find("title") if head is not None else None
    return title is not None and len(title.text or "") > 1000 and "<" in (title.text or "")[:2000]


def _close_title(text: str) -> str:
    """Close the title where its text ends, as browsers show such pages."""
    return _TITLE_OPEN.sub(lambda m: f"{m.group(1)}{m.group(2)}</title>", text, count=1)


#: A run of attribute-name characters after ``data-``: the names the page's text may use.
#: Case-sensitive; the case-blind search runs only on pages that write ``DATA-`` or ``Data-``
#: (names in other mixed cases, never seen, are read as absent).
_DATA_NAME = re.compile(r"data-[^\s=>\"'/]*")
_DATA_NAME_ANY_CASE = re.compile(_DATA_NAME.pattern, re.IGNORECASE)
_DATE_WORDS = ("date", "time", "publish")


#: ``data-*`` attributes that name what an element is for the site's own tests (``data-testid="byline"``,
#: ``data-cy="date"``): read as class names are (``AttributeIndex.named``).
TEST_ID_NAMES = ("data-testid", "data-test-id", "data-test", "data-cy", "data-qa")


def _data_names(html: str) -> set[str]:
    """The ``data-*`` attribute names the page's text may use (the parser lower-cases names).
    (Every ``data-`` run, then a test for the words: a pattern with the words in it
    backtracks at every ``data-`` and cost 0.4 ms a page, this 0.15 ms.)"""
    runs = set(_DATA_NAME.findall(html))
    if "DATA-" in html or "Data-" in html:
        runs.update(name.lower() for name in _DATA_NAME_ANY_CASE.findall(html))
    return runs


def _data_date_names(runs: set[str]) -> frozenset[str]:
    """The ``data-*date*`` attribute names among them, so the attribute index asks each element
    for these few instead of reading every name."""
    return frozenset(name for name in runs if any(word in name for word in _DATE_WORDS))


#: What urljoin would remove or keep quoted from a link: spaces, tabs and line breaks.
_SPACE_OR_BREAK = re.compile(r"[ \t\r\n]")
_CONTROL = re.compile(r"[\x01-\x08\x0b\x0e-\x1f\ufffd]")


def looks_binary(text: str) -> bool:
    """More than 5% control characters or U+FFFD in the first 8,192: bytes, not a document."""
    head = text[:8192]
    return len(_CONTROL.findall(head)) > 0.05 * len(head)


#: Elements whose text is code, never page text: emptied once JSON-LD has been read from them.
CODE_ELEMENTS = ("script", "style", "template")
#: Emptied too: a drop-down's options are choices, not text (a list of 60 translations or
#: professions can outweigh a short article's paragraphs).
CHOICE_ELEMENTS = ("select", "datalist")


def _empty_code(tree: lxml_html.HtmlElement) -> None:
    """Script, style, template and drop-down elements lose their content but stay in place (their tails too),
    so no field can read code (``<h1><script>alert(2)</script>Headline</h1>``) and the page's shape,
    which the body heuristics read, does not change."""
    for el in tree.iter(*CODE_ELEMENTS, *CHOICE_ELEMENTS):
        el.text = None
        del el[:]


@dataclass(frozen=True)
class Names:
    """A pattern for class and id names, and literals one of which every match of it holds (so
    ``Page.find_named`` can find the candidates with plain string search). Lower case."""

    pattern: re.Pattern[str]
    literals: tuple[str, ...]


@dataclass
class Page:
    """Evidence of one page, computed once and shared by every field extractor."""

    url: str
    tree: lxml_html.HtmlElement
    encoding: str = "utf-8"
    meta: dict[str, list[str]] = field(default_factory=dict)
    #: Fields whose extractor failed on this page, with the error's name; the field stays empty
    #: (``scraper.extract.article``) and the crawl counts them (stats ``extract/field_error/<field>``).
    field_errors: list[tuple[str, str]] = field(default_factory=list)
    #: The page was longer than ``bounds.MAX_PAGE_CHARS`` and only its start was read.
    truncated: bool = False
    #: The ``data-*date*``/``*time*``/``*publish*`` attribute names the markup may hold (from its text).
    data_date_names: frozenset[str] = frozenset()
    #: The test-id attribute names (``TEST_ID_NAMES``) the markup may hold.
    test_id_names: tuple[str, ...] = ()
    #: Texts of the scripts that are not JSON-LD, where a publication date may be named (``extract.script_dates``).
    data_scripts: list[str] = field(default_factory=list)

    @classmethod
    def from_html(cls, html: str | bytes, url: str, header_charset: str | None = None) -> Page:
        encoding = "unicode"
        if isinstance(html, bytes):
            html, encoding = decode_html(html, header_charset)
        html, truncated = cap_page(html)
        tree = parse_tree(html)
        data_names = _data_names(html)
        page = cls(url=url, tree=tree, encoding=encoding, truncated=truncated,
                   data_date_names=_data_date_names(data_names),
                   test_id_names=tuple(name for name in TEST_ID_NAMES if name in data_names))
        page.meta = _meta_tags(tree)
        _ = page.jsonld  # read before the scripts are emptied
        page.data_scripts = data_scripts(tree)
        _empty_code(tree)
        return page

    @cached_property
    def jsonld(self) -> list[Node]:
        return jsonld_nodes(self.tree)

    @cached_property
    def article_ld(self) -> Node | None:
        return article_node(self.jsonld, self.url)

    @cached_property
    def microdata(self) -> tuple[Node, lxml_html.HtmlElement] | None:
        return microdata_item(self.attributes.scopes)

    @property
    def microdata_item(self) -> Node | None:
        return self.microdata[0] if self.microdata else None

    @cached_property
    def attributes(self) -> AttributeIndex:
        """The elements with the attributes fields look up (class, id, itemprop, dates), found in one pass."""
        return AttributeIndex.of(self.tree, self.data_date_names, self.test_id_names)

    @cached_property
    def _named(self) -> tuple[list[lxml_html.HtmlElement], list[int], str]:
        """Every element with a class, id or test id, the offset of each one's 'class id' in one
        lower-cased text of them all (a line each), and that text: ``find_named`` scans it with
        one regex search per match instead of one per element (built once)."""
        elements: list[lxml_html.HtmlElement] = []
        starts: list[int] = []
        lines: list[str] = []
        offset = 0
        for el, names in self.attributes.named:
            elements.append(el)
            starts.append(offset)
            lines.append(names)
            offset += len(names) + 1
        return elements, starts, "\n".join(lines).lower()

    def find_named(self, names: re.Pattern[str] | Names,
                   tags: frozenset[str] | None = None) -> list[lxml_html.HtmlElement]:
        """Elements whose class or id matches ``names`` (optionally of given tags), in page order.

        The pattern is searched in the text of all names; after a match in one element's line the
        search goes on from the next line, and a match is checked against its own line, so a
        pattern that could run across a line break finds just what a search of each line would.
        With ``Names`` literals, only the lines holding one of them are searched."""
        if isinstance(names, Names):
            return self._find_by_literals(names, tags)
        elements, starts, text = self._named
        found: list[lxml_html.HtmlElement] = []
        pos = 0
        while True:
            match = names.search(text, pos)
            if match is None:
                return found
            index = bisect_right(starts, match.start()) - 1
            el = elements[index]
            if (tags is None or el.tag in tags) and names.search(text, starts[index], self._line_end(index)):
                found.append(el)
            if index + 1 >= len(starts):
                return found
            pos = starts[index + 1]

    def _line_end(self, index: int) -> int:
        _, starts, text = self._named
        return starts[index + 1] - 1 if index + 1 < len(starts) else len(text)

    def _find_by_literals(self, names: Names, tags: frozenset[str] | None) -> list[lxml_html.HtmlElement]:
        """``find_named`` for a pattern every match of which holds one of its literals: the lines that hold
        one are found with ``str.find`` (a fast search; a regex with ``\b`` or look-behinds tries every
        position), then searched one by one: the same elements, in the same order."""
        elements, starts, text = self._named
        lines: set[int] = set()
        for literal in names.literals:
            at = text.find(literal)
            while at >= 0:
                index = bisect_right(starts, at) - 1
                lines.add(index)
                at = text.find(literal, self._line_end(index) + 1)
        return [elements[i] for i in sorted(lines) if (tags is None or elements[i].tag in tags)
                and names.pattern.search(text, starts[i], self._line_end(i))]

    def text_len(self, el: lxml_html.HtmlElement) -> int:
        """Length of an element's text, memoised for the page."""
        cache = self.__dict__.setdefault("_text_len", {})
        if el not in cache:
            cache[el] = len(el.text_content())
        return cache[el]

    @cached_property
    def _origin(self) -> str:
        parts = urlsplit(self.base_url)
        return f"{parts.scheme}://{parts.netloc}"

    @cached_property
    def base_url(self) -> str:
        # (the C-level tag walk, not ElementPath's ".//base[@href]", which cost 0.1 ms a page)
        base = next((el for el in self.tree.iter("base") if el.get("href") is not None), None)
        if base is not None:
            return urljoin(self.url, base.get("href", "").strip())
        return self.url

    def absolute(self, href: str | None) -> str | None:
        """An absolute http(s) URL for a link, or None for other schemes.

        Pages repeat the same links many times and urljoin is slow, so results are
        memoised per page and plain absolute URLs skip it."""
        if not href:
            return None
        cache = self.__dict__.setdefault("_absolute_cache", {})
        if href in cache:
            return cache[href]
        value = self._absolute(href.strip())
        cache[href] = value
        return value

    def _absolute(self, href: str) -> str | None:
        if href.startswith(("javascript:", "mailto:", "tel:", "data:", "#")) or not href:
            return None
        if href.startswith(("http://", "https://")) and " " not in href and ".." not in href and "/./" not in href \
                and "[" not in href:  # a bracketed (IPv6) host must pass urljoin's check
            return href
        if href.startswith("/") and not href.startswith("//") and not _SPACE_OR_BREAK.search(href):
            path = href.split("?")[0]
            # root-relative, the common case: no urljoin needed (what it gives, without a dot segment,
            # on an http(s) page; a saved page's file:// origin keeps the rule it always had)
            if "." not in path or ("/." not in path and self._origin.startswith(("http://", "https://"))):
                return self._origin + href
        try:
            value = urljoin(self.base_url, href)
        except ValueError:
            return None
        return value if value.startswith(("http://", "https://")) else None

    def meta_first(self, *names: str) -> str | None:
        """The first non-empty meta tag value among ``names`` (lower-case keys)."""
        for name in names:
            for value in self.meta.get(name, ()):
                if clean(value):
                    return value
        return None

    def meta_all(self, *names: str) -> list[str]:
        return [v for name in names for v in self.meta.get(name, ()) if clean(v)]


def _meta_tags(tree: lxml_html.HtmlElement) -> dict[str, list[str]]:
    """<meta name|property|itemprop|http-equiv=... content=...> keyed by lower-case name.

    Some CMSes write ``value=`` where the standard says ``content=``; it is read the same."""
    meta: dict[str, list[str]] = {}
    for el in tree.iter("meta"):
        content = el.get("content", el.get("value"))
        if content is None:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = el.get(attr)
            if key:
                meta.setdefault(key.strip().lower(), []).append(content)
    return meta
