"""Persistent crawl state: what earlier runs exported, so the next run fetches only what is new.

One SQLite file per spider in ``STATE_DIR`` (``STATE_DIR/<spider>.sqlite``);
unset, it is ``OUTPUT_DIR/.state`` for run folders or ``.state`` beside an explicit
``-o`` file; ``memory`` keeps it in memory (in-run de-duplication only).
WAL mode lets several crawler processes on one machine share the file (``--redis`` workers).

Tables:
    articles  key (canonical URL, else URL), url, content hash, lastmod (the
              page's own modified/published date), fetched_at, revision, run
              (the run that last met it: in-run duplicates).
    bodies    body hash -> key and run (in-run ``duplicate_body``).

    outputs   output file (``-o``, or a run folder's) -> its size when every record in it was
              remembered.

The output file and the state are two files, so a crawl killed between writing a record and
remembering it leaves a record the state does not know; the next run would export it again.
So on opening, the records of each output file past its remembered size are read back and
those the state lacks (or holds at an older revision) are taken as known (one warning line).
A state file that is missing or empty while the output already holds records
(deleted, truncated to zero) is the same case from the file's start, as a JOBDIR resume takes
the URLs already written: a rerun adds only what is new or changed.

Settings: STATE_DIR.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import sqlite3
import time
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scraper.crawl.jsonl_safe import records_in
from scraper.discovery import UrlFilter, is_newer, is_older
from scraper.extract.dates import to_instant

logger = logging.getLogger(__name__)

#: The ``run`` of articles taken from the output file into a lost state (never the current run).
SEEDED = "seeded-from-output"

#: Record fields that make up "the content": a change in any of them is a new revision. Not
#: ``modified``: a bumped date over the same text is no edit.
CONTENT_FIELDS = ("headline", "authors", "published", "section", "tags", "language", "description", "body",
                  "images")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    key TEXT PRIMARY KEY, url TEXT NOT NULL, content_hash TEXT NOT NULL, lastmod TEXT,
    fetched_at TEXT, revision INTEGER NOT NULL, run TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS articles_url ON articles(url);
CREATE TABLE IF NOT EXISTS bodies (hash TEXT PRIMARY KEY, key TEXT NOT NULL, run TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS outputs (path TEXT PRIMARY KEY, size INTEGER NOT NULL);
"""


