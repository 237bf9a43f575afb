"""Requests still queued when a limit stops the crawl get a counted outcome: the books add up."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from tests.support import newssite
from tests.support.crawl import read_jsonl, run_crawl

ARTICLES = 300  # one listing links to all of them: 301 URLs met at once


def _books(output: Path) -> tuple[dict[str, object], Counter[str]]:
    report = json.loads((output.parent / "report.json").read_text())
    lines = read_jsonl(output.parent / "outcomes.jsonl")
    return report, Counter(line["url"] for line in lines)


def test_max_pages_counts_the_requests_never_fetched(tmp_path: Path) -> None:
    site = newssite.start(ARTICLES, per_page=ARTICLES)
    output = tmp_path / "out" / "articles.jsonl"
    try:
        done = run_crawl(site.base + "/", output, CLOSESPIDER_PAGECOUNT=5, STATE_DIR="memory",
                         REQUEST_BACKLOG_MAX=0)  # every link handed over (pacing would stop at the close)
    finally:
        site.stop()
    report, per_url = _books(output)
    outcomes = report["outcomes"]
    assert isinstance(outcomes, dict)
    assert (done.returncode, report["urls_met"], report["adds_up"], sorted(outcomes)) == (
        0, ARTICLES + 1, True, ["dropped/listing", "dropped/not_fetched", "exported"])
    assert outcomes["exported"] + outcomes["dropped/not_fetched"] == ARTICLES
    assert (len(per_url), max(per_url.values())) == (ARTICLES + 1, 1)  # one line per URL met


def test_max_pages_with_a_jobdir_counts_them_queued(tmp_path: Path) -> None:
    site = newssite.start(ARTICLES, per_page=ARTICLES)
    output = tmp_path / "out" / "articles.jsonl"
    try:
        run_crawl(site.base + "/", output, CLOSESPIDER_PAGECOUNT=5, STATE_DIR="memory", JOBDIR=tmp_path / "job")
    finally:
        site.stop()
    report, per_url = _books(output)
    outcomes = report["outcomes"]
    assert isinstance(outcomes, dict)
    assert (report["urls_met"], report["adds_up"], sorted(outcomes)) == (
        ARTICLES + 1, True, ["dropped/listing", "exported", "queued"])
    assert (outcomes["exported"] + outcomes["queued"], report["queued"]) == (ARTICLES, outcomes["queued"])
    assert len(per_url) == ARTICLES + 1 - outcomes["queued"]  # queued URLs get their line when fetched
