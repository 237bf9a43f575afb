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
    EXTRACT_WORKER_EXIT_URL  test hook: a page whose URL holds this text kills its worker (default: none).

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
as they would have. Stats: ``extract/pool_replaced``, ``extract/retried_alone``,
``extract/worker_died``.
"""
from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
from collections.abc import Awaitable
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from scrapy import signals
from scrapy.http import Response
from scrapy.utils.asyncio import is_asyncio_available
from twisted.internet.defer import Deferred

from scraper.crawl import worker_main
from scraper.crawl.page_result import PageResult
from scraper.crawl.responses import RESULT_KEY, PageInputs, is_html, page_inputs, page_result, settle

logger = logging.getLogger(__name__)

#: The failed outcome's reason for a page that killed its worker.
WORKER_DIED = "extract_worker_died"


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

    def __init__(self, size: int, log_level: str = "WARNING", exit_url: str = "", stats: Any = None) -> None:
        self.size = size
        self.initargs = (os.getpid(), log_level, exit_url)
        self.stats = stats
        self._pool: ProcessPoolExecutor | None = None
        self._alone: ThreadPoolExecutor | None = None  #: retries, one page at a time
        self.closed = False

    def _new_pool(self, size: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(size, mp_context=_context(), initializer=worker_main.init_worker,
                                   initargs=self.initargs)

    def _count(self, key: str) -> None:
        if self.stats is not None:
            self.stats.inc_value(key)

    def submit(self, inputs: PageInputs) -> Future[PageResult]:
        """The page's extraction in the pool; a broken pool (a worker died) is replaced first."""
        if self._pool is None:
            self._pool = self._new_pool(self.size)
        try:
            return self._pool.submit(worker_main.run, inputs)
        except BrokenProcessPool:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._count("extract/pool_replaced")
            logger.warning("an extraction worker died; a new pool of %d takes over", self.size)
            self._pool = self._new_pool(self.size)
            return self._pool.submit(worker_main.run, inputs)

    def retry(self, inputs: PageInputs) -> Future[PageResult]:
        """The page once more, alone in a fresh one-worker pool, after one retried before it."""
        if self._alone is None:
            self._alone = ThreadPoolExecutor(1, thread_name_prefix="extract-retry")
        self._count("extract/retried_alone")
        return self._alone.submit(self._run_alone, inputs)

    def _run_alone(self, inputs: PageInputs) -> PageResult:
        with self._new_pool(1) as pool:
            try:
                return pool.submit(worker_main.run, inputs).result()
            except BrokenProcessPool:
                self._count("extract/worker_died")
                logger.error("%s: the page killed its extraction worker", inputs[1])
                return PageResult("failed", reason=WORKER_DIED)

    def close(self, wait: bool = True) -> None:
        """Cancel pending pages and stop the workers (``wait``: join them). Idempotent."""
        self.closed = True
        pool, alone, self._pool, self._alone = self._pool, self._alone, None, None
        if alone is not None:
            alone.shutdown(wait=wait, cancel_futures=True)
        if pool is not None:
            pool.shutdown(wait=wait, cancel_futures=True)


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
                              settings.get("EXTRACT_WORKER_EXIT_URL") or "", crawler.stats)
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
    inputs = page_inputs(response)
    try:
        result = await _awaitable(pool.submit(inputs))
    except BrokenProcessPool:
        result = await _awaitable(pool.retry(inputs))
    return settle(response, result)


__all__ = ["WORKER_DIED", "ExtractWorkers", "default_workers", "extracted", "workers_for"]
