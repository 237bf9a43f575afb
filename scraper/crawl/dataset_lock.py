"""One crawl at a time per dataset folder: a lock file (``<folder>/.lock``, ``fcntl.flock``).

Two crawls writing one folder at once tear its files (``outcomes.jsonl``...). The first crawl
holds an exclusive flock on ``.lock`` (with its process id in the file, for people); a second
is refused with one line (``scraper crawl`` exits 2). The OS releases the lock when the holder
exits, also after SIGKILL, so a stale lock file (left by a kill) never blocks a later run; a clean
end removes the file (a crawl that opened a file being removed checks it locked the current one).

``scraper crawl`` takes the lock before the crawl starts when it knows the folder (``-o``, a
JOBDIR resume); the ``DatasetLock`` extension takes it for every crawl (``scrapy crawl``
too). One process holds one lock per folder: taking it again is a no-op.
"""
from __future__ import annotations

import fcntl
import logging
import os
from pathlib import Path
from typing import Any

from scrapy import signals

from scraper.crawl.dataset_dir import articles_file
from scraper.errors import InputError

logger = logging.getLogger(__name__)

LOCK = ".lock"
_HELD: dict[str, int] = {}  # resolved folder -> the open lock file's descriptor


class DatasetBusy(InputError):
    """Another crawl holds the dataset folder's lock."""


def lock_folder(folder: Path) -> None:
    """Take the folder's lock (DatasetBusy if another process holds it)."""
    key = str(folder.resolve())
    if key in _HELD:
        return
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOCK
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 32).decode("ascii", "replace").strip()
            os.close(fd)
            who = f" (process {holder})" if holder else ""
            raise DatasetBusy(f"{folder}: another crawl is writing this dataset folder{who}") from None
        if _same_file(fd, path):
            break
        os.close(fd)  # the holder removed the file as we opened it: lock the new one
    os.ftruncate(fd, 0)
    os.write(fd, f"{os.getpid()}\n".encode())
    _HELD[key] = fd


def _same_file(fd: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except FileNotFoundError:
        return False


def unlock_folder(folder: Path) -> None:
    """Remove the lock file, then release the lock (a clean run leaves no ``.lock`` behind)."""
    fd = _HELD.pop(str(folder.resolve()), None)
    if fd is not None:
        (folder / LOCK).unlink(missing_ok=True)
        os.close(fd)  # closing the descriptor releases the flock


def known_folder(settings: Any) -> Path | None:
    """The dataset folder a crawl will write, when it is known before the crawl starts:
    the ``-o`` file's folder, or a resumed JOBDIR's run folder (a new run folder is new)."""
    if settings.get("OUTPUT_FILE"):
        return Path(settings.get("OUTPUT_FILE")).parent
    jobdir = settings.get("JOBDIR")
    stored = Path(jobdir) / "run_id" if jobdir else None
    if stored is not None and stored.is_file() and stored.read_text(encoding="utf-8").strip():
        return Path(settings.get("OUTPUT_DIR")) / stored.read_text(encoding="utf-8").strip()
    return None


class DatasetLock:
    """Extension: hold the dataset folder's lock from the crawler's start to the spider's close."""

    def __init__(self, crawler: Any) -> None:
        self.folder = articles_file(crawler).parent
        lock_folder(self.folder)

    @classmethod
    def from_crawler(cls, crawler: Any) -> DatasetLock:
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_closed(self, spider: Any, reason: str) -> None:
        unlock_folder(self.folder)
