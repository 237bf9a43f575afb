"""Hand a callback's many requests to the scheduler no faster than the crawl fetches them.

Scrapy drains a callback's output into the scheduler at once: a sitemap of 500,000 URLs or
a page of 250,000 links becomes that many ``Request`` objects (about 1.5 KB each) before the
first is fetched. With JOBDIR (a disk queue) or Redis they wait outside the process; with the
default memory queue they are the crawl's memory. ``paced`` wraps such a callback's output:
while the in-memory scheduler holds more than REQUEST_BACKLOG_MAX requests, it waits
(the crawl keeps fetching meanwhile), so memory holds at most that many.

It never waits when the queue is not in memory (JOBDIR, REDIS_URL: a paused job must find
every entry in its queue), when the engine is closing (what is left of the output is not
scheduled: without JOBDIR nothing of it would be kept anyway), or when the engine itself
waits for the scraper (SCRAPER_SLOT_MAX_ACTIVE_SIZE) and so would never drain the queue.

Settings: REQUEST_BACKLOG_MAX (default 5000; 0: never wait).
"""
from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterable
from typing import Any, TypeVar

from scrapy.utils.asyncio import is_asyncio_available

T = TypeVar("T")

#: Items yielded between two looks at the scheduler's size.
_EVERY = 100
_SLEEP = 0.05


def _pacing(crawler: Any) -> int:
    """The backlog limit, or 0 when this crawl's queue is not in memory (or there is no asyncio loop)."""
    settings = crawler.settings
    if settings.get("JOBDIR") or settings.get("REDIS_URL") or not is_asyncio_available():
        return 0
    return settings.getint("REQUEST_BACKLOG_MAX")


def _closing(engine: Any) -> bool:
    slot = getattr(engine, "_slot", None)  # Scrapy has no public "closing" flag
    return not engine.running or slot is None or slot.closing is not None


async def _room(engine: Any, limit: int) -> bool:
    """Wait until the scheduler holds at most ``limit`` requests; False when the engine closes."""
    while True:
        if _closing(engine):
            return False
        scheduler = engine.scheduler
        if scheduler is None or len(scheduler) <= limit or engine.scraper.slot.needs_backout():
            return True
        await asyncio.sleep(_SLEEP)


async def paced(crawler: Any, output: Iterable[T]) -> AsyncIterator[T]:
    """``output``, waiting for room in the scheduler every ``_EVERY`` items (see the module)."""
    limit = _pacing(crawler)
    for count, item in enumerate(output):
        if limit and count % _EVERY == 0 and count and not await _room(crawler.engine, limit):
            return
        yield item
