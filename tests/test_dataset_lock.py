"""One crawl at a time per dataset folder: a second one is refused with one line and exit 2."""
from __future__ import annotations

import signal
import subprocess
from pathlib import Path

from scraper.devtools.sitegen import articles, write_site
from tests.localsite import ENV, REPO, Site, crawl, crawl_command, read_jsonl, site_fixture  # noqa: F401
from tests.test_crawl_resume import SLOW, wait_for_lines


def test_a_second_crawl_into_a_busy_dataset_folder_is_refused(site: Site, tmp_path: Path) -> None:
    write_site(site.root, articles(30), site.base)
    target = tmp_path / "data" / "articles.jsonl"
    args = ["--sitemap", site.base + "/sitemap-index.xml", "-o", str(target), "--state", str(tmp_path / "state")]
    first = subprocess.Popen(crawl_command(*args, *SLOW), cwd=REPO, env=ENV, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    try:
        wait_for_lines(target, 2, first)
        second = crawl(*args, check=False)
        lines_then = len(read_jsonl(target))
    finally:
        first.send_signal(signal.SIGKILL)  # the OS releases the flock of a killed process
        first.wait(timeout=60)
    assert (second.returncode, second.stderr.strip(), second.stdout) == (
        2, f"scraper: error: {target.parent}: another crawl is writing this dataset folder (process {first.pid})", "")
    assert lines_then >= 2
    third = crawl(*args, check=False)  # after the kill the folder is free again
    assert (third.returncode, len(read_jsonl(target))) == (0, 30)
