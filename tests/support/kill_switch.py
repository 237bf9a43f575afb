"""An extension that SIGKILLs the crawl in its ``spider_closed``: a kill at a chosen moment of the close.

Its place among the extensions (its EXTENSIONS order) picks the moment: 115 is after the run
report (Outcomes, 100) and before the manifest (Manifest, 120).
"""
from __future__ import annotations

import os
import signal
from typing import Any

from scrapy import signals


class KillOnClose:
    @classmethod
    def from_crawler(cls, crawler: Any) -> KillOnClose:
        ext = cls()
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_closed(self, **_: Any) -> None:
        os.kill(os.getpid(), signal.SIGKILL)
