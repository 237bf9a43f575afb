"""Extraction off the reactor thread: a pool of worker processes runs the pure extractor.

Scrapy's own work on a response (download handling, middlewares, scheduling, export) and
extraction used to share one thread, so a crawl used one core. With ``EXTRACT_WORKERS`` above 0,
``extracted(crawler, response)`` (awaited by the ``news`` spider's ``parse``) sends the page's
plain inputs (``scraper.crawl.responses.page_inputs``) to a worker process, awaits its
``PageResult`` and keeps it in ``response.meta`` as ``page_result`` does: the rest of the
spider and ``ExtractMiddleware`` work unchanged, and records and outcomes are the same.

Settings:
    EXTRACT_WORKERS          worker processes (default: the cores this process may run on;
                             0: extract in the crawl's own thread, as ``scraper.extract_response``).
    EXTRACT_QUEUE            pages sent to the workers and not yet back, at most (default 0: eight a
                             worker). While that many are out, ``ExtractQueueMiddleware`` holds the next
                             requests before their download: they take the downloader's slots, so
                             Scrapy fetches nothing more and the crawl's memory stays flat (without
                             it, downloads ran ahead of the workers until SCRAPER_SLOT_MAX_ACTIVE_SIZE,
                             64 MB of bodies: 340 responses waiting, the crawler at 257 MB, not 108).
    EXTRACT_TIMEOUT          seconds one page's extraction may take (``scraper.crawl.deadline``; default
                             60; 0: no limit): past it the page is ``failed/extract_timeout``. A worker that
                             does not answer 10 s after that (stuck where no signal reaches) is stopped
                             (after twice EXTRACT_TIMEOUT when that is shorter).
    EXTRACT_WORKER_EXIT_URL  test hook: a page whose URL holds this text kills its worker (default: none).
    EXTRACT_WORKER_STALL_URL test hook: a page whose URL holds this text hangs its worker (default: none).

The pool is the standard library's ``ProcessPoolExecutor`` on a ``forkserver`` context (spawn
where there is none): never a plain fork of the crawl process, whose reactor, threads and
sockets a child must not inherit. The fork server has imported only the pure extractor
(``scraper.crawl.worker_main``), so a worker starts in milliseconds without Scrapy. The pool
starts with the first page and is shut down when the spider closes, the engine stops or the
reactor shuts down (a second Ctrl-C): pending pages are cancelled, workers are joined.

A worker that dies (killed, out of memory) breaks the whole pool: every page in flight gets
``BrokenProcessPool``. A new pool takes the next pages, and each page caught in the break is
extracted once more alone, in a fresh one-worker pool, one retried page at a time: a page
that kills that worker too is the cause, ``failed/extract_worker_died``; the others come out
as they would have. A page past the hard time limit is ``failed/extract_timeout`` and its
pool is stopped the same way. Stats: ``extract/pool_replaced``, ``extract/retried_alone``,
``extract/worker_died``, ``extract/timeout``, ``extract/max_in_flight``.
"""
from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import weakref
from collections.abc import Awaitable
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from scrapy import signals
from scrapy.http import Request, Response
from scrapy.utils.asyncio import is_asyncio_available
from twisted.internet.defer import Deferred

from scraper.crawl import worker_main
from scraper.crawl.deadline import TIMED_OUT
from scraper.crawl.page_result import PageResult
from scraper.crawl.responses import DEFAULT_TIMEOUT, RESULT_KEY, PageInputs, is_html, page_inputs, page_result, settle

logger = logging.getLogger(__name__)

#: The failed outcome's reason for a page that killed its worker.
WORKER_DIED = "extract_worker_died"
#: Pages out to the workers at most, per worker, when EXTRACT_QUEUE is 0.
QUEUE_PER_WORKER = 8
#: Seconds past EXTRACT_TIMEOUT (at most: no more than EXTRACT_TIMEOUT itself) before a worker that
#: has not answered is stopped.
HARD_GRACE = 10.0


def default_workers() -> int:
    """The number of cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _context() -> multiprocessing.context.BaseContext:
    """A forkserver context whose server preloads only the worker's modules (spawn where there is none)."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([worker_main.__name__])
    return context


