"""Re-extract records from WARC files: the records a live crawl of those pages gives.

Reads our own captures (``WARC_ENABLED``) and other crawlers' WARC files,
such as Common Crawl's CC-NEWS. Each HTML response with a 2xx status goes
through the spider's path: ``scraper.extract.route`` (extract, then article or
listing), then the pipelines' steps: normalise, validate, drop duplicates.
The record's ``url`` is the WARC-Target-URI and ``fetched_at`` the WARC-Date.
Pure: warcio and w3lib, no Scrapy.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scraper.errors import InputError
from scraper.extract.dates import format_datetime, to_instant
from scraper.extract.encoding import content_type_charset
from scraper.extract.page import NotHTML, Page
from scraper.extract.route import route
from scraper.validation import problems


@dataclass(frozen=True)
class Capture:
    """One HTTP response read from a WARC file."""

    url: str
    status: int
    content_type: str
    body: bytes
    date: str | None


@dataclass
class Replay:
    """What became of the captures: counts by outcome, like a crawl's report."""

    outcomes: dict[str, int] = field(default_factory=dict)
    timezone: str | None = None

    def count(self, key: str) -> None:
        self.outcomes[key] = self.outcomes.get(key, 0) + 1


def warc_date(value: str | None) -> str | None:
    """A WARC-Date as the ISO 8601 form a crawl writes in ``fetched_at`` (UTC, seconds)."""
    when = to_instant(value)
    return format_datetime(when.astimezone(dt.timezone.utc)) if when else None


def read_captures(path: Path, replay: Replay | None = None) -> Iterator[Capture]:
    """The HTTP responses of a WARC file (gzip or not), in file order."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    with handle:
        try:
            for record in ArchiveIterator(handle):
                if record.rec_type == "warcinfo" and replay is not None and replay.timezone is None:
                    replay.timezone = _info_field(record.content_stream().read(), "site-timezone")
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                yield Capture(
                    url=record.rec_headers.get_header("WARC-Target-URI") or "",
                    status=int(record.http_headers.get_statuscode() or 0),
                    content_type=record.http_headers.get_header("Content-Type") or "",
                    body=record.content_stream().read(),
                    date=warc_date(record.rec_headers.get_header("WARC-Date")),
                )
        except ArchiveLoadFailed as exc:
            raise InputError(f"{path}: not a readable WARC file ({exc})") from None


def _info_field(payload: bytes, name: str) -> str | None:
    for line in payload.decode("utf-8", "replace").splitlines():
        key, _, value = line.partition(":")
        if key.strip().lower() == name:
            return value.strip() or None
    return None


class Dedupe:
    """The in-run duplicate rule of ``scraper.pipelines.state`` (same canonical URL, else same body)."""

    def __init__(self) -> None:
        self.urls: set[str] = set()
        self.bodies: set[str] = set()

    def reason(self, record: dict[str, Any]) -> str | None:
        key = record.get("canonical_url") or record["url"]
        digest = hashlib.sha1((record.get("body") or "").encode("utf-8")).hexdigest()
        if key in self.urls:
            return "duplicate_url"
        if digest in self.bodies:
            return "duplicate_body"
        self.urls.add(key)
        self.bodies.add(digest)
        return None


def replay_records(paths: list[Path], *, timezone: str | None = None, replay: Replay | None = None,
                   listings: list[dict[str, Any]] | None = None) -> Iterator[dict[str, Any]]:
    """Article records from WARC files; listing records are appended to ``listings`` when given.

    ``timezone`` defaults to the zone recorded in the file's warcinfo (our
    captures), else each page's own (``scraper.extract.page_zone``), as in a crawl.
    """
    replay = replay if replay is not None else Replay()
    dedupe = Dedupe()
    for path in paths:
        for capture in read_captures(path, replay):
            zone = timezone or replay.timezone
            outcome, record = _one(capture, zone, dedupe)
            replay.count(outcome)
            if outcome == "exported":
                yield record
            elif outcome == "dropped/listing" and listings is not None:
                listings.append(record)


def _one(capture: Capture, zone: str | None, dedupe: Dedupe) -> tuple[str, dict[str, Any]]:
    """The outcome of one capture, as the crawl would count it, and its record."""
    if not 200 <= capture.status < 300:
        return f"skipped/http_{capture.status}", {}
    if "html" not in (capture.content_type or "text/html").lower():
        return "dropped/not_html", {}
    try:
        page = Page.from_html(capture.body, capture.url, header_charset=content_type_charset(capture.content_type))
    except NotHTML:
        return "dropped/not_html", {}
    kind, record = route(page, fetched_at=capture.date, timezone=zone)
    if kind == "listing":
        return "dropped/listing", record
    found = problems(record)
    if found:
        return f"dropped/invalid_{found[0].split(':')[0]}", record
    duplicate = dedupe.reason(record)
    return (f"dropped/{duplicate}", record) if duplicate else ("exported", record)
