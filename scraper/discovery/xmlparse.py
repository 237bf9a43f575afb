"""The one XML parser for what sites send us (sitemaps, feeds): no entities, no network, bounded, streamed.

A DTD with entity declarations is how the two classic attacks work: the
"billion laughs" bomb (nested entities that expand to gigabytes) and external
entities (``SYSTEM "file:///etc/passwd"``, or a URL). No sitemap or feed needs
either, so a document that declares any entity is refused with ``UnsafeXML``
before libxml2 sees its declarations. Everything else is parsed with entity resolution,
DTD loading and network access off, libxml2's default (non-huge) limits on, and
recovery on: a sitemap cut short still gives the entries before the cut.

``stream_xml`` reads the document as a stream (``lxml.etree.XMLPullParser``): it is
inflated when gzipped (at most ``MAX_XML_BYTES``) and fed 64 KB at a time, each entry
element is handed over when it ends and cleared after, so a sitemap of 500,000 URLs
never becomes a tree (or a list) in memory. Every piece is checked for entity
declarations before the parser sees it; a DTD comes before the root element, so a
document that declares entities is refused before its first entry. A gzipped stream
cut short, corrupt or larger than ``MAX_XML_BYTES`` ends where it turns bad (the
entries before are kept).
"""
from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator

from lxml import etree

from scraper.extract.text import clean_or_none
from scraper.gzipped import GzipError, inflate_chunks, is_gzip

#: Largest decompressed document we read. The sitemaps.org limit is 50 MB, but a 500,000-URL
#: sitemap is 60 MB; streamed, a document costs parsing time, not memory.
MAX_XML_BYTES = 256 * 1024 * 1024
_OPTIONS = {"recover": True, "resolve_entities": False, "no_network": True, "load_dtd": False,
            "dtd_validation": False, "huge_tree": False, "remove_comments": True, "remove_pis": True}
_CHUNK = 64 * 1024
_ENTITY = re.compile(rb"<!ENTITY\s+(?:%\s+)?([^\s>]+)")
_UTF16_ENTITY = ("<!ENTITY".encode("utf-16-le"), "<!ENTITY".encode("utf-16-be"))


class UnsafeXML(ValueError):
    """The document declares entities: refused unparsed."""


def refuse_entities(data: bytes) -> None:
    """``UnsafeXML`` when ``data`` (a document or a piece of one) declares an entity."""
    declared = sorted({m.decode("utf-8", "replace") for m in _ENTITY.findall(data)})
    if declared or any(marker in data for marker in _UTF16_ENTITY):
        raise UnsafeXML(f"XML declares entities ({', '.join(declared) or 'UTF-16'}); refused")


def _chunks(data: bytes) -> Iterator[bytes]:
    """The document's bytes (inflated when gzipped), leading white space dropped, in pieces."""
    if is_gzip(data):
        pieces: Iterator[bytes] = inflate_chunks(data, MAX_XML_BYTES)
    else:
        pieces = (data[i:i + _CHUNK] for i in range(0, len(data), _CHUNK))
    started = False
    try:
        for piece in pieces:
            if not started:
                piece = piece.lstrip()
                started = bool(piece)
            if piece:
                yield piece
    except GzipError:
        return


def _checked(data: bytes) -> Iterator[bytes]:
    """``_chunks``, each checked for entity declarations together with the end of the one before
    (a declaration split across two pieces is still seen)."""
    tail = b""
    for piece in _chunks(data):
        refuse_entities(tail + piece)
        tail = piece[-32:]
        yield piece


class XMLStream:
    """A document being parsed: ``root`` (its root element's local name, '' when none parses)
    and ``elements(names)``, its elements of those local names, each handed over complete."""

    def __init__(self, data: bytes) -> None:
        self._pieces = _checked(data)
        self._parser = etree.XMLPullParser(events=("start", "end"), **_OPTIONS)  # type: ignore[arg-type]
        self.root = ""
        for event, element in self._read():
            if event == "start":
                self.root = local_name(element.tag)
                break

    def _read(self) -> Iterator[tuple[str, etree._Element]]:
        """Parser events as the pieces are fed (``UnsafeXML`` from the check passes through); the
        events a reader before left unread come first (``read_events`` pops them as they are read)."""
        yield from self._parser.read_events()
        for piece in self._pieces:
            try:
                self._parser.feed(piece)
                yield from self._parser.read_events()
            except etree.XMLSyntaxError:
                return
        with contextlib.suppress(etree.XMLSyntaxError):
            self._parser.close()
        yield from self._parser.read_events()

    def elements(self, names: tuple[str, ...]) -> Iterator[etree._Element]:
        """Each element named in ``names`` once it ends, its earlier siblings (entries already
        read) removed first and itself cleared once the consumer asks for the next: memory holds
        the entry being read and the part of the document parsed ahead of it (one 64 KB piece)."""
        for event, element in self._read():
            if event != "end" or local_name(element.tag) not in names:
                continue
            parent = element.getparent()
            while parent is not None and element.getprevious() is not None:
                del parent[0]
            yield element
            element.clear(keep_tail=False)


def stream_xml(data: bytes) -> XMLStream:
    """A (possibly gzipped) XML document as a stream (``root`` is '' when nothing parses).

    Raises ``UnsafeXML`` for a document that declares entities (before its root element
    when the declaration is in the DTD, where entities are declared)."""
    return XMLStream(data)


def local_name(tag: object) -> str:
    """An element's tag without its namespace, lower case ('' for comments and the like)."""
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def children(el: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in el if local_name(c.tag) == name]


def text_at(el: etree._Element, *path: str) -> str | None:
    """Clean text of the first descendant along ``path`` (local names, any namespace)."""
    current = [el]
    for name in path:
        current = [c for p in current for c in children(p, name)]
        if not current:
            return None
    return clean_or_none(current[0].text)
