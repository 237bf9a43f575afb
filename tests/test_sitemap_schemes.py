"""Sitemap entries that are not http(s) URLs (file:, data:, ftp:, mailto:...) are met and dropped, never fetched."""
from __future__ import annotations

import json
from pathlib import Path

from scraper.devtools.sitegen import _write
from tests.localsite import Site, crawl, only_run, read_jsonl, site_fixture  # noqa: F401 (fixture)
from tests.support.pages import article_html, paragraphs

STORY = "/2024/02/a-story-in-a-mixed-sitemap/"


def test_non_http_sitemap_entries_are_dropped_as_bad_scheme(site: Site, tmp_path: Path) -> None:
    secret = tmp_path / "secret.html"
    secret.write_text(article_html("A local file that must not be read", paragraphs(3)))
    odd = [secret.as_uri(), "data:text/html,%3Ch1%3Einline%3C/h1%3E", "ftp://127.0.0.1/file.txt", "mailto:desk@example.org",
           "javascript:alert(1)"]
    locs = [*odd, site.base + STORY]
    _write(site.root, "/sitemap.xml", '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/'
           'sitemap/0.9">' + "".join(f"<url><loc>{u}</loc></url>" for u in locs) + "</urlset>")
    _write(site.root, STORY, article_html("A story in a mixed sitemap", paragraphs(3)))
    crawl("--sitemap", site.base + "/sitemap.xml", "--state", "memory", "-s", f"OUTPUT_DIR={tmp_path / 'out'}")
    folder = only_run(tmp_path / "out")
    report = json.loads((folder / "report.json").read_text())
    lines = read_jsonl(folder / "outcomes.jsonl")
    assert (report["urls_met"], report["adds_up"], report["outcomes"]) == (
        7, True, {"dropped/bad_scheme": 5, "dropped/sitemap": 1, "exported": 1})
    assert sorted(line["url"] for line in lines if line["reason"] == "bad_scheme") == sorted(odd)
    assert [r["url"] for r in read_jsonl(folder / "articles.jsonl")] == [site.base + STORY]
