"""Scrapy settings of the project. Every value can be overridden with ``-s NAME=VALUE``.

Project settings (beyond Scrapy's own):
    SITE_TIMEZONE      IANA zone for dates a site gives without an offset (default UTC).
    OUTPUT_DIR         each run writes its dataset folder OUTPUT_DIR/<run start time>/ (default ``output``).
    OUTPUT_FILE        explicit path of the articles file; the dataset folder is its folder.
    FOLLOW_ARTICLE_LINKS  follow feed/related links found on article pages (default True).
    RETRY_AFTER_MAX_DELAY, GZIP_CHECK_ENABLED  see scraper.crawl.retry_after and scraper.crawl.gzip_check.
    LISTINGS_ENABLED   write listing pages to listings.jsonl (scraper.crawl.listings; default True).
    DATASET_MANIFEST_ENABLED  write manifest.json and schema.json (scraper.crawl.manifest; default True).
    DATASET_GZIP       compress articles.jsonl to articles.jsonl.gz when the run ends (default False).
    WARC_ENABLED       store every fetched response as WARC (scraper.crawl.warc_capture; default False).
    WARC_FILE          the WARC file (default: capture.warc.gz in the dataset folder).
    STATE_DIR          crawl state folder for incremental runs (unset: OUTPUT_DIR/.state for run
                       folders, memory for an explicit OUTPUT_FILE; "memory": this run only).
    REDIS_URL, REDIS_JOB, REDIS_IDLE_CLOSE  scale out on scrapy-redis (scraper.crawl.scale).
"""
from __future__ import annotations

from scraper import __version__

BOT_NAME = "scraper"
SPIDER_MODULES = ["scraper.spiders"]
NEWSPIDER_MODULE = "scraper.spiders"

# Tell sites who you are: set USER_AGENT to your project name and a contact URL or address.
USER_AGENT = f"news-scraper/{__version__} (+https://github.com/news-scraper/scraper; set USER_AGENT to your contact)"
ROBOTSTXT_OBEY = True

CONCURRENT_REQUESTS = 32
CONCURRENT_REQUESTS_PER_DOMAIN = 8
DOWNLOAD_DELAY = 0.25
DOWNLOAD_TIMEOUT = 30
# Scrapy starts CONCURRENT_ITEMS tasks per callback output (default 100); our callbacks yield one
# item, so 8 is plenty and makes a crawl ~25% faster (make bench-crawl).
CONCURRENT_ITEMS = 8
DOWNLOAD_MAXSIZE = 32 * 1024 * 1024
DOWNLOAD_WARNSIZE = 8 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
RETRY_AFTER_MAX_DELAY = 60  # seconds; a longer Retry-After fails the URL at once
GZIP_CHECK_ENABLED = True  # fail truncated or corrupt gzip bodies instead of extracting half a page

AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 4.0

HTTPCACHE_ENABLED = False  # turn on for development: -s HTTPCACHE_ENABLED=True
HTTPCACHE_DIR = "httpcache"

ITEM_PIPELINES = {
    "scraper.pipelines.validate.ValidatePipeline": 200,
    "scraper.pipelines.state.StatePipeline": 300,
    "scraper.pipelines.export.JsonLinesExportPipeline": 900,
}

DOWNLOADER_MIDDLEWARES = {
    "scraper.crawl.skip.SkipMiddleware": 40,  # entries the spider decided not to fetch (unchanged, too old)
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "scraper.crawl.retry_after.RetryAfterMiddleware": 550,  # RetryMiddleware + Retry-After
    "scraper.crawl.gzip_check.GzipCheckMiddleware": 595,  # just before HttpCompressionMiddleware (590)
    "scraper.crawl.warc_capture.WarcCapture": 950,  # next to the downloader: raw bodies
}

EXTENSIONS = {
    "scraper.crawl.outcomes.Outcomes": 100,
    "scraper.crawl.job_guard.JobGuard": 50,  # JOBDIR only: recover from a killed run
    "scraper.crawl.listings.Listings": 110,
    "scraper.crawl.manifest.Manifest": 120,
    "scraper.crawl.scale.RedisIdleClose": 200,
}

# Scale out: -s REDIS_URL=redis://host:6379 (scraper crawl --redis URL); see scraper/crawl/scale.py.
ADDONS = {"scraper.crawl.scale.RedisAddon": 0}
REDIS_URL = ""
REDIS_JOB = "news"
REDIS_IDLE_CLOSE = 10.0

STATE_DIR = ""
# Seen request fingerprints on disk (SQLite), so memory stays flat as a crawl grows.
DUPEFILTER_CLASS = "scraper.crawl.dupefilter.DiskDupeFilter"

SITE_TIMEZONE = "UTC"
OUTPUT_DIR = "output"
OUTPUT_FILE = ""
EXPORT_FSYNC = False  # fsync articles.jsonl after each record (survives power loss, slower)
FOLLOW_ARTICLE_LINKS = True
DEPTH_LIMIT = 0

REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
