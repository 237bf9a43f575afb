from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

import pytest
from scrapy import Request, Spider
from scrapy.http import Response
from scrapy.utils.test import get_crawler

from scraper.crawl.retry_after import RetryAfterMiddleware, retry_after_seconds

NOW = dt.datetime(2024, 2, 2, 12, 0, 0, tzinfo=dt.timezone.utc)


@pytest.mark.parametrize(("value", "seconds"), [
    (b"5", 5.0),
    ("120", 120.0),
    (b"Fri, 02 Feb 2024 12:00:30 GMT", 30.0),
    (b"Fri, 02 Feb 2024 11:00:00 GMT", 0.0),  # in the past: at once
    (b"soon", None),
    (None, None),
])
def test_retry_after_seconds(value: Any, seconds: float | None) -> None:
    assert retry_after_seconds(value, NOW) == seconds


def _middleware(**settings: Any) -> tuple[RetryAfterMiddleware, list[float]]:
    crawler = get_crawler(Spider, {"RETRY_TIMES": 2, "RETRY_AFTER_MAX_DELAY": 60, **settings})
    crawler.spider = crawler._create_spider("test")
    middleware = RetryAfterMiddleware.from_crawler(crawler)
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    middleware.sleep = sleep  # type: ignore[method-assign]
    return middleware, waits


def _run(middleware: RetryAfterMiddleware, request: Request, status: int, retry_after: str | None) -> Any:
    headers = {"Retry-After": retry_after} if retry_after else {}
    response = Response(request.url, status=status, headers=headers, request=request)
    return asyncio.run(middleware.process_response(request, response))


def test_waits_retry_after_then_retries() -> None:
    middleware, waits = _middleware()
    result = _run(middleware, Request("http://a/x"), 503, "7")
    assert (type(result).__name__, result.meta["retry_times"], waits) == ("Request", 1, [7.0])


def test_retry_after_past_the_cap_is_not_retried() -> None:
    middleware, waits = _middleware()
    result = _run(middleware, Request("http://a/x"), 503, "3600")
    assert (type(result).__name__, result.status, waits,
            middleware.crawler.stats.get_value("retry_after/over_cap")) == ("Response", 503, [], 1)


def test_retries_stay_bounded_and_do_not_wait_when_giving_up() -> None:
    middleware, waits = _middleware()
    request = Request("http://a/x", meta={"retry_times": 2})
    result = _run(middleware, request, 429, "3")
    assert (type(result).__name__, result.status, waits) == ("Response", 429, [])


def test_without_header_retries_at_once() -> None:
    middleware, waits = _middleware()
    result = _run(middleware, Request("http://a/x"), 500, None)
    assert (type(result).__name__, result.meta["retry_times"], waits) == ("Request", 1, [])


def test_404_is_never_retried() -> None:
    middleware, waits = _middleware()
    result = _run(middleware, Request("http://a/x"), 404, "5")
    assert (type(result).__name__, result.status, waits) == ("Response", 404, [])
