"""Normalise records: Unicode NFC, white space, ISO 8601 dates with offset, author names.

Settings: SITE_TIMEZONE (IANA zone for dates without an offset).
"""
from __future__ import annotations

from typing import Any

from scraper.normalize import normalize_record


class NormalizePipeline:
    def __init__(self, timezone: str) -> None:
        self.timezone = timezone

    @classmethod
    def from_crawler(cls, crawler: Any) -> NormalizePipeline:
        return cls(crawler.settings.get("SITE_TIMEZONE") or "UTC")

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        return normalize_record(item, self.timezone)
