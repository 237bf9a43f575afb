"""Refuse gzip bodies that are corrupt or cut short, instead of extracting half a page.

Scrapy's HttpCompressionMiddleware is deliberately lenient: a gzip stream that
stops early decompresses to whatever came through, and the page would be
exported with half its text. This middleware sits just before it (its
``process_response`` runs first) and checks the stream:

    corrupt stream      -> BadGzip        (outcome ``failed/bad_gzip``)
    stream cut short    -> TruncatedGzip  (outcome ``failed/truncated_gzip``)

The check decompresses in bounded chunks and stops at DOWNLOAD_MAXSIZE, so a
gzip bomb costs no memory here (HttpCompressionMiddleware then refuses it as
``too_large``). A bad CRC alone is tolerated, as Scrapy does.

Settings: GZIP_CHECK_ENABLED (default True), DOWNLOAD_MAXSIZE.
"""
from __future__ import annotations

import logging
from typing import Any

from scrapy import Request
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response

from scraper.gzipped import gzip_problem

logger = logging.getLogger(__name__)

_GZIP = (b"gzip", b"x-gzip")


class BadGzip(IgnoreRequest):
    """The body says it is gzip but does not decompress."""


class TruncatedGzip(IgnoreRequest):
    """The gzip stream ends before its end marker: the body was cut short."""


class GzipCheckMiddleware:
    def __init__(self, crawler: Any) -> None:
        if not crawler.settings.getbool("GZIP_CHECK_ENABLED"):
            raise NotConfigured
        self.stats = crawler.stats
        self.max_size = crawler.settings.getint("DOWNLOAD_MAXSIZE")

    @classmethod
    def from_crawler(cls, crawler: Any) -> GzipCheckMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        encodings = [e.strip().lower() for e in response.headers.getlist("Content-Encoding")]
        if request.method == "HEAD" or not encodings or encodings[-1] not in _GZIP:
            return response
        problem = gzip_problem(response.body, request.meta.get("download_maxsize", self.max_size))
        if problem is None:
            return response
        self.stats.inc_value(f"gzip_check/{problem}")
        logger.warning("%s: %s body (%d bytes)", response.url, problem.replace("_", " "), len(response.body))
        raise (BadGzip if problem == "bad_gzip" else TruncatedGzip)(f"{problem}: {response.url}")
