"""Parse untrusted XML (sitemaps, feeds) without expanding entities or fetching anything.

Sitemaps come from the sites we crawl. A DTD with entity declarations is how
the two classic attacks work: the "billion laughs" bomb (nested entities that
expand to gigabytes) and external entities (``SYSTEM "file:///etc/passwd"``,
or a URL). No sitemap or feed needs either, so a document that declares any
entity is refused with ``UnsafeXML``; everything else is parsed by lxml with
entity resolution, DTD loading and network access off and the default
(non-huge) size limits on. The sitemap/feed spider code must parse through
``parse_xml`` / ``sitemap_locs``, never ``etree.fromstring`` directly.
"""
from __future__ import annotations

import re

from lxml import etree

_PARSER_OPTIONS = dict(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                       huge_tree=False, remove_comments=True, remove_pis=True)


_ENTITY = re.compile(rb"<!ENTITY\s+(?:%\s+)?([^\s>]+)")


class UnsafeXML(ValueError):
    """The document declares entities, or is not well-formed XML."""


def parse_xml(data: bytes) -> etree._Element:
    """The document's root element; ``UnsafeXML`` for entity declarations or broken XML."""
    declared = [m.decode("utf-8", "replace") for m in _ENTITY.findall(data)]
    if declared or "<!ENTITY".encode("utf-16-le") in data or "<!ENTITY".encode("utf-16-be") in data:
        # refused before parsing: libxml2 would still count (if not expand) a bomb's references
        raise UnsafeXML(f"XML declares entities ({', '.join(sorted(set(declared))) or 'UTF-16'}); refused")
    parser = etree.XMLParser(**_PARSER_OPTIONS)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise UnsafeXML(f"not well-formed XML ({exc.msg})") from None
    if root is None:
        raise UnsafeXML("empty XML document")
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        names = ", ".join(sorted(e.name for e in dtd.iterentities()))
        raise UnsafeXML(f"XML declares entities ({names}); refused")
    return root


def sitemap_locs(data: bytes) -> list[str]:
    """The ``<loc>`` URLs of a sitemap or sitemap index, in document order."""
    root = parse_xml(data)
    return [(el.text or "").strip() for el in root.iter("{*}loc") if (el.text or "").strip()]
