"""What a fetched page becomes: an article record or a listing record (pure, no Scrapy).

Shared by the ``news`` spider and by re-extraction from WARC files
(``scraper.dataset.replay``), so a page gives the same record either way.
"""
from __future__ import annotations

from typing import Any

from scraper.extract import extract_page
from scraper.extract.article import guessed_zone
from scraper.extract.classify import Verdict, classify
from scraper.extract.dates import parse_date
from scraper.extract.links import listing_items, next_page
from scraper.extract.metadata import headline
from scraper.extract.page import Page
from scraper.extract.text import clean_or_none
from scraper.schema import LISTING_SCHEMA_VERSION, Article

#: Linked-item kinds that count as listing entries when classifying a page.
ENTRY_KINDS = ("feed", "related", "video")


def judge(page: Page, record: Article) -> Verdict:
    """Article or listing, from the page and its extracted record."""
    body_words = len((record.get("body") or "").split())
    entries = [i for i in record["linked_items"] if i["kind"] in ENTRY_KINDS]
    return classify(page, body_words=body_words, listing_entries=len(entries))


def entry_urls(record: Article) -> list[str]:
    """URLs of the feed, related and video entries of an article (followed by the spider)."""
    return [i["url"] for i in record["linked_items"] if i["kind"] in ENTRY_KINDS]


def listing_record(page: Page, *, fetched_at: str | None, timezone: str | None) -> dict[str, Any]:
    """The ``listings.jsonl`` record of a listing page (see ``scraper/listing_schema.json``)."""
    title, _ = headline(page)
    items = [
        {"url": i["url"], "title": clean_or_none(i["title"]), "kind": i["kind"],
         "summary": clean_or_none(i["summary"]),
         "published": parse_date(i["published"], timezone) if i["published"] else None}
        for i in listing_items(page, timezone=timezone)
    ]
    return {
        "url": page.url,
        "title": clean_or_none(title),
        "next_page": next_page(page),
        "linked_items": items,
        "fetched_at": fetched_at,
        "schema_version": LISTING_SCHEMA_VERSION,
    }


def route(page: Page, *, fetched_at: str | None, timezone: str | None) -> tuple[str, dict[str, Any]]:
    """``("article", record)`` or ``("listing", listing record)`` for one page."""
    timezone = timezone or guessed_zone(page)
    record = extract_page(page, fetched_at=fetched_at, timezone=timezone)
    if judge(page, record).is_article:
        return "article", dict(record)
    del record  # a page of 50,000 links: its article reading must not be alive beside its listing reading
    return "listing", listing_record(page, fetched_at=fetched_at, timezone=timezone)
