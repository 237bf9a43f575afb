"""Scrapy settings of the project. Every value can be overridden with ``-s NAME=VALUE``.

Project settings (beyond Scrapy's own); their defaults are set by ``scraper.NewsAddon``
(``scraper/crawl/addon.py``, ``DEFAULTS``), so they hold in any project that uses the add-on:
    SITE_TIMEZONE      IANA zone for dates a site gives without an offset (default: each page's own,
                       told by its country domain or language, else UTC: ``scraper.extract.page_zone``).
    OUTPUT_DIR         each run writes its dataset folder OUTPUT_DIR/<run start time>/ (default ``output``).
    OUTPUT_FILE        explicit path of the articles file; the dataset folder is its folder.
    FOLLOW_ARTICLE_LINKS  follow feed/related links found on article pages (default True).
    FOLLOW_OTHER_LINKS_MAX     plain same-site links of a listing followed, after its entries (default 500).
    TRAP_MAX_PAGES             longest pagination chain followed (default 1000; 0: no cap).
    TRAP_MAX_URLS_PER_PATTERN  followed links per URL pattern, digits read as N (default 20000; 0: no cap).
    REQUEST_BACKLOG_MAX        a sitemap, feed or page yields its requests no faster than the in-memory
                               scheduler drains them: they wait while it holds more than this many
                               (default 5000; 0: never; not with JOBDIR or Redis; scraper.crawl.pacing).
    SCRAPER_SLOT_MAX_ACTIVE_SIZE  Scrapy's, raised by the add-on to 64 MB (from 5 MB) so one big page
                               being parsed does not stop the crawl that pacing waits for.
    EXPORT_FSYNC       fsync articles.jsonl after each record (survives power loss, slower; default False).
    EXPORT_DISK_LIMIT  test hook: articles.jsonl fills up (ENOSPC) past this many bytes (default 0: never).
    RETRY_AFTER_MAX_DELAY  seconds; a longer Retry-After fails the URL at once (default 60).
    GZIP_CHECK_ENABLED fail truncated or corrupt gzip bodies instead of extracting half a page (default True).
    LISTINGS_ENABLED   write listing pages to listings.jsonl (scraper.crawl.listings; default True).
    DATASET_MANIFEST_ENABLED  write manifest.json and schema.json (scraper.crawl.manifest; default True).
    DATASET_GZIP       compress articles.jsonl to articles.jsonl.gz when the run ends (default False).
    WARC_ENABLED       store every fetched response as WARC (scraper.crawl.warc_capture; default False).
    WARC_FILE          the WARC file (default: capture.warc.gz in the dataset folder).
    STATE_DIR          crawl state folder for incremental runs (unset: OUTPUT_DIR/.state for run
                       folders, memory for an explicit OUTPUT_FILE; "memory": this run only).
    REDIS_URL, REDIS_JOB, REDIS_IDLE_CLOSE  scale out on scrapy-redis (scraper.crawl.scale).
    EXTRACT_WORKERS    worker processes that extract pages off the reactor thread (scraper.crawl.workers;
                       default: the cores this process may run on; 0: extract in the crawl's own thread).
    EXTRACT_QUEUE      pages out to the extraction workers at most; the next requests wait before their
                       download meanwhile, so memory stays flat (default 0: eight a worker).
    EXTRACT_TIMEOUT    seconds one page's extraction may take (default 60; 0: no limit); past it the page
                       is failed/extract_timeout (scraper.crawl.deadline) and the crawl goes on.
    EXTRACT_WORKER_EXIT_URL  test hook: a page whose URL holds this text kills its worker (default: none).
    EXTRACT_WORKER_STALL_URL test hook: a page whose URL holds this text hangs its worker (default: none).
    PROGRESS_INTERVAL  seconds between progress lines on stderr (scraper.crawl.progress; default 0: off;
                       scraper crawl sets 5 when stderr is a terminal or with --progress).
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

AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 4.0

HTTPCACHE_ENABLED = False  # turn on for development: -s HTTPCACHE_ENABLED=True
HTTPCACHE_DIR = "httpcache"

# Our pipelines, middlewares, extensions and the defaults of the settings above: one add-on, the same
# one any Scrapy project can use (scraper/crawl/addon.py). -s and project values win over its defaults.
ADDONS = {"scraper.NewsAddon": 500}
DEPTH_LIMIT = 0

REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
