"""Write listing and feed pages to ``listings.jsonl`` in the run's dataset folder.

The spider sends the ``listing_page`` signal with the listing record
(``scraper.extract.route.listing_record``); records never pass the article pipelines,
and the page's outcome (``dropped/listing``) is still reported by the spider.

Settings:
    LISTINGS_ENABLED   write listings.jsonl (default True).
    JOBDIR             a resumed job appends to the file instead of starting it anew.
"""
from __future__ import annotations

import json
import logging
from typing import IO, Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

from scraper.crawl.dataset_dir import dataset_file
from scraper.schema import LISTING_FIELDS

logger = logging.getLogger(__name__)

#: Signal sent by spiders: ``send_catch_log(listing_page, record=...)``.
listing_page = object()


class Listings:
    def __init__(self, crawler: Any) -> None:
        self.path = dataset_file(crawler, "listings.jsonl")
        self.append = bool(crawler.settings.get("JOBDIR"))
        self.stats = crawler.stats
        self._fh: IO[str] | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> Listings:
        if not crawler.settings.getbool("LISTINGS_ENABLED"):
            raise NotConfigured("LISTINGS_ENABLED is off")
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(ext.write, signal=listing_page)
        return ext

    def spider_opened(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._fh = self.path.open("a" if self.append else "w", encoding="utf-8")

    def write(self, record: dict[str, Any], **_: Any) -> None:
        if self._fh is None:
            return
        line = {name: record.get(name) for name in LISTING_FIELDS}
        self._fh.write(json.dumps(line, ensure_ascii=False) + "\n")
        self._fh.flush()
        self.stats.inc_value("listings/written")

    def spider_closed(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
        logger.info("listings written to %s", self.path)
