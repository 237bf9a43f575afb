"""The summary of a set of records: counts, date range, per-field coverage, top values.

Used by ``manifest.json``, ``scraper stats`` and the HTML report. Records of
any shape are summarised without error: a field of the wrong type counts as
empty, so a hand-edited file can be summarised too.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from scraper.dataset.files import Line
from scraper.extract.dates import to_instant
from scraper.schema import FIELDS, json_schema

#: How many values the "top" lists keep.
TOP = 10


_PYTHON_TYPES = {"string": str, "array": list, "object": dict, "integer": int}


@lru_cache(maxsize=1)
def field_types() -> dict[str, tuple[type, ...]]:
    """The Python types each field may have when filled, read from the JSON Schema."""
    schema = json_schema()
    out: dict[str, tuple[type, ...]] = {}
    for name in FIELDS:
        spec = schema["properties"][name]
        if "$ref" in spec:
            spec = schema["$defs"][spec["$ref"].rsplit("/", 1)[1]]
        names = spec.get("type", "string")
        names = [names] if isinstance(names, str) else names
        out[name] = tuple(_PYTHON_TYPES[n] for n in names if n in _PYTHON_TYPES)
    return out


def is_filled(name: str, value: Any) -> bool:
    """A value a researcher can use: of the field's type, not an empty string, list or object."""
    if isinstance(value, bool) or not isinstance(value, field_types()[name]):
        return False
    return value != "" and value != [] and value != {}


class Summary:
    """Counts built one record at a time, so a file is never held in memory."""

    def __init__(self) -> None:
        self.records = 0
        self.bad_lines: list[int] = []
        self.filled: Counter[str] = Counter()
        self.domains: Counter[str] = Counter()
        self.sections: Counter[str] = Counter()
        self.authors: Counter[str] = Counter()
        self.languages: Counter[str] = Counter()
        self.days: Counter[str] = Counter()
        self.versions: Counter[str] = Counter()
        self.first: tuple[dt.datetime, str] | None = None
        self.last: tuple[dt.datetime, str] | None = None

    def add_line(self, line: Line) -> None:
        if line.record is None:
            self.bad_lines.append(line.number)
        else:
            self.add(line.record)

    def add(self, record: dict[str, Any]) -> None:
        self.records += 1
        self.filled.update(name for name in FIELDS if is_filled(name, record.get(name)))
        url = record.get("url")
        self.domains[(urlsplit(url).hostname or "") if isinstance(url, str) else ""] += 1
        _count_text(self.sections, record.get("section"))
        _count_text(self.languages, record.get("language"), missing="(none)")
        _count_text(self.versions, record.get("schema_version"), missing="(none)")
        authors = record.get("authors")
        if isinstance(authors, list):
            self.authors.update(a for a in authors if isinstance(a, str) and a)
        self._add_date(record.get("published"))

    def _add_date(self, published: Any) -> None:
        when = to_instant(published) if isinstance(published, str) else None
        if when is None:
            return
        self.days[published[:10]] += 1
        if self.first is None or when < self.first[0]:
            self.first = (when, published)
        if self.last is None or when > self.last[0]:
            self.last = (when, published)

    def as_dict(self) -> dict[str, Any]:
        total = self.records
        return {
            "records": total,
            "bad_lines": len(self.bad_lines),
            "bad_line_numbers": self.bad_lines[:100],
            "schema_versions": dict(sorted(self.versions.items())),
            "date_range": {"first": self.first[1] if self.first else None,
                           "last": self.last[1] if self.last else None},
            "articles_per_day": dict(sorted(self.days.items())),
            "coverage": {name: round(self.filled[name] / total, 4) if total else 0.0 for name in FIELDS},
            "by_domain": _top(self.domains, None),
            "languages": _top(self.languages, None),
            "top_sections": _top(self.sections, TOP),
            "top_authors": _top(self.authors, TOP),
        }


def _count_text(counter: Counter[str], value: Any, missing: str | None = None) -> None:
    if isinstance(value, str) and value:
        counter[value] += 1
    elif missing is not None:
        counter[missing] += 1


def _top(counter: Counter[str], limit: int | None) -> dict[str, int]:
    """Most common first; ties in name order, so the output is stable."""
    ranked = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    return dict(ranked[:limit] if limit else ranked)


def top_with_others(counts: Mapping[str, int], top: int, blank: str = "(none)") -> dict[str, int]:
    """The ``top`` most common values (ties in name order), the rest summed as one "(N others)" entry;
    an empty value is shown as ``blank``."""
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    shown, rest = ranked[:top], ranked[top:]
    out = {(label or blank): count for label, count in shown}
    if rest:
        out[f"({len(rest)} other)" if len(rest) == 1 else f"({len(rest)} others)"] = sum(n for _, n in rest)
    return out


def summary_of(lines: Iterable[Line]) -> Summary:
    """The counts of the lines of a JSON Lines file (see ``scraper.dataset.read_lines``)."""
    summary = Summary()
    for line in lines:
        summary.add_line(line)
    return summary


def summarize(lines: Iterable[Line]) -> dict[str, Any]:
    """The summary of the lines of a JSON Lines file, as ``manifest.json`` and ``stats --json`` give it."""
    return summary_of(lines).as_dict()
