"""Golden fixtures: ``fixtures/<site>/<case>/page.html`` + ``meta.json`` + ``expected.json``."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scraper.extract import Page, extract, listing_record
from scraper.extract.article import guessed_zone
from scraper.schema import ordered

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@dataclass(frozen=True)
class Case:
    folder: Path

    @property
    def id(self) -> str:
        return str(self.folder.relative_to(FIXTURES)) or "."

    @property
    def meta(self) -> dict[str, Any]:
        return json.loads((self.folder / "meta.json").read_text(encoding="utf-8"))

    @property
    def expected(self) -> dict[str, Any]:
        return json.loads((self.folder / "expected.json").read_text(encoding="utf-8"))

    @property
    def is_listing(self) -> bool:
        return self.meta.get("kind") == "listing"

    def actual(self) -> dict[str, Any]:
        meta = self.meta
        html = (self.folder / "page.html").read_bytes()
        if self.is_listing:
            page = Page.from_html(html, meta["url"])
            return listing_record(page, fetched_at=meta["fetched_at"], timezone=meta.get("timezone") or guessed_zone(page))
        timezone = meta.get("timezone")
        record = extract(html, meta["url"], fetched_at=meta["fetched_at"], timezone=timezone)
        return ordered(dict(record))


def cases() -> list[Case]:
    return sorted((Case(p.parent) for p in FIXTURES.rglob("expected.json")), key=lambda c: c.id)
