"""Incremental de-duplication on the crawl state: new, changed (next revision) or dropped.

The seen URLs and bodies live in the crawl state (SQLite, ``scraper.crawl.state``),
so memory stays flat and later runs remember. An article whose content hash is unchanged since an earlier run
is dropped as ``unchanged``; a changed one is exported again with ``revision``
+1 (both versions stay in their runs' files). In one run, a second record with
the same canonical URL is ``duplicate_url``, the same body under another URL
``duplicate_body``.

The verdict is taken before export but remembered only after the record is
written (``item_scraped``), so a crash in between can never leave an article
known to the state but missing from the output.

Settings: STATE_DIR (see ``scraper.crawl.state``).
"""
from __future__ import annotations

from typing import Any

from scrapy import signals
from scrapy.exceptions import DropItem

from scraper.crawl.state import CrawlState, state_for


class StatePipeline:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.state: CrawlState | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> StatePipeline:
        pipeline = cls(crawler)
        crawler.signals.connect(pipeline.item_scraped, signal=signals.item_scraped)
        return pipeline

    def open_spider(self) -> None:
        self.state = state_for(self.crawler).open()

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        assert self.state is not None
        verdict, revision = self.state.verdict(item, remember=False)
        if verdict == "unchanged":
            self.state.verdict(item)  # nothing to write: remember the new fetch time now
        if not revision:
            raise DropItem(f"{verdict}: {item['url']}")
        item["revision"] = revision
        self.crawler.stats.inc_value(f"state/{verdict}")
        return item

    def item_scraped(self, item: Any, response: Any, spider: Any) -> None:
        """The record is written (every pipeline passed): now the state may remember it."""
        if self.state is not None:
            self.state.verdict(dict(item))
