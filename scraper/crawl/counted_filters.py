"""Scrapy's offsite and URL-length filters, with an outcome for every URL they drop.

Scrapy drops such requests silently: ``OffsiteMiddleware`` refuses them in the
``request_scheduled`` signal (after the URL was met, so the books did not add up) and
``UrlLengthMiddleware`` before they are scheduled (a 10k-character URL, also a start URL,
vanished with no outcome). Here each is ``dropped/offsite`` or ``dropped/url_too_long``,
counted under the URL first met (a redirect's first URL). A redirect from a start URL
(which bypasses the filters with ``dont_filter``) to a host outside ``allowed_domains``
is offsite too.
"""
from __future__ import annotations

from typing import Any

from scrapy import Request, Spider
from scrapy.downloadermiddlewares.offsite import OffsiteMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.spidermiddlewares.urllength import UrlLengthMiddleware

from scraper.crawl.outcomes import met_url, url_outcome


class CountedOffsiteMiddleware(OffsiteMiddleware):
    def request_scheduled(self, request: Request, spider: Spider) -> None:
        try:
            self.process_request(request)
        except IgnoreRequest:
            self.crawler.signals.send_catch_log(url_outcome, url=met_url(request), outcome="dropped",
                                                reason="offsite")
            raise

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        hop = "redirect_times" in request.meta
        if request.dont_filter and hop and not request.meta.get("allow_offsite"):
            if not self.should_follow(request, self.crawler.spider):
                self.stats.inc_value("offsite/filtered")
                raise IgnoreRequest(f"Filtered offsite redirect to {request.url}")
            return None
        return super().process_request(request)


class CountedUrlLengthMiddleware(UrlLengthMiddleware):
    def get_processed_request(self, request: Request, response: Response | None) -> Request | None:
        kept = super().get_processed_request(request, response)
        if kept is None:
            self.crawler.signals.send_catch_log(url_outcome, url=request.url, outcome="dropped",
                                                reason="url_too_long", met=True)
        return kept


__all__: list[Any] = ["CountedOffsiteMiddleware", "CountedUrlLengthMiddleware"]
