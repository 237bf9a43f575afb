"""Crawl state: new, unchanged, changed (next revision), in-run duplicates, and the fetch decision."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from scraper.crawl.state import CrawlState, Known, content_hash, skip_reason
from scraper.discovery import UrlFilter

URL = "https://news.test/2024/02/story/"


def record(body: str = "First body.", url: str = URL, canonical: str | None = None) -> dict:
    return {"url": url, "canonical_url": canonical, "headline": "Story", "authors": ["Ann Lee"],
            "published": "2024-02-01T00:00:00+00:00", "modified": None, "body": body,
            "fetched_at": "2024-02-02T00:00:00+00:00", "revision": 1}


def test_runs_give_new_unchanged_changed_with_revisions(tmp_path: Path) -> None:
    path = tmp_path / "state" / "news.sqlite"
    verdicts = []
    for run, body in [("r1", "First body."), ("r2", "First body."), ("r3", "Edited body."), ("r4", "Edited again.")]:
        state = CrawlState(path, run).open()
        verdicts.append(state.verdict(record(body)))
        state.close()
    assert verdicts == [("new", 1), ("unchanged", 0), ("changed", 2), ("changed", 3)]


def test_in_run_duplicates_by_canonical_url_and_by_body(tmp_path: Path) -> None:
    state = CrawlState(":memory:", "r1").open()
    assert [
        state.verdict(record(url=URL + "?amp=1", canonical=URL)),
        state.verdict(record(url=URL + "?utm=x", canonical=URL)),          # same canonical URL
        state.verdict(record(url="https://news.test/copy/")),               # same body elsewhere
        state.verdict(record(body="Other.", url="https://news.test/b/")),
    ] == [("new", 1), ("duplicate_url", 0), ("duplicate_body", 0), ("new", 1)]


def test_lookup_by_url_or_canonical(tmp_path: Path) -> None:
    state = CrawlState(":memory:", "r1").open()
    state.verdict(record(url=URL + "?amp=1", canonical=URL))
    expected = Known(key=URL, url=URL + "?amp=1", content_hash=content_hash(record()),
                     lastmod="2024-02-01T00:00:00+00:00", fetched_at="2024-02-02T00:00:00+00:00", revision=1, run="r1")
    assert (state.lookup(URL), state.lookup(URL + "?amp=1"), state.lookup("https://news.test/x/")) == (
        expected, expected, None)


def test_content_hash_ignores_fetch_time_and_revision() -> None:
    other = dict(record(), fetched_at="2030-01-01T00:00:00+00:00", revision=7, url="https://mirror.test/")
    assert (content_hash(record()) == content_hash(other), content_hash(record()) == content_hash(record("x"))) == (
        True, False)


KNOWN = Known(key=URL, url=URL, content_hash="h", lastmod="2024-02-01T00:00:00+00:00",
              fetched_at="2024-02-05T00:00:00+00:00", revision=1, run="earlier")
SINCE = dt.datetime(2024, 2, 1, tzinfo=dt.timezone.utc)


@pytest.mark.parametrize("url, date, known, reason", [
    (URL, None, None, None),                                        # new URL: fetch
    (URL, None, KNOWN, "unchanged"),                                # known, no date says otherwise
    (URL, "2024-02-03T00:00:00+00:00", KNOWN, "unchanged"),         # changed before our last fetch
    (URL, "2024-02-06T00:00:00+00:00", KNOWN, None),                # changed after our last fetch: re-fetch
    (URL, None, Known(**{**KNOWN.__dict__, "run": "now"}), None),   # met earlier in this run: the dupefilter decides
    (URL, "2024-01-31T00:00:00+00:00", None, "too_old"),            # before since
    (URL, "2024-01-31T00:00:00+00:00", KNOWN, "too_old"),           # too old wins over unchanged
    ("https://news.test/live/1/", None, None, "url_denied"),        # filters come first
])
def test_skip_reason(url: str, date: str | None, known: Known | None, reason: str | None) -> None:
    assert skip_reason(url, date, url_filter=UrlFilter.build(None, "/live/"), since=SINCE, known=known,
                       run="now") == reason
