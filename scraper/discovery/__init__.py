"""Discovery: what sites announce (sitemaps, feeds, robots.txt) and which URLs to fetch. Pure, no Scrapy.

The spider only routes (``scraper.spiders.discovery``); every rule here is tested alone.
"""
from __future__ import annotations

from scraper.discovery.feeds import entries, parse_feed
from scraper.discovery.filters import UrlFilter, is_newer, is_older, parse_since
from scraper.discovery.sitemaps import (
                                        Entry,
                                        Kind,
                                        entry_date,
                                        kind_of,
                                        parse_sitemap,
                                        robots_sitemaps,
                                        robots_url,
)
from scraper.discovery.xmlparse import MAX_XML_BYTES, UnsafeXML, XMLStream, stream_xml

__all__ = ["MAX_XML_BYTES", "Entry", "Kind", "UnsafeXML", "UrlFilter", "XMLStream", "entries", "entry_date",
           "is_newer", "is_older", "kind_of", "parse_feed", "parse_since", "parse_sitemap",
           "robots_sitemaps", "robots_url", "stream_xml"]
