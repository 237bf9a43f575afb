"""SIGKILL, SIGINT or SIGTERM a crawl in the middle, resume it with the same JOBDIR: every article
exactly once, and one set of books for the whole job."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.support import newssite
from tests.support.crawl import ROOT, crawl_command, read_jsonl

ARTICLES = 300
GATE = 45  # the site holds every article request after this many


def _lines(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


def _wait_mid_crawl(output: Path, site: newssite.NewsSite, process: subprocess.Popen[bytes], lines: int = 30,
                    gate: int = GATE) -> None:
    """Wait until some articles are exported and more article requests are held by the site than
    that: URLs seen (and remembered in the job folder) but not yet fetched, the state in which a
    plain Scrapy resume loses them. (The deadline only guards against a hang; nothing is timed.)"""
    deadline = time.monotonic() + 60
    while not (_lines(output) >= lines and site.served > gate + 5):
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
    # the resumed run starts again from the start URL: the articles the killed run wrote are in
    # the file, so they count as exported (not as duplicates of themselves)
    assert (report["urls_met"], report["outcomes"], report["adds_up"]) == (
        ARTICLES + 1, {"dropped/listing": 1, "exported": ARTICLES}, True)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_stopped_and_resumed_job_keeps_one_set_of_books(tmp_path: Path, signum: int) -> None:
    articles, gate = 60, 15
    site = newssite.start(articles, gate_after=gate, per_page=articles)
    output, jobdir = tmp_path / "out" / "articles.jsonl", tmp_path / "job"
    command = crawl_command(site.base + "/", output, JOBDIR=jobdir, DOWNLOAD_TIMEOUT=30)
    try:
        first = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _wait_mid_crawl(output, site, first, lines=10, gate=gate)
        first.send_signal(signum)  # a graceful stop: the queue stays in the job folder
        site.release.set()
        first.wait(timeout=120)
        paused = json.loads((output.parent / "report.json").read_text())
        second = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    finally:
        site.stop()
    assert (first.returncode, paused["finish_reason"], paused["urls_met"], paused["adds_up"]) == (
        130, "shutdown", articles + 1, True)
    assert paused["queued"] > 0
    report = json.loads((output.parent / "report.json").read_text())
    lines = Counter(line["url"] for line in read_jsonl(output.parent / "outcomes.jsonl"))
    assert (second.returncode, report["urls_met"], report["outcomes"], report["adds_up"]) == (
        0, articles + 1, {"dropped/listing": 1, "exported": articles}, True)
    assert (len(lines), max(lines.values()), lines[site.base + "/"]) == (articles + 1, 1, 1)
    assert report["started"] == paused["started"]  # the job's books, from its first run


@pytest.mark.parametrize("order", [115, 60], ids=["after-report-before-manifest", "before-report"])
def test_a_kill_while_closing_leaves_a_rerun_with_the_whole_books(tmp_path: Path, order: int) -> None:
    articles = 20
    site = newssite.start(articles, per_page=articles)
    output, jobdir = tmp_path / "out" / "articles.jsonl", tmp_path / "job"
    command = crawl_command(site.base + "/", output, JOBDIR=jobdir)
    killer = json.dumps({"tests.support.kill_switch.KillOnClose": order})
    try:
        first = subprocess.run([*command, "-s", f"EXTENSIONS={killer}"], cwd=ROOT, capture_output=True, timeout=120)
        second = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    finally:
        site.stop()
    assert first.returncode == -signal.SIGKILL
    report = json.loads((output.parent / "report.json").read_text())
    manifest = json.loads((output.parent / "manifest.json").read_text())
    books = {"urls_met": articles + 1, "outcomes": {"dropped/listing": 1, "exported": articles}, "adds_up": True}
    assert (second.returncode, {k: report[k] for k in books}, {k: manifest["outcomes"][k] for k in books}) == (
        0, books, books)
    assert len(read_jsonl(output)) == articles
