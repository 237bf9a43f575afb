"""robots.txt by RFC 9309: an unreachable robots.txt means "disallow all" for that host.

Scrapy's ``RobotsTxtMiddleware`` parses whatever body a robots.txt request returns, so a
``503 Service Unavailable`` page (or a timeout) reads as "allow all" and disallowed pages are
fetched. Here a robots.txt that answers 5xx (after the usual retries) or times out disallows
every URL of its host for the rest of the crawl: each is ``dropped/robots_txt``, a counted
outcome. A 4xx robots.txt (404: none) allows all, as the RFC says. Other network errors
(connection refused, DNS) keep Scrapy's behaviour: the pages are tried and fail with their own
reason, so a host with nothing listening reads as failed, not as politely skipped.
"""
from __future__ import annotations

import logging
from typing import Any

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.http import Request, Response
from twisted.internet.defer import Deferred

logger = logging.getLogger(__name__)

_TIMEOUTS = {"TimeoutError", "TCPTimedOutError", "DownloadTimeoutError", "UserTimeoutError"}


class DisallowAll:
    """A robots.txt parser that allows nothing (an unreachable robots.txt)."""

    def allowed(self, url: str | bytes, user_agent: str | bytes) -> bool:
        return False


class StrictRobotsTxtMiddleware(RobotsTxtMiddleware):
    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        if response.status >= 500:
            self._stats.inc_value("robotstxt/response_count")
            self._stats.inc_value(f"robotstxt/response_status_count/{response.status}")
            self._disallow_all(netloc, f"HTTP {response.status}")
            return
        await super()._parse_robots(response, netloc, request)

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        if type(exc).__name__ not in _TIMEOUTS:
            super()._robots_error(exc, netloc)
            return
        self._stats.inc_value(f"robotstxt/exception_count/{type(exc)}")
        self._disallow_all(netloc, "timeout")

    def _disallow_all(self, netloc: str, why: str) -> None:
        logger.warning("robots.txt of %s unreachable (%s): disallowing the whole host (RFC 9309)", netloc, why)
        self._stats.inc_value("robotstxt/unreachable")
        waiting = self._parsers[netloc]
        parser: Any = DisallowAll()
        self._parsers[netloc] = parser
        if isinstance(waiting, Deferred):
            waiting.callback(parser)
