"""A redirect's outcome is stored under the URL met (its first URL), not under its last hop."""
from __future__ import annotations

import json
from pathlib import Path

from scraper.devtools.sitegen import _write
from tests.localsite import Site, crawl, only_run, read_jsonl, site_fixture  # noqa: F401 (fixture)
from tests.support.pages import article_html, paragraphs

STORY = "/2024/02/a-story-that-moved-here/"


def _refresh(site: Site, path: str, target: str) -> None:
    _write(site.root, path, f'<html><head><meta http-equiv="refresh" content="0; url={site.base}{target}">'
           "</head></html>")


def test_redirected_urls_keep_their_outcome_under_the_url_met(site: Site, tmp_path: Path) -> None:
    _refresh(site, "/old/", STORY)
    _refresh(site, "/gone/", "/nowhere/")  # a redirect to a 404
    _write(site.root, STORY, article_html("A story that moved here", paragraphs(3)))
    crawl(site.base + "/old/", site.base + "/gone/", "--state", "memory", "-s", f"OUTPUT_DIR={tmp_path / 'out'}")
    folder = only_run(tmp_path / "out")
    report = json.loads((folder / "report.json").read_text())
    lines = sorted(read_jsonl(folder / "outcomes.jsonl"), key=lambda line: line["url"])
    assert (report["urls_met"], report["adds_up"], lines) == (2, True, [
        {"url": site.base + "/gone/", "outcome": "failed", "reason": "http_404"},
        {"url": site.base + "/old/", "outcome": "exported", "reason": None}])
    assert [r["url"] for r in read_jsonl(folder / "articles.jsonl")] == [site.base + STORY]  # the record: where it is
