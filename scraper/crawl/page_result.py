"""What one fetched page was, from plain inputs: the pure step an extraction worker runs.

``extract_result(body, url, content_type, ...)`` returns a ``PageResult`` (``article``,
``listing``, ``not_html`` or ``failed``, its record and the links to follow). It takes and
returns only picklable values and imports only the pure extractor (no Scrapy, no Twisted), so
the crawl can run it in its own thread (``scraper.crawl.responses``) or in a worker process
(``scraper.crawl.workers``) and get the same result either way.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from scraper.crawl.deadline import TIMED_OUT, ExtractTimeout, deadline
from scraper.errors import NotHTML
from scraper.extract import Page, route
from scraper.extract.encoding import content_type_charset
from scraper.extract.links import other_links, section_links
from scraper.extract.route import entry_urls


@dataclass
class PageResult:
    """What one response was: ``article``, ``listing``, ``not_html`` or ``failed``, its record, the links to follow."""

    kind: str
    record: dict[str, Any] | None = None
    links: list[str] = field(default_factory=list)
    other_links: list[str] = field(default_factory=list)  #: a listing's other same-site links, followed last
    field_errors: list[tuple[str, str]] = field(default_factory=list)
    reported: bool = False
    #: why a ``failed`` page failed: ``parse_error``, ``extract_timeout``, ``extract_worker_died``
    reason: str | None = None
    error: str | None = None  #: the exception of a failed extraction, logged by the crawl process


def extract_result(body: bytes, url: str, content_type: bytes | str | None, timezone: str | None,
                   other_links_max: int | None, fetched_at: str) -> PageResult:
    """The ``PageResult`` of an HTML response's body (``other_links_max``: None collects every other link)."""
    try:
        page = Page.from_html(body, url, header_charset=content_type_charset(content_type))
    except NotHTML:
        return PageResult("not_html")
    try:
        kind, record = route(page, fetched_at=fetched_at, timezone=timezone)
    except Exception as exc:  # the page boundary: one counted outcome, never a traceback
        return PageResult("failed", field_errors=page.field_errors, reason="parse_error",
                          error=f"{type(exc).__name__}: {exc}")
    if kind == "article":
        return PageResult("article", record, entry_urls(record), field_errors=page.field_errors)  # type: ignore[arg-type]
    links = [i["url"] for i in record["linked_items"]] + section_links(page)
    if record["next_page"]:
        links.append(record["next_page"])
    others = other_links(page, set(links), limit=other_links_max)
    return PageResult("listing", record, links, others, field_errors=page.field_errors)


def extract_within(seconds: float, inputs: tuple) -> PageResult:  # type: ignore[type-arg]
    """``extract_result(*inputs)`` within ``deadline(seconds)`` (0: none); past it ``failed/extract_timeout``."""
    try:
        with deadline(seconds):
            return extract_result(*inputs)
    except ExtractTimeout as exc:
        return PageResult("failed", reason=TIMED_OUT, error=str(exc))


__all__ = ["PageResult", "extract_result", "extract_within"]
