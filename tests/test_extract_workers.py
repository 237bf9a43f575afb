"""Extraction in worker processes (EXTRACT_WORKERS): the same records and outcomes as in-thread, clean
stops (Ctrl-C once and twice, SIGTERM, a page limit), a dead worker's page failed with its reason,
and no worker left when the crawl process is killed."""
from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scraper.crawl.workers import ExtractWorkers
from tests.support import newssite, procs
from tests.support.crawl import ROOT, crawl_command

FETCHED_AT = re.compile(rb'"fetched_at": ?"[^"]*"')


def _sorted_lines(path: Path, base: str) -> list[bytes]:
    """The file's lines, sorted, with ``fetched_at`` (the clock) and the site's port blanked: the rest byte for byte."""
    lines = path.read_bytes().replace(base.encode(), b"BASE").splitlines()
    return sorted(FETCHED_AT.sub(b'"fetched_at":""', line) for line in lines)


def test_workers_give_the_records_and_outcomes_of_in_thread_extraction(tmp_path: Path) -> None:
    seen = {}
    for workers in ("0", "2"):
        out = tmp_path / workers / "articles.jsonl"
        out.parent.mkdir()
        done = subprocess.run([sys.executable, "-m", "tests.crawl_site", str(out), f"EXTRACT_WORKERS={workers}"],
                              cwd=ROOT, capture_output=True, text=True, timeout=120)
        report = json.loads((out.parent / "report.json").read_text())
        base = done.stdout.splitlines()[0]
        seen[workers] = (done.returncode, _sorted_lines(out, base), _sorted_lines(out.parent / "listings.jsonl", base),
                         report["outcomes"], report["adds_up"])
    assert seen["2"] == seen["0"]
    assert (seen["0"][0], len(seen["0"][1]), seen["0"][3:]) == (
        0, 5, ({"dropped/listing": 2, "exported": 5, "failed/http_404": 1}, True))


def _books(out: Path) -> tuple[dict[str, object], list[dict[str, object]]]:
    """The crawl's report and its failed outcomes."""
    report = json.loads((out.parent / "report.json").read_text())
    failed = [json.loads(line) for line in (out.parent / "outcomes.jsonl").read_text().splitlines()
              if '"failed"' in line]
    return report, failed


def _start(tmp_path: Path, site: newssite.NewsSite, **settings: object) -> tuple[subprocess.Popen[str], Path]:
    out = tmp_path / "out" / "articles.jsonl"
    command = crawl_command(site.base + "/", out, **{"EXTRACT_WORKERS": 2, "DOWNLOAD_TIMEOUT": 30, **settings})
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)  # its own process group, as a terminal's job
    return process, out


def _wait_for_workers(site: newssite.NewsSite, process: subprocess.Popen[str], served: int = 25) -> set[int]:
    """Wait until the site has served ``served`` articles (the gate holds the rest); the crawl's processes."""
    deadline = time.monotonic() + 60
    while site.served < served or len(procs.workers(process.pid)) < 2:
        if process.poll() is not None or time.monotonic() > deadline:
            raise AssertionError(f"crawl ended or stalled: {site.served} served")
        time.sleep(0.05)
    return procs.descendants(process.pid)


@pytest.mark.parametrize("stop", ["ctrl-c", "ctrl-c twice", "sigterm"])
def test_a_stopped_crawl_ends_cleanly_and_leaves_no_worker(tmp_path: Path, stop: str) -> None:
    site = newssite.start(100, gate_after=20, per_page=100)
    try:
        process, _ = _start(tmp_path, site)
        started = _wait_for_workers(site, process)
        if stop == "sigterm":
            process.send_signal(signal.SIGTERM)
        else:  # a Ctrl-C in a terminal: SIGINT to the whole process group, workers included
            os.killpg(process.pid, signal.SIGINT)
            if stop == "ctrl-c twice":
                time.sleep(0.3)
                os.killpg(process.pid, signal.SIGINT)
        site.release.set()
        _, stderr = process.communicate(timeout=120)
    finally:
        site.stop()
    assert (process.returncode, len(started), procs.wait_gone(started)) == (130, 4, set())  # 2 workers, server, tracker
    assert [line for line in stderr.splitlines() if "Traceback" in line or "leaked" in line] == []


def test_a_page_limit_closes_the_pool(tmp_path: Path) -> None:
    site = newssite.start(60, per_page=60)
    try:
        process, out = _start(tmp_path, site, CLOSESPIDER_PAGECOUNT=20)
        _, stderr = process.communicate(timeout=120)
    finally:
        site.stop()
    report = json.loads((out.parent / "report.json").read_text())
    assert (process.returncode, report["finish_reason"], report["adds_up"]) == (0, "closespider_pagecount", True)
    assert (procs.descendants(process.pid), [line for line in stderr.splitlines() if "Traceback" in line]) == (set(), [])


