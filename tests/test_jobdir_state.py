"""A JOBDIR run leaves Scrapy's spider.state readable and logs no error (the crawl state is not it)."""
from __future__ import annotations

import pickle
from pathlib import Path

from scraper.devtools.sitegen import articles, write_site
from tests.localsite import Site, crawl, only_run, read_jsonl, site_fixture  # noqa: F401 (fixture)


def test_jobdir_runs_log_no_error_and_keep_a_readable_spider_state(site: Site, tmp_path: Path) -> None:
    write_site(site.root, articles(4), site.base)
    job, out = tmp_path / "job", tmp_path / "out"
    args = ["--sitemap", site.base + "/sitemap-index.xml", "--jobdir", str(job), "-s", f"OUTPUT_DIR={out}"]
    first = crawl(*args)
    assert ("ERROR" in first.stderr, "Traceback" in first.stderr) == (False, False), first.stderr[-2000:]
    assert pickle.loads((job / "spider.state").read_bytes()) == {}
    second = crawl(*args)
    assert ("ERROR" in second.stderr, "EOFError" in second.stderr) == (False, False), second.stderr[-2000:]
    assert len(read_jsonl(only_run(out) / "articles.jsonl")) == 4
