"""Record validation against the JSON Schema plus the article minimum (url, headline, body)."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from scraper.schema import json_schema

REQUIRED_VALUES = ("url", "headline", "body")


@lru_cache(maxsize=1)
def _validator() -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(json_schema())


def schema_errors(record: dict[str, Any]) -> list[str]:
    """JSON Schema violations, as 'path: message' strings."""
    return [f"{'/'.join(map(str, e.absolute_path)) or '(record)'}: {e.message}"
            for e in _validator().iter_errors(record)]


def problems(record: dict[str, Any]) -> list[str]:
    """Why a record cannot be exported; empty when it can."""
    missing = [f"missing_{name}: no {name}" for name in REQUIRED_VALUES if not record.get(name)]
    if missing:
        return missing
    return [f"schema: {e}" for e in schema_errors(record)]
