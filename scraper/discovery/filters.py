"""Which discovered URLs to fetch: allow/deny patterns, ``since``, "changed since we fetched it" (pure)."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from scraper.extract.dates import parse_iso, to_instant


def parse_since(value: str) -> dt.datetime:
    """The ``since`` option (``2024-02-01`` or an ISO date-time); ValueError with a clear message."""
    when = to_instant(parse_iso(value) if value else None)
    if when is None:
        raise ValueError(f"since={value!r} is not a date (expected YYYY-MM-DD or ISO 8601)")
    return when


def is_older(date: str | None, since: dt.datetime | None) -> bool:
    """True when an entry's date is known and before ``since`` (undated entries are never too old)."""
    when = to_instant(date)
    return since is not None and when is not None and when < since


def is_newer(date: str | None, known: str | None) -> bool:
    """True when a sitemap/feed date says the page changed after the date we stored."""
    when, stored = to_instant(date), to_instant(known)
    return when is not None and (stored is None or when > stored)


@dataclass(frozen=True)
class UrlFilter:
    """Allow and deny regular expressions (``re.search``); deny wins; no allow means all."""

    allow: re.Pattern[str] | None = None
    deny: re.Pattern[str] | None = None

    @classmethod
    def build(cls, allow: str | None, deny: str | None) -> UrlFilter:
        try:
            return cls(re.compile(allow) if allow else None, re.compile(deny) if deny else None)
        except re.error as exc:
            raise ValueError(f"bad URL pattern {exc.pattern!r}: {exc}") from None

    def reason(self, url: str) -> str | None:
        """None when the URL may be crawled, else the drop reason."""
        if self.deny is not None and self.deny.search(url):
            return "url_denied"
        if self.allow is not None and not self.allow.search(url):
            return "url_not_allowed"
        return None
