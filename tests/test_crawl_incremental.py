"""Incremental runs against a local site: the second run fetches only new or changed articles."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

from scraper.devtools.sitegen import articles, write_article, write_discovery, write_site
from tests.localsite import Site, crawl, read_jsonl, site_fixture  # noqa: F401 (fixture)


def run(site: Site, out: Path, state: Path | None) -> tuple[list[dict], dict]:
    before = set(out.iterdir()) if out.exists() else set()
    site.requests.clear()
    state_args = ["--state", str(state)] if state else []
    crawl("--sitemap", site.base + "/sitemap-index.xml", *state_args, "-s", f"OUTPUT_DIR={out}")
    (folder,) = {p for p in out.iterdir() if not p.name.startswith(".")} - before
    report = json.loads((folder / "report.json").read_text())
    assert (report["adds_up"], report["urls_met"]) == (True, sum(report["outcomes"].values()))
    return read_jsonl(folder / "articles.jsonl"), report


def fetched_articles(site: Site) -> list[str]:
    return sorted(p for p in site.requests if p.startswith("/2024/"))


def test_second_run_fetches_only_new_and_changed_and_keeps_both_revisions(site: Site, tmp_path: Path) -> None:
    entries = articles(12)
    write_site(site.root, entries, site.base)
    out, state = tmp_path / "out", tmp_path / "state"
    first, report1 = run(site, out, state)
    assert (len(first), report1["outcomes"]) == (12, {"dropped/sitemap": 3, "exported": 12})

    later = dt.datetime.now(dt.timezone.utc) + dt.timedelta(minutes=1)
    edited = dataclasses.replace(entries[3], edit=1, modified=later)    # text edited after our fetch
    bumped = dataclasses.replace(entries[5], modified=later)            # lastmod bumped, same text
    new = articles(13)[12]
    for article in (edited, bumped, new):
        write_article(site.root, article)
    entries[3], entries[5] = edited, bumped
    write_discovery(site.root, [*entries, new], site.base)

    second, report2 = run(site, out, state)
    assert fetched_articles(site) == sorted([edited.path, bumped.path, new.path])
    assert sorted((r["url"].removeprefix(site.base), r["revision"]) for r in second) == sorted(
        [(edited.path, 2), (new.path, 1)])
    assert report2["outcomes"] == {"dropped/sitemap": 3, "dropped/unchanged": 11, "exported": 2}
    old = next(r for r in first if r["url"] == site.base + edited.path)
    new_version = next(r for r in second if r["url"] == site.base + edited.path)
    assert (old["revision"], "Update 1" in old["body"], "Update 1" in new_version["body"]) == (1, False, True)

    third, report3 = run(site, out, state)
    assert (third, fetched_articles(site), report3["outcomes"]) == (
        [], [], {"dropped/sitemap": 3, "dropped/unchanged": 13})


def test_the_same_command_twice_is_incremental_without_a_state_option(site: Site, tmp_path: Path) -> None:
    """Run folders under OUTPUT_DIR share OUTPUT_DIR/.state by default: a scheduled crawl remembers."""
    write_site(site.root, articles(6), site.base)
    out = tmp_path / "out"
    first, _ = run(site, out, None)
    second, report = run(site, out, None)
    assert (len(first), second, fetched_articles(site), report["outcomes"]) == (
        6, [], [], {"dropped/sitemap": 3, "dropped/unchanged": 6})
    assert sorted(p.name for p in (out / ".state").iterdir())[:1] == ["news.sqlite"]


def test_an_explicit_output_file_grows_with_new_and_changed_articles(site: Site, tmp_path: Path) -> None:
    """`-o FILE` twice: the file keeps the first run's records and gains the changed one as revision 2."""
    entries = articles(4)
    write_site(site.root, entries, site.base)
    output = tmp_path / "data" / "articles.jsonl"
    crawl("--sitemap", site.base + "/sitemap-index.xml", "-o", str(output))
    edited = dataclasses.replace(entries[1], edit=1, modified=dt.datetime.now(dt.timezone.utc) + dt.timedelta(minutes=1))
    write_article(site.root, edited)
    entries[1] = edited
    write_discovery(site.root, entries, site.base)
    crawl("--sitemap", site.base + "/sitemap-index.xml", "-o", str(output))
    records = read_jsonl(output)
    assert sorted((r["url"].removeprefix(site.base), r["revision"]) for r in records) == sorted(
        [(a.path, 1) for a in entries] + [(edited.path, 2)])


def test_second_crawl_from_home_and_sitemap_fetches_only_the_five_changed_articles(site: Site,
                                                                                   tmp_path: Path) -> None:
    """Issue 13 "re-fetches": links on pages carry no date; a link to a changed article met before its
    sitemap entry must not keep the entry's newer lastmod from fetching it (story 299, first on /news/)."""
    entries = articles(300)
    write_site(site.root, entries, site.base)
    out, state = tmp_path / "out", tmp_path / "state"
    args = (site.base + "/news/", "--sitemap", site.base + "/sitemap-index.xml", "--state", str(state))
    crawl(*args, "-s", f"OUTPUT_DIR={out}")
    later = dt.datetime.now(dt.timezone.utc) + dt.timedelta(minutes=1)
    changed = [dataclasses.replace(entries[i], edit=1, modified=later) for i in (7, 70, 150, 220, 299)]
    for article in changed:
        write_article(site.root, article)
        entries[article.index] = article
    write_discovery(site.root, entries, site.base)
    site.requests.clear()
    crawl(*args, "-s", f"OUTPUT_DIR={out}")
    assert fetched_articles(site) == sorted(a.path for a in changed)
