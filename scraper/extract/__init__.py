"""The pure extractor: ``html, url -> record``. No Scrapy, no Twisted, no I/O (a test keeps it so).

Modules, in the order a page goes through them:
    encoding, bounds, page   bytes -> text -> one parsed ``Page`` (tree, meta tags, JSON-LD, microdata),
                         within the size and depth limits
    attributes           one walk over the elements: class/id, itemprop, date attributes
    structured           JSON-LD and microdata nodes
    vocab                every selector, meta name and word list, as data
    metadata, headline, headings   headline, dates, section, tags, language, description
                         (evidence in order)
    author_evidence      authors (evidence in order; desks, the site, teasers' bylines passed over)
    date_agreement, shown_dates, header_lines   a date checked against the page's other dates; dates
                         shown as text (htmldate; the lines between the headline and the text)
    page_zone            the zone of dates given without an offset, when no one names it
    container, sequences, density, furniture, boxes, body, body_edges   the article text
    images, captions     images with caption and credit
    links                linked items: body links, related, feed entries, videos, next page
    article              all fields of one article record
    normalize            the record's canonical form (the one normalisation point)
    classify, route      article or listing, and the listing record
    authors, dates, text, text_language   small value parsers shared by the above
"""
from __future__ import annotations

from scraper.errors import NotHTML
from scraper.extract.article import extract, extract_page
from scraper.extract.page import Page
from scraper.extract.route import listing_record, route

__all__ = ["NotHTML", "Page", "extract", "extract_page", "listing_record", "route"]
