"""The on-disk duplicate filter: same answers as a set, kept across a JOBDIR pause."""
from __future__ import annotations

from pathlib import Path

from scrapy import Request
from scrapy.utils.test import get_crawler

from scraper.crawl.dupefilter import DiskDupeFilter


def seen(df: DiskDupeFilter, urls: list[str]) -> list[bool]:
    return [df.request_seen(Request(u)) for u in urls]


def test_seen_answers_and_canonical_urls() -> None:
    df = DiskDupeFilter.from_crawler(get_crawler())
    df.open()
    urls = ["https://n.test/a?x=1&y=2", "https://n.test/b", "https://n.test/a?y=2&x=1", "https://n.test/b"]
    assert seen(df, urls) == [False, False, True, True]        # query order does not make a new URL
    folder = Path(df.folder or "")
    df.close("finished")
    assert folder.exists() is False                            # the temporary file goes with the crawl


def test_jobdir_keeps_fingerprints_across_pause(tmp_path: Path) -> None:
    crawler = get_crawler(settings_dict={"JOBDIR": str(tmp_path / "job")})
    first = DiskDupeFilter.from_crawler(crawler)
    first.open()
    assert seen(first, [f"https://n.test/{i}" for i in range(1200)]).count(False) == 1200
    first.close("shutdown")
    second = DiskDupeFilter.from_crawler(crawler)
    second.open()
    assert seen(second, ["https://n.test/5", "https://n.test/1199", "https://n.test/new"]) == [True, True, False]
    second.close("finished")
