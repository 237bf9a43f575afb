"""From a Scrapy response to a record: the crawl's one door into the pure extractor.

``extract_response(response)`` is what a spider callback calls, ours or anyone's:
it returns the article record, or ``None`` for a listing page or a response that
is not HTML. What the page was is kept in ``response.meta`` (``PageResult``) for
``ExtractMiddleware``, which reports the outcome of pages that give no record
(``dropped/listing``, ``dropped/not_html``) and writes listing records to
``listings.jsonl``, so a user's spider keeps the same books as ``scraper crawl``.

The extraction itself is ``scraper.crawl.page_result.extract_result`` on plain inputs
(``page_inputs``): here in the caller's thread; ``scraper crawl`` runs it in worker processes
(``scraper.crawl.workers``) and keeps the result in ``response.meta`` the same way (``settle``).

Settings: SITE_TIMEZONE (dates without an offset) and EXTRACT_TIMEOUT (seconds one page's
extraction may take, ``scraper.crawl.deadline``; 0: no limit), passed to the extractor by
``ExtractMiddleware`` through ``response.meta``.
"""
from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any

from scrapy.http import Response, TextResponse

from scraper.crawl.listings import listing_page
from scraper.crawl.outcomes import met_url, url_outcome
from scraper.crawl.page_result import PageResult, extract_within
from scraper.extract.dates import now_iso

logger = logging.getLogger(__name__)

#: ``response.meta`` keys: the page's result, and the site time zone set by the middleware.
RESULT_KEY = "scraper_page"
TIMEZONE_KEY = "scraper_timezone"
#: ``response.meta`` key: how many of a listing's other links to collect (FOLLOW_OTHER_LINKS_MAX; unset: all).
OTHER_LINKS_KEY = "scraper_other_links_max"
#: ``response.meta`` key: EXTRACT_TIMEOUT; a spider run without the middleware gets ``DEFAULT_TIMEOUT``.
TIMEOUT_KEY = "scraper_extract_timeout"
DEFAULT_TIMEOUT = 60.0

#: What ``extract_result`` takes: body, URL, Content-Type, time zone, other-links limit, fetched_at.
PageInputs = tuple[bytes, str, bytes | None, str | None, int | None, str]


def is_html(response: Response) -> bool:
    content_type = (response.headers.get("Content-Type") or b"text/html").lower()
    return isinstance(response, TextResponse) and b"html" in content_type


def page_inputs(response: Response, timezone: str | None = None) -> PageInputs:
    """The plain, picklable inputs of ``extract_result`` for a response (``fetched_at`` is now)."""
    return (response.body, response.url, response.headers.get("Content-Type"),
            timezone or response.meta.get(TIMEZONE_KEY) or None, response.meta.get(OTHER_LINKS_KEY), now_iso())


def page_result(response: Response, timezone: str | None = None) -> PageResult:
    """The response's ``PageResult``, extracted once (in this thread) and kept in ``response.meta``."""
    cached = response.meta.get(RESULT_KEY)
    if isinstance(cached, PageResult):
        return cached
    if not is_html(response):
        return settle(response, PageResult("not_html"))
    seconds = response.meta.get(TIMEOUT_KEY, DEFAULT_TIMEOUT)
    return settle(response, extract_within(seconds, page_inputs(response, timezone)))


def settle(response: Response, result: PageResult) -> PageResult:
    """Keep a page's result in ``response.meta`` (where ``ExtractMiddleware`` finds it); log a failed extraction."""
    if result.error:
        logger.warning("%s: extraction failed (%s)", response.url, result.error)
    response.meta[RESULT_KEY] = result
    return result


def extract_response(response: Response) -> dict[str, Any] | None:
    """The article record of a response; ``None`` for a listing page or a response that is not HTML."""
    result = page_result(response)
    return result.record if result.kind == "article" else None


class ExtractMiddleware:
    """Spider middleware: passes SITE_TIMEZONE to ``extract_response`` and reports pages that give no record."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.timezone = crawler.settings.get("SITE_TIMEZONE") or None  # None: each page's own (``page_zone``)
        self.other_links_max = crawler.settings.getint("FOLLOW_OTHER_LINKS_MAX")
        self.timeout = crawler.settings.getfloat("EXTRACT_TIMEOUT", DEFAULT_TIMEOUT)

    @classmethod
    def from_crawler(cls, crawler: Any) -> ExtractMiddleware:
        return cls(crawler)

    def process_spider_input(self, response: Response) -> None:
        response.meta.setdefault(TIMEZONE_KEY, self.timezone)
        response.meta.setdefault(OTHER_LINKS_KEY, self.other_links_max)  # a page of 50,000 links: not a list of all
        response.meta.setdefault(TIMEOUT_KEY, self.timeout)

    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterator[Any]:
        yield from result
        self._report(response)

    async def process_spider_output_async(self, response: Response, result: AsyncIterator[Any]) -> AsyncIterator[Any]:
        async for item in result:
            yield item
        self._report(response)

    def _report(self, response: Response) -> None:
        result = response.meta.get(RESULT_KEY)
        if not isinstance(result, PageResult) or result.reported:
            return
        result.reported = True
        for name, error in result.field_errors:
            self.crawler.stats.inc_value(f"extract/field_error/{name}")
            logger.warning("%s: the %s extractor failed (%s); the field is left empty", response.url, name, error)
        if result.kind == "article":
            return
        send, url = self.crawler.signals.send_catch_log, met_url(response)
        if result.kind == "listing":
            send(listing_page, record=result.record)
            send(url_outcome, url=url, outcome="dropped", reason="listing")
        elif result.kind == "failed":
            send(url_outcome, url=url, outcome="failed", reason=result.reason or "parse_error")
        else:
            send(url_outcome, url=url, outcome="dropped", reason="not_html")


__all__ = ["ExtractMiddleware", "PageResult", "extract_response", "is_html", "page_inputs", "page_result", "settle"]
