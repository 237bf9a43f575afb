"""Validate records: an article needs url, headline and body, and must match the JSON Schema.

A record that fails is dropped as ``invalid_<reason>`` (counted by
``scraper.crawl.outcomes``).
"""
from __future__ import annotations

from typing import Any

from scrapy.exceptions import DropItem

from scraper.validation import problems


class ValidatePipeline:
    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        found = problems(item)
        if found:
            reason = found[0].split(":")[0]
            raise DropItem(f"invalid_{reason}: {item.get('url')}: {'; '.join(found)}")
        return item
