"""From a Scrapy response to a record: the crawl's one door into the pure extractor.

``extract_response(response)`` is what a spider callback calls, ours or anyone's:
it returns the article record, or ``None`` for a listing page or a response that
is not HTML. What the page was is kept in ``response.meta`` (``PageResult``) for
``ExtractMiddleware``, which reports the outcome of pages that give no record
(``dropped/listing``, ``dropped/not_html``) and writes listing records to
``listings.jsonl``, so a user's spider keeps the same books as ``scraper crawl``.

Settings: SITE_TIMEZONE (dates without an offset), passed to the extractor by
``ExtractMiddleware`` through ``response.meta``.
"""
from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from scrapy.http import Response, TextResponse

from scraper.crawl.listings import listing_page
from scraper.crawl.outcomes import met_url, url_outcome
from scraper.errors import NotHTML
from scraper.extract import Page, route
from scraper.extract.dates import now_iso
from scraper.extract.encoding import content_type_charset
from scraper.extract.links import other_links, section_links
from scraper.extract.route import entry_urls

logger = logging.getLogger(__name__)

#: ``response.meta`` keys: the page's result, and the site time zone set by the middleware.
RESULT_KEY = "scraper_page"
TIMEZONE_KEY = "scraper_timezone"
#: ``response.meta`` key: how many of a listing's other links to collect (FOLLOW_OTHER_LINKS_MAX; unset: all).
OTHER_LINKS_KEY = "scraper_other_links_max"


@dataclass
class PageResult:
    """What one response was: ``article``, ``listing``, ``not_html`` or ``failed``, its record, the links to follow."""

    kind: str
    record: dict[str, Any] | None = None
    links: list[str] = field(default_factory=list)
    other_links: list[str] = field(default_factory=list)  #: a listing's other same-site links, followed last
    field_errors: list[tuple[str, str]] = field(default_factory=list)
    reported: bool = False


def _is_html(response: Response) -> bool:
    content_type = (response.headers.get("Content-Type") or b"text/html").lower()
    return isinstance(response, TextResponse) and b"html" in content_type


def page_result(response: Response, timezone: str | None = None) -> PageResult:
    """The response's ``PageResult``, extracted once and kept in ``response.meta``."""
    cached = response.meta.get(RESULT_KEY)
    if isinstance(cached, PageResult):
        return cached
    result = _extract(response, timezone or response.meta.get(TIMEZONE_KEY) or "UTC")
    response.meta[RESULT_KEY] = result
    return result


def _extract(response: Response, timezone: str) -> PageResult:
    if not _is_html(response):
        return PageResult("not_html")
    try:
        page = Page.from_html(response.body, response.url,
                              header_charset=content_type_charset(response.headers.get("Content-Type")))
    except NotHTML:
        return PageResult("not_html")
    try:
        kind, record = route(page, fetched_at=now_iso(), timezone=timezone)
    except Exception as exc:  # the page boundary: one counted outcome, never a traceback
        logger.warning("%s: extraction failed (%s: %s)", response.url, type(exc).__name__, exc)
        return PageResult("failed", field_errors=page.field_errors)
    if kind == "article":
        return PageResult("article", record, entry_urls(record), field_errors=page.field_errors)  # type: ignore[arg-type]
    links = [i["url"] for i in record["linked_items"]] + section_links(page)
    if record["next_page"]:
        links.append(record["next_page"])
    others = other_links(page, set(links), limit=response.meta.get(OTHER_LINKS_KEY))
    return PageResult("listing", record, links, others, field_errors=page.field_errors)


def extract_response(response: Response) -> dict[str, Any] | None:
    """The article record of a response; ``None`` for a listing page or a response that is not HTML."""
    result = page_result(response)
    return result.record if result.kind == "article" else None


class ExtractMiddleware:
    """Spider middleware: passes SITE_TIMEZONE to ``extract_response`` and reports pages that give no record."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.timezone = crawler.settings.get("SITE_TIMEZONE") or "UTC"
        self.other_links_max = crawler.settings.getint("FOLLOW_OTHER_LINKS_MAX")

    @classmethod
    def from_crawler(cls, crawler: Any) -> ExtractMiddleware:
        return cls(crawler)

    def process_spider_input(self, response: Response) -> None:
        response.meta.setdefault(TIMEZONE_KEY, self.timezone)
        response.meta.setdefault(OTHER_LINKS_KEY, self.other_links_max)  # a page of 50,000 links: not a list of all

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
            send(url_outcome, url=url, outcome="failed", reason="parse_error")
        else:
            send(url_outcome, url=url, outcome="dropped", reason="not_html")


__all__ = ["ExtractMiddleware", "PageResult", "extract_response", "page_result"]
