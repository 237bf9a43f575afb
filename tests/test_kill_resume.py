"""SIGKILL a crawl in the middle, resume it with the same JOBDIR: every article exactly once."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections import Counter
from pathlib import Path

from tests.support import newssite
from tests.support.crawl import ROOT, crawl_command

ARTICLES = 300
GATE = 45  # the site holds every article request after this many


def _lines(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


def _wait_mid_crawl(output: Path, site: newssite.NewsSite, process: subprocess.Popen[bytes]) -> None:
    """Wait until some articles are exported and more article requests are held by the site than
    that: URLs seen (and remembered in the job folder) but not yet fetched, the state in which a
    plain Scrapy resume loses them. (The deadline only guards against a hang; nothing is timed.)"""
    deadline = time.monotonic() + 60
    while not (_lines(output) >= 30 and site.served > GATE + 5):
        if process.poll() is not None or time.monotonic() > deadline:
            raise AssertionError(f"crawl ended or stalled: {_lines(output)} lines, {site.served} served")
        time.sleep(0.05)


def test_killed_crawl_resumes_with_every_article_exactly_once(tmp_path: Path) -> None:
    # one listing of every article: all URLs are scheduled (and remembered) early
    site = newssite.start(ARTICLES, gate_after=GATE, per_page=ARTICLES)
    output, jobdir = tmp_path / "out" / "articles.jsonl", tmp_path / "job"
    command = crawl_command(site.base + "/", output, JOBDIR=jobdir, DOWNLOAD_TIMEOUT=30)
    try:
        first = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _wait_mid_crawl(output, site, first)
        os.kill(first.pid, signal.SIGKILL)
        first.wait()
        killed_at = _lines(output)
        with output.open("ab") as fh:  # the worst case: killed in the middle of writing a record
            fh.write(b'{"url": "' + site.base.encode() + b'/news/2024/03/0299/torn", "headline": "Bri')
        site.release.set()
        second = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    finally:
        site.stop()
    records = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    urls = Counter(r["url"] for r in records)
    expected = {site.base + newssite.article_path(k) for k in range(1, ARTICLES + 1)}
    report = json.loads((output.parent / "report.json").read_text())
    assert 30 <= killed_at <= GATE
    assert (second.returncode, set(urls), max(urls.values()), len(records)) == (0, expected, 1, ARTICLES)
    listings = 1
    # the crawl state (beside the output file) remembers at most what the killed run wrote (it
    # remembers a record only after writing it): the resumed run, the same run by JOBDIR, finds
    # those already exported and exports every other article
    known = report["outcomes"].get("dropped/duplicate_url", 0)
    assert {k: report[k] for k in ("urls_met", "exported", "dropped", "failed", "adds_up")} == {
        "urls_met": ARTICLES + listings, "exported": ARTICLES - known, "dropped": known + listings,
        "failed": 0, "adds_up": True}
    assert 0 < known <= killed_at
