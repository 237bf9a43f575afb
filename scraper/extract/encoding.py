"""Turn page bytes into text, trusting evidence in a fixed order.

Order: byte-order mark, then UTF-16 without a BOM (told by where its zero
bytes fall), then valid UTF-8 (other encodings almost never decode as valid
UTF-8 by chance, so this also defeats a lying charset), then the HTTP header
charset, then the ``<meta>`` charset, then detection by BeautifulSoup's
UnicodeDammit (which does chardet-style guessing). A declared Western
single-byte charset whose text reads as mojibake (non-ASCII characters in
runs, as CJK or Cyrillic bytes give, where Western text has them one at a
time) loses to charset-normalizer's detection when the detector is sure.
"""
from __future__ import annotations

import codecs
import re

from scraper.errors import NotHTML

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: Labels pages use that Python spells differently (WHATWG aliases).
_ALIASES = {"iso-8859-1": "windows-1252", "latin-1": "windows-1252", "latin1": "windows-1252",
            "ascii": "windows-1252", "us-ascii": "windows-1252", "x-sjis": "shift_jis",
            "gb2312": "gb18030", "gbk": "gb18030", "shift-jis": "shift_jis"}


def normalise_label(label: str | None) -> str | None:
    """A Python codec name for a charset label, or None if unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def content_type_charset(content_type: str | bytes | None) -> str | None:
    """The charset a Content-Type header declares ('text/html; charset=UTF-8' -> 'UTF-8')."""
    if isinstance(content_type, bytes):
        content_type = content_type.decode("latin-1")
    for part in (content_type or "").split(";")[1:]:
        name, _, value = part.strip().partition("=")
        if name.strip().lower() == "charset" and value.strip("\"' "):
            return value.strip("\"' ")
    return None


def meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return normalise_label(match.group(1).decode("ascii", "ignore")) if match else None


def _try(data: bytes, encoding: str | None) -> str | None:
    if not encoding:
        return None
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


#: Single-byte charsets of Western text, where non-ASCII letters stand alone ("für", "ação").
_WESTERN = frozenset({"cp1252", "iso8859-15", "cp1250", "iso8859-2"})
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]{2,}")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_BINARY = re.compile(rb"[\x00-\x08\x0e-\x1f]")


def utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when every other byte of the start is zero (ASCII markup in UTF-16)."""
    head = data[:4096]
    half = len(head) // 2
    if half < 32:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if odd > 0.4 * half and even < 0.02 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.02 * half:
        return "utf-16-be"
    return None


def looks_mojibake(text: str) -> bool:
    """Most non-ASCII characters stand in runs: bytes of another script read as a Western charset."""
    sample = text[:65536]
    total = len(_NON_ASCII.findall(sample))
    in_runs = sum(len(m) for m in _NON_ASCII_RUN.findall(sample))
    return total >= 20 and in_runs > 0.6 * total


def _detected(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's reading, when it is sure (little chaos) and it is not the Western guess again."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:262144]).best()
    if best is None or best.chaos > 0.1 or normalise_label(best.encoding) in _WESTERN:
        return None
    text = _try(data, best.encoding)
    return (text, best.encoding) if text is not None else None


def decode_html(data: bytes, header_charset: str | None = None) -> tuple[str, str]:
    """Decode page bytes; returns (text, encoding used)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, "replace"), encoding
    wide = utf16_without_bom(data)
    if wide:
        return data.decode(wide, "replace"), wide
    head = data[:8192]
    if len(_BINARY.findall(head)) > 0.05 * len(head):
        raise NotHTML("not an HTML document (binary data)")  # before any decoder guesses at it
    if data.isascii():
        return data.decode("ascii"), "ascii"
    text = _try(data, "utf-8")
    if text is not None:
        return text, "utf-8"
    for encoding in (normalise_label(header_charset), meta_charset(data)):
        if encoding and encoding != "utf-8":
            text = _try(data, encoding)
            if text is not None and encoding in _WESTERN and looks_mojibake(text):
                return _detected(data) or (text, encoding)
            if text is not None:
                return text, encoding
    detected = _detected(data)  # the declared charsets do not decode these bytes at all
    if detected:
        return detected
    from bs4 import UnicodeDammit  # only for pages that defeat the cheap checks

    dammit = UnicodeDammit(data, is_html=True)
    if dammit.unicode_markup is not None and dammit.original_encoding:
        return dammit.unicode_markup, str(dammit.original_encoding)
    return data.decode("utf-8", "replace"), "utf-8"
