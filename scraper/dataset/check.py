"""Check every line of a JSON Lines file against the record's JSON Schema."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from scraper.dataset.files import read_lines
from scraper.schema import json_schema, listing_json_schema


@dataclass(frozen=True)
class Problem:
    """Why line ``line`` is not a valid record."""

    line: int
    message: str


@lru_cache(maxsize=2)
def _validator(kind: str) -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(listing_json_schema() if kind == "listing" else json_schema())


def kind_of(path: Path) -> str:
    """``listing`` for a listings file, else ``article``."""
    return "listing" if path.name.startswith("listings.") else "article"


def record_problems(record: dict[str, Any], kind: str = "article") -> list[str]:
    """Schema violations of one record as ``field: message``, in a stable order."""
    errors = sorted(_validator(kind).iter_errors(record), key=lambda e: list(map(str, e.absolute_path)))
    return [f"{'/'.join(map(str, e.absolute_path)) or '(record)'}: {e.message}" for e in errors]


def check(path: str | Path, kind: str | None = None) -> Iterator[Problem]:
    """Every problem of every line, in line order; empty when the file is valid."""
    kind = kind or kind_of(Path(path))
    for line in read_lines(path):
        if line.record is None:
            yield Problem(line.number, line.error or "unreadable")
            continue
        for message in record_problems(line.record, kind):
            yield Problem(line.number, message)
