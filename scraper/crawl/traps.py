"""Crawler traps: endless pagination and URL spaces that never run dry (calendars, ``?page=N``).

A link the spider follows (not a sitemap or feed entry: those are what the site announces)
is refused as ``dropped/trap`` when

    its pagination chain (next page of a next page of ...) is longer than TRAP_MAX_PAGES, or
    more than TRAP_MAX_URLS_PER_PATTERN URLs of its pattern were already followed.

A pattern is the host, and the path with every run of digits read as ``N``, plus the sorted
query names (``example.com/news?page=N``). One warning line names each pattern that hits a cap.
"""
from __future__ import annotations

import logging
import re
from collections import Counter
from urllib.parse import parse_qsl, urlsplit

logger = logging.getLogger(__name__)

_DIGITS = re.compile(r"\d+")


def url_pattern(url: str) -> str:
    """``http://a.com/news/2024/page/7?page=3&x=1`` -> ``a.com/news/N/page/N?page&x``."""
    parts = urlsplit(url)
    names = sorted({name for name, _ in parse_qsl(parts.query, keep_blank_values=True)})
    return parts.netloc.lower() + _DIGITS.sub("N", parts.path) + ("?" + "&".join(names) if names else "")


class TrapGuard:
    """Counts followed URLs per pattern; says ``trap`` when a cap is passed (0 switches a cap off)."""

    def __init__(self, max_pages: int, max_per_pattern: int) -> None:
        self.max_pages = max_pages
        self.max_per_pattern = max_per_pattern
        self.counts: Counter[str] = Counter()
        self.warned: set[str] = set()

    def reason(self, url: str, chain: int) -> str | None:
        """None when the link may be followed, else ``trap`` (counted against the pattern once)."""
        pattern = url_pattern(url)
        self.counts[pattern] += 1
        if self.max_pages and chain > self.max_pages:
            self._warn(pattern, f"pagination chain longer than TRAP_MAX_PAGES={self.max_pages}")
            return "trap"
        if self.max_per_pattern and self.counts[pattern] > self.max_per_pattern:
            self._warn(pattern, f"more than TRAP_MAX_URLS_PER_PATTERN={self.max_per_pattern} URLs")
            return "trap"
        return None

    def _warn(self, pattern: str, why: str) -> None:
        if pattern not in self.warned:
            self.warned.add(pattern)
            logger.warning("crawler trap %s: %s; further links of it are dropped/trap", pattern, why)
