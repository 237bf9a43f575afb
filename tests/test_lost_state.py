"""A state file lost (deleted, or truncated to zero bytes) while the ``-o`` file has records:
one warning line, the records already in the file are known, a rerun exports nothing again."""
from __future__ import annotations

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
