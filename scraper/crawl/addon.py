"""``NewsAddon``: the whole product in any Scrapy project, with one line of settings.

    ADDONS = {"scraper.NewsAddon": 500}

switches on our item pipelines (validate, crawl state and de-duplication, the
JSON Lines dataset folder), downloader middlewares (skip decided requests, RFC 9309 robots.txt,
Retry-After, gzip check, WARC capture), the extraction middleware that keeps
the books for pages without a record, and our extensions (outcomes and run
report, listings, manifest, dataset folder lock, JOBDIR guard, Redis idle close), plus the defaults
of our own settings. A setting the project (or ``-s``) sets wins over every
default here, and a component the project already lists keeps its order.
``scraper crawl`` runs on the same add-on (``scraper/settings.py``), so a
project's spider that yields ``scraper.extract_response(response)`` writes the
same records as ``scraper crawl``.
"""
from __future__ import annotations

from typing import Any

from scrapy.downloadermiddlewares.offsite import OffsiteMiddleware
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.spidermiddlewares.urllength import UrlLengthMiddleware

from scraper.crawl.books_scheduler import BooksScheduler
from scraper.crawl.counted_filters import CountedOffsiteMiddleware, CountedUrlLengthMiddleware
from scraper.crawl.dataset_lock import DatasetLock
from scraper.crawl.dupefilter import DiskDupeFilter
from scraper.crawl.gzip_check import GzipCheckMiddleware
from scraper.crawl.job_guard import JobGuard
from scraper.crawl.listings import Listings
from scraper.crawl.manifest import Manifest
from scraper.crawl.outcomes import Outcomes
from scraper.crawl.progress import Progress
from scraper.crawl.responses import ExtractMiddleware
from scraper.crawl.retry_after import RetryAfterMiddleware
from scraper.crawl.robots import StrictRobotsTxtMiddleware
from scraper.crawl.scale import RedisIdleClose, use_redis
from scraper.crawl.skip import SkipMiddleware
from scraper.crawl.warc_capture import WarcCapture
from scraper.crawl.workers import ExtractQueueMiddleware, default_workers
from scraper.pipelines.export import JsonLinesExportPipeline
from scraper.pipelines.state import StatePipeline
from scraper.pipelines.validate import ValidatePipeline

#: Our own settings and their defaults (each documented in ``scraper/settings.py``'s docstring).
DEFAULTS: dict[str, Any] = {
    "SITE_TIMEZONE": "",  # "": each page's own zone (its country domain or language), else UTC
    "OUTPUT_DIR": "output",
    "OUTPUT_FILE": "",
    "EXPORT_FSYNC": False,
    "EXPORT_DISK_LIMIT": 0,  # test hook: articles.jsonl behaves like a device with this many bytes
    "FOLLOW_ARTICLE_LINKS": True,
    "FOLLOW_OTHER_LINKS_MAX": 500,  # a listing's plain same-site links followed (after its entries)
    "TRAP_MAX_PAGES": 1000,  # longest pagination chain followed (scraper.crawl.traps)
    "TRAP_MAX_URLS_PER_PATTERN": 20_000,  # followed links per URL pattern (digits read as N)
    "STATE_DIR": "",
    "LISTINGS_ENABLED": True,
    "DATASET_MANIFEST_ENABLED": True,
    "DATASET_GZIP": False,
    "WARC_ENABLED": False,
    "WARC_FILE": "",
    "GZIP_CHECK_ENABLED": True,
    "RETRY_AFTER_MAX_DELAY": 60,
    "REDIS_URL": "",
    "REDIS_JOB": "news",
    "REDIS_IDLE_CLOSE": 10.0,
    "EXTRACT_WORKERS": default_workers(),  # extraction processes (scraper.crawl.workers); 0: in the crawl's thread
    "EXTRACT_QUEUE": 0,  # pages out to the workers at most (0: eight a worker); more wait before download
    "EXTRACT_TIMEOUT": 60.0,  # seconds one page's extraction may take; past it: failed/extract_timeout
    "EXTRACT_WORKER_EXIT_URL": "",  # test hook: a page whose URL holds this text kills its worker
    "EXTRACT_WORKER_STALL_URL": "",  # test hook: a page whose URL holds this text hangs its worker
    "PROGRESS_INTERVAL": 0.0,  # seconds between progress lines on stderr (scraper.crawl.progress); 0: off
    "SCHEDULER": BooksScheduler,  # requests still queued at the end get an outcome
    "REQUEST_BACKLOG_MAX": 5000,  # a callback's requests wait while the memory scheduler holds more
    # Scrapy's 5 MB: a 30 MB page alone would stop the engine from fetching what pacing waits for
    "SCRAPER_SLOT_MAX_ACTIVE_SIZE": 64 * 1024 * 1024,
    "DUPEFILTER_CLASS": DiskDupeFilter,  # seen fingerprints on disk: memory stays flat as a crawl grows
}

