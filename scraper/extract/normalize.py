"""Record normalisation, shared by the pipeline and the command line (pure)."""
from __future__ import annotations

from typing import Any

from scraper.extract.authors import clean_names
from scraper.extract.dates import parse_date
from scraper.extract.text import clean, clean_or_none

_TEXT_FIELDS = ("headline", "section", "description", "language", "canonical_url")


def normalize_body(body: str | None) -> str | None:
    if not body:
        return None
    paragraphs = [clean(p) for p in body.replace("\r\n", "\n").split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p) or None


def normalize_record(record: dict[str, Any], timezone: str | None = None) -> dict[str, Any]:
    """A copy of the record with text, dates and names in their canonical form."""
    out = dict(record)
    for name in _TEXT_FIELDS:
        out[name] = clean_or_none(out.get(name))
    out["body"] = normalize_body(out.get("body"))
    for name in ("published", "modified"):
        out[name] = parse_date(out.get(name), timezone) if out.get(name) else None
    out["authors"] = clean_names(list(out.get("authors") or []))
    seen: set[str] = set()
    out["tags"] = [t for t in (clean(x) for x in out.get("tags") or []) if t and not (t in seen or seen.add(t))]
    out["images"] = [
        {"url": i["url"], "caption": clean_or_none(i.get("caption")), "credit": clean_or_none(i.get("credit")),
         "alt": clean_or_none(i.get("alt"))}
        for i in out.get("images") or [] if i.get("url")
    ]
    out["linked_items"] = [
        {"url": i["url"], "title": clean_or_none(i.get("title")), "kind": i["kind"],
         "summary": clean_or_none(i.get("summary")),
         "published": parse_date(i.get("published"), timezone) if i.get("published") else None}
        for i in out.get("linked_items") or [] if i.get("url")
    ]
    out["sources"] = {k: v for k, v in (out.get("sources") or {}).items() if out.get(k)}
    return out
