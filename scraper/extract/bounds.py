"""Resource bounds applied to page text before and around parsing, so no input costs unbounded time or memory.

Each bound is linear in the input and leaves real pages untouched:

* ``MAX_PAGE_CHARS``: text past it is not read (the largest page of the eight benchmark sets,
  2.9 MB, is well under it); the page is marked ``truncated``.
* ``MAX_BLOCKS``: the body reader stops after this many blocks (paragraphs, headings, items).
* ``MAX_SCRIPT_CHARS``: on a page past ``MAX_PAGE_CHARS``, longer scripts are emptied first.
* ``MAX_TAG_CHARS``: a start tag longer than this keeps its first attributes only; libxml2
  checks attribute names pairwise, so 200,000 attributes on one ``<p>`` took 110 s.
* ``MAX_DEPTH``: libxml2 drops everything nested deeper than 2,048 elements; when it reports
  that, the page is parsed again with the opening tags past this depth left out (and their end
  tags), so the text browsers show is kept.
"""
from __future__ import annotations

import re

MAX_PAGE_CHARS = 6_000_000
MAX_BLOCKS = 20_000
MAX_TAG_CHARS = 16_384
MAX_SCRIPT_CHARS = 1_000_000
MAX_DEPTH = 512

_LONG_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9:-]*)([^<>]{" + str(MAX_TAG_CHARS) + r",})>")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)[^<>]*>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
#: How far down the open-element stack an end tag is looked for (HTML closes implied elements).
_END_TAG_REACH = 32


def cap_page(text: str) -> tuple[str, bool]:
    """The text to parse, and whether it was cut at ``MAX_PAGE_CHARS``.

    Scripts of more than ``MAX_SCRIPT_CHARS`` are emptied first, so a huge inline script or
    JSON-LD block does not push the article itself past the cut."""
    if len(text) <= MAX_PAGE_CHARS:
        return text, False
    text = _without_big_scripts(text)
    return (text, False) if len(text) <= MAX_PAGE_CHARS else (text[:MAX_PAGE_CHARS], True)


def _without_big_scripts(text: str) -> str:
    """The text with the content of every script longer than ``MAX_SCRIPT_CHARS`` left out."""
    parts: list[str] = []
    position = 0
    lower = text.lower()
    while (start := lower.find("<script", position)) >= 0:
        opened = lower.find(">", start)
        end = lower.find("</script", opened) if opened >= 0 else -1
        if end < 0:
            break
        big = end - opened - 1 > MAX_SCRIPT_CHARS
        parts.append(text[position:opened + 1] if big else text[position:end])
        position = end + len("</script")
        parts.append(text[end:position])
    parts.append(text[position:])
    return "".join(parts)


_ATTRIBUTE = re.compile(r"""\s*[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?""")


def _short_tag(match: re.Match[str]) -> str:
    """The start tag with its whole attributes that fit in ``MAX_TAG_CHARS`` (never a value cut open)."""
    attributes = match.group(2)
    position = 0
    while position < MAX_TAG_CHARS:
        attribute = _ATTRIBUTE.match(attributes, position)
        if attribute is None or attribute.end() == position or attribute.end() > MAX_TAG_CHARS:
            break
        position = attribute.end()
    return f"<{match.group(1)}{attributes[:position]}>"


def cap_tags(text: str) -> str:
    """Start tags longer than ``MAX_TAG_CHARS`` cut at an attribute boundary."""
    return _LONG_TAG.sub(_short_tag, text) if _has_long_tag(text) else text


def _has_long_tag(text: str) -> bool:
    """A start tag longer than ``MAX_TAG_CHARS``, found without a regex (~2 ms a page) or a split
    (~1 ms): a run of more than ``MAX_TAG_CHARS`` characters without ``>`` holds a whole aligned
    window of half that size without one, and ``str.find`` tells those windows in C."""
    window = MAX_TAG_CHARS // 2
    start = 0
    while start + window <= len(text):
        if text.find(">", start, start + window) >= 0:
            start += window
            continue
        opened = text.rfind(">", 0, start) + 1  # the run without ">" around the window
        closed = text.find(">", start + window)
        end = closed if closed >= 0 else len(text)
        if end - opened > MAX_TAG_CHARS:
            tag = text.rfind("<", opened, end)
            if tag >= 0 and end - tag > MAX_TAG_CHARS and text[tag + 1:tag + 2].isalpha():
                return True
        if closed < 0:
            return False
        start = (closed // window + 1) * window  # the run is judged: on past it (a 5 MB run was quadratic)
    return False


def flatten_depth(text: str, limit: int = MAX_DEPTH) -> str:
    """The markup with the start tags that open past ``limit`` levels (and their end tags) left out.

    One pass over the tags with a stack of open elements: linear in the input."""
    out: list[str] = []
    stack: list[tuple[str, bool]] = []  # (tag name, kept)
    depth = 0  # kept elements open
    position = 0
    for match in _TAG.finditer(text):
        closing, name = match.group(1), match.group(2).lower()
        keep = True
        if closing:
            for index in range(len(stack) - 1, max(len(stack) - _END_TAG_REACH, 0) - 1, -1):
                if stack[index][0] == name:
                    keep = stack[index][1]
                    depth -= sum(1 for _, kept in stack[index:] if kept)
                    del stack[index:]
                    break
        elif name not in _VOID and not match.group(0).endswith("/>"):
            keep = depth < limit
            depth += keep
            stack.append((name, keep))
        if not keep:
            out.append(text[position:match.start()])
            position = match.end()
    out.append(text[position:])
    return "".join(out)
