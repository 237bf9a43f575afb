"""Every URL a crawl meets ends in exactly one outcome; this extension keeps the books.

Outcomes: ``exported``, ``dropped/<reason>`` (not HTML, listing page, duplicate,
invalid record, robots.txt, offsite, ``not_fetched`` when the crawl stopped first...),
``failed/<reason>`` (HTTP status, timeout, connection error, parse error) and ``queued``
(still in the JOBDIR queue when the crawl stopped: a resume fetches it; see
``scraper.crawl.books_scheduler``). A URL is *met* when its first request is scheduled
(retries and redirects continue the same URL). At the end the run report says whether
``met == exported + dropped + failed + queued``.

Files, in the run's dataset folder (``scraper.crawl.dataset_dir``):
    outcomes.jsonl  one line per URL outcome ``{"url", "outcome", "reason"}``
    report.json     the run report

With a JOBDIR the books belong to the job, not to one run: they are saved in
``JOBDIR/books.json`` when a run closes and taken up by the next run of the job, so
after a pause (Ctrl-C, SIGTERM, a limit) and a resume the report covers the whole job.
The ``queued`` count of the stopped run is taken off (the resume gives those URLs
their outcomes), and a start URL the job already met is not met again (Scrapy yields
the start requests again on a resume, past the duplicate filter). After a kill the
job starts again from its start URLs with new books (``scraper.crawl.job_guard``).

Spiders report their own decisions by sending the ``url_outcome`` signal
(``outcome``, ``reason``, ``url``); pipelines raise ``DropItem("reason: detail")``.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, Spider, signals
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from twisted.python.failure import Failure

from scraper.crawl.dataset_dir import dataset_file
from scraper.extract.dates import format_datetime

logger = logging.getLogger(__name__)

#: Signal sent by spiders: ``send_catch_log(url_outcome, url=..., outcome=..., reason=...)``.
url_outcome = object()
#: Signal sent by the scheduler at close: ``count`` requests stay in the JOBDIR queue.
requests_queued = object()


def met_url(request: Any) -> str:
    """The URL met for a request or response: a redirect's first URL, not its last hop."""
    try:
        chain = request.meta.get("redirect_urls")
    except AttributeError:  # a response not tied to a request
        chain = None
    return str((chain or [request.url])[0])


def _item_url(item: Any, response: Response) -> str:
    """The URL met for a record: its response's first URL when it was redirected, else the record's URL."""
    first = met_url(response)
    return first if first != response.url else str(item.get("url") or response.url)


def failure_reason(failure: Failure) -> str:
    """A short, stable reason for a failed request: http_404, timeout, dns_error..."""
    value = failure.value
    response = getattr(value, "response", None)
    if isinstance(response, Response):
        return f"http_{response.status}"
    name = type(value).__name__
    known = {
        "TimeoutError": "timeout", "TCPTimedOutError": "timeout", "DNSLookupError": "dns_error",
        "ConnectionRefusedError": "connection_refused", "ConnectionLost": "connection_lost",
        "ResponseNeverReceived": "connection_lost", "ConnectError": "connection_error",
        "ResponseFailed": "connection_lost", "PotentialDataLoss": "truncated",
        "_DataLoss": "truncated", "IgnoreRequest": "ignored",
        # Scrapy 2.13+ wraps Twisted errors in its own exceptions.
        "DownloadTimeoutError": "timeout", "ResponseDataLossError": "truncated",
        "DownloadConnectionRefusedError": "connection_refused", "CannotResolveHostError": "dns_error",
        "DownloadFailedError": "connection_lost", "DownloadCancelledError": "cancelled",
        "BadGzip": "bad_gzip", "TruncatedGzip": "truncated_gzip",
    }
    if name in known:
        reason = known[name]
        text = str(value).lower()
        if reason in ("ignored", "cancelled"):
            if "robots" in text:
                return "robots_txt"
            if "maxsize" in text or "size" in text or (reason == "cancelled" and not text):
                return "too_large"  # Scrapy cancels a body past DOWNLOAD_MAXSIZE with no message
            if "offsite" in text:
                return "offsite"
            if "redirections" in text:
                return "too_many_redirects"
        return reason
    return name.lower()


