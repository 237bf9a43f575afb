"""Article body: read the text container(s) (``scraper.extract.container``) block by block, in order.

Reading skips furniture: figures and captions, share bars, bylines, newsletter
boxes, related lists, hidden elements; then link lists, datelines and promos
are filtered out of the blocks.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from urllib.parse import urlsplit

from lxml import html as lxml_html

from scraper.extract import vocab as sel
from scraper.extract.body_edges import before_comments, trim_edges
from scraper.extract.bounds import MAX_BLOCKS
from scraper.extract.boxes import RELATED_HEADING, boxes_to_skip
from scraper.extract.captions import is_caption_el
from scraper.extract.container import choose_containers
from scraper.extract.furniture import is_furniture, is_hidden
from scraper.extract.page import Page
from scraper.extract.text import clean, fold

Element = lxml_html.HtmlElement

BLOCK_TAGS = frozenset("""p div section article main header h1 h2 h3 h4 h5 h6 ul ol li dl dt dd
blockquote pre table thead tbody tr td th figure figcaption hr br address details summary center""".split())
HEADINGS = frozenset("h2 h3 h4 h5 h6".split())
_DOUBLE_BREAK = re.compile(r"\n[ \t\u00a0]*\n")
_CELL = "\x1f"  #: between the cells of a data table's row while it is read (a stray one in a page only splits a cell)
@dataclass
class Block:
    """One paragraph-level block of text with the links inside it."""

    text: str
    tag: str
    links: list[tuple[str, str]] = field(default_factory=list)
    link_chars: int = 0
    #: A line of three words or more, of a paragraph cut at its ``<br>``s, that a line of words
    #: follows ("<a>Title of it</a><br>A summary of it..."): a link line there is the paragraph's,
    #: not another story's headline (a one-word credit, "AFP", is neither).
    in_prose: bool = False


class _Reader:
    """Walks a container and emits blocks, skipping furniture."""

    def __init__(self, page: Page, keep_chars: int, photo_story: bool = False,
                 skipped: frozenset[Element] = frozenset()) -> None:
        self.page = page
        self.skipped = skipped  #: boxes inside the text that are not text (``extract.boxes``)
        self.keep_chars = keep_chars
        self.photo_story = photo_story  #: captions are read as text (see ``_told_in_captions``)
        self.blocks: list[Block] = []
        self._parts: list[str] = []
        self._links: list[tuple[str, str]] = []
        self._link_chars = 0
        self._tag = "p"
        self._open_link: str | None = None
        self._flushes = 0
        self._row: int | None = None  #: cells read so far in a data table's row, None outside one

    def flush(self) -> None:
        pieces = _DOUBLE_BREAK.split("".join(self._parts))  # <br><br> separates paragraphs
        start = len(self.blocks)
        for piece in pieces:
            if self._tag == "tr":  # a data table's row: its non-empty cells, parted by " | "
                text = " | ".join(cell for cell in map(clean, piece.split(_CELL)) if cell)
            else:
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
        lines = self.blocks[start:]
        for line, after in pairwise(lines):  # a title's link, its summary on the next line
            line.in_prose = not self._open_link and len(line.text.split()) >= 3 and len(after.text) >= 40 \
                and after.link_chars < 0.5 * len(after.text)
        self._parts, self._links, self._link_chars, self._tag = [], [], 0, "p"
        self._flushes += 1

    def skip(self, el: Element) -> bool:
        tag = el.tag
        if tag == "form":
            return len(el.text_content()) < self.keep_chars  # ASP.NET wraps whole pages in a form
        if is_hidden(el) or el in self.skipped:
            return True
        if self.photo_story and (tag in ("figure", "figcaption") or is_caption_el(el)):
            return False
        if tag in sel.DROP_TAGS or tag in ("figure", "figcaption", "h1"):
            return True
        if tag == "tr" and _data_table(el):
            return False  # a data row's class names its data ("player-2020-580"), not page furniture
        if is_furniture(el):
            # A furniture-named wrapper that holds most of the text is the article itself.
            return len(el.text_content()) < self.keep_chars
        return False

    def read(self, el: Element, in_link: bool = False) -> None:
        if len(self.blocks) >= MAX_BLOCKS:
            return  # no article has this many paragraphs: the rest is not read (scraper.extract.bounds)
        tag = el.tag
        if not isinstance(tag, str):
            if el.tail:
                self._parts.append(el.tail)
            return
        if self.skip(el):
            if el.tail:
                self._parts.append(el.tail)
            return
        if self._row is not None:  # inside a data table's row: one line, its cells parted by " | "
            block = False
            if tag in ("td", "th"):
                self._parts.append(_CELL if self._row else "")
                self._row += 1
            elif tag in BLOCK_TAGS:
                self._parts.append(" ")
        else:
            block = tag in BLOCK_TAGS
        if tag == "br":
            self._parts.append("\n" if self._row is None else " ")
            if el.tail:
                self._parts.append(el.tail)
            return
        if tag == "tr" and self._row is None and _data_table(el):
            self.flush()
            self._tag, self._row = "tr", 0
            self._read_children(el, in_link)
            self._row = None
            self.flush()
            if el.tail:
                self._parts.append(el.tail)
            return
        if block:
            self.flush()
            if tag in HEADINGS or tag in ("li", "blockquote"):
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


def _data_table(row: Element) -> bool:
    """A row of a table with header cells: data (a film list's linked titles), not a layout table's links."""
    table = next(row.iterancestors("table"), None)
    return table is not None and (table.find(".//th") is not None or _bold_header(table))


#: Longest text of a column heading set in bold.
_HEADING_CELL = 40


def _bold_header(table: Element) -> bool:
    """A first row of two or more short cells, each wholly in bold ("<td><strong>Pos.</strong></td>"):
    column headings written without ``<th>``, so the table holds data."""
    first = next(table.iter("tr"), None)
    cells = [cell for cell in first if cell.tag in ("td", "th")] if first is not None else []
    if len(cells) < 2:
        return False
    for cell in cells:
        text = clean(cell.text_content())
        bold = [child for child in cell if child.tag in ("strong", "b")]
        if not text or len(text) > _HEADING_CELL or len(bold) != 1 or clean(bold[0].text_content()) != text:
            return False
    return True


#: A container whose captions hold this share of its text tells its story in them (a photo post).
PHOTO_STORY_SHARE = 0.6


def _told_in_captions(container: Element, total: int) -> bool:
    """Three captions or more in the container's own flow holding most of its text: a photo
    story, whose captions are its body (they are the picture's caption, and skipped, everywhere else)."""
    captions = {el for el in _near_blocks(container, 3) if is_caption_el(el)}
    if len(captions) < 3:
        return False
    outer = [el for el in captions if not any(a in captions for a in el.iterancestors())]
    return len(outer) >= 3 and sum(len(el.text_content()) for el in outer) >= PHOTO_STORY_SHARE * total


def _near_blocks(container: Element, depth: int) -> list[Element]:
    """Elements at most ``depth`` levels below the container: the captions of its own flow, not
    those of a carousel nested deep in it (a gallery's slides tell another story)."""
    level, out = [container], []
    for _ in range(depth):
        level = [child for el in level for child in el if isinstance(child.tag, str)]
        out += level
    return out


def read_blocks(page: Page, container: Element) -> list[Block]:
    total = len(container.text_content())
    reader = _Reader(page, keep_chars=int(total * 0.5), photo_story=_told_in_captions(container, total),
                     skipped=boxes_to_skip(container))
    reader._read_children(container, False)
    reader.flush()
    return reader.blocks


# --------------------------------------------------------------------------- container choice
_READ_ALSO = re.compile(
    r"^\(?(?:also on [\w.-]+\s|(?:related|read (?:more|also|next)|see (?:also|more)|more on this|lesen sie auch|"
    r"mehr zum thema|lire aussi|leggi anche(?: su)?|lee también|leia também|читайте також|читайте также|"
    r"дивіться також|czytaj też|czytaj także|läs också|les også|læs også)\s*[:：])", re.IGNORECASE)


def is_read_also(block: Block) -> bool:
    """A 'Read also: <link>' line inside the text: a related link, not body."""
    return bool(block.links) and _READ_ALSO.match(block.text) is not None


_URLISH = re.compile(r"^(?:https?://|www\.)\S+$")
_SHORTCODE = re.compile(r"^\[\w+[^\]]*\].*\[/\w+\]$")  # an unrendered WordPress shortcode


def _keep(block: Block, headline_key: str) -> bool:
    key = fold(block.text)
    if not key or key == headline_key:
        return False
    if sel.is_furniture_line(key) or is_read_also(block):
        return False
    words = len(block.text.split())
    if block.link_chars and block.link_chars >= 0.8 * len(block.text) and words < (12 if block.tag == "p" else 20) \
            and not _URLISH.match(block.text) and block.tag != "tr" and not block.in_prose:  # a row is its data
        return False  # a line that is only a link: another story's headline, "Read the report"
    if len(block.links) >= 3 and block.link_chars >= 0.9 * len(block.text) and block.tag != "tr":
        return False  # headlines of other stories run together into one block, at any length
    return not _SHORTCODE.match(block.text)


def extract_body(page: Page, headline: str | None,
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
    read = [block for container in containers for block in read_blocks(page, container)]
    blocks = trim_edges(before_comments([b for b in _drop_link_lists(read, _site_hosts(page))
                                           if _keep(b, headline_key)]))
    return blocks, containers[0], [b for b in read if is_read_also(b)]


def _linky(block: Block) -> bool:
    """A short block that is mostly a link (list items of other stories are often half links); a table's
    row of links (a navigation box) at any length."""
    if not block.links or (len(block.text) >= 200 and block.tag != "tr"):
        return False
    share = block.link_chars / max(1, len(block.text))
    return share >= 0.8 or (block.tag == "li" and share >= 0.35)


#: Longest summary line under a teaser's headline link.
_SUMMARY_MAX = 200


def _summary_line(blocks: list[Block], index: int) -> bool:
    """A short line without links between two teasers' headline links (or after the last): the
    first story's summary. A subheading is never one."""
    block = blocks[index]
    return (index > 0 and _linky(blocks[index - 1]) and not block.links and len(block.text) < _SUMMARY_MAX
            and block.tag not in HEADINGS and (index + 1 == len(blocks) or _linky(blocks[index + 1])))


def _kicker(blocks: list[Block], index: int) -> bool:
    """A short label right before a link ("TIME TRAVELLER" above a teaser headline)."""
    return (index + 1 < len(blocks) and len(blocks[index].text) < 40 and not blocks[index].links
            and _linky(blocks[index + 1]))


def _host_key(url: str) -> str:
    """The last two labels of a URL's host ("cdn.example.net" -> "example.net")."""
    host = urlsplit(url).hostname or ""
    return ".".join(host.split(".")[-2:])


def _site_hosts(page: Page) -> frozenset[str]:
    """The site's own hosts: the page's, its canonical and og:url's; for a saved page read without
    any of them, the host most of its links go to (its navigation)."""
    urls = [page.url, page.meta_first("og:url") or ""]
    head = page.tree.find("head")
    if head is not None:
        urls += [link.get("href") or "" for link in head.iter("link") if link.get("rel") == "canonical"]
    hosts = frozenset(key for url in urls if url.startswith(("http://", "https://")) and (key := _host_key(url)))
    if hosts:
        return hosts
    counts = Counter(_host_key(href) for el in page.tree.iter("a")
                     if (href := el.get("href") or "").startswith(("http://", "https://")))
    return frozenset(counts.most_common(1)[0][:1]) if counts else frozenset()


def _offsite_suffixes(run: list[Block], site: frozenset[str]) -> list[bool]:
    """For each block of a run of links, whether the run from there on is a post's own list of
    links (a roundup, deals, sources), not a list of other stories: its links leave the site
    (lists of other stories link to the site's own pages), its items are more than menu words,
    and its links go to several sites or come with the post's own words beside them (a sister
    site's headlines are titles alone). One backward pass: a run can be thousands long."""
    verdicts = [False] * len(run)
    if not site:
        return verdicts
    hosts = away = chars = link_chars = 0
    away_keys: set[str] = set()
    for position in range(len(run) - 1, -1, -1):
        block = run[position]
        for url, _ in block.links:
            key = _host_key(url)
            if key:
                hosts += 1
                if key not in site:
                    away += 1
                    away_keys.add(key)
        chars += len(block.text)
        link_chars += block.link_chars
        count = len(run) - position
        verdicts[position] = (away >= 3 and away >= 0.8 * hosts and chars >= 40 * count  # not menu words
                              and (len(away_keys) >= 2 or link_chars <= 0.85 * chars))
    return verdicts


def _drop_link_lists(blocks: list[Block], site: frozenset[str] = frozenset()) -> list[Block]:
    """Runs of three or more short, link-heavy blocks are lists of other stories ("More Great
    Stories"), not text; kickers inside the run and the short title before it go with it. A run
    whose links leave the site is the post's own list and stays."""
    out: list[Block] = []
    index = 0
    while index < len(blocks):
        if RELATED_HEADING.match(blocks[index].text) and index + 1 < len(blocks) and _linky(blocks[index + 1]):
            index += 1  # "Related news" and the links under it, each perhaps with its summary line
            while index < len(blocks) and (_linky(blocks[index]) or _summary_line(blocks, index)):
                index += 1
            continue
        end, links = index, 0
        while end < len(blocks) and (_linky(blocks[end]) or _kicker(blocks, end)):
            links += _linky(blocks[end])
            end += 1
        if links >= 3:
            offsite = _offsite_suffixes(blocks[index:end], site)
            for position in range(index, end):  # the post's own links are kept up to where the rest is not
                if links >= 3 and not offsite[position - index]:
                    if out and len(out[-1].text) < 60 and not out[-1].links:
                        out.pop()
                    break
                out.append(blocks[position])
                links -= _linky(blocks[position])
            index = end
            continue
        out.append(blocks[index])
        index += 1
    return out
