"""Checks of command-line input that would otherwise fail deep inside a crawl.

Each raises ``InputError`` with one line that names the bad value, so the
command line can answer with that line and a non-zero exit.
"""
from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scraper.errors import InputError


def check_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"{url!r} is not an http(s) URL")
    return url


def check_timezone(name: str | None) -> str | None:
    """An IANA zone name, or InputError."""
    if not name:
        return name
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError(f"unknown time zone {name!r} (use an IANA name such as Europe/Kyiv)") from None
    return name


def check_setting_types(settings: Any, names: list[str], defaults: dict[str, Any]) -> None:
    """Each ``-s NAME=VALUE`` must parse as its default's type (number, flag).

    Scrapy keeps some flags as 0/1 (TELNETCONSOLE_ENABLED), so those accept either.
    """
    for name in names:
        default = defaults.get(name)
        if isinstance(default, bool):
            getters = [settings.getbool]
        elif isinstance(default, (int, float)):
            getters = [settings.getfloat] + ([settings.getbool] if default in (0, 1) else [])
        else:
            continue
        if not any(_parses(getter, name) for getter in getters):
            kind = "True or False" if isinstance(default, bool) else "a number"
            raise InputError(f"-s {name}={settings.get(name)!r}: expected {kind}")


def _parses(getter: Any, name: str) -> bool:
    try:
        getter(name)
    except (ValueError, TypeError):
        return False
    return True


def check_jobdir(settings: Any) -> None:
    """JOBDIR, when set (``-s JOBDIR=`` or ``--jobdir``), must be a folder we can create and write."""
    jobdir = settings.get("JOBDIR")
    if jobdir:
        check_writable_dir(jobdir, f"JOBDIR {jobdir}")


def check_writable_dir(folder: str | Path, label: str) -> None:
    """``folder`` can be created and a file written in it; InputError naming ``label`` if not."""
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
        # a probe of its own: workers sharing one folder start together (a shared name raced)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".write-test-"):
            pass
    except OSError as exc:
        raise InputError(f"{label}: cannot write ({exc.strerror or exc})") from None


def check_output_file(path: str) -> None:
    """``-o`` names a file we can create (not a folder)."""
    if Path(path).is_dir():
        raise InputError(f"{path}: is a folder (-o takes a file name, e.g. {Path(path) / 'articles.jsonl'})")
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).touch()
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror or exc})") from None


def check_state_file(path: str) -> None:
    """The crawl state file, when it exists, must be a readable SQLite database.

    A zero-length file is an empty database to SQLite (``scraper.crawl.state`` then
    treats the articles already in the output file as known). A truncated or garbage
    file would otherwise fail deep inside the crawl, after pages were fetched."""
    import sqlite3

    if path == ":memory:" or not Path(path).is_file() or Path(path).stat().st_size == 0:
        return
    problem = ""
    try:
        db = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True, timeout=60)
        try:
            rows = db.execute("PRAGMA quick_check").fetchall()
            problem = "" if rows == [("ok",)] else str(rows[0][0])
        finally:
            db.close()
    except sqlite3.Error as exc:
        problem = str(exc)
    if problem:
        raise InputError(f"state file {path}: {problem} (move it away to start a fresh state)")
