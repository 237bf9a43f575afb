"""The one XML parser for what sites send us (sitemaps, feeds): no entities, no network, bounded.

A DTD with entity declarations is how the two classic attacks work: the
"billion laughs" bomb (nested entities that expand to gigabytes) and external
entities (``SYSTEM "file:///etc/passwd"``, or a URL). No sitemap or feed needs
either, so a document that declares any entity is refused with ``UnsafeXML``
before libxml2 sees it. Everything else is parsed with entity resolution, DTD
loading and network access off, libxml2's default (non-huge) limits on, and
recovery on: a sitemap cut short still gives the entries before the cut.
Gzipped documents (``.xml.gz``) are inflated first, at most ``MAX_XML_BYTES``.
"""
from __future__ import annotations

import re

from lxml import etree

from scraper.extract.text import clean_or_none
from scraper.gzipped import GzipError, gunzip, is_gzip

#: Largest decompressed document we read (the sitemaps.org limit is 50 MB).
MAX_XML_BYTES = 50 * 1024 * 1024
_PARSER = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, load_dtd=False,
                          dtd_validation=False, huge_tree=False, remove_comments=True, remove_pis=True)
_ENTITY = re.compile(rb"<!ENTITY\s+(?:%\s+)?([^\s>]+)")
_UTF16_ENTITY = ("<!ENTITY".encode("utf-16-le"), "<!ENTITY".encode("utf-16-be"))


class UnsafeXML(ValueError):
    """The document declares entities: refused unparsed."""


def parse_xml(data: bytes) -> etree._Element | None:
    """The root element of a (possibly gzipped) XML document; None when nothing parses.

    Raises ``UnsafeXML`` for a document that declares entities."""
    if is_gzip(data):
        try:
            data = gunzip(data, MAX_XML_BYTES)
        except GzipError:
            return None
    data = data.lstrip()
    if not data:
        return None
    declared = sorted({m.decode("utf-8", "replace") for m in _ENTITY.findall(data)})
    if declared or any(marker in data for marker in _UTF16_ENTITY):
        raise UnsafeXML(f"XML declares entities ({', '.join(declared) or 'UTF-16'}); refused")
    try:
        return etree.fromstring(data, parser=_PARSER)
    except etree.XMLSyntaxError:
        return None


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
