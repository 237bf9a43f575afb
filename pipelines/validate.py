"""Validate records: an article needs url, headline and body, and must match the JSON Schema.

A record that fails is dropped with its reason counted in stats
(``outcome/dropped/invalid_<reason>``).
"""
from __future__ import annotations

from typing import Any

from scrapy.exceptions import DropItem

from scraper.validation import problems


class ValidatePipeline:
    def __init__(self, stats: Any) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Any) -> "ValidatePipeline":
        return cls(crawler.stats)

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        found = problems(item)
        if found:
            reason = found[0].split(":")[0]
            self.stats.inc_value(f"outcome/dropped/invalid_{reason}")
            raise DropItem(f"invalid record {item.get('url')}: {'; '.join(found)}")
        return item
