"""Crash-safe JSON Lines: repair a torn last line, list what a file already holds.

A crawl killed mid-write (SIGKILL, power loss) can leave the last line of
``articles.jsonl`` incomplete. Before a resumed crawl appends, ``repair_tail``
cuts that line off (or, when it is a whole record missing only its newline,
completes it), so every line of the file is one whole record.
"""
from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

_TAIL = 1 << 20  # read back at most this much to find the last newline


def repair_tail(path: Path) -> int:
    """Make the file end with a whole line; returns the number of bytes cut off."""
    if not path.is_file():
        return 0
    with path.open("rb+") as fh:
        size = fh.seek(0, os.SEEK_END)
        if size == 0:
            return 0
        fh.seek(size - 1)
        if fh.read(1) == b"\n":
            return 0
        start = _last_line_start(fh, size)
        fh.seek(start)
        tail = fh.read()
        if _is_record(tail):
            fh.write(b"\n")
            return 0
        fh.truncate(start)
        fh.flush()
        os.fsync(fh.fileno())
    logger.warning("%s: cut off %d bytes of a record torn by an interrupted write", path, size - start)
    return size - start


def _last_line_start(fh: os.PathLike[str] | object, size: int) -> int:
    """Offset just after the last newline (0 when there is none)."""
    end = size
    while end > 0:
        begin = max(0, end - _TAIL)
        fh.seek(begin)  # type: ignore[attr-defined]
        chunk = fh.read(end - begin)  # type: ignore[attr-defined]
        found = chunk.rfind(b"\n")
        if found >= 0:
            return begin + found + 1
        end = begin
    return 0


def _is_record(data: bytes) -> bool:
    try:
        return isinstance(json.loads(data), dict)
    except ValueError:
        return False


def records_in(path: Path, field: str = "url", start: int = 0) -> Iterator[dict[str, Any]]:
    """Every whole record of a JSON Lines file from byte ``start`` on that has a string ``field``
    (bad lines are skipped)."""
    if not path.is_file():
        return
    with path.open("rb") as fh:
        fh.seek(start)
        for line in fh:
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict) and isinstance(record.get(field), str):
                yield record


def urls_in(path: Path, field: str = "url") -> set[str]:
    """The ``field`` values of every whole record in a JSON Lines file (bad lines are skipped)."""
    return {record[field] for record in records_in(path, field)}
