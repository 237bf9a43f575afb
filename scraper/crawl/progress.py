"""A progress line on stderr every ``PROGRESS_INTERVAL`` seconds while a crawl runs.

    PROGRESS_INTERVAL  seconds between lines; 0 (default) is off. ``scraper crawl`` sets it to 5
                       when stderr is a terminal or ``--progress`` is given.

On a terminal the line is rewritten in place (carriage return) and cleared when the
crawl ends, so the summary starts on a clean line; into a file or pipe each line stands
alone. Counts come from the crawl's stats: responses received, records exported, URLs
failed (``outcome/failed/*``).
"""
from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import IO, Any

from scrapy import signals
from scrapy.exceptions import NotConfigured


def progress_line(stats: dict[str, Any], pages_per_second: float) -> str:
    """``progress: fetched 120, exported 80, failed 2, 12.5 pages/s``."""
    failed = sum(v for k, v in stats.items() if k.startswith("outcome/failed/"))
    return (f"progress: fetched {stats.get('response_received_count', 0)}, "
            f"exported {stats.get('outcome/exported', 0)}, failed {failed}, {pages_per_second:.1f} pages/s")


class Progress:
    def __init__(self, crawler: Any, interval: float, stream: IO[str],
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.crawler = crawler
        self.interval = interval
        self.stream = stream
        self.clock = clock
        self.in_place = stream.isatty()
        self.task: Any = None
        self.last = (clock(), 0)
        self.width = 0

    @classmethod
    def from_crawler(cls, crawler: Any) -> Progress:
        interval = crawler.settings.getfloat("PROGRESS_INTERVAL")
        if interval <= 0:
            raise NotConfigured  # no message: Scrapy would log a warning for a setting left at its default
        ext = cls(crawler, interval, sys.stderr)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self) -> None:
        from twisted.internet import task

        self.last = (self.clock(), 0)
        self.task = task.LoopingCall(self.tick)
        self.task.start(self.interval, now=False)

    def tick(self) -> None:
        stats = self.crawler.stats.get_stats()
        now, fetched = self.clock(), stats.get("response_received_count", 0)
        rate = (fetched - self.last[1]) / max(now - self.last[0], 1e-9)
        self.last = (now, fetched)
        line = progress_line(stats, rate)
        if self.in_place:
            self.stream.write("\r" + line.ljust(self.width))
            self.width = len(line)
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def spider_closed(self) -> None:
        if self.task is not None and self.task.running:
            self.task.stop()
        if self.in_place and self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
