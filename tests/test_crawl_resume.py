"""Pause and resume with JOBDIR: a crawl stopped with Ctrl-C continues where it stopped."""
from __future__ import annotations

import json
import signal
import subprocess
import time
from collections import Counter
from pathlib import Path

from scraper.devtools.sitegen import articles, write_site
from tests.localsite import ENV, REPO, Site, crawl, crawl_command, only_run, read_jsonl, site_fixture  # noqa: F401

SLOW = ["-s", "DOWNLOAD_DELAY=0.1", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1", "-s", "RANDOMIZE_DOWNLOAD_DELAY=False"]


def wait_for_lines(path: Path, count: int, process: subprocess.Popen[str]) -> None:
    """Block until ``path`` has ``count`` lines (or the process ended)."""
    while process.poll() is None:
        if path.is_file() and len(path.read_text(encoding="utf-8").splitlines()) >= count:
            return
        time.sleep(0.05)


def test_interrupted_crawl_resumes_with_jobdir(site: Site, tmp_path: Path) -> None:
    entries = articles(40)
    write_site(site.root, entries, site.base)
    args = ["--sitemap", site.base + "/sitemap-index.xml", "--jobdir", str(tmp_path / "job"),
            "-s", f"OUTPUT_DIR={tmp_path / 'out'}", *SLOW]
    first = subprocess.Popen(crawl_command(*args), cwd=REPO, env=ENV, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True)
    wait_for_lines(tmp_path / "job" / "run_id", 1, first)
    run_id = (tmp_path / "job" / "run_id").read_text().strip()
    wait_for_lines(tmp_path / "out" / run_id / "articles.jsonl", 5, first)
    first.send_signal(signal.SIGINT)                       # Ctrl-C: graceful stop, queue kept in JOBDIR
    first.communicate(timeout=120)
    assert first.returncode == 130                         # interrupted (README, "Exit status")
    folder = only_run(tmp_path / "out")
    stopped = read_jsonl(folder / "articles.jsonl")
    assert (json.loads((folder / "report.json").read_text())["finish_reason"], 5 <= len(stopped) < 40) == (
        "shutdown", True)

    crawl(*args)
    assert only_run(tmp_path / "out") == folder            # the resumed run keeps its dataset folder
    records = read_jsonl(folder / "articles.jsonl")
    assert Counter(r["url"] for r in records) == Counter({site.base + a.path: 1 for a in entries})
    assert json.loads((folder / "report.json").read_text())["finish_reason"] == "finished"
