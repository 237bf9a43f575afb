"""The ``news`` spider: crawl start pages, follow listings, extract articles.

Arguments (``-a name=value``):
    start_urls       comma-separated URLs to start from (home, section, listing pages).
    allowed_domains  comma-separated domains to stay in (default: the start URLs' hosts).
    sitemap_urls, feed_urls, robots_sitemaps, allow, deny, since: see ``scraper.spiders.discovery``.

The spider only routes: every page goes through ``scraper.crawl.responses`` (the same
door any Scrapy project's spider uses with ``scraper.extract_response``) to the pure
extractor, run in worker processes (``scraper.crawl.workers``); "article or listing" is
``scraper.extract.route`` (shared with WARC replay).
Each response ends in one counted outcome (stats ``outcome/...``).
"""
from __future__ import annotations

from collections import OrderedDict
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scraper.spiders.discovery import DiscoveryMixin, split_arg
from scrapy.http import Response
from twisted.python.failure import Failure

from scraper.crawl.outcomes import failure_reason, met_url, url_outcome
from scraper.crawl.pacing import paced
from scraper.crawl.responses import page_result
from scraper.crawl.workers import extracted

#: How many recently followed URLs the spider remembers (a bounded shortcut before the dupefilter).
RECENT_LINKS = 20_000


class NewsSpider(DiscoveryMixin, scrapy.Spider):
    name = "news"

    def __init__(self, start_urls: str | list[str] | None = None, allowed_domains: str | None = None,
                 sitemap_urls: str | None = None, feed_urls: str | None = None, robots_sitemaps: str | None = None,
                 allow: str | None = None, deny: str | None = None, since: str | None = None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.start_urls = split_arg(start_urls)
        self.setup_discovery(sitemap_urls, feed_urls, robots_sitemaps, allow, deny, since)
        hosts = split_arg(allowed_domains) or [urlsplit(u).hostname or "" for u in self.start_urls]
        hosts += [] if allowed_domains else self.discovery_hosts()
        self.allowed_domains = sorted({h for h in hosts if h})
        self._recent: OrderedDict[str, None] = OrderedDict()

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.start_urls:
            # Redis workers share the duplicate filter: only one of them fetches each start URL.
            yield scrapy.Request(url, callback=self.parse, errback=self.failed,
                                 dont_filter=not self.settings.get("REDIS_URL"))
        for request in self.discovery_requests(self.start_urls):
            yield request

    def outcome(self, url: str, outcome: str, reason: str | None = None) -> None:
        """Report what became of a URL (see scraper.crawl.outcomes)."""
        self.crawler.signals.send_catch_log(url_outcome, url=url, outcome=outcome, reason=reason)

    def failed(self, failure: Failure) -> None:
        request = getattr(failure, "request", None)
        url = met_url(request) if request is not None else "unknown"
        skipped = request.meta.get("skip") if request is not None else None
        reason = skipped or failure_reason(failure)
        outcome = "dropped" if skipped or reason in ("robots_txt", "offsite") else "failed"
        self.logger.info("%s %s: %s", outcome, url, reason)
        self.outcome(url, outcome, reason)

    async def parse(self, response: Response, **kwargs: Any) -> AsyncIterator[Any]:
        """Article: the record, then its feed and related links; listing: its entries, sections and next page.

        Requests go to the scheduler no faster than the crawl fetches (``scraper.crawl.pacing``):
        a page of 250,000 links does not become 250,000 requests in memory at once.
        The page is extracted by a worker process (``scraper.crawl.workers``, EXTRACT_WORKERS) while
        the reactor goes on with other responses; its result is kept in ``response.meta``.
        Pages that give no record are reported by ``scraper.crawl.responses.ExtractMiddleware``."""
        await extracted(self.crawler, response)
        async for item in paced(self.crawler, self.page_output(response)):
            yield item

    def page_output(self, response: Response) -> Iterator[Any]:
        """What ``parse`` yields, as a plain generator."""
        result = page_result(response)
        if result.kind == "article":
            yield result.record
            if self.settings.getbool("FOLLOW_ARTICLE_LINKS"):
                yield from self._follow(response, result.links)
        elif result.kind == "listing":
            next_page = (result.record or {}).get("next_page")
            yield from self._follow(response, result.links, next_page=next_page)
            others = result.other_links[:self.settings.getint("FOLLOW_OTHER_LINKS_MAX")]
            yield from self._follow(response, others, priority=-1)  # entries and the next page first

    def _allowed(self, url: str) -> bool:
        host = (urlsplit(url).hostname or "").lower()
        return not self.allowed_domains or any(host == d or host.endswith("." + d) for d in self.allowed_domains)

    def _follow(self, response: Response, urls: list[str], next_page: str | None = None,
                priority: int = 0) -> Iterator[scrapy.Request]:
        """Requests for links within the allowed domains (offsite links are not met at all).

        Pages link to the same stories over and over (menus, trending rails); a bounded
        memory of recently followed URLs saves building requests the duplicate filter
        would refuse anyway. It is only a shortcut: the filter on disk stays the judge."""
        for url in urls:
            # start URLs bypass the duplicate filter (dont_filter), so links back to them are not followed
            if url in self._recent or not self._allowed(url) or url in self.start_urls:
                continue
            self._recent[url] = None
            if len(self._recent) > RECENT_LINKS:
                self._recent.popitem(last=False)
            request = self.settled(self.follow_link(response, url, next_page=url == next_page, priority=priority))
            if request is not None:
                yield request