def test_a_page_that_kills_its_worker_is_failed_and_the_crawl_goes_on(tmp_path: Path) -> None:
    site = newssite.start(30, per_page=30)
    try:
        process, out = _start(tmp_path, site, EXTRACT_WORKER_EXIT_URL="/0007/")
        _, stderr = process.communicate(timeout=120)
    finally:
        site.stop()
    report, failed = _books(out)
    assert (process.returncode, report["outcomes"], report["adds_up"]) == (
        0, {"dropped/listing": 1, "exported": 29, "failed/extract_worker_died": 1}, True)
    assert failed == [{"url": site.base + newssite.article_path(7), "outcome": "failed",
                       "reason": "extract_worker_died"}]
    assert f"{site.base}{newssite.article_path(7)}: the page killed its extraction worker" in stderr


def test_a_worker_killed_from_outside_is_replaced_and_every_page_exported(tmp_path: Path) -> None:
    site = newssite.start(100, gate_after=20, per_page=100)
    try:
        process, out = _start(tmp_path, site)
        _wait_for_workers(site, process)
        os.kill(min(procs.workers(process.pid)), signal.SIGKILL)
        time.sleep(0.5)
        site.release.set()
        process.communicate(timeout=120)
    finally:
        site.stop()
    report = json.loads((out.parent / "report.json").read_text())
    assert (process.returncode, report["outcomes"], report["adds_up"]) == (
        0, {"dropped/listing": 1, "exported": 100}, True)


def test_workers_exit_when_the_crawl_process_is_killed(tmp_path: Path) -> None:
    site = newssite.start(100, gate_after=20, per_page=100)
    try:
        process, _ = _start(tmp_path, site)
        started = _wait_for_workers(site, process)
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=30)
        left = procs.wait_gone(started, seconds=10)
    finally:
        site.stop()
    assert (process.returncode, len(started), left) == (-signal.SIGKILL, 4, set())


def test_a_worker_imports_neither_scrapy_nor_twisted() -> None:
    code = "import sys, scraper.crawl.worker_main; print(sorted({'scrapy', 'twisted'} & set(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.stdout == "[]\n"


def test_a_page_that_hangs_its_worker_is_failed_after_the_hard_limit_and_the_crawl_goes_on(tmp_path: Path) -> None:
    site = newssite.start(60, per_page=60)
    try:  # one worker, stuck on article 7 until the hard limit (twice EXTRACT_TIMEOUT): the crawl goes on
        process, out = _start(tmp_path, site, EXTRACT_WORKERS=1, EXTRACT_QUEUE=2, CONCURRENT_REQUESTS=4,
                              CONCURRENT_REQUESTS_PER_DOMAIN=4, EXTRACT_TIMEOUT=1.5,
                              EXTRACT_WORKER_STALL_URL="/0007/")
        _, stderr = process.communicate(timeout=120)
    finally:
        site.stop()
    report, failed = _books(out)
    assert (process.returncode, report["outcomes"], report["adds_up"]) == (
        0, {"dropped/listing": 1, "exported": 59, "failed/extract_timeout": 1}, True)
    assert failed == [{"url": site.base + newssite.article_path(7), "outcome": "failed", "reason": "extract_timeout"}]
    assert f"{site.base}{newssite.article_path(7)}: extraction took more than 3 s; its worker was stopped" in stderr
    assert procs.descendants(process.pid) == set()


def test_the_gate_holds_requests_while_extract_queue_pages_are_out() -> None:
    pool = ExtractWorkers(1, queue=2)
    passed: list[str] = []

    async def request(name: str) -> None:
        await pool.room()
        passed.append(name)

    async def crawl() -> list[list[str]]:
        seen = []
        pool.in_flight = 2  # two pages out: the queue is full
        waiting = [asyncio.ensure_future(request(name)) for name in ("a", "b")]
        await asyncio.sleep(0.05)
        seen.append(list(passed))
        pool.in_flight = 1  # one page back
        pool._wake()
        await asyncio.sleep(0.05)
        seen.append(sorted(passed))
        pool.close()
        await asyncio.gather(*waiting)
        return seen

    assert asyncio.run(crawl()) == [[], ["a", "b"]]


def test_a_closed_pool_lets_every_waiting_request_go() -> None:
    pool = ExtractWorkers(1, queue=1)
    pool.in_flight = 5

    async def crawl() -> str:
        waiting = asyncio.ensure_future(pool.room())
        await asyncio.sleep(0.05)
        state = "waiting" if not waiting.done() else "passed"
        pool.close()
        await asyncio.wait_for(waiting, 5)
        return state

    assert asyncio.run(crawl()) == "waiting"
