"""News scraper and structured-data extractor.

The extraction library (``scraper.extract``) is pure: ``html, url -> record``.
It never imports Scrapy, so it can be used and tested on saved pages.
"""
from __future__ import annotations

__version__ = "0.1.0"
