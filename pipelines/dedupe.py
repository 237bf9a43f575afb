"""Drop duplicate articles: same canonical URL, or else the same body text.

Dropped as ``duplicate_url`` or ``duplicate_body`` (counted by ``scraper.crawl.outcomes``).
"""
from __future__ import annotations

import hashlib
from typing import Any

from scrapy.exceptions import DropItem


def body_hash(body: str | None) -> str:
    return hashlib.sha1((body or "").encode("utf-8")).hexdigest()


class DedupePipeline:
    def __init__(self) -> None:
        self.urls: set[str] = set()
        self.bodies: set[str] = set()

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        key = item.get("canonical_url") or item["url"]
        if key in self.urls:
            raise DropItem(f"duplicate_url: {key}")
        digest = body_hash(item.get("body"))
        if digest in self.bodies:
            raise DropItem(f"duplicate_body: {item['url']}")
        self.urls.add(key)
        self.bodies.add(digest)
        return item
