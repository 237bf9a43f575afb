"""De-duplication at normal concurrency: two URLs of one article, fetched together, give one record."""
from __future__ import annotations

import json
from pathlib import Path

from scraper.devtools.sitegen import _write, article_html, articles, sitemap_xml, write_site
from tests.localsite import Site, crawl, only_run, read_jsonl, site_fixture  # noqa: F401 (fixture)


def test_thirty_stories_with_amp_twins_give_thirty_records_at_default_concurrency(site: Site,
                                                                                 tmp_path: Path) -> None:
    entries = articles(30)
    write_site(site.root, entries, site.base)
    for article in entries:  # the AMP twin: same page, same canonical URL
        _write(site.root, article.path + "amp/", article_html(article))
    twins = "".join(f"<url><loc>{site.base}{a.path}amp/</loc></url>" for a in entries)
    _write(site.root, "/sitemap-amp.xml", sitemap_xml(entries, site.base).replace("</urlset>", twins + "</urlset>"))
    out = tmp_path / "out"
    crawl("--sitemap", site.base + "/sitemap-amp.xml", "--state", "memory", "-s", f"OUTPUT_DIR={out}")
    folder = only_run(out)
    records = read_jsonl(folder / "articles.jsonl")
    report = json.loads((folder / "report.json").read_text())
    assert sorted(r["canonical_url"] for r in records) == sorted(site.base + a.path for a in entries)
    assert (report["adds_up"], report["urls_met"], report["outcomes"]) == (
        True, 61, {"dropped/duplicate_url": 30, "dropped/sitemap": 1, "exported": 30})


def test_max_items_writes_exactly_n_records_and_counts_the_rest(site: Site, tmp_path: Path) -> None:
    write_site(site.root, articles(30), site.base)
    out = tmp_path / "out"
    crawl("--sitemap", site.base + "/sitemap-index.xml", "--state", "memory", "--max-items", "3",
          "-s", f"OUTPUT_DIR={out}")
    folder = only_run(out)
    report = json.loads((folder / "report.json").read_text())
    outcomes = report["outcomes"]
    assert (len(read_jsonl(folder / "articles.jsonl")), outcomes["exported"]) == (3, 3)
    assert (report["adds_up"], set(outcomes), outcomes["dropped/max_items"]) == (
        True, {"dropped/max_items", "dropped/sitemap", "exported"}, report["urls_met"] - 3 - 3)
