"""``scraper crawl`` is quiet by default and ends with a summary naming the dataset folder;
``-v`` gives Scrapy's log, ``-q`` errors only; an unknown ``-s`` name gets a "did you mean" line."""
from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.crawl_site import SITE
from tests.localsite import ENV, REPO, Site

SPEED = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0"]  # no LOG_LEVEL: the default is tested


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    served = Site(SITE)
    yield served
    served.close()


def crawl(site: Site, out: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "scraper.cli", "crawl", site.base + "/", "-o", str(out / "articles.jsonl"),
               "--timezone", "Europe/Kyiv", *SPEED, *args]
    done = subprocess.run(command, cwd=REPO, env=ENV, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return done


SUMMARY = ["URLs met: 8", "  exported: 5", "  dropped: 2 (listing: 2)", "  failed: 1 (http_404: 1)"]


def test_default_is_the_summary_and_the_dataset_folder_only(site: Site, tmp_path: Path) -> None:
    done = crawl(site, tmp_path, "-s", "DOWNLAOD_DELAY=0")
    assert done.stderr.splitlines() == [
        "scraper: warning: unknown setting -s DOWNLAOD_DELAY (did you mean DOWNLOAD_DELAY?)", *SUMMARY,
        f"dataset folder: {tmp_path}/ (articles.jsonl, listing.schema.json, listings.jsonl, manifest.json, "
        "outcomes.jsonl, report.json, schema.json)"]
    assert done.stdout == ""


def test_quiet_prints_nothing_and_verbose_shows_scrapys_log(site: Site, tmp_path: Path) -> None:
    quiet = crawl(site, tmp_path / "q", "-q")
    verbose = crawl(site, tmp_path / "v", "-v")
    assert (quiet.stderr, quiet.stdout) == ("", "")
    lines = verbose.stderr.splitlines()
    assert lines[-5:-1] == SUMMARY
    assert ("[scrapy.core.engine] INFO: Spider opened" in verbose.stderr,
            "[scrapy.core.engine] INFO: Spider closed (finished)" in verbose.stderr) == (True, True)


def test_progress_lines_come_before_the_summary(site: Site, tmp_path: Path) -> None:
    done = crawl(site, tmp_path, "--progress", "-s", "PROGRESS_INTERVAL=0.05", "-s", "DOWNLOAD_DELAY=0.2")
    lines = done.stderr.splitlines()
    ticks = lines[: lines.index("URLs met: 8")]
    assert len(ticks) >= 3, done.stderr
    assert [re.fullmatch(r"progress: fetched \d, exported \d, failed [01], \d+\.\d pages/s", t) is not None
            for t in ticks] == [True] * len(ticks)
    assert lines[len(ticks):-1] == SUMMARY
