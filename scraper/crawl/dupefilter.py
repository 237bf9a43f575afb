"""Duplicate request filter on disk: seen fingerprints in SQLite, not in a Python set.

Memory stays flat however many URLs a crawl meets. With ``JOBDIR`` the file is
``JOBDIR/requests.seen.sqlite`` and survives pause/resume; without, it is a
temporary file removed when the crawl closes. Fingerprints are committed every
``COMMIT_EVERY`` new URLs and at close.

Settings: JOBDIR, DUPEFILTER_DEBUG (log every filtered request).
"""
from __future__ import annotations

import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from scrapy import Request
from scrapy.dupefilters import RFPDupeFilter

COMMIT_EVERY = 500


class DiskDupeFilter(RFPDupeFilter):
    def __init__(self, path: str | None = None, debug: bool = False, *, fingerprinter: Any = None) -> None:
        super().__init__(None, debug, fingerprinter=fingerprinter)  # no in-memory set is filled
        self.folder = path
        self.db: sqlite3.Connection | None = None
        self._temp: str | None = None
        self._pending = 0

    def open(self) -> None:
        if self.folder is None:
            self._temp = self.folder = tempfile.mkdtemp(prefix="news-seen-")
        Path(self.folder).mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(Path(self.folder) / "requests.seen.sqlite", isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("CREATE TABLE IF NOT EXISTS seen (fp BLOB PRIMARY KEY) WITHOUT ROWID")
        self.db.execute("BEGIN")

    def request_seen(self, request: Request) -> bool:
        if self.db is None:
            self.open()
        assert self.db is not None
        added = self.db.execute("INSERT OR IGNORE INTO seen VALUES (?)", (self._fingerprint(request),)).rowcount
        if added:
            self._pending += 1
            if self._pending >= COMMIT_EVERY:
                self.db.execute("COMMIT")
                self.db.execute("BEGIN")
                self._pending = 0
        return not added

    def has_seen(self, request: Request) -> bool:
        """Whether the request's fingerprint is already in the filter (nothing is added)."""
        if self.db is None:
            self.open()
        assert self.db is not None
        return self.db.execute("SELECT 1 FROM seen WHERE fp = ?", (self._fingerprint(request),)).fetchone() is not None

    def close(self, reason: str) -> None:
        if self.db is not None:
            self.db.execute("COMMIT")
            self.db.close()
            self.db = None
        if self._temp:
            shutil.rmtree(self._temp, ignore_errors=True)
