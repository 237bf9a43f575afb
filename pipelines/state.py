"""Incremental de-duplication on the crawl state: new, changed (next revision) or dropped.

The seen URLs and bodies live in the crawl state (SQLite, ``scraper.crawl.state``),
so memory stays flat and later runs remember. An article whose content hash is unchanged since an earlier run
is dropped as ``unchanged``; a changed one is exported again with ``revision``
+1 (both versions stay in their runs' files). In one run, a second record with
the same canonical URL is ``duplicate_url``, the same body under another URL
``duplicate_body``.

Check and reservation are one step: a record that passes reserves its key and
body hash (in this process) before the next record is looked at, so two copies
fetched together (``/x`` and ``/x/amp``) cannot both pass. The state remembers
the article only after the record is written (``item_scraped``), so a crash in
between can never leave an article known to the state but missing from the
output; a record a later pipeline drops or fails releases its reservation.

A JOBDIR run that meets an article already in the output file (a resume after a kill
starts again from the start URLs) passes it on unchecked: the export pipeline does not
write it again and it counts as ``exported``, not as a ``duplicate_url`` of itself.

Settings: STATE_DIR (see ``scraper.crawl.state``), JOBDIR.
"""
from __future__ import annotations

from typing import Any

from scrapy import signals
from scrapy.exceptions import DropItem

from scraper.crawl.dataset_dir import articles_file
from scraper.crawl.jsonl_safe import urls_in
from scraper.crawl.state import CrawlState, body_hash, record_key, state_for


class StatePipeline:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.state: CrawlState | None = None
        #: Reservations of records passed but not yet written: URL/key or body hash -> the record's id().
        self.pending_keys: dict[str, int] = {}
        self.pending_bodies: dict[str, tuple[str, int]] = {}  # body hash -> (key, id of the record)
        self.written_before: set[str] = set()  #: with JOBDIR: URLs the output file held when the run began

    @classmethod
    def from_crawler(cls, crawler: Any) -> StatePipeline:
        pipeline = cls(crawler)
        crawler.signals.connect(pipeline.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(pipeline.release, signal=signals.item_dropped)
        crawler.signals.connect(pipeline.release, signal=signals.item_error)
        return pipeline

    def open_spider(self) -> None:
        self.state = state_for(self.crawler).open()
        if self.crawler.settings.get("JOBDIR"):
            self.written_before = urls_in(articles_file(self.crawler))

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        assert self.state is not None
        if item["url"] in self.written_before:
            return item  # exported by an earlier run of this job (the export pipeline keeps it)
        verdict = self._pending_verdict(item)
        revision = 0
        if verdict is None:
            verdict, revision = self.state.verdict(item, remember=False)
        if verdict == "unchanged":
            self.state.verdict(item)  # nothing to write: remember the new fetch time now
        if not revision:
            raise DropItem(f"{verdict}: {item['url']}")
        self._reserve(item)
        item["revision"] = revision
        self.crawler.stats.inc_value(f"state/{verdict}")
        return item

    def _pending_verdict(self, item: dict[str, Any]) -> str | None:
        """``duplicate_url``/``duplicate_body`` against records passed but not yet written."""
        key = record_key(item)
        if key in self.pending_keys or item["url"] in self.pending_keys:
            return "duplicate_url"
        holder = self.pending_bodies.get(body_hash(item.get("body")))
        return "duplicate_body" if holder is not None and holder[0] != key else None

    def _reserve(self, item: dict[str, Any]) -> None:
        key = record_key(item)
        self.pending_keys.update({key: id(item), item["url"]: id(item)})
        self.pending_bodies[body_hash(item.get("body"))] = (key, id(item))

    def release(self, item: Any, **_: Any) -> None:
        """The record will not be written (dropped or failed after this pipeline): free its reservation."""
        mine = id(item)
        for name in (record_key(item), item["url"]):
            if self.pending_keys.get(name) == mine:
                del self.pending_keys[name]
        digest = body_hash(item.get("body"))
        if self.pending_bodies.get(digest, ("", 0))[1] == mine:
            del self.pending_bodies[digest]

    def item_scraped(self, item: Any, response: Any, spider: Any) -> None:
        """The record is written (every pipeline passed): now the state may remember it."""
        self.release(item)
        if self.state is not None:
            self.state.verdict(dict(item), output_size=self._output_size())

    def _output_size(self) -> int | None:
        """The output file's size when no other record is between written and remembered (the
        mark from which a run after a kill reads back what it wrote but did not remember)."""
        output = self.state.output if self.state is not None else None
        if output is None or self.pending_keys:
            return None
        try:
            return output.stat().st_size
        except OSError:
            return None