#: The job's books in JOBDIR.
BOOKS = "books.json"


def write_atomic(path: Path, text: str) -> None:
    """Write a whole file or nothing (a kill mid-write leaves the old one)."""
    temp = path.with_name(path.name + ".tmp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)


class Outcomes:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.outcomes_path = dataset_file(crawler, "outcomes.jsonl")
        self.report_path = dataset_file(crawler, "report.json")
        self.counts: Counter[str] = Counter()
        self.by_domain: dict[str, Counter[str]] = {}
        self.met = 0
        self.started = dt.datetime.now(dt.timezone.utc)
        self.start_urls: set[str] = set()  #: start URLs met by this job (a resume does not meet them again)
        self._fh: Any = None
        jobdir = crawler.settings.get("JOBDIR")
        self.books_path = Path(jobdir) / BOOKS if jobdir else None
        self.resumed = self._load_books()

    @classmethod
    def from_crawler(cls, crawler: Any) -> Outcomes:
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(ext.request_scheduled, signal=signals.request_scheduled)
        crawler.signals.connect(ext.request_dropped, signal=signals.request_dropped)
        crawler.signals.connect(ext.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(ext.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(ext.item_error, signal=signals.item_error)
        crawler.signals.connect(ext.spider_error, signal=signals.spider_error)
        crawler.signals.connect(ext.on_outcome, signal=url_outcome)
        crawler.signals.connect(ext.on_queued, signal=requests_queued)
        return ext

    def _load_books(self) -> bool:
        """Take up the books of the job's earlier runs (``JOBDIR/books.json``); True if there were any."""
        if self.books_path is None or not self.books_path.is_file():
            return False
        try:
            books = json.loads(self.books_path.read_text(encoding="utf-8"))
            counts = Counter({str(k): int(v) for k, v in books["counts"].items()})
            by_domain = {str(d): Counter(c) for d, c in books["by_domain"].items()}
            met, started, start_urls = int(books["met"]), books["started"], set(books["start_urls"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            logger.warning("%s: cannot read the job's books (%s); this run keeps its own", self.books_path, exc)
            return False
        counts.pop("queued", None)  # this run fetches them
        self.counts, self.by_domain, self.met, self.start_urls = counts, by_domain, met, start_urls
        self.started = dt.datetime.fromisoformat(started)
        self.stats.set_value("outcome/met", met)
        for key, count in counts.items():
            self.stats.set_value(f"outcome/{key}", count)
        return True

    def _save_books(self) -> None:
        if self.books_path is None:
            return
        books = {"met": self.met, "counts": dict(self.counts), "started": self.started.isoformat(),
                 "start_urls": sorted(self.start_urls), "by_domain": {d: dict(c) for d, c in self.by_domain.items()}}
        write_atomic(self.books_path, json.dumps(books, ensure_ascii=False) + "\n")

    # ---------------------------------------------------------------- signals
    def spider_opened(self, spider: Spider) -> None:
        self.outcomes_path.parent.mkdir(parents=True, exist_ok=True)
        mode = "a" if self.crawler.settings.get("JOBDIR") else "w"
        self._fh = self.outcomes_path.open(mode, encoding="utf-8")

    def request_scheduled(self, request: Request, spider: Spider) -> None:
        if "retry_times" in request.meta or "redirect_times" in request.meta:
            return  # the same URL, continued
        if request.meta.get("is_start_request"):
            if self.resumed and request.url in self.start_urls:
                raise IgnoreRequest(f"start URL already met by this job: {request.url}")
            self.start_urls.add(request.url)
        self.met += 1
        self.stats.inc_value("outcome/met")

    def request_dropped(self, request: Request, spider: Spider) -> None:
        """The scheduler refused a request because its URL was already met.

        A plain duplicate link is no new URL: it is taken off the count. A
        redirect that leads to a met URL ends its first URL: a loop when it
        returns into its own chain, else a duplicate of the page already met.
        """
        if "redirect_times" not in request.meta and "retry_times" not in request.meta:
            self.met -= 1
            self.stats.inc_value("outcome/met", -1)
            return
        chain = request.meta.get("redirect_urls") or [request.url]
        if request.url in chain:
            self.record(chain[0], "failed", "redirect_loop")
        else:
            self.record(chain[0], "dropped", "duplicate_url")

    def item_scraped(self, item: Any, response: Response, spider: Spider) -> None:
        self.record(_item_url(item, response), "exported", None)

    def item_dropped(self, item: Any, response: Response, exception: Exception, spider: Spider) -> None:
        reason = str(exception).split(":", 1)[0].strip().replace(" ", "_") or "dropped"
        self.record(_item_url(item, response), getattr(exception, "outcome", "dropped"), reason)

    def item_error(self, item: Any, response: Response, spider: Spider, failure: Failure) -> None:
        self.record(_item_url(item, response), "failed", "pipeline_error")

    def spider_error(self, failure: Failure, response: Response, spider: Spider) -> None:
        self.record(met_url(response), "failed", "parse_error")

    def on_outcome(self, url: str, outcome: str, reason: str | None = None, met: bool = False, **_: Any) -> None:
        """``met``: the URL was never scheduled (dropped before it), so it is met here."""
        if met:
            self.met += 1
            self.stats.inc_value("outcome/met")
        self.record(url, outcome, reason)

    def on_queued(self, count: int, **_: Any) -> None:
        """Requests kept in the JOBDIR queue: their outcome comes when a resume fetches them."""
        self.counts["queued"] += count
        self.stats.inc_value("outcome/queued", count)

    # ---------------------------------------------------------------- books
    def record(self, url: str, outcome: str, reason: str | None) -> None:
        key = outcome if not reason else f"{outcome}/{reason}"
        self.counts[key] += 1
        self.stats.inc_value(f"outcome/{key}")
        domain = urlsplit(url).hostname or ""
        self.by_domain.setdefault(domain, Counter())[outcome] += 1
        if self._fh is not None:
            try:
                self._fh.write(json.dumps({"url": url, "outcome": outcome, "reason": reason},
                                          ensure_ascii=False) + "\n")
                self._fh.flush()
            except OSError as exc:  # a full disk: the counts and report.json still keep the books
                logger.error("%s: cannot write (%s); outcomes go on in the report only", self.outcomes_path,
                             exc.strerror or exc)
                self._fh, broken = None, self._fh
                with contextlib.suppress(OSError):
                    broken.close()

    def totals(self) -> dict[str, int]:
        totals = {"exported": 0, "dropped": 0, "failed": 0, "queued": 0}
        for key, count in self.counts.items():
            totals[key.split("/", 1)[0]] += count
        return totals

    def report(self, reason: str) -> dict[str, Any]:
        finished = dt.datetime.now(dt.timezone.utc)
        totals = self.totals()
        return {
            "started": format_datetime(self.started),
            "finished": format_datetime(finished),
            "duration_seconds": round((finished - self.started).total_seconds(), 3),
            "finish_reason": reason,
            "urls_met": self.met,
            **totals,
            "adds_up": self.met == sum(totals.values()),
            "outcomes": dict(sorted(self.counts.items())),
            "by_domain": {d: dict(c) for d, c in sorted(self.by_domain.items())},
        }

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self._fh is not None:
            self._fh.close()
        report = self.report(reason)
        self._save_books()
        self.report_path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(self.report_path, json.dumps(report, indent=2, ensure_ascii=False) + "\n")
        if not report["adds_up"]:
            logger.warning("crawl report does not add up: %s URLs met, %s outcomes", self.met,
                           sum(self.totals().values()))
        logger.info("run report written to %s", self.report_path)


__all__ = ["Outcomes", "failure_reason", "url_outcome"]