class ExtractWorkers:
    """The crawl's pool of extraction processes, made at the first page and replaced when it breaks."""

    def __init__(self, size: int, log_level: str = "WARNING", exit_url: str = "", stats: Any = None,
                 timeout: float = DEFAULT_TIMEOUT, queue: int = 0, stall_url: str = "") -> None:
        self.size = size
        self.initargs = (os.getpid(), log_level, timeout, exit_url, stall_url)
        self.stats = stats
        #: seconds before a page's worker is stopped (0: never)
        self.hard_limit = timeout + min(HARD_GRACE, timeout) if timeout > 0 else 0.0
        self.queue = queue or QUEUE_PER_WORKER * size
        self.in_flight = 0  #: pages sent and not yet back (counted on the reactor thread)
        self._waiters: list[asyncio.Future[None]] = []
        self._pool: ProcessPoolExecutor | None = None
        self._stopped: weakref.WeakSet[ProcessPoolExecutor] = weakref.WeakSet()  #: pools stopped for a stuck page
        self._alone: ThreadPoolExecutor | None = None  #: retries, one page at a time
        self.closed = False

    def _new_pool(self, size: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(size, mp_context=_context(), initializer=worker_main.init_worker,
                                   initargs=self.initargs)

    def _count(self, key: str) -> None:
        if self.stats is not None:
            self.stats.inc_value(key)

    def submit(self, inputs: PageInputs) -> tuple[Future[PageResult], ProcessPoolExecutor]:
        """The page's extraction in the pool, and the pool; a broken pool (a worker died) is replaced first."""
        if self._pool is None:
            self._pool = self._new_pool(self.size)
        try:
            return self._pool.submit(worker_main.run, inputs), self._pool
        except BrokenProcessPool:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._count("extract/pool_replaced")
            logger.warning("an extraction worker died; a new pool of %d takes over", self.size)
            self._pool = self._new_pool(self.size)
            return self._pool.submit(worker_main.run, inputs), self._pool

    def retry(self, inputs: PageInputs) -> Future[PageResult]:
        """The page once more, alone in a fresh one-worker pool, after one retried before it."""
        if self._alone is None:
            self._alone = ThreadPoolExecutor(1, thread_name_prefix="extract-retry")
        self._count("extract/retried_alone")
        return self._alone.submit(self._run_alone, inputs)

    def _run_alone(self, inputs: PageInputs) -> PageResult:
        with self._new_pool(1) as pool:
            try:
                return pool.submit(worker_main.run, inputs).result(timeout=self.hard_limit or None)
            except FutureTimeout:
                _stop(pool)
                return self._timed_out(inputs)
            except BrokenProcessPool:
                self._count("extract/worker_died")
                logger.error("%s: the page killed its extraction worker", inputs[1])
                return PageResult("failed", reason=WORKER_DIED)

    def _timed_out(self, inputs: PageInputs) -> PageResult:
        self._count("extract/timeout")
        logger.error("%s: extraction took more than %g s; its worker was stopped", inputs[1], self.hard_limit)
        return PageResult("failed", reason=TIMED_OUT, error=f"no answer from its worker in {self.hard_limit:g} s")

    async def result_of(self, inputs: PageInputs) -> PageResult:
        """The page's result from the pool, within the hard limit; retried alone if the pool broke."""
        self.in_flight += 1
        if self.stats is not None:
            self.stats.max_value("extract/max_in_flight", self.in_flight)
        try:
            try:
                return await self._within(*self.submit(inputs), inputs)
            except BrokenProcessPool:
                return await _awaitable(self.retry(inputs))
        finally:
            self.in_flight -= 1
            self._wake()

    async def _within(self, future: Future[PageResult], pool: ProcessPoolExecutor, inputs: PageInputs) -> PageResult:
        """The future's result; past the hard limit, its pool is stopped and the page timed out.

        The limit runs from the page's submission, so the pages queued behind a stuck one reach theirs
        just after it: a page whose pool was stopped meanwhile waits for its ``BrokenProcessPool``
        (and is retried alone) instead of being timed out too."""
        if not self.hard_limit or not is_asyncio_available():
            return await _awaitable(future)
        waiting = asyncio.wrap_future(future)
        waiting.add_done_callback(lambda done: done.cancelled() or done.exception())  # always retrieved
        try:
            return await asyncio.wait_for(asyncio.shield(waiting), self.hard_limit)
        except asyncio.TimeoutError:
            if pool in self._stopped:
                return await waiting
            self._stopped.add(pool)
            _stop(pool)  # the other pages out get BrokenProcessPool and are retried alone
            return self._timed_out(inputs)

    async def room(self) -> None:
        """Wait while ``queue`` pages are out to the workers (returns at once when closed)."""
        while self.in_flight >= self.queue and not self.closed:
            waiter = asyncio.get_running_loop().create_future()
            self._waiters.append(waiter)
            await waiter

    def _wake(self) -> None:
        waiters, self._waiters = self._waiters, []
        for waiter in waiters:
            if not waiter.done():
                waiter.set_result(None)

    def close(self, wait: bool = True) -> None:
        """Cancel pending pages and stop the workers (``wait``: join them). Idempotent."""
        self.closed = True
        self._wake()
        pool, alone, self._pool, self._alone = self._pool, self._alone, None, None
        if alone is not None:
            alone.shutdown(wait=wait, cancel_futures=True)
        if pool is not None:
            pool.shutdown(wait=wait, cancel_futures=True)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Kill the pool's worker processes: the pool breaks, and its pages in flight get ``BrokenProcessPool``."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.kill()


#: One pool per crawler (the spider and the close hooks share it); None: EXTRACT_WORKERS=0.
_POOLS: dict[Any, ExtractWorkers | None] = {}


def workers_for(crawler: Any) -> ExtractWorkers | None:
    """The crawler's pool, made on first use and closed with the spider, the engine or the reactor."""
    if crawler in _POOLS:
        return _POOLS[crawler]
    settings = crawler.settings
    size = settings.getint("EXTRACT_WORKERS", default_workers())
    pool = None
    if size > 0:
        pool = ExtractWorkers(size, settings.get("LOG_LEVEL") or "WARNING",
                              settings.get("EXTRACT_WORKER_EXIT_URL") or "", crawler.stats,
                              timeout=settings.getfloat("EXTRACT_TIMEOUT", DEFAULT_TIMEOUT),
                              queue=settings.getint("EXTRACT_QUEUE"),
                              stall_url=settings.get("EXTRACT_WORKER_STALL_URL") or "")
        crawler.signals.connect(lambda **_: pool.close(), signal=signals.spider_closed, weak=False)
        crawler.signals.connect(lambda **_: pool.close(), signal=signals.engine_stopped, weak=False)
        from twisted.internet import reactor

        # a forced stop (a second Ctrl-C) stops the reactor without closing the spider
        reactor.addSystemEventTrigger("before", "shutdown", pool.close, wait=False)
    _POOLS[crawler] = pool
    return pool


def _awaitable(future: Future[PageResult]) -> Awaitable[PageResult]:
    """A ``concurrent.futures`` future the reactor thread can await: an asyncio future on the asyncio
    reactor, else a Deferred fired from the reactor thread."""
    if is_asyncio_available():
        return asyncio.wrap_future(future)
    from twisted.internet import reactor

    deferred: Deferred[PageResult] = Deferred(lambda _: future.cancel())

    def fire(done: Future[PageResult]) -> None:
        if deferred.called:
            return
        error = None if done.cancelled() else done.exception()
        if done.cancelled() or error is not None:
            deferred.errback(error or asyncio.CancelledError())
        else:
            deferred.callback(done.result())

    future.add_done_callback(lambda done: reactor.callFromThread(fire, done))
    return deferred


async def extracted(crawler: Any, response: Response) -> PageResult:
    """The response's ``PageResult``, from a worker process (with ``EXTRACT_WORKERS=0``, or for a
    response that is not HTML, from ``page_result`` in this thread), kept in ``response.meta``."""
    cached = response.meta.get(RESULT_KEY)
    if isinstance(cached, PageResult):
        return cached
    pool = workers_for(crawler)
    if pool is None or pool.closed or not is_html(response):
        return page_result(response)
    return settle(response, await pool.result_of(page_inputs(response)))


class ExtractQueueMiddleware:
    """Downloader middleware: a request waits before its download while EXTRACT_QUEUE pages are out to
    the extraction workers (see the module). Does nothing with EXTRACT_WORKERS=0 or without asyncio."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> ExtractQueueMiddleware:
        return cls(crawler)

    async def process_request(self, request: Request, spider: Any = None) -> None:
        pool = workers_for(self.crawler)
        if pool is not None and is_asyncio_available():
            await pool.room()


__all__ = ["WORKER_DIED", "ExtractQueueMiddleware", "ExtractWorkers", "default_workers", "extracted", "workers_for"]
