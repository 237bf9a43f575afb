"""Scale out on scrapy-redis: one setting switches the request queue and duplicate filter to Redis.

With ``REDIS_URL`` set (``scraper crawl --redis URL``), every crawler process
started with the same ``REDIS_JOB`` shares one request queue and one duplicate
filter in Redis, on one machine or many: each URL is fetched by exactly one
worker. Keys: ``<REDIS_JOB>:requests`` and ``<REDIS_JOB>:dupefilter``; they are
kept when a worker finishes (another may still be running), so give each
scheduled crawl its own job name (e.g. with the date) or delete the keys.

Settings:
    REDIS_URL          ``redis://host:port/db``; empty (default) keeps Scrapy's own scheduler.
    REDIS_JOB          key prefix shared by the workers of one crawl (default ``news``).
    REDIS_IDLE_CLOSE   seconds a worker waits with an empty queue before it stops (default 10):
                       another worker may still add requests.
"""
from __future__ import annotations

import time
from typing import Any

from scrapy import signals
from scrapy.exceptions import DontCloseSpider, NotConfigured


def use_redis(settings: Any) -> None:
    """When ``REDIS_URL`` is set, switch scheduler and duplicate filter to scrapy-redis (run by ``NewsAddon``)."""
    if not settings.get("REDIS_URL"):
        return
    job = settings.get("REDIS_JOB")
    # "cmdline": the on-disk DUPEFILTER_CLASS must give way to the shared one.
    settings.set("SCHEDULER", "scrapy_redis.scheduler.Scheduler", priority="cmdline")
    settings.set("DUPEFILTER_CLASS", "scrapy_redis.dupefilter.RFPDupeFilter", priority="cmdline")
    settings.set("SCHEDULER_PERSIST", True, priority="addon")
    settings.set("SCHEDULER_QUEUE_KEY", f"{job}:requests", priority="addon")
    settings.set("SCHEDULER_DUPEFILTER_KEY", f"{job}:dupefilter", priority="addon")


class RedisIdleClose:
    """Keep an idle worker alive for ``REDIS_IDLE_CLOSE`` seconds: the shared queue may refill."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.idle_since: float | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> RedisIdleClose:
        if not crawler.settings.get("REDIS_URL"):
            raise NotConfigured  # off by default: no warning
        ext = cls(crawler.settings.getfloat("REDIS_IDLE_CLOSE"))
        crawler.signals.connect(ext.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(ext.busy, signal=signals.response_received)
        return ext

    def busy(self, **_: Any) -> None:
        self.idle_since = None

    def spider_idle(self, spider: Any) -> None:
        now = time.monotonic()
        if self.idle_since is None:
            self.idle_since = now
        if now - self.idle_since < self.seconds:
            raise DontCloseSpider
