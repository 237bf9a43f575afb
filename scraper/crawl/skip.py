"""Skip requests the spider decided not to fetch, so they are still counted once.

The spider marks a request with ``meta["skip"] = reason`` (``unchanged``,
``too_old``, ``url_denied``, ``url_not_allowed``) instead of not yielding it:
the request goes through the scheduler, so the duplicate filter (in memory, on
disk or in Redis) sees each URL once and the outcome books count it as met.
This middleware, first in the download chain, stops it with ``IgnoreRequest``;
the spider's errback reports ``dropped/<reason>``.
"""
from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy.exceptions import IgnoreRequest


class SkipMiddleware:
    def process_request(self, request: Request, spider: Any = None) -> None:
        reason = request.meta.get("skip")
        if reason:
            raise IgnoreRequest(f"{reason}: {request.url}")
