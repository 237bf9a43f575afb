"""Small text helpers shared by the field extractors."""
from __future__ import annotations

import re
import unicodedata

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
