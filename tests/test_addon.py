"""The add-on in someone else's Scrapy project: ``scrapy startproject``, one ADDONS line, a ten-line spider.

Its crawl of a local site must give the same article records, the same outcomes and a
report that adds up, exactly as ``scraper crawl`` on the same site.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from scraper.devtools.sitegen import articles, write_site
from tests.localsite import ENV, Site, crawl, read_jsonl, site_fixture  # noqa: F401 (fixture)

BIN = Path(sys.executable).parent

SPIDER = '''import scrapy

import scraper


class MineSpider(scrapy.Spider):
    name = "mine"
    start_urls = ["{start}"]

    def parse(self, response):
        record = scraper.extract_response(response)
        if record:
            yield record
        yield from response.follow_all(css="a", callback=self.parse)
'''


def their_project(tmp_path: Path, start: str) -> Path:
    """A fresh ``scrapy startproject`` with the add-on switched on and their own spider."""
    subprocess.run([str(BIN / "scrapy"), "startproject", "theirs"], cwd=tmp_path, check=True, capture_output=True,
                   env=ENV, timeout=120)
    project = tmp_path / "theirs"
    settings = project / "theirs" / "settings.py"
    settings.write_text(settings.read_text(encoding="utf-8") + '\nADDONS = {"scraper.NewsAddon": 500}\n',
                        encoding="utf-8")
    (project / "theirs" / "spiders" / "mine.py").write_text(SPIDER.replace("{start}", start), encoding="utf-8")
    return project


def content(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(({k: v for k, v in r.items() if k != "fetched_at"} for r in records), key=lambda r: r["url"])


def exported_and_listings(folder: Path) -> tuple[list[str], list[str]]:
    outcomes = read_jsonl(folder / "outcomes.jsonl")
    return (sorted(o["url"] for o in outcomes if o["outcome"] == "exported"),
            sorted(o["url"] for o in outcomes if o["reason"] == "listing"))


def test_their_spider_with_the_addon_writes_what_scraper_crawl_writes(site: Site, tmp_path: Path) -> None:
    write_site(site.root, articles(12), site.base, per_page=5)
    project = their_project(tmp_path, f"{site.base}/news/")
    theirs = tmp_path / "theirs-out" / "articles.jsonl"
    done = subprocess.run(
        [str(BIN / "scrapy"), "crawl", "mine", "-s", f"OUTPUT_FILE={theirs}",
         "-s", "ROBOTSTXT_OBEY=False", "-s", "LOG_LEVEL=WARNING", "-s", "STATE_DIR=memory"],
        cwd=project, env=ENV, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    ours = tmp_path / "ours-out" / "articles.jsonl"
    crawl(f"{site.base}/news/", "-o", str(ours), "-s", "ROBOTSTXT_OBEY=False", "-s", "STATE_DIR=memory")

    their_records, our_records = read_jsonl(theirs), read_jsonl(ours)
    assert len(our_records) == 12
    assert content(their_records) == content(our_records)
    (their_exported, their_listings), (our_exported, our_listings) = map(exported_and_listings,
                                                                         (theirs.parent, ours.parent))
    assert their_exported == our_exported
    # their spider follows every link (also /about/) and fetches its start URL twice (Scrapy's dont_filter)
    assert sorted(set(their_listings)) == sorted({*our_listings, f"{site.base}/about/"})
    report = json.loads((theirs.parent / "report.json").read_text(encoding="utf-8"))
    assert (report["exported"], report["adds_up"]) == (12, True)
    assert sorted(p.name for p in theirs.parent.iterdir()) == sorted(p.name for p in ours.parent.iterdir())


def test_addon_defaults_give_way_to_the_project_and_keep_its_component_order() -> None:
    from scraper.pipelines.export import JsonLinesExportPipeline
    from scrapy.settings import Settings

    from scraper import NewsAddon

    settings = Settings({"OUTPUT_DIR": "their-data", "ITEM_PIPELINES": {JsonLinesExportPipeline: 123}},
                        priority="project")
    NewsAddon().update_settings(settings)
    pipelines = {getattr(k, "__name__", k): v for k, v in settings.getdict("ITEM_PIPELINES").items()}
    assert (settings.get("OUTPUT_DIR"), settings.get("SITE_TIMEZONE"), pipelines) == (
        "their-data", "",
        {"JsonLinesExportPipeline": 123, "ValidatePipeline": 200, "StatePipeline": 300})
