"""Make a JOBDIR crawl resumable after a kill (SIGKILL, OOM, power loss).

Scrapy saves its request queue only when a crawl closes cleanly; after a kill
the queue is lost while ``requests.seen`` still remembers URLs never fetched,
so a plain resume would skip them forever. This extension marks a running job
(``JOBDIR/crawl.running``). If the mark is still there when a job starts, the
last run was killed: Scrapy's stale state (``requests.seen``, ``requests.queue``,
``spider.state``), the job's books (``books.json``) and the run's ``outcomes.jsonl`` are removed and the crawl
starts again from its start URLs. The export pipeline keeps the articles
already written and does not write them again (``scraper.pipelines.export``), so the
final file has every article exactly once, and those articles count as exported
(``scraper.pipelines.state``). After a clean stop (Ctrl-C once)
Scrapy's own resume applies. The mark is removed last, after the run report and the
manifest: a kill while the run closes is a kill too.
"""
from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import Any

from scrapy import Spider, signals
from scrapy.exceptions import NotConfigured

from scraper.crawl.dataset_dir import dataset_file

logger = logging.getLogger(__name__)

MARK = "crawl.running"
STALE = ("requests.seen", "requests.queue", "spider.state", "books.json",
         # scraper.crawl.dupefilter's seen fingerprints: committed every 500 new URLs, so a kill after
         # that many would leave URLs "seen" that the restarted run must fetch
         "requests.seen.sqlite", "requests.seen.sqlite-wal", "requests.seen.sqlite-shm")


def recover(jobdir: Path, outcomes: Path) -> bool:
    """Clear a killed run's stale state; returns whether the last run was killed."""
    if not (jobdir / MARK).exists():
        return False
    for name in STALE:
        target = jobdir / name
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
    outcomes.unlink(missing_ok=True)
    return True


class JobGuard:
    def __init__(self, crawler: Any) -> None:
        jobdir = crawler.settings.get("JOBDIR")
        if not jobdir:
            raise NotConfigured
        self.mark = Path(jobdir) / MARK
        self.crawler = crawler
        self.killed = recover(Path(jobdir), dataset_file(crawler, "outcomes.jsonl"))
        if self.killed:
            crawler.stats.set_value("job/recovered_after_kill", 1)
            logger.warning("%s: the last run was killed; starting again from the start URLs, "
                           "keeping the articles already exported", jobdir)
        self.mark.parent.mkdir(parents=True, exist_ok=True)
        self.mark.touch()

    @classmethod
    def from_crawler(cls, crawler: Any) -> JobGuard:
        guard = cls(crawler)
        crawler.signals.connect(guard.spider_opened, signal=signals.spider_opened)
        return guard

    def spider_opened(self, spider: Spider) -> None:
        """Connect the end of the job now, after every extension: the mark goes only once the books
        (``books.json``, ``report.json``) and the manifest are written. A kill before that is a kill:
        the next run starts again (with ``books.json`` missing it would resume and meet one URL)."""
        self.crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        self.mark.unlink(missing_ok=True)
