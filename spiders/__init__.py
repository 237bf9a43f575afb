"""Scrapy spiders: they decide what to fetch and hand responses to the extractor."""
