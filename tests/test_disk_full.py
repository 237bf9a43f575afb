"""A full disk (ENOSPC) while writing articles: the crawl stops, keeps whole lines only and exits 3.

No real full disk: ``EXPORT_DISK_LIMIT`` makes the export file behave like a device with that
many bytes (it writes what fits, then raises ENOSPC), on the production write path."""
from __future__ import annotations

import json
from pathlib import Path

from scraper.devtools.sitegen import articles, write_site
from tests.localsite import Site, crawl, only_run, read_jsonl, site_fixture  # noqa: F401 (fixture)


def test_disk_full_stops_the_crawl_keeps_whole_lines_and_exits_3(site: Site, tmp_path: Path) -> None:
    write_site(site.root, articles(40), site.base)
    out = tmp_path / "out"
    done = crawl("--sitemap", site.base + "/sitemap-index.xml", "--state", "memory", "-s", f"OUTPUT_DIR={out}",
                 "-s", "CONCURRENT_REQUESTS=1", "-s", "EXPORT_DISK_LIMIT=20000", check=False)
    folder = only_run(out)
    data = (folder / "articles.jsonl").read_bytes()
    records = read_jsonl(folder / "articles.jsonl")  # every line parses: no torn record
    report = json.loads((folder / "report.json").read_text())
    assert (done.returncode, report["finish_reason"], data.endswith(b"\n"), len(data) <= 20000) == (
        3, "disk_full", True, True)
    assert (report["outcomes"]["exported"], report["outcomes"]["failed/disk_full"] >= 1) == (len(records), True)
    assert report["exported"] + report["outcomes"]["failed/disk_full"] < 40  # stopped, not all 40 fetched
    assert (report["adds_up"], report["urls_met"]) == (True, sum(report["outcomes"].values()))  # the rest counted
    assert done.stderr.splitlines()[-1] == "scraper: no space left on the device: crawl stopped, whole records kept"
