"""Open dataset files, gzip or not, and read them line by line without loading them whole."""
from __future__ import annotations

import gzip
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from scraper.errors import InputError

logger = logging.getLogger(__name__)

#: Files a dataset folder may hold its articles in, in order of preference.
ARTICLE_FILES = ("articles.jsonl", "articles.jsonl.gz")


class DatasetError(InputError):
    """A dataset that cannot be read: reported as one line, never a traceback."""


@dataclass(frozen=True)
class Line:
    """One line of a JSON Lines file: its number (from 1) and its record, or why it is not one."""

    number: int
    record: dict[str, Any] | None
    error: str | None = None


def resolve(path: str | Path) -> Path:
    """The JSON Lines file named by ``path``: the file itself, or a dataset folder's articles file."""
    path = Path(path)
    if path.is_dir():
        for name in ARTICLE_FILES:
            if (path / name).is_file():
                return path / name
        raise DatasetError(f"{path}: no {' or '.join(ARTICLE_FILES)} in this folder")
    if not path.is_file():
        raise DatasetError(f"{path}: no such file or folder")
    return path


def open_text(path: Path) -> IO[str]:
    """The file as UTF-8 text, gunzipped when it starts with the gzip magic bytes."""
    try:
        with path.open("rb") as raw:
            compressed = raw.read(2) == b"\x1f\x8b"
        if compressed:
            return gzip.open(path, "rt", encoding="utf-8", errors="replace")
        return path.open("r", encoding="utf-8", errors="replace")
    except OSError as exc:
        raise DatasetError(f"{path}: cannot read ({exc.strerror or exc})") from None


def read_lines(path: str | Path) -> Iterator[Line]:
    """Every non-blank line of a JSON Lines file, parsed; bad lines carry their error."""
    source = resolve(path)
    with open_text(source) as handle:
        try:
            for number, text in enumerate(handle, start=1):
                if text.strip():
                    yield parse_line(number, text)
        except (OSError, EOFError) as exc:
            raise DatasetError(f"{source}: unreadable gzip ({exc})") from None


def parse_line(number: int, text: str) -> Line:
    text = text.rstrip("\r\n")
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        if cut_short(text, exc):
            return Line(number, None, f"line {number} is cut short (it ends before its JSON object does)")
        return Line(number, None, f"not JSON ({exc.msg}: column {exc.colno})")
    if not isinstance(value, dict):
        return Line(number, None, f"not a JSON object (a {type(value).__name__})")
    return Line(number, value)


def cut_short(text: str, exc: json.JSONDecodeError) -> bool:
    """The decoder ran out of text: more characters could still make the line valid JSON
    (a file copied in part, or still being written)."""
    return exc.msg.startswith("Unterminated string") or exc.pos >= len(text.rstrip())


def load(path: str | Path, *, skip_bad: bool = False) -> Iterator[dict[str, Any]]:
    """Stream the records of a dataset file or folder.

    A line that is not a JSON object raises ``DatasetError`` naming its line
    number, or is logged and skipped with ``skip_bad=True``.
    """
    for line in read_lines(path):
        if line.record is not None:
            yield line.record
        elif skip_bad:
            logger.warning("%s:%d: %s (skipped)", path, line.number, line.error)
        else:
            raise DatasetError(f"{path}:{line.number}: {line.error}")


def to_pandas(path: str | Path, *, skip_bad: bool = False) -> Any:
    """The records as a ``pandas.DataFrame``, one row per article, columns in schema order."""
    try:
        import pandas as pd
    except ImportError:
        raise DatasetError("to_pandas needs pandas: pip install pandas") from None
    from scraper.schema import FIELDS

    frame = pd.DataFrame.from_records(list(load(path, skip_bad=skip_bad)))
    columns = [c for c in FIELDS if c in frame.columns] + [c for c in frame.columns if c not in FIELDS]
    return frame[columns] if len(frame.columns) else frame
