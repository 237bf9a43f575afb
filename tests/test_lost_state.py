"""A state file lost (deleted, or truncated to zero bytes) while the ``-o`` file has records:
one warning line, the records already in the file are known, a rerun exports nothing again."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from scraper.devtools.sitegen import articles, write_site
from tests.localsite import Site, crawl, read_jsonl, site_fixture  # noqa: F401 (fixture)


def _lose(state: Path, how: str) -> None:
    for extra in (state.with_name(state.name + "-wal"), state.with_name(state.name + "-shm")):
        extra.unlink(missing_ok=True)
    if how == "deleted":
        state.unlink()
    else:
        state.write_bytes(b"")


@pytest.mark.parametrize("how", ["deleted", "zero_length"])
def test_a_lost_state_file_does_not_export_the_file_again(site: Site, tmp_path: Path, how: str) -> None:
    write_site(site.root, articles(30), site.base)
    target = tmp_path / "data" / "articles.jsonl"
    args = ["--sitemap", site.base + "/sitemap-index.xml", "-o", str(target), "--state", str(tmp_path / "state")]
    crawl(*args)
    assert len(read_jsonl(target)) == 30
    state = tmp_path / "state" / "news.sqlite"
    _lose(state, how)
    again = crawl(*args)
    warnings = [line for line in again.stderr.splitlines() if "missing or empty" in line]
    assert (len(read_jsonl(target)), len(warnings)) == (30, 1)
    assert warnings[0].endswith(f"state file {state} is missing or empty but {target} holds 30 records: "
                                "taking their URLs as known")


def test_a_record_written_but_not_remembered_is_not_exported_again(site: Site, tmp_path: Path) -> None:
    """A kill between writing a record and remembering it (the state is a second file): the
    next run reads back the records past the remembered size and does not write them twice."""
    write_site(site.root, articles(30), site.base)
    target = tmp_path / "data" / "articles.jsonl"
    args = ["--sitemap", site.base + "/sitemap-index.xml", "-o", str(target), "--state", str(tmp_path / "state")]
    crawl(*args)
    last = read_jsonl(target)[-1]
    state = tmp_path / "state" / "news.sqlite"
    with sqlite3.connect(state) as db:  # the state as the kill left it: the last record not remembered
        db.execute("DELETE FROM articles WHERE url = ?", (last["url"],))
        db.execute("UPDATE outputs SET size = ?", (target.stat().st_size - len(_last_line(target)),))
    again = crawl(*args)
    warnings = [line for line in again.stderr.splitlines() if "did not remember" in line]
    assert (len(read_jsonl(target)), warnings) == (30, [
        warnings[0].split(" WARNING: ")[0] + f" WARNING: {target} holds 1 records an interrupted run wrote but "
        "did not remember: taking them as known"])


def _last_line(path: Path) -> bytes:
    return path.read_bytes().splitlines(keepends=True)[-1]


def test_run_folders_catch_up_too(site: Site, tmp_path: Path) -> None:
    """The same kill window with run folders (no ``-o``): the next run, in a new folder, does not
    export again what the killed run wrote into its own folder."""
    write_site(site.root, articles(30), site.base)
    args = ["--sitemap", site.base + "/sitemap-index.xml", "-s", f"OUTPUT_DIR={tmp_path / 'runs'}"]
    crawl(*args)
    (first,) = (tmp_path / "runs").glob("*/articles.jsonl")
    last = read_jsonl(first)[-1]
    with sqlite3.connect(tmp_path / "runs" / ".state" / "news.sqlite") as db:
        db.execute("DELETE FROM articles WHERE url = ?", (last["url"],))
        db.execute("UPDATE outputs SET size = ?", (first.stat().st_size - len(_last_line(first)),))
    crawl(*args)
    files = sorted((tmp_path / "runs").glob("*/articles.jsonl"))
    assert [len(read_jsonl(f)) for f in files] == [30, 0]
