"""Bounded gzip decompression, the one implementation (saved pages, sitemaps, the crawl's gzip check).

Decompression runs in chunks and stops at ``limit`` output bytes, so a gzip
bomb costs at most ``limit`` bytes of memory (nothing when only checking).
A bad CRC alone is tolerated, as Scrapy and browsers do: the content is whole.
"""
from __future__ import annotations

import zlib
from collections.abc import Iterator

GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 64 * 1024


class GzipError(ValueError):
    """The stream is not usable; ``reason`` is ``bad_gzip``, ``truncated_gzip`` or ``too_large``."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason.replace("_", " "))
        self.reason = reason


def is_gzip(data: bytes) -> bool:
    return data[:2] == GZIP_MAGIC


def inflate_chunks(data: bytes, limit: int) -> Iterator[bytes]:
    """The decompressed bytes, ``_CHUNK`` at a time; ``GzipError`` where the stream turns bad,
    ends short or passes ``limit`` output bytes (the chunks before it were whole)."""
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    produced = 0
    pending = data
    try:
        while pending and not decompressor.eof:
            chunk = decompressor.decompress(pending, _CHUNK)
            produced += len(chunk)
            if limit and produced > limit:
                raise GzipError("too_large")
            yield chunk
            pending = decompressor.unconsumed_tail
    except zlib.error as exc:
        if "incorrect data check" not in str(exc):
            raise GzipError("bad_gzip") from None
        return  # bad CRC only: the content is whole
    if not decompressor.eof:
        raise GzipError("truncated_gzip")


def _inflate(data: bytes, limit: int, keep: bool) -> bytes:
    parts = [chunk for chunk in inflate_chunks(data, limit) if keep]
    return b"".join(parts)


def gunzip(data: bytes, limit: int) -> bytes:
    """The decompressed bytes; ``GzipError`` when broken, cut short or larger than ``limit``."""
    return _inflate(data, limit, keep=True)


def gzip_problem(data: bytes, limit: int = 0) -> str | None:
    """``"bad_gzip"``, ``"truncated_gzip"`` or None (complete, or larger than ``limit``: not ours to judge)."""
    try:
        _inflate(data, limit, keep=False)
    except GzipError as exc:
        return None if exc.reason == "too_large" else exc.reason
    return None
