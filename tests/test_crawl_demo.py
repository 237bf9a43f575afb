"""Crawl the bundled demo site over real HTTP and compare every record to its golden JSON."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.golden import cases

ARTICLES = {c.meta["url"]: c.expected for c in cases() if c.id.startswith("demo/") and not c.is_listing}


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[dict], dict]:
    out = tmp_path_factory.mktemp("demo") / "articles.jsonl"
    result = subprocess.run(
        [sys.executable, "-m", "scraper.cli", "demo", "-o", str(out), "-s", "LOG_LEVEL=WARNING"],
        capture_output=True, text=True, timeout=300, cwd=Path(__file__).resolve().parent.parent)
    assert result.returncode == 0, result.stderr[-2000:]
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    report = json.loads((out.parent / "report.json").read_text(encoding="utf-8"))
    return records, report


def test_every_article_exported_once_and_equal_to_golden(crawl: tuple[list[dict], dict]) -> None:
    records, _ = crawl
    by_url = {r["url"]: r for r in records}
    assert sorted(r["url"] for r in records) == sorted(ARTICLES)
    for url, expected in ARTICLES.items():
        actual = dict(by_url[url])
        assert actual.pop("fetched_at") and expected["fetched_at"]
        assert actual == {k: v for k, v in expected.items() if k != "fetched_at"}, url


def test_report_adds_up(crawl: tuple[list[dict], dict]) -> None:
    _, report = crawl
    assert (report["adds_up"], report["exported"], report["failed"]) == (True, len(ARTICLES), 0)
