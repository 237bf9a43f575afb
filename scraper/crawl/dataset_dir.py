"""Where a crawl run writes its dataset folder.

With ``OUTPUT_FILE`` set (``scraper crawl -o FILE``) the folder is the file's
folder and the articles file keeps its name. Otherwise every run gets its own
folder ``OUTPUT_DIR/<run id>/`` named by its start time (UTC), e.g.
``output/20261126T060851Z/articles.jsonl``. A run resumed from a JOBDIR keeps
the folder it started with (the id is stored in the job folder). A scrapy-redis
worker (``REDIS_URL``) adds its host name and process id: ``<time>-<host>-<pid>``; a run
started in the same second as another adds ``-2``, ``-3``... A run into an explicit file
adds a random suffix (the crawl state tells runs apart by their id).
"""
from __future__ import annotations

import datetime as dt
import itertools
import os
import secrets
import socket
import weakref
from pathlib import Path
from typing import Any

_RUN_IDS: weakref.WeakKeyDictionary[Any, str] = weakref.WeakKeyDictionary()


def run_id(crawler: Any) -> str:
    """The run's id: its start time, stable for the crawler and across JOBDIR resumes."""
    if crawler in _RUN_IDS:
        return _RUN_IDS[crawler]
    value = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    if crawler.settings.get("REDIS_URL"):  # several workers of one crawl: a folder each
        value += f"-{socket.gethostname()}-{os.getpid()}"
    jobdir = crawler.settings.get("JOBDIR")
    stored = Path(jobdir) / "run_id" if jobdir else None
    resumed = stored is not None and stored.is_file()
    if not resumed and not crawler.settings.get("OUTPUT_FILE"):
        value = claim_folder(Path(crawler.settings.get("OUTPUT_DIR")), value)
    elif not resumed:
        value += f"-{secrets.token_hex(3)}"  # no folder to claim: runs into one -o file must differ too
    if stored is not None:
        if resumed:
            value = stored.read_text(encoding="utf-8").strip() or value
        else:
            stored.parent.mkdir(parents=True, exist_ok=True)
            stored.write_text(value + "\n", encoding="utf-8")
    _RUN_IDS[crawler] = value
    return value


def claim_folder(output_dir: Path, value: str) -> str:
    """``value``, or ``value-2``, ``value-3``... whichever folder this process creates first:
    two runs started in the same second never share a dataset folder."""
    for number in itertools.count(1):
        candidate = value if number == 1 else f"{value}-{number}"
        try:
            (output_dir / candidate).mkdir(parents=True)
            return candidate
        except FileExistsError:
            continue
    raise AssertionError("unreachable")


def articles_file(crawler: Any) -> Path:
    explicit = crawler.settings.get("OUTPUT_FILE")
    if explicit:
        return Path(explicit)
    return Path(crawler.settings.get("OUTPUT_DIR")) / run_id(crawler) / "articles.jsonl"


def dataset_file(crawler: Any, name: str) -> Path:
    """A file of the run's dataset folder (``report.json``, ``outcomes.jsonl``...)."""
    return articles_file(crawler).parent / name


def run_folders(output_dir: Path) -> list[Path]:
    """The run folders under OUTPUT_DIR, oldest first (``.state`` and other dot-folders left out)."""
    if not output_dir.is_dir():
        return []
    return sorted(p for p in output_dir.iterdir() if p.is_dir() and not p.name.startswith("."))
