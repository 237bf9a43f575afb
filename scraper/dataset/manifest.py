"""The dataset folder's ``manifest.json`` and ``schema.json`` (pure: no Scrapy).

The manifest says what made the data (tool and schema versions, run times,
start URLs, the settings that shape the content), what became of every URL
(counts by outcome and by domain) and what the data holds (date range,
per-field coverage, top values; see ``scraper.dataset.summary``), with the
size and SHA-256 of each file so a copy can be checked.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from scraper import __version__
from scraper.dataset.files import read_lines
from scraper.dataset.summary import summarize
from scraper.schema import LISTING_SCHEMA_VERSION, SCHEMA_VERSION, json_schema, listing_json_schema

#: Settings that change what the dataset contains; recorded in the manifest.
#: Each is read with its type (``str``, ``bool``, ``int``) and default.
CONTENT_SETTINGS: dict[str, tuple[type, object]] = {
    "SITE_TIMEZONE": (str, ""), "FOLLOW_ARTICLE_LINKS": (bool, True), "DEPTH_LIMIT": (int, 0),
    "ROBOTSTXT_OBEY": (bool, True), "USER_AGENT": (str, ""), "DOWNLOAD_MAXSIZE": (int, 0),
    "LISTINGS_ENABLED": (bool, True), "WARC_ENABLED": (bool, False), "DATASET_GZIP": (bool, False),
}
#: Files of a dataset folder described in the manifest, when present.
DATA_FILES = ("articles.jsonl", "articles.jsonl.gz", "listings.jsonl", "outcomes.jsonl",
              "report.json", "schema.json", "listing.schema.json", "capture.warc.gz")


def write_schemas(folder: Path) -> None:
    """``schema.json`` (article record) and ``listing.schema.json`` (listing record)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, schema in (("schema.json", json_schema()), ("listing.schema.json", listing_json_schema())):
        (folder / name).write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def file_facts(path: Path) -> dict[str, Any]:
    digest = hashlib.sha256()
    lines = 0
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
            lines += chunk.count(b"\n")
    facts: dict[str, Any] = {"bytes": path.stat().st_size, "sha256": digest.hexdigest()}
    if path.name.endswith(".jsonl"):
        facts["lines"] = lines
    return facts


def build_manifest(folder: Path, *, run: dict[str, Any], settings: dict[str, Any],
                   outcomes: dict[str, Any], articles: Path) -> dict[str, Any]:
    """The manifest of a finished run whose files are in ``folder``."""
    files = {name: file_facts(folder / name) for name in DATA_FILES if (folder / name).is_file()}
    if articles.is_file() and articles.parent == folder:
        files.setdefault(articles.name, file_facts(articles))
    return {
        "tool": {"name": "news-scraper", "version": __version__},
        "schema_version": SCHEMA_VERSION,
        "listing_schema_version": LISTING_SCHEMA_VERSION,
        "run": run,
        "settings": settings,
        "outcomes": outcomes,
        "articles": summarize(read_lines(articles)) if articles.is_file() else None,
        "files": files,
    }


def write_manifest(folder: Path, manifest: dict[str, Any]) -> Path:
    path = folder / "manifest.json"
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
