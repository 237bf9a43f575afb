"""Export records as JSON Lines (UTF-8, one object per line, fields in schema order).

Writes ``articles.jsonl`` in the run's dataset folder (OUTPUT_FILE, or
OUTPUT_DIR/<run id>/; see ``scraper.crawl.dataset_dir``).
Each line is flushed as it is written, so a stopped crawl leaves whole lines.
A fresh crawl truncates the file; a crawl with JOBDIR (resumable) appends to it.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonlines

from scraper.crawl.dataset_dir import articles_file
from scraper.schema import FIELDS


def ordered(record: dict[str, Any]) -> dict[str, Any]:
    """The record with fields in schema order (extra fields, e.g. ``source``, last)."""
    out = {name: record[name] for name in FIELDS if name in record}
    out.update({k: v for k, v in record.items() if k not in out})
    return out


class JsonLinesExportPipeline:
    def __init__(self, path: Path, append: bool = False) -> None:
        self.path = path
        self.append = append
        self.writer: jsonlines.Writer | None = None
        self._file: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> "JsonLinesExportPipeline":
        # A resumed job (JOBDIR) appends to its file; a fresh crawl starts a new one.
        return cls(articles_file(crawler), append=bool(crawler.settings.get("JOBDIR")))

    def open_spider(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._file = self.path.open("a" if self.append else "w", encoding="utf-8")
        self.writer = jsonlines.Writer(self._file, compact=True, flush=True, sort_keys=False)

    def close_spider(self) -> None:
        if self.writer is not None:
            self.writer.close()
        if self._file is not None:
            self._file.close()

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        assert self.writer is not None
        self.writer.write(ordered(dict(item)))
        return item
