"""Retry middleware that honours ``Retry-After`` (429, 503...), with a cap.

Scrapy's RetryMiddleware retries at once. This subclass replaces it: when a
response to retry carries ``Retry-After`` (seconds or an HTTP date), the retry
waits that long. A server that asks for more than RETRY_AFTER_MAX_DELAY is not
retried at all: the URL fails with its HTTP status now rather than holding the
crawl (stats ``retry_after/over_cap``). Responses without the header, and
exceptions, are retried exactly as by Scrapy.

Settings: every RetryMiddleware setting (RETRY_ENABLED, RETRY_TIMES,
RETRY_HTTP_CODES...), plus RETRY_AFTER_MAX_DELAY (seconds, default 60).
"""
from __future__ import annotations

import datetime as dt
import email.utils
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from scrapy import Request
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Response
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.response import response_status_message
from twisted.internet import task

logger = logging.getLogger(__name__)


def retry_after_seconds(value: bytes | str | None, now: dt.datetime | None = None) -> float | None:
    """Seconds to wait for a ``Retry-After`` value; None when absent or unreadable."""
    if value is None:
        return None
    text = (value.decode("latin-1") if isinstance(value, bytes) else value).strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    now = now or dt.datetime.now(dt.timezone.utc)
    return max(0.0, (when - now).total_seconds())


async def _reactor_sleep(seconds: float) -> None:
    from twisted.internet import reactor  # imported late: importing it installs a reactor (the add-on loads early)

    await maybe_deferred_to_future(task.deferLater(reactor, seconds, lambda: None))  # type: ignore[arg-type]


class RetryAfterMiddleware(RetryMiddleware):
    #: How to wait; tests replace it.
    sleep: Callable[[float], Awaitable[None]] = staticmethod(_reactor_sleep)  # type: ignore[assignment]

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.max_delay = settings.getfloat("RETRY_AFTER_MAX_DELAY")

    async def process_response(self, request: Request, response: Response,  # type: ignore[override]
                               spider: Any = None) -> Request | Response:
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        delay = retry_after_seconds(response.headers.get("Retry-After"))
        if delay is None:
            return self._retry(request, response_status_message(response.status)) or response
        stats = self.crawler.stats
        if delay > self.max_delay:
            stats.inc_value("retry_after/over_cap")
            logger.info("not retrying %s: Retry-After %ss exceeds RETRY_AFTER_MAX_DELAY %ss",
                        request.url, delay, self.max_delay)
            return response
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        stats.inc_value("retry_after/count")
        stats.inc_value("retry_after/seconds", delay)
        await self.sleep(delay)
        return retry
