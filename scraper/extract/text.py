"""Small text helpers shared by the field extractors."""
from __future__ import annotations

import re
import unicodedata

_WS = re.compile(r"[ \t\r\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_NEWLINES = re.compile(r"\s*\n\s*")


def clean(text: str | None) -> str:
    """NFC, invisible characters dropped, runs of white space folded to one space."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", _INVISIBLE.sub("", text))
    return _NEWLINES.sub(" ", _WS.sub(" ", text)).strip()


def clean_or_none(text: str | None) -> str | None:
    value = clean(text)
    return value or None


def fold(text: str | None) -> str:
    """A comparison key: cleaned, case-folded, NFKC."""
    return unicodedata.normalize("NFKC", clean(text)).casefold()
