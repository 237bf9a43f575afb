"""Drop duplicate articles: same canonical URL, or else the same body text.

Counted in stats as ``outcome/dropped/duplicate_url`` and ``outcome/dropped/duplicate_body``.
"""
from __future__ import annotations

import hashlib
from typing import Any

from scrapy.exceptions import DropItem


def body_hash(body: str | None) -> str:
    return hashlib.sha1((body or "").encode("utf-8")).hexdigest()


class DedupePipeline:
    def __init__(self, stats: Any) -> None:
        self.stats = stats
        self.urls: set[str] = set()
        self.bodies: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Any) -> "DedupePipeline":
        return cls(crawler.stats)

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        key = item.get("canonical_url") or item["url"]
        if key in self.urls:
            self.stats.inc_value("outcome/dropped/duplicate_url")
            raise DropItem(f"duplicate canonical URL {key}")
        digest = body_hash(item.get("body"))
        if digest in self.bodies:
            self.stats.inc_value("outcome/dropped/duplicate_body")
            raise DropItem(f"duplicate body of {item['url']}")
        self.urls.add(key)
        self.bodies.add(digest)
        return item
