"""The compiled (fast) schema check and jsonschema agree; failures carry jsonschema's message."""
from __future__ import annotations

import copy

from scraper.validation import problems
from tests.golden import FIXTURES, Case

RECORD = Case(FIXTURES / "demo" / "news" / "ngo-4-more-ukrainian-children-rescued").expected


def test_golden_record_is_valid() -> None:
    assert problems(RECORD) == []


def test_missing_headline_is_named_first() -> None:
    record = dict(RECORD, headline=None, body="")
    assert problems(record) == ["missing_headline: no headline", "missing_body: no body"]


def test_schema_violations_are_explained() -> None:
    record = copy.deepcopy(RECORD)
    record["published"] = "yesterday"
    record["images"][0]["credit"] = 42
    assert problems(record) == [
        "schema: published: 'yesterday' does not match "
        "'^\\\\d{4}-\\\\d{2}-\\\\d{2}(T\\\\d{2}:\\\\d{2}:\\\\d{2}(\\\\.\\\\d+)?([+-]\\\\d{2}:\\\\d{2}|Z))?$'",
        "schema: images/0/credit: 42 is not of type 'string', 'null'",
    ]
