"""URLs Scrapy's offsite and URL-length filters drop get a counted outcome: the books add up."""
from __future__ import annotations

import json
from pathlib import Path

from scraper.devtools.sitegen import _write
from tests.localsite import Site, crawl, only_run, read_jsonl, site_fixture  # noqa: F401 (fixture)
from tests.support.pages import article_html, paragraphs

STORY = "/2024/02/a-local-story-on-this-host/"
LONG = "/2024/02/" + "x" * 10_000 + "/"


def _report(out: Path) -> tuple[dict[str, object], list[dict[str, object]]]:
    folder = only_run(out)
    return json.loads((folder / "report.json").read_text()), read_jsonl(folder / "outcomes.jsonl")


def test_offsite_and_overlong_sitemap_entries_are_counted(site: Site, tmp_path: Path) -> None:
    locs = ["http://other.example/2024/02/a-story-elsewhere/", site.base + STORY, site.base + LONG]
    _write(site.root, "/sitemap.xml", '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/'
           'sitemap/0.9">' + "".join(f"<url><loc>{u}</loc></url>" for u in locs) + "</urlset>")
    _write(site.root, STORY, article_html("A local story on this host", paragraphs(3)))
    crawl("--sitemap", site.base + "/sitemap.xml", "--state", "memory", "-s", f"OUTPUT_DIR={tmp_path / 'out'}")
    report, lines = _report(tmp_path / "out")
    assert (report["urls_met"], report["adds_up"], report["outcomes"]) == (4, True, {
        "dropped/offsite": 1, "dropped/sitemap": 1, "dropped/url_too_long": 1, "exported": 1})
    assert sorted((line["reason"], line["url"]) for line in lines if line["outcome"] == "dropped")[:2] == [
        ("offsite", locs[0]), ("sitemap", site.base + "/sitemap.xml")]


def test_an_overlong_start_url_is_counted(site: Site, tmp_path: Path) -> None:
    crawl(site.base + LONG, "--state", "memory", "-s", f"OUTPUT_DIR={tmp_path / 'out'}")
    report, lines = _report(tmp_path / "out")
    assert (report["urls_met"], report["outcomes"], lines) == (
        1, {"dropped/url_too_long": 1}, [{"url": site.base + LONG, "outcome": "dropped", "reason": "url_too_long"}])


def test_a_start_url_redirecting_to_another_host_is_offsite(site: Site, tmp_path: Path) -> None:
    elsewhere = site.base.replace("127.0.0.1", "localhost") + STORY  # same server, a host not allowed
    _write(site.root, "/moved/", f'<html><head><meta http-equiv="refresh" content="0; url={elsewhere}"></head></html>')
    _write(site.root, STORY, article_html("A local story on this host", paragraphs(3)))
    crawl(site.base + "/moved/", "--state", "memory", "-s", f"OUTPUT_DIR={tmp_path / 'out'}")
    report, lines = _report(tmp_path / "out")
    assert (report["urls_met"], report["outcomes"], lines) == (
        1, {"dropped/offsite": 1}, [{"url": site.base + "/moved/", "outcome": "dropped", "reason": "offsite"}])
    assert read_jsonl(only_run(tmp_path / "out") / "articles.jsonl") == []
