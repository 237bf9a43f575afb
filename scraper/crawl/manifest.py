"""At the end of a run, complete the dataset folder: ``schema.json``, ``listing.schema.json``
and ``manifest.json`` (see ``scraper.dataset.manifest``); optionally gzip the articles file.

Settings:
    DATASET_MANIFEST_ENABLED  write the manifest and schemas (default True).
    DATASET_GZIP              replace articles.jsonl by articles.jsonl.gz at the end (default False).
    The settings in ``scraper.dataset.manifest.CONTENT_SETTINGS`` are recorded in the manifest.

Counts by outcome come from the ``scraper.crawl.outcomes.Outcomes`` extension.
Item pipelines are closed before ``spider_closed``, so the articles file is complete here.
"""
from __future__ import annotations

import datetime as dt
import gzip
import logging
import shutil
from pathlib import Path
from typing import Any

from scrapy import Spider, signals
from scrapy.exceptions import NotConfigured

from scraper.crawl.dataset_dir import articles_file, run_id
from scraper.crawl.outcomes import Outcomes
from scraper.dataset.manifest import CONTENT_SETTINGS, build_manifest, write_manifest, write_schemas
from scraper.extract.dates import format_datetime, now_iso

logger = logging.getLogger(__name__)


def gzip_file(path: Path) -> Path:
    """Compress ``path`` to ``path.gz`` and remove the original."""
    target = path.with_name(path.name + ".gz")
    with path.open("rb") as src, gzip.open(target, "wb") as dst:
        shutil.copyfileobj(src, dst)
    path.unlink()
    return target


class Manifest:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.articles = articles_file(crawler)
        self.gzip = crawler.settings.getbool("DATASET_GZIP")
        self.started = dt.datetime.now(dt.timezone.utc)

    @classmethod
    def from_crawler(cls, crawler: Any) -> Manifest:
        if not crawler.settings.getbool("DATASET_MANIFEST_ENABLED"):
            raise NotConfigured("DATASET_MANIFEST_ENABLED is off")
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self) -> None:
        write_schemas(self.articles.parent)  # present even if the run is killed

    def _outcomes(self, reason: str) -> dict[str, Any]:
        books = next((m for m in self.crawler.extensions.middlewares if isinstance(m, Outcomes)), None)
        if books is None:
            return {}
        self.started = books.started
        report = books.report(reason)
        keys = ("urls_met", "exported", "dropped", "failed", "queued", "adds_up", "outcomes", "by_domain")
        return {key: report[key] for key in keys}

    def _settings(self) -> dict[str, Any]:
        values = self.crawler.settings
        getters = {str: values.get, bool: values.getbool, int: values.getint}
        return {name: getters[kind](name, default) for name, (kind, default) in CONTENT_SETTINGS.items()}

    def spider_closed(self, spider: Spider, reason: str) -> None:
        folder = self.articles.parent
        outcomes = self._outcomes(reason)
        articles = gzip_file(self.articles) if self.gzip and self.articles.is_file() else self.articles
        run = {
            "id": run_id(self.crawler),
            "started": format_datetime(self.started),
            "finished": now_iso(),
            "finish_reason": reason,
            "spider": spider.name,
            "start_urls": list(getattr(spider, "start_urls", [])),
            "allowed_domains": list(getattr(spider, "allowed_domains", None) or []),
        }
        write_schemas(folder)
        manifest = build_manifest(folder, run=run, settings=self._settings(), outcomes=outcomes,
                                  articles=articles)
        logger.info("dataset manifest written to %s", write_manifest(folder, manifest))
