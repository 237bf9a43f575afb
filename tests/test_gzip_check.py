from __future__ import annotations

import gzip
import zlib

import pytest

from scraper.gzipped import gzip_problem

PAGE = b"<html><body>" + b"<p>A paragraph of the article.</p>" * 200 + b"</body></html>"
GZ = gzip.compress(PAGE, mtime=0)


def _bomb(size: int) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    return b"".join(compressor.compress(bytes(1 << 20)) for _ in range(size >> 20)) + compressor.flush()


@pytest.mark.parametrize(("data", "limit", "problem"), [
    (GZ, 0, None),  # whole
    (GZ[: len(GZ) // 2], 0, "truncated_gzip"),  # cut short
    (GZ[:-8], 0, "truncated_gzip"),  # trailer (CRC, size) missing
    (GZ[:10] + b"\x00garbage" * 50, 0, "bad_gzip"),  # corrupt deflate data
    (GZ[:-8] + b"\x00\x00\x00\x00" + GZ[-4:], 0, None),  # bad CRC only: content whole, tolerated as Scrapy does
    (_bomb(64 << 20), 1 << 20, None),  # past the limit: left to HttpCompressionMiddleware (too_large)
])
def test_gzip_problem(data: bytes, limit: int, problem: str | None) -> None:
    assert gzip_problem(data, limit) == problem
