"""``scraper crawl`` options for discovery, incremental runs, politeness limits and scaling out.

Each option maps to a spider argument or a Scrapy setting, so ``scrapy crawl
news -a ... -s ...`` and scrapyd schedules can do the same:

    --sitemap URL / --feed URL / --robots-sitemaps   spider args sitemap_urls, feed_urls, robots_sitemaps
    --allow RE / --deny RE / --since DATE            spider args allow, deny, since
    --depth N          DEPTH_LIMIT             --state DIR        STATE_DIR (incremental runs)
    --jobdir DIR       JOBDIR (pause/resume)   --http-cache       HTTPCACHE_ENABLED (development)
    --max-items N      CLOSESPIDER_ITEMCOUNT   --max-pages N      CLOSESPIDER_PAGECOUNT
    --max-seconds N    CLOSESPIDER_TIMEOUT     --max-errors N     CLOSESPIDER_ERRORCOUNT
    --redis URL        REDIS_URL (scrapy-redis workers)   --redis-job NAME  REDIS_JOB
"""
from __future__ import annotations

import argparse
from typing import Any

from scraper.discovery import UrlFilter, parse_since
from scraper.errors import InputError

_SETTINGS = {"depth": "DEPTH_LIMIT", "state": "STATE_DIR", "jobdir": "JOBDIR", "max_items": "CLOSESPIDER_ITEMCOUNT",
             "max_pages": "CLOSESPIDER_PAGECOUNT", "max_seconds": "CLOSESPIDER_TIMEOUT",
             "max_errors": "CLOSESPIDER_ERRORCOUNT", "redis": "REDIS_URL", "redis_job": "REDIS_JOB"}


def _count(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 0:
        raise argparse.ArgumentTypeError(f"{value!r} is negative")
    return number


def add_crawl_options(parser: argparse.ArgumentParser) -> None:
    add = parser.add_argument
    add("--sitemap", action="append", default=[], metavar="URL", help="sitemap or sitemap index (gzip, news)")
    add("--feed", action="append", default=[], metavar="URL", help="RSS 2.0 or Atom feed")
    add("--robots-sitemaps", action="store_true", help="follow the start sites' robots.txt Sitemap: lines")
    add("--allow", metavar="REGEX", help="crawl only URLs matching this pattern")
    add("--deny", metavar="REGEX", help="never crawl URLs matching this pattern")
    add("--since", metavar="DATE", help="skip sitemap/feed entries dated before DATE (YYYY-MM-DD)")
    add("--depth", type=_count, metavar="N", help="follow links at most N levels deep (DEPTH_LIMIT)")
    add("--state", metavar="DIR", help="crawl state folder: fetch only new or changed articles (STATE_DIR)")
    add("--jobdir", metavar="DIR", help="pause with Ctrl-C, resume with the same DIR (JOBDIR)")
    add("--http-cache", action="store_true", help="cache responses on disk, for development")
    add("--max-items", type=_count, metavar="N", help="stop after N articles (CLOSESPIDER_ITEMCOUNT)")
    add("--max-pages", type=_count, metavar="N", help="stop after N responses (CLOSESPIDER_PAGECOUNT)")
    add("--max-seconds", type=_count, metavar="N", help="stop after N seconds (CLOSESPIDER_TIMEOUT)")
    add("--max-errors", type=_count, metavar="N", help="stop after N errors (CLOSESPIDER_ERRORCOUNT)")
    add("--redis", metavar="URL", help="share the request queue and duplicate filter in Redis (scrapy-redis)")
    add("--redis-job", metavar="NAME", help="Redis key prefix shared by the workers of one crawl (REDIS_JOB)")


def spider_args(args: argparse.Namespace, urls: list[str]) -> dict[str, str]:
    """The news spider's arguments; InputError (one line) for a bad date or pattern."""
    if not (urls or args.sitemap or args.feed):
        raise InputError("nothing to crawl: give start URLs, --sitemap or --feed")
    try:
        UrlFilter.build(args.allow, args.deny)
        if args.since:
            parse_since(args.since)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    values = {"start_urls": ",".join(urls), "sitemap_urls": ",".join(args.sitemap), "feed_urls": ",".join(args.feed),
              "robots_sitemaps": "true" if args.robots_sitemaps else "", "allow": args.allow or "",
              "deny": args.deny or "", "since": args.since or ""}
    return {k: v for k, v in values.items() if v}


def apply_crawl_settings(args: argparse.Namespace, settings: Any) -> None:
    for option, name in _SETTINGS.items():
        value = getattr(args, option, None)
        if value is not None:
            settings.set(name, value, priority="cmdline")
    if args.http_cache:
        settings.set("HTTPCACHE_ENABLED", True, priority="cmdline")
