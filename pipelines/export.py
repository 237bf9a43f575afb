"""Export records as JSON Lines (UTF-8, one object per line, fields in schema order).

Writes ``articles.jsonl`` in the run's dataset folder (OUTPUT_FILE, or
OUTPUT_DIR/<run id>/; see ``scraper.crawl.dataset_dir``).
Each record is one write of one whole line, flushed at once (and fsynced with
EXPORT_FSYNC=True), so a killed crawl loses at most the line being written.
A run folder's file is new for each run. An explicit file (OUTPUT_FILE, ``-o``) with
a remembered crawl state grows: each run adds the new and changed articles (a
changed one as its next revision). A crawl with JOBDIR (resumable) appends after
cutting off a torn last line (``scraper.crawl.jsonl_safe``) and never writes again
a URL the file already holds: a resumed crawl has every article exactly once. Such
a record still counts as exported. With CLOSESPIDER_ITEMCOUNT (``--max-items N``) exactly N
records are written; records still in flight when the limit is reached are dropped as
``max_items`` (a counted outcome; the state does not remember them, so a later run fetches them).

A full disk (``OSError`` ENOSPC) stops the crawl at once (``finish_reason`` ``disk_full``,
``scraper crawl`` exits 3): the file is cut back to its last whole line, that record and every
later one are ``failed/disk_full`` and not remembered by the state. ``EXPORT_DISK_LIMIT`` (bytes,
0 = none) is a test hook: the file behaves like a device with that much room.
"""
from __future__ import annotations

import contextlib
import errno
import logging
import os
from pathlib import Path
from typing import Any

import jsonlines
from scrapy.exceptions import DropItem

from scraper.crawl.dataset_dir import articles_file
from scraper.crawl.jsonl_safe import repair_tail, urls_in
from scraper.schema import ordered

logger = logging.getLogger(__name__)


class WriteFailed(DropItem):
    """A record that could not be written: its outcome is ``failed/<reason>``, not ``dropped``."""

    outcome = "failed"


class WholeLineFile:
    """Text target for ``jsonlines.Writer`` that reaches the disk one whole line at a time.

    jsonlines writes a record and its newline separately; a buffered file may
    pass a long line to the OS in pieces. Here each ``flush`` (one per record)
    is a single ``os.write`` of the complete line (looping only if the OS
    writes part of it), optionally fsynced.
    """

    def __init__(self, path: Path, append: bool, fsync: bool = False, limit: int = 0) -> None:
        flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if append else os.O_TRUNC)
        self.fd = os.open(path, flags, 0o644)
        self.fsync = fsync
        self.limit = limit
        self.size = os.fstat(self.fd).st_size  # where the last whole line ends
        self._parts: list[str] = []

    def write(self, text: str) -> int:
        self._parts.append(text)
        return len(text)

    def flush(self) -> None:
        """Write the pending line; on any OSError (ENOSPC...) cut the file back to its last whole
        line, so no torn record is left, and raise."""
        data = "".join(self._parts).encode("utf-8")
        self._parts.clear()
        view = memoryview(data)
        try:
            while view:
                view = view[self._write(view, len(data) - len(view)):]
            if self.fsync:
                os.fsync(self.fd)
        except OSError:
            os.ftruncate(self.fd, self.size)
            raise
        self.size += len(data)

    def _write(self, view: memoryview, done: int) -> int:
        if self.limit:  # the test hook: a device with ``limit`` bytes, which fills mid-line like a real one
            room = self.limit - self.size - done
            if room <= 0:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            view = view[:room]
        return os.write(self.fd, view)

    def close(self) -> None:
        if self.fd >= 0:
            self.flush()
            os.close(self.fd)
            self.fd = -1


class JsonLinesExportPipeline:
    def __init__(self, path: Path, append: bool = False, fsync: bool = False, resume: bool = False,
                 max_items: int = 0, crawler: Any = None, disk_limit: int = 0) -> None:
        self.path = path
        self.crawler = crawler
        self.disk_limit = disk_limit
        self.disk_full = False
        self.max_items = max_items
        self.written = 0
        self.append = append
        self.resume = resume
        self.fsync = fsync
        self.done: set[str] = set()
        self.writer: jsonlines.Writer | None = None
        self._file: WholeLineFile | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> JsonLinesExportPipeline:
        settings = crawler.settings
        resume = bool(settings.get("JOBDIR"))
        # An explicit file with a remembered crawl state is a dataset that grows run after run
        # (new and changed articles are added; nothing is overwritten).
        grows = bool(settings.get("OUTPUT_FILE")) and settings.get("STATE_DIR") != "memory"
        return cls(articles_file(crawler), append=resume or grows, fsync=settings.getbool("EXPORT_FSYNC"),
                   resume=resume, max_items=settings.getint("CLOSESPIDER_ITEMCOUNT"), crawler=crawler,
                   disk_limit=settings.getint("EXPORT_DISK_LIMIT"))

    def open_spider(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.append:
            repair_tail(self.path)
        if self.resume:
            self.done = urls_in(self.path)
        self._file = WholeLineFile(self.path, self.append, self.fsync, self.disk_limit)
        self.writer = jsonlines.Writer(self._file, compact=True, flush=True, sort_keys=False)

    def close_spider(self) -> None:
        if self.writer is not None:
            self.writer.close()
        if self._file is not None:
            with contextlib.suppress(OSError):  # after a failed write the file already ends with a whole line
                self._file.close()

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        assert self.writer is not None
        if item["url"] in self.done:
            return item  # written before a restart
        if self.max_items and self.written >= self.max_items:
            raise DropItem(f"max_items: {item['url']}")
        if self.disk_full:
            raise WriteFailed(f"disk_full: {item['url']}")
        try:
            self.writer.write(ordered(dict(item)))
        except OSError as exc:
            if exc.errno != errno.ENOSPC:
                raise
            self._stop_disk_full()
            raise WriteFailed(f"disk_full: {item['url']}") from None
        self.written += 1
        self.done.add(item["url"])
        return item

    def _stop_disk_full(self) -> None:
        self.disk_full = True
        logger.error("%s: no space left on the device; stopping the crawl (the file keeps whole lines only)",
                     self.path)
        if self.crawler is not None:
            self.crawler.stats.set_value("export/disk_full", 1)
            if self.crawler.engine is not None:
                from scrapy.utils.defer import _schedule_coro

                _schedule_coro(self.crawler.engine.close_spider_async(reason="disk_full"))