#: (component setting, class, order).
COMPONENTS: tuple[tuple[str, type, int], ...] = (
    ("ITEM_PIPELINES", ValidatePipeline, 200),
    ("ITEM_PIPELINES", StatePipeline, 300),
    ("ITEM_PIPELINES", JsonLinesExportPipeline, 900),
    ("DOWNLOADER_MIDDLEWARES", SkipMiddleware, 40),  # entries the spider decided not to fetch
    ("DOWNLOADER_MIDDLEWARES", CountedOffsiteMiddleware, 50),  # Scrapy's, with a dropped/offsite outcome
    ("DOWNLOADER_MIDDLEWARES", StrictRobotsTxtMiddleware, 100),  # RFC 9309: unreachable robots.txt = disallow
    ("DOWNLOADER_MIDDLEWARES", ExtractQueueMiddleware, 110),  # downloads wait while the workers are full
    ("DOWNLOADER_MIDDLEWARES", RetryAfterMiddleware, 550),  # RetryMiddleware + Retry-After
    ("DOWNLOADER_MIDDLEWARES", GzipCheckMiddleware, 595),  # just before HttpCompressionMiddleware (590)
    ("DOWNLOADER_MIDDLEWARES", WarcCapture, 950),  # next to the downloader: raw bodies
    ("SPIDER_MIDDLEWARES", CountedUrlLengthMiddleware, 800),  # Scrapy's, with a dropped/url_too_long outcome
    ("SPIDER_MIDDLEWARES", ExtractMiddleware, 950),  # next to the spider: sees its callbacks' output
    ("EXTENSIONS", DatasetLock, 40),  # first: a second crawl into the folder touches nothing
    ("EXTENSIONS", JobGuard, 50),
    ("EXTENSIONS", Outcomes, 100),
    ("EXTENSIONS", Listings, 110),
    ("EXTENSIONS", Manifest, 120),
    ("EXTENSIONS", RedisIdleClose, 200),
    ("EXTENSIONS", Progress, 210),
)


class NewsAddon:
    """Scrapy add-on (``ADDONS = {"scraper.NewsAddon": 500}``); see the module docstring."""

    def update_settings(self, settings: Any) -> None:
        for name, value in DEFAULTS.items():
            settings.set(name, value, priority="addon")  # a project or -s value keeps its higher priority
        for name, component, order in COMPONENTS:
            settings.setdefault_in_component_priority_dict(name, component, order)
        # RetryAfterMiddleware is RetryMiddleware plus Retry-After: the two must not both retry.
        settings.setdefault_in_component_priority_dict("DOWNLOADER_MIDDLEWARES", RetryMiddleware, None)
        settings.setdefault_in_component_priority_dict("DOWNLOADER_MIDDLEWARES", RobotsTxtMiddleware, None)
        settings.setdefault_in_component_priority_dict("DOWNLOADER_MIDDLEWARES", OffsiteMiddleware, None)
        settings.setdefault_in_component_priority_dict("SPIDER_MIDDLEWARES", UrlLengthMiddleware, None)
        use_redis(settings)
