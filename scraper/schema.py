"""The Article record: the single source of truth for field names and types.

Everything that writes or reads records (extractor, pipelines, exporters,
dataset tools, the JSON Schema in ``scraper/schema.json``) goes through the
names defined here. Changing a name or a type bumps ``SCHEMA_VERSION`` and
gets a CHANGELOG entry.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any, Literal, TypedDict

SCHEMA_VERSION = "1.0"
#: Version of the listing record (``listings.jsonl``, ``scraper/listing_schema.json``).
LISTING_SCHEMA_VERSION = "1.0"

Source = Literal["json-ld", "microdata", "opengraph", "meta", "html"]
SOURCES: tuple[str, ...] = ("json-ld", "microdata", "opengraph", "meta", "html")
LinkKind = Literal["feed", "related", "video", "in_body"]
LINK_KINDS: tuple[str, ...] = ("feed", "related", "video", "in_body")


class Image(TypedDict):
    """An image of the article; the lead image comes first."""

    url: str
    caption: str | None
    credit: str | None
    alt: str | None


class LinkedItem(TypedDict):
    """An item the page links to: feed entry, related article, video, body link."""

    url: str
    title: str | None
    kind: LinkKind
    summary: str | None
    published: str | None


class Article(TypedDict, total=False):
    """One exported article. See README "Record fields" for each field's format."""

    url: str
    canonical_url: str | None
    headline: str | None
    authors: list[str]
    published: str | None
    modified: str | None
    section: str | None
    tags: list[str]
    language: str | None
    description: str | None
    body: str | None
    images: list[Image]
    linked_items: list[LinkedItem]
    sources: dict[str, str]
    fetched_at: str | None
    schema_version: str
    revision: int
    source: str


#: Field order of an exported record (``source`` only appears in ``scraper extract``).
FIELDS: tuple[str, ...] = (
    "url", "canonical_url", "headline", "authors", "published", "modified",
    "section", "tags", "language", "description", "body", "images",
    "linked_items", "sources", "fetched_at", "schema_version", "revision",
)

#: Fields whose winning evidence is recorded in ``sources``.
SOURCED_FIELDS: tuple[str, ...] = (
    "canonical_url", "headline", "authors", "published", "modified", "section",
    "tags", "language", "description", "body", "images",
)


def ordered(record: dict[str, Any]) -> dict[str, Any]:
    """The record with fields in schema order (extra fields, e.g. ``source``, last)."""
    out = {name: record[name] for name in FIELDS if name in record}
    out.update({k: v for k, v in record.items() if k not in out})
    return out


def empty_article(url: str, fetched_at: str | None = None) -> Article:
    """A record with every field present and empty (null or empty list)."""
    return Article(
        url=url, canonical_url=None, headline=None, authors=[], published=None,
        modified=None, section=None, tags=[], language=None, description=None,
        body=None, images=[], linked_items=[], sources={}, fetched_at=fetched_at,
        schema_version=SCHEMA_VERSION, revision=1,
    )


#: Field order of a listing record (``listings.jsonl``).
LISTING_FIELDS: tuple[str, ...] = ("url", "title", "next_page", "linked_items", "fetched_at", "schema_version")


@lru_cache(maxsize=1)
def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one exported record."""
    text = resources.files("scraper").joinpath("schema.json").read_text(encoding="utf-8")
    return json.loads(text)


@lru_cache(maxsize=1)
def listing_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one listing record (``listings.jsonl``)."""
    text = resources.files("scraper").joinpath("listing_schema.json").read_text(encoding="utf-8")
    return json.loads(text)
