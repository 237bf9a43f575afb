"""Whole crawls against a generated site on 127.0.0.1: sitemaps, feeds, robots.txt, pagination, filters."""
from __future__ import annotations

import json
from pathlib import Path

from scraper.devtools.sitegen import articles, write_site
from tests.localsite import Site, crawl, only_run, read_jsonl, site_fixture  # noqa: F401 (fixture)

ENTRIES = articles(12)


def urls_of(site: Site, indexes: range | list[int]) -> list[str]:
    return sorted(site.base + ENTRIES[i].path for i in indexes)


def run(site: Site, tmp_path: Path, *args: str) -> tuple[list[dict], dict, list[dict]]:
    """Crawl; returns the records, the run report and the per-URL outcomes."""
    write_site(site.root, ENTRIES, site.base, per_page=5)
    crawl(*args, "-s", f"OUTPUT_DIR={tmp_path / 'out'}")
    folder = only_run(tmp_path / "out")
    report = json.loads((folder / "report.json").read_text())
    assert (report["adds_up"], report["urls_met"]) == (True, sum(report["outcomes"].values()))
    return read_jsonl(folder / "articles.jsonl"), report, read_jsonl(folder / "outcomes.jsonl")


def test_sitemap_index_with_gzip_and_news_sitemaps(site: Site, tmp_path: Path) -> None:
    records, report, _ = run(site, tmp_path, "--sitemap", site.base + "/sitemap-index.xml")
    assert sorted(r["url"] for r in records) == urls_of(site, range(12))
    assert (report["urls_met"], report["outcomes"], report["adds_up"]) == (15, {"dropped/sitemap": 3, "exported": 12},
                                                                           True)


def test_rss_and_atom_feeds(site: Site, tmp_path: Path) -> None:
    records, report, _ = run(site, tmp_path, "--feed", site.base + "/feed.rss", "--feed", site.base + "/atom.xml")
    assert sorted(r["url"] for r in records) == urls_of(site, range(12))
    assert report["outcomes"] == {"dropped/feed": 2, "exported": 12}
    first = next(r for r in records if r["url"] == site.base + ENTRIES[0].path)
    assert (first["headline"], first["authors"], first["published"], first["revision"]) == (
        "Story 0 about the council and its neighbours", ["Ann Lee"], "2024-02-01T00:00:00+00:00", 1)


def test_pagination_from_a_listing_page(site: Site, tmp_path: Path) -> None:
    records, report, outcomes = run(site, tmp_path, site.base + "/news/")
    assert sorted(r["url"] for r in records) == urls_of(site, range(12))
    listings = sorted(o["url"] for o in outcomes if o["reason"] == "listing")
    assert listings == [site.base + p for p in ("/news/", "/news/page/2/", "/news/page/3/")]
    assert report["outcomes"] == {"dropped/listing": 3, "exported": 12}


def test_robots_txt_sitemap_lines(site: Site, tmp_path: Path) -> None:
    records, report, _ = run(site, tmp_path, site.base + "/about/", "--robots-sitemaps")
    assert sorted(r["url"] for r in records) == urls_of(site, range(12))
    assert report["outcomes"] == {"dropped/listing": 1, "dropped/robots_sitemaps": 1, "dropped/sitemap": 3,
                                  "exported": 12}


def test_since_skips_older_entries_without_fetching_them(site: Site, tmp_path: Path) -> None:
    # articles are one hour apart from 2024-02-01T00:00Z: since 09:00 keeps 9, 10 and 11
    records, report, _ = run(site, tmp_path, "--sitemap", site.base + "/sitemap-index.xml",
                             "--since", "2024-02-01T09:00:00Z")
    assert sorted(r["url"] for r in records) == urls_of(site, [9, 10, 11])
    assert report["outcomes"] == {"dropped/sitemap": 3, "dropped/too_old": 9, "exported": 3}
    assert sorted(p for p in site.requests if p.startswith("/2024/")) == sorted(ENTRIES[i].path for i in [9, 10, 11])


def test_allow_and_deny_patterns(site: Site, tmp_path: Path) -> None:
    records, report, _ = run(site, tmp_path, "--feed", site.base + "/feed.rss", "--allow", r"/story-[0-3]-",
                             "--deny", r"/story-1-")
    assert sorted(r["url"] for r in records) == urls_of(site, [0, 2, 3])
    assert report["outcomes"] == {"dropped/feed": 1, "dropped/url_denied": 1, "dropped/url_not_allowed": 2,
                                  "exported": 3}


def test_depth_limit_stops_pagination(site: Site, tmp_path: Path) -> None:
    # depth 1: the first listing page and what it links to, not page 2's entries
    records, report, _ = run(site, tmp_path, site.base + "/news/", "--depth", "1")
    assert sorted(r["url"] for r in records) == urls_of(site, range(7, 12))
    assert report["outcomes"] == {"dropped/listing": 2, "exported": 5}
