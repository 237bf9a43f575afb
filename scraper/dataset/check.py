"""Check every line of a JSON Lines file against the record's JSON Schema."""
from __future__ import annotations

import json
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


def manifest_problems(folder: Path) -> Iterator[str]:
    """One line per file whose size or SHA-256 differs from ``manifest.json``, or that is missing.

    Nothing when the folder has no manifest (a file someone exported by hand)."""
    from scraper.dataset.files import DatasetError
    from scraper.dataset.manifest import file_facts

    path = folder / "manifest.json"
    if not path.is_file():
        return
    try:
        files = json.loads(path.read_text(encoding="utf-8"))["files"]
        listed = {name: (int(facts["bytes"]), str(facts["sha256"])) for name, facts in files.items()}
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
        raise DatasetError(f"{path}: not a manifest (no readable \"files\" table)") from None
    for name, (size, sha256) in listed.items():
        target = folder / name
        if not target.is_file():
            yield f"{target}: missing (manifest.json lists it)"
            continue
        facts = file_facts(target)
        if facts["bytes"] != size:
            yield f"{target}: {facts['bytes']} bytes, manifest.json says {size}"
        elif facts["sha256"] != sha256:
            yield f"{target}: SHA-256 differs from manifest.json (the file changed after the run)"
