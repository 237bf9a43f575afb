"""Small text helpers shared by the field extractors (and the site's name in a URL)."""
from __future__ import annotations

import re
import unicodedata
from typing import Any
from urllib.parse import urlsplit

_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def clean(text: str | None) -> str:
    """NFC, invisible characters dropped, runs of white space folded to one space."""
    if not text:
        return ""
    if not text.isascii():
        text = unicodedata.normalize("NFC", _INVISIBLE.sub("", text))
    return " ".join(text.split())  # str.split() splits on every Unicode space, \n included


def clean_or_none(text: str | None) -> str | None:
    value = clean(text)
    return value or None


def fold(text: str | None) -> str:
    """A comparison key: cleaned, case-folded, NFKC."""
    return unicodedata.normalize("NFKC", clean(text)).casefold()


def short_text(el: Any, limit: int) -> str | None:
    """``clean(el.text_content())`` when that is at most ``limit`` characters, else None.

    Reads the element's text only as far as it must: asking whether a big block
    is a short label otherwise copies the whole block's text."""
    parts: list[str] = []
    size, check_at = 0, limit
    for piece in el.itertext():
        parts.append(piece)
        size += len(piece)
        if size > check_at:
            if len(clean("".join(parts))) > limit:
                return None
            check_at = 2 * size  # mostly white space so far: look again when twice as long
    text = clean("".join(parts))
    return text if len(text) <= limit else None


def br_lines(el: Any) -> list[str]:
    """The element's text cut at each ``<br>``, each line cleaned, empty ones left out
    ("By SANDRA CHEREB<br>Associated Press Writer" -> two lines)."""
    from lxml import etree  # (the helpers above take plain strings)

    lines: list[list[str]] = [[]]
    for event, node in etree.iterwalk(el, events=("start", "end")):
        if event == "start":
            if node.tag == "br":
                lines.append([])
            else:
                _add(lines[-1], node.text)
        elif node is not el:
            _add(lines[-1], node.tail)
    return [text for text in (clean("".join(parts)) for parts in lines) if text]


def _add(parts: list[str], text: str | None) -> None:
    """Two elements' words that meet without a space ("By" + "Travis Haney", "Howard Blume" + "Staff
    Writer") are set apart by the page's style: a space keeps them apart here. (Empty texts are not
    kept, so the last part is the last text.)"""
    if not text:
        return
    if parts and parts[-1][-1].isalpha() and text[0].isupper():
        parts.append(" ")
    parts.append(text)


def domain_name(url: str) -> str | None:
    """The label before the top-level domain: "vnexpress" for https://e.vnexpress.net/a."""
    try:
        host = (urlsplit(url).hostname or "") if url.startswith(("http://", "https://")) else ""
    except ValueError:
        return None
    labels = host.split(".")
    return labels[-2] if len(labels) >= 2 else None
