"""Discovery routing for the ``news`` spider: sitemaps, feeds, robots.txt, URL decisions.

Spider arguments (``-a name=value``), read by ``DiscoveryMixin.setup_discovery``:
    sitemap_urls     comma-separated sitemaps or sitemap indexes (gzipped or not, Google News).
    feed_urls        comma-separated RSS 2.0 / Atom feeds.
    robots_sitemaps  ``true``: read the start URLs' robots.txt ``Sitemap:`` lines.
    allow, deny      regular expressions a URL must / must not match (deny wins).
    since            ``YYYY-MM-DD`` or ISO date-time: skip sitemap/feed entries dated before it.

Parsing is ``scraper.discovery``; the incremental decision is ``scraper.crawl.state``.
Each URL met ends in one outcome: sitemaps and feeds are ``dropped/sitemap``,
``dropped/feed``; skipped entries ``dropped/<reason>`` (via ``scraper.crawl.skip``); an entry
that is not an http(s) URL (``file:``, ``data:``, ``ftp:``, ``mailto:``...) is ``dropped/bad_scheme``
and never requested (Scrapy would read a ``file:`` URL from the local disk).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response

from scraper.crawl.outcomes import met_url, url_outcome
from scraper.crawl.pacing import paced
from scraper.crawl.state import CrawlState, skip_reason, state_for
from scraper.crawl.traps import TrapGuard
from scraper.discovery import (
    UnsafeXML,
    UrlFilter,
    entries,
    parse_since,
    robots_sitemaps,
    robots_url,
)
from scraper.extract.page_zone import page_zone

#: The schemes a discovered URL may have to be fetched.
FETCHABLE = ("http", "https")


def split_arg(value: str | list[str] | None) -> list[str]:
    """A spider argument given as 'a,b,c' (or already a list) -> ['a', 'b', 'c']."""
    if not value:
        return []
    if isinstance(value, list):
        return value
    return [v.strip() for v in value.split(",") if v.strip()]


class DiscoveryMixin:
    """Routes discovery sources; mixed into a ``scrapy.Spider`` with ``parse`` and ``failed``."""

    sitemap_urls: list[str]
    feed_urls: list[str]
    url_filter: UrlFilter
    since: dt.datetime | None
    crawler: Any

    def setup_discovery(self, sitemap_urls: str | list[str] | None = None, feed_urls: str | list[str] | None = None,
                        robots_sitemaps: str | bool | None = None, allow: str | None = None,
                        deny: str | None = None, since: str | None = None) -> None:
        self.sitemap_urls = split_arg(sitemap_urls)
        self.feed_urls = split_arg(feed_urls)
        self.use_robots = str(robots_sitemaps or "").lower() in ("1", "true", "yes", "on")
        self.url_filter = UrlFilter.build(allow, deny)
        self.since = parse_since(since) if since else None

    def discovery_hosts(self) -> list[str]:
        return [urlsplit(u).hostname or "" for u in self.sitemap_urls + self.feed_urls]

    @property
    def crawl_state(self) -> CrawlState:
        """Not ``state``: Scrapy's SpiderState extension owns ``spider.state`` (a dict pickled into JOBDIR)."""
        return state_for(self.crawler)

    def discovery_requests(self, start_urls: list[str]) -> Iterator[scrapy.Request]:
        sites = list(dict.fromkeys(robots_url(u) for u in start_urls)) if self.use_robots else []
        for url in sites:
            yield scrapy.Request(url, callback=self.parse_robots, errback=self.failed)  # type: ignore[attr-defined]
        for url in self.sitemap_urls + self.feed_urls:
            yield scrapy.Request(url, callback=self.parse_xml, errback=self.failed)  # type: ignore[attr-defined]

    def report(self, url: str, outcome: str, reason: str | None) -> None:
        self.outcome(url, outcome, reason)  # type: ignore[attr-defined]

    def fetchable(self, url: str) -> bool:
        """False (and the URL met and ``dropped/bad_scheme``) for a discovered URL that is not http(s)."""
        if urlsplit(url).scheme.lower() in FETCHABLE:
            return True
        self.crawler.signals.send_catch_log(url_outcome, url=url, outcome="dropped", reason="bad_scheme", met=True)
        return False

    def parse_robots(self, response: Response) -> Iterator[scrapy.Request]:
        self.report(met_url(response), "dropped", "robots_sitemaps")
        for url in robots_sitemaps(response.text if hasattr(response, "text") else "", response.url):
            if self.fetchable(url):
                yield response.follow(url, callback=self.parse_xml, errback=self.failed)  # type: ignore[attr-defined]

    async def parse_xml(self, response: Response) -> AsyncIterator[scrapy.Request]:
        """A sitemap, sitemap index or feed, told apart by its root element.

        A generator over a stream: each entry becomes a request as it is parsed, and goes to the
        scheduler (with JOBDIR its disk queue) as it is yielded, no faster than the crawl fetches
        (``scraper.crawl.pacing``), so a sitemap of 500,000 URLs is never a tree, a list of
        entries or a list of requests in memory."""
        async for request in paced(self.crawler, self.xml_requests(response)):
            yield request

    def xml_requests(self, response: Response) -> Iterator[scrapy.Request]:
        """The requests of a sitemap's, index's or feed's entries, one per entry as it is parsed.

        Dates without an offset are read in SITE_TIMEZONE, as the extractor reads page dates."""
        timezone = self.crawler.settings.get("SITE_TIMEZONE") or page_zone(response.url, None) or "UTC"
        kind, found = entries(response.body, response.url, timezone)
        if kind in ("other", "unsafe"):
            self.report(met_url(response), "dropped", "not_sitemap_or_feed" if kind == "other" else "unsafe_xml")
            return
        self.report(met_url(response), "dropped", "feed" if kind == "feed" else "sitemap")
        index = kind == "sitemapindex"
        try:
            for entry in found:
                if not self.fetchable(entry.url):
                    continue
                request = response.follow(entry.url, callback=self.parse_xml if index else self.parse,  # type: ignore[attr-defined]
                                          errback=self.failed)  # type: ignore[attr-defined]
                request = self.settled(self.decided(request, entry.date, incremental=not index))
                if request is not None:
                    yield request
        except UnsafeXML as exc:  # an entity declaration after the root element: the entries before stand
            self.crawler.spider.logger.warning("%s: %s after its first entries", response.url, exc)

    @property
    def traps(self) -> TrapGuard:
        guard = self.__dict__.get("_traps")
        if guard is None:
            settings = self.crawler.settings
            guard = self.__dict__["_traps"] = TrapGuard(settings.getint("TRAP_MAX_PAGES"),
                                                        settings.getint("TRAP_MAX_URLS_PER_PATTERN"))
        return guard

    def follow_link(self, response: Response, url: str, *, next_page: bool = False,
                    priority: int = 0) -> scrapy.Request:
        """A link found on a page (listing entry, next page, related article, plain link), with its decision.

        A next page continues its listing's pagination chain (``meta["chain"]``, see ``scraper.crawl.traps``)."""
        chain = response.meta.get("chain", 0) + 1 if next_page else 0
        request = response.follow(url, callback=self.parse, errback=self.failed,  # type: ignore[attr-defined]
                                  priority=priority, meta={"chain": chain})
        request = self.decided(request, None)
        trap = None if request.meta.get("skip") else self.traps.reason(request.url, chain)
        if trap:
            request.meta["skip"] = trap
        return request

    def settled(self, request: scrapy.Request) -> scrapy.Request | None:
        """The request to schedule, or None when it is a skip (``meta["skip"]``) settled here.

        A skipped request needs no trip through the scheduler, downloader and errback (about
        1 ms an entry on a 500,000-URL sitemap): the duplicate filter is asked here, as the
        scheduler would ask it, and a URL it has not seen is met and ``dropped/<reason>`` at
        once. A seen one is a duplicate link, not counted again. Without a scheduler that has
        a duplicate filter the request is returned and ``scraper.crawl.skip`` stops it."""
        reason = request.meta.get("skip")
        if not reason:
            return request
        seen = getattr(self._dupefilter(), "request_seen", None)
        if seen is None or request.dont_filter:
            return request
        if not seen(request):
            self.crawler.signals.send_catch_log(url_outcome, url=met_url(request), outcome="dropped",
                                                reason=reason, met=True)
        return None

    def _dupefilter(self) -> object | None:
        """This run's duplicate filter, when the scheduler has one."""
        engine = getattr(self.crawler, "engine", None)
        return getattr(getattr(engine, "scheduler", None), "df", None)

    def _fetch_scheduled(self, request: scrapy.Request) -> bool:
        """Whether this run's duplicate filter already holds the request (False when it cannot say)."""
        has_seen = getattr(self._dupefilter(), "has_seen", None)
        return bool(has_seen(request)) if has_seen else False

    def decided(self, request: scrapy.Request, date: str | None, incremental: bool = True) -> scrapy.Request:
        """The request, marked ``meta["skip"]`` when it is not to be fetched.

        An ``unchanged`` skip is a HEAD request (never sent: ``scraper.crawl.skip``), so its
        fingerprint is not the fetch's: the duplicate filter counts it once per URL, and a
        sitemap or feed entry met later whose date says the article changed still fetches it.
        (A link on a page carries no date; met before the sitemap, its GET skip claimed the URL
        and the changed article was never fetched.) Then that URL has both outcomes. A URL whose
        fetch is already scheduled in this run is left as it is: the duplicate filter drops it."""
        known = self.crawl_state.lookup(request.url) if incremental else None
        reason = skip_reason(request.url, date, url_filter=self.url_filter, since=self.since, known=known,
                             run=self.crawl_state.run)
        if reason == "unchanged":
            if self._fetch_scheduled(request):
                return request
            request = request.replace(method="HEAD")
        if reason:
            request.meta["skip"] = reason
        return request
