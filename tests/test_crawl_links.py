"""Crawls from pages that are plain lists of links, and from endless pagination (traps), on 127.0.0.1."""
from __future__ import annotations

import json
from pathlib import Path

from scraper.crawl.traps import TrapGuard, url_pattern
from scraper.devtools.sitegen import _write, article_html, articles
from tests.localsite import Site, crawl, only_run, read_jsonl, site_fixture  # noqa: F401 (fixture)

ENTRIES = articles(28)


def run(site: Site, tmp_path: Path, *args: str) -> tuple[list[dict], dict, str]:
    done = crawl(site.base + "/", *args, "-s", f"OUTPUT_DIR={tmp_path / 'out'}")
    folder = only_run(tmp_path / "out")
    report = json.loads((folder / "report.json").read_text())
    assert (report["adds_up"], report["urls_met"]) == (True, sum(report["outcomes"].values()))
    return read_jsonl(folder / "articles.jsonl"), report, done.stderr


def test_a_plain_links_home_page_alone_exports_every_article(site: Site, tmp_path: Path) -> None:
    items = "".join(f'<li><a href="/news/good-{a.index:02d}.html">good-{a.index:02d}.html</a></li>' for a in ENTRIES)
    _write(site.root, "/", f"<!doctype html><html><head><title>Index</title></head><body><ul>{items}"
                           '<li><a href="/style.css">css</a></li><li><a href="/login">log in</a></li></ul></body></html>')
    for a in ENTRIES:
        _write(site.root, f"/news/good-{a.index:02d}.html", article_html(a))
    records, report, _ = run(site, tmp_path, "-s", "FOLLOW_ARTICLE_LINKS=False")  # their related links 404 here
    assert sorted(r["url"] for r in records) == [site.base + f"/news/good-{i:02d}.html" for i in range(28)]
    assert report["outcomes"] == {"dropped/listing": 1, "exported": 28}


def test_endless_pagination_ends_as_a_counted_trap(site: Site, tmp_path: Path) -> None:
    for n in range(1, 41):  # 40 pages, each linking to the next: a cap of 10 stops the chain
        _write(site.root, "/" if n == 1 else f"/list/{n}/",
               f'<!doctype html><html><head><title>List {n}</title></head><body><p>Page {n}</p>'
               f'<a rel="next" href="/list/{n + 1}/">Next</a></body></html>')
    records, report, stderr = run(site, tmp_path, "-s", "TRAP_MAX_PAGES=10", "-s", "LOG_LEVEL=WARNING")
    assert records == []
    assert report["outcomes"] == {"dropped/listing": 11, "dropped/trap": 1}
    assert stderr.count("crawler trap") == 1
    assert "crawler trap 127.0.0.1:" in stderr and "/list/N/: pagination chain longer than TRAP_MAX_PAGES=10" in stderr


def test_url_pattern_and_guard_caps() -> None:
    assert url_pattern("http://A.com/news/2024/page/7?page=3&x=1") == "a.com/news/N/page/N?page&x"
    guard = TrapGuard(max_pages=0, max_per_pattern=2)
    reasons = [guard.reason(f"http://a.com/cal/{d}/", 0) for d in range(4)]
    assert reasons == [None, None, "trap", "trap"]
    assert guard.reason("http://a.com/other/", 0) is None


def test_binary_bodies_sent_as_html_and_entity_sitemaps_are_not_listings(site: Site, tmp_path: Path) -> None:
    import gzip
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
    _write(site.root, "/", '<!doctype html><html><head><title>Index</title></head><body><ul>'
                           '<li><a href="/img.html">img</a></li><li><a href="/packed.html">packed</a></li></ul></body></html>')
    _write(site.root, "/img.html", png)  # served as text/html
    _write(site.root, "/packed.html", gzip.compress(article_html(ENTRIES[0]).encode(), mtime=0))  # no Content-Encoding
    _write(site.root, "/bomb.xml", '<?xml version="1.0"?><!DOCTYPE u [<!ENTITY a "aaaa">]>'
                                   '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                                   f'<url><loc>{site.base}/news/x.html</loc></url><url><loc>&a;</loc></url></urlset>')
    done = crawl(site.base + "/", "--sitemap", site.base + "/bomb.xml", "-s", f"OUTPUT_DIR={tmp_path / 'out'}")
    folder = only_run(tmp_path / "out")
    outcomes = {o["url"].removeprefix(site.base): (o["outcome"], o["reason"])
                for o in read_jsonl(folder / "outcomes.jsonl")}
    assert outcomes == {"/": ("dropped", "listing"), "/img.html": ("dropped", "not_html"),
                        "/packed.html": ("dropped", "not_html"), "/bomb.xml": ("dropped", "unsafe_xml")}
    assert [r["url"] for r in read_jsonl(folder / "listings.jsonl")] == [site.base + "/"]
    assert "Traceback" not in done.stderr
