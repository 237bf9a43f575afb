"""``scraper crawl``'s exit status tells cron what happened (README, "Exit status")."""
from __future__ import annotations

import json
import socket
from pathlib import Path

from scraper.devtools.sitegen import articles, write_site
from tests.localsite import Site, crawl, only_run, site_fixture  # noqa: F401 (fixture)


def _closed_port() -> int:
    """A port on 127.0.0.1 with nothing listening."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_crawl_in_which_every_url_failed_exits_1(tmp_path: Path) -> None:
    done = crawl(f"http://127.0.0.1:{_closed_port()}/", "-s", f"OUTPUT_DIR={tmp_path / 'out'}", "-s", "RETRY_TIMES=0",
                 check=False)
    report = json.loads((only_run(tmp_path / "out") / "report.json").read_text())
    assert (done.returncode, report["outcomes"]) == (1, {"failed/connection_refused": 1})
    assert done.stderr.splitlines()[-1] == (
        "scraper: nothing exported: every URL failed or records could not be written")


def test_a_crawl_whose_records_could_not_be_written_exits_1(site: Site, tmp_path: Path) -> None:
    write_site(site.root, articles(3), site.base)
    pipelines = json.dumps({"tests.support.broken_pipeline.FailingWrite": 800})
    done = crawl("--sitemap", site.base + "/sitemap-index.xml", "--state", "memory", "-s", f"OUTPUT_DIR={tmp_path / 'out'}",
                 "-s", f"ITEM_PIPELINES={pipelines}", check=False)
    report = json.loads((only_run(tmp_path / "out") / "report.json").read_text())
    assert (done.returncode, report["outcomes"]) == (1, {"dropped/sitemap": 3, "failed/pipeline_error": 3})


def test_a_good_crawl_exits_0(site: Site, tmp_path: Path) -> None:
    write_site(site.root, articles(3), site.base)
    done = crawl("--sitemap", site.base + "/sitemap-index.xml", "--state", "memory", "-s", f"OUTPUT_DIR={tmp_path / 'out'}",
                 check=False)
    assert (done.returncode, json.loads((only_run(tmp_path / "out") / "report.json").read_text())["exported"]) == (0, 3)
