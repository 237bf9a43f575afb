"""``scraper.crawl.pacing``: a callback's requests wait while the in-memory scheduler is full."""
from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any

from scrapy.settings import Settings

from scraper.crawl.pacing import paced


def fake_crawler(limit: int, **settings: Any) -> tuple[SimpleNamespace, list[int]]:
    """A crawler whose engine has a list for a scheduler (``len`` is all pacing asks of it)."""
    scheduler: list[int] = []
    engine = SimpleNamespace(running=True, _slot=SimpleNamespace(closing=None), scheduler=scheduler,
                             scraper=SimpleNamespace(slot=SimpleNamespace(needs_backout=lambda: False)))
    return SimpleNamespace(settings=Settings({"REQUEST_BACKLOG_MAX": limit, **settings}), engine=engine), scheduler


async def consume(crawler: SimpleNamespace, scheduler: list[int], count: int, drain: bool) -> tuple[list[int], int]:
    """Schedule what ``paced`` yields while a fake downloader empties the scheduler each millisecond."""
    async def downloader() -> None:
        while drain:
            await asyncio.sleep(0.001)
            scheduler.clear()

    task = asyncio.create_task(downloader())
    seen, peak = [], 0
    async for item in paced(crawler, range(count)):
        scheduler.append(item)
        seen.append(item)
        peak = max(peak, len(scheduler))
    task.cancel()
    return seen, peak


def test_the_scheduler_never_holds_more_than_the_backlog_and_a_batch() -> None:
    crawler, scheduler = fake_crawler(150)
    seen, peak = asyncio.run(consume(crawler, scheduler, 2000, drain=True))
    # checked every 100 requests: 100 pass, 200 waits until the downloader took them
    assert (seen, peak) == (list(range(2000)), 200)


def test_with_a_jobdir_nothing_waits() -> None:
    crawler, scheduler = fake_crawler(150, JOBDIR="/tmp/job")
    seen, peak = asyncio.run(consume(crawler, scheduler, 2000, drain=False))
    assert (seen, peak) == (list(range(2000)), 2000)


def test_a_closing_engine_ends_the_output_instead_of_waiting_forever() -> None:
    crawler, scheduler = fake_crawler(150)

    async def run() -> tuple[list[int], int]:
        asyncio.get_running_loop().call_later(0.05, setattr, crawler.engine, "running", False)
        return await consume(crawler, scheduler, 2000, drain=False)

    assert asyncio.run(run()) == (list(range(200)), 200)