def content_hash(record: dict[str, Any]) -> str:
    """SHA-1 of the record's content fields (not url, fetched_at or revision)."""
    content = {name: record.get(name) for name in CONTENT_FIELDS}
    return hashlib.sha1(json.dumps(content, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def body_hash(body: str | None) -> str:
    return hashlib.sha1((body or "").encode("utf-8")).hexdigest()


def record_key(record: dict[str, Any]) -> str:
    return str(record.get("canonical_url") or record["url"])


@dataclass(frozen=True)
class Known:
    """What the state remembers of an article."""

    key: str
    url: str
    content_hash: str
    lastmod: str | None
    fetched_at: str | None
    revision: int
    run: str

    def changed_since(self, date: str | None) -> bool:
        """True when a sitemap/feed date is after both the page's own date and our last fetch."""
        stamps = [s for s in (self.lastmod, self.fetched_at) if to_instant(s) is not None]
        latest = max(stamps, key=lambda s: to_instant(s)) if stamps else None  # type: ignore[arg-type,return-value]
        return is_newer(date, latest)


def _retry_locked(step: Any, seconds: float = 60.0) -> Any:
    """Run a setup statement that SQLite may refuse with "database is locked" while another
    worker opens the same state (switching to WAL takes a lock the busy timeout does not wait for)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            return step()
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


class CrawlState:
    """The state file. ``run`` names the current run (its start time)."""

    def __init__(self, path: str | Path, run: str, output: Path | None = None, explicit: bool = True,
                 resume: bool = False) -> None:
        self.path = str(path)
        self.run = run
        self.output = output  # the file this run writes
        self.explicit = explicit  # an explicit output file (``-o``), whose records a lost state takes as known
        self.resume = resume  # a JOBDIR run: its own file's records are known to the export pipeline already
        self._output_name: str | None = None
        self.db: sqlite3.Connection | None = None

    def open(self) -> CrawlState:
        if self.db is None:
            lost = self.path != ":memory:" and (not Path(self.path).is_file() or Path(self.path).stat().st_size == 0)
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, timeout=60, isolation_level=None, check_same_thread=False)
            _retry_locked(lambda: self.db.execute("PRAGMA journal_mode=WAL"))  # type: ignore[union-attr]
            self.db.execute("PRAGMA synchronous=NORMAL")
            _retry_locked(lambda: self.db.executescript(_SCHEMA))  # type: ignore[union-attr]
            if self.output is not None and self.path != ":memory:":
                self._catch_up(lost)
        return self

    def _catch_up(self, lost: bool) -> None:
        """Take as known the records written after each output file's remembered size (the
        whole explicit file when the state was lost) that the state lacks or holds at an older
        revision; then remember every file's size."""
        db = self.db
        assert db is not None
        marks = dict(db.execute("SELECT path, size FROM outputs").fetchall())
        mine = self._output_key()
        marks[mine] = 0 if lost and self.explicit else marks.get(mine, 0)
        if self.resume and not lost:  # a resumed job re-meets what it wrote and counts it exported
            del marks[mine]
        db.execute("BEGIN IMMEDIATE")
        for name, mark in marks.items():
            output = Path(name)
            if not output.is_file():
                db.execute("DELETE FROM outputs WHERE path = ?", (name,))
                continue
            size = output.stat().st_size
            taken = sum(self._take(db, r) for r in records_in(output, start=0 if mark > size else mark)) \
                if size != mark else 0
            db.execute("INSERT OR REPLACE INTO outputs VALUES (?, ?)", (name, size))
            self._report_taken(output, taken, lost and name == mine)
        if not self.resume and (mine not in marks or not Path(mine).is_file()):
            db.execute("INSERT OR REPLACE INTO outputs VALUES (?, 0)", (mine,))
        db.execute("COMMIT")

    def _report_taken(self, output: Path, taken: int, lost: bool) -> None:
        if taken and lost:
            logger.warning("state file %s is missing or empty but %s holds %d records: taking their URLs as known",
                           self.path, output, taken)
        elif taken:
            logger.warning("%s holds %d records an interrupted run wrote but did not remember: taking them as known",
                           output, taken)

    @staticmethod
    def _take(db: sqlite3.Connection, record: dict[str, Any]) -> bool:
        key, revision = record_key(record), int(record.get("revision") or 1)
        known = db.execute("SELECT revision FROM articles WHERE key = ? OR url = ? LIMIT 1",
                           (key, record["url"])).fetchone()
        if known is not None and known[0] >= revision:
            return False
        db.execute("DELETE FROM articles WHERE key = ? OR url = ?", (key, record["url"]))
        db.execute("INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?)",
                   (key, record["url"], content_hash(record), record.get("modified") or record.get("published"),
                    record.get("fetched_at"), revision, SEEDED))
        return True

    def _output_key(self) -> str:
        if self._output_name is None:
            self._output_name = str(self.output.resolve()) if self.output is not None else ""
        return self._output_name

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None

    def _conn(self) -> sqlite3.Connection:
        return self.open().db  # type: ignore[return-value]

    def lookup(self, url: str) -> Known | None:
        """The article fetched from ``url`` or whose canonical URL is ``url``."""
        row = self._conn().execute(
            "SELECT key, url, content_hash, lastmod, fetched_at, revision, run FROM articles "
            "WHERE key = ? OR url = ? LIMIT 1", (url, url)).fetchone()
        return Known(*row) if row else None

    def verdict(self, record: dict[str, Any], remember: bool = True,
                output_size: int | None = None) -> tuple[str, int]:
        """What a freshly extracted record is: ``("new"|"changed", revision)``,
        ``("unchanged"|"duplicate_url"|"duplicate_body", 0)``; remembers it (one transaction)
        unless ``remember`` is false (a dry run: the pipeline remembers only once the record
        is written, so a crash in between can never leave an article known but not exported).
        ``output_size``: the output file's size, every record in it now remembered."""
        db = self._conn()
        key, digest, body = record_key(record), content_hash(record), body_hash(record.get("body"))
        lastmod = record.get("modified") or record.get("published")
        db.execute("BEGIN IMMEDIATE")
        try:
            verdict = self._verdict(db, record, key, digest, body, lastmod)
            if remember and output_size is not None and self.output is not None:
                db.execute("INSERT OR REPLACE INTO outputs VALUES (?, ?)", (self._output_key(), output_size))
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT" if remember else "ROLLBACK")
        return verdict

    def _verdict(self, db: sqlite3.Connection, record: dict[str, Any], key: str, digest: str, body: str,
                 lastmod: str | None) -> tuple[str, int]:
        row = db.execute("SELECT content_hash, revision, run FROM articles WHERE key = ? OR url = ? LIMIT 1",
                         (key, record["url"])).fetchone()
        if row and row[2] == self.run:
            return "duplicate_url", 0
        twin = db.execute("SELECT key FROM bodies WHERE hash = ? AND run = ?", (body, self.run)).fetchone()
        if twin and twin[0] != key:
            return "duplicate_body", 0
        db.execute("INSERT OR REPLACE INTO bodies VALUES (?, ?, ?)", (body, key, self.run))
        if row and row[0] == digest:
            db.execute("UPDATE articles SET run = ?, fetched_at = ?, lastmod = ? WHERE key = ? OR url = ?",
                       (self.run, record.get("fetched_at"), lastmod, key, record["url"]))
            return "unchanged", 0
        revision = row[1] + 1 if row else 1
        db.execute("DELETE FROM articles WHERE key = ? OR url = ?", (key, record["url"]))
        db.execute("INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?)",
                   (key, record["url"], digest, lastmod, record.get("fetched_at"), revision, self.run))
        return ("changed" if row else "new"), revision


# --------------------------------------------------------------------------- one state per crawler
_STATES: weakref.WeakKeyDictionary[Any, CrawlState] = weakref.WeakKeyDictionary()


def state_path(settings: Any, spider_name: str) -> str:
    """Where the state lives. Unset, it follows the output: ``OUTPUT_DIR/.state`` for run
    folders, ``.state`` beside an explicit OUTPUT_FILE (``-o``); so running the same crawl
    again is incremental. ``STATE_DIR=memory`` keeps it in memory for one run."""
    folder = settings.get("STATE_DIR") or ""
    if folder == "memory":
        return ":memory:"
    if not folder and settings.get("OUTPUT_FILE"):
        folder = str(Path(settings.get("OUTPUT_FILE")).parent / ".state")
    elif not folder:
        folder = str(Path(settings.get("OUTPUT_DIR")) / ".state")
    return str(Path(folder) / f"{spider_name}.sqlite")


def state_for(crawler: Any) -> CrawlState:
    """The crawler's state (spider and pipeline share it); closed when the spider closes."""
    if crawler not in _STATES:
        from scrapy import signals

        from scraper.crawl.dataset_dir import articles_file, run_id

        name = crawler.spidercls.name if crawler.spidercls else "crawl"
        state = CrawlState(state_path(crawler.settings, name), run_id(crawler), articles_file(crawler),
                           explicit=bool(crawler.settings.get("OUTPUT_FILE")),
                           resume=bool(crawler.settings.get("JOBDIR")))
        _STATES[crawler] = state
        crawler.signals.connect(lambda **_: state.close(), signal=signals.spider_closed, weak=False)
    return _STATES[crawler]


def skip_reason(url: str, date: str | None, *, url_filter: UrlFilter, since: dt.datetime | None,
                known: Known | None, run: str) -> str | None:
    """Why not to fetch a URL met in a sitemap, feed or page (None: fetch it).

    Filters first (``url_denied``, ``url_not_allowed``), then ``too_old`` (dated
    before ``since``), then ``unchanged``: an article an earlier run exported
    and no sitemap/feed date after its own date and our last fetch.
    """
    reason = url_filter.reason(url)
    if reason:
        return reason
    if is_older(date, since):
        return "too_old"
    if known is not None and known.run != run and not known.changed_since(date):
        return "unchanged"
    return None
