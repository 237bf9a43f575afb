"""News scraper and structured-data extractor.

- ``scraper.extract``: the pure extractor, ``html, url -> record``. It never imports Scrapy,
  so it can be used and tested on saved pages.
- ``scraper.NewsAddon`` and ``scraper.extract_response``: the product inside any Scrapy
  project (``ADDONS = {"scraper.NewsAddon": 500}``). They are loaded on first use, so
  ``import scraper.extract`` stays free of Scrapy.
"""
from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

_LAZY = {"NewsAddon": "scraper.crawl.addon", "extract_response": "scraper.crawl.responses"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'scraper' has no attribute {name!r}")


__all__ = ["NewsAddon", "__version__", "extract_response"]
