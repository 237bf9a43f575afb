"""Scheduling: deploy to a real scrapyd on 127.0.0.1 with scrapyd-deploy, schedule ``news``, compare with a local run."""
from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from scraper.devtools.sitegen import articles, write_site
from tests.localsite import ENV, REPO, Site, crawl, only_run, read_jsonl, site_fixture  # noqa: F401 (fixture)
from tests.test_crawl_redis import free_port

BIN = Path(sys.executable).parent


def call(base: str, endpoint: str, data: list[tuple[str, str]] | None = None) -> dict[str, Any]:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    with urllib.request.urlopen(f"{base}/{endpoint}", data=body, timeout=30) as response:
        return json.loads(response.read())


@contextmanager
def running_scrapyd(home: Path, bin_dir: Path = BIN) -> Iterator[str]:
    """A scrapyd (from ``bin_dir``) on 127.0.0.1 with its folders in ``home``; yields its base URL."""
    home.mkdir(parents=True, exist_ok=True)
    port = free_port()
    (home / "scrapyd.conf").write_text(f"[scrapyd]\nbind_address = 127.0.0.1\nhttp_port = {port}\npoll_interval = 0.2\n"
                                       "eggs_dir = eggs\nlogs_dir = logs\ndbs_dir = dbs\nitems_dir =\n")
    server = subprocess.Popen([str(bin_dir / "scrapyd")], cwd=home, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            call(base, "daemonstatus.json")
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                raise AssertionError("scrapyd did not start") from None
            time.sleep(0.1)
    try:
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def run_job(scrapyd: str, settings: dict[str, str], **arguments: str) -> None:
    """Schedule the ``news`` spider of project ``scraper`` and wait until the job has finished."""
    job = call(scrapyd, "schedule.json", [("project", "scraper"), ("spider", "news"), *arguments.items()]
               + [("setting", f"{k}={v}") for k, v in settings.items()])["jobid"]
    deadline = time.monotonic() + 300
    while job not in [j["id"] for j in call(scrapyd, "listjobs.json?project=scraper")["finished"]]:
        assert time.monotonic() < deadline, "scheduled job did not finish"
        time.sleep(0.2)


@pytest.fixture
def scrapyd(tmp_path: Path) -> Iterator[str]:
    with running_scrapyd(tmp_path / "scrapyd") as base:
        yield base


def content(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Records without the fetch time, in URL order: what must match between runs."""
    return sorted(({k: v for k, v in r.items() if k != "fetched_at"} for r in records), key=lambda r: r["url"])


def test_scrapyd_deploy_schedule_matches_a_local_run(site: Site, scrapyd: str, tmp_path: Path) -> None:
    write_site(site.root, articles(15), site.base)
    xdg = tmp_path / "xdg"
    xdg.mkdir()
    (xdg / "scrapy.cfg").write_text(f"[deploy:test]\nurl = {scrapyd}/\nproject = scraper\n")
    deployed = subprocess.run([str(BIN / "scrapyd-deploy"), "test", "-v", "r1"], check=False, cwd=REPO,
                              env=dict(ENV, XDG_CONFIG_HOME=str(xdg)), capture_output=True, text=True, timeout=300)
    assert (deployed.returncode, call(scrapyd, "listspiders.json?project=scraper")["spiders"]) == (0, ["news"]), \
        deployed.stderr

    settings = {"OUTPUT_DIR": str(tmp_path / "scheduled"), "AUTOTHROTTLE_ENABLED": "False", "DOWNLOAD_DELAY": "0"}
    run_job(scrapyd, settings, sitemap_urls=site.base + "/sitemap-index.xml")

    crawl("--sitemap", site.base + "/sitemap-index.xml", "-s", f"OUTPUT_DIR={tmp_path / 'local'}")
    scheduled = read_jsonl(only_run(tmp_path / "scheduled") / "articles.jsonl")
    local = read_jsonl(only_run(tmp_path / "local") / "articles.jsonl")
    assert (len(scheduled), content(scheduled)) == (15, content(local))
