"""Scrapy's scheduler, with an outcome for every request still queued when the crawl stops.

A ``--max-pages``/``--max-items`` limit, Ctrl-C/SIGTERM or a full disk closes the spider
with requests scheduled (met) but never fetched. Scrapy drops them silently, so the books
did not add up (``urls_met`` 100,001, outcomes 227). At close:

* a request in the memory queue is lost for good: ``dropped/not_fetched`` (or the
  spider's own ``meta["skip"]`` reason, the outcome it would have had), under the URL
  first met;
* a request in the JOBDIR disk queue is kept for a resume, which fetches it and gives it
  its outcome then: it is counted ``queued`` (a count in the report, no line in
  ``outcomes.jsonl``).
"""
from __future__ import annotations

from scrapy.core.scheduler import Scheduler
from twisted.internet.defer import Deferred

from scraper.crawl.outcomes import met_url, requests_queued, url_outcome


class BooksScheduler(Scheduler):
    def close(self, reason: str) -> Deferred[None] | None:
        send = self.crawler.signals.send_catch_log if self.crawler is not None else None
        while (request := self.mqs.pop()) is not None:
            if send is not None:
                send(url_outcome, url=met_url(request), outcome="dropped",
                     reason=request.meta.get("skip") or "not_fetched")
        if send is not None and self.dqs is not None and len(self.dqs):
            send(requests_queued, count=len(self.dqs))
        return super().close(reason)


__all__ = ["BooksScheduler"]
