"""Scrapy glue: extensions and helpers for crawls (the extractor never imports this)."""
