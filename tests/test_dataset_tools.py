"""Everyday dataset tools on hand-made files: ``stats`` as a table, ``validate`` on a dataset folder
(manifest checksums, listings, empty and cut-short files) and ``load_hf``."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from scraper.cli import main

RECORDS = [
    {"url": "https://a.example/x", "headline": "H", "published": "2024-01-30T10:00:00+01:00", "language": "en",
     "section": "World", "authors": ["A", "B"], "schema_version": "1.0"},
    {"url": "file:///tmp/p.html", "headline": "H2", "published": "2024-02-02", "language": "de",
     "section": "Kultur", "authors": ["A"], "schema_version": "1.0"},
    {"url": "https://b.example/y", "headline": "H3", "section": "Sport", "language": "en", "schema_version": "1.0"},
]


@pytest.fixture()
def small(tmp_path: Path) -> Path:
    path = tmp_path / "articles.jsonl"
    lines = [json.dumps(r) for r in RECORDS] + ["not json"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_stats_prints_a_table_with_top_lists_capped(small: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", str(small), "--top", "1"]) == 0
    out = capsys.readouterr().out
    assert out.split("field coverage")[0] == (
        "records                     3\n"
        "lines that are not records  1\n"
        "schema versions             1.0 (3)\n"
        "published                   2024-01-30T10:00:00+01:00 to 2024-02-02 (2 days with articles)\n"
        "\n"
        "languages:\n"
        "  en         2\n"
        "  (1 other)  1\n"
        "\n"
        "domains:\n"
        "  (no host)   1\n"
        "  (2 others)  2\n"
        "\n"
        "sections:\n"
        "  Kultur      1\n"
        "  (2 others)  2\n"
        "\n"
        "authors:\n"
        "  A          2\n"
        "  (1 other)  1\n"
        "\n")
    assert out.splitlines()[-17:-13] == ["  url             100%", "  canonical_url     0%",
                                         "  headline        100%", "  authors          67%"]


def test_stats_json_is_the_manifest_summary(small: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", str(small), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["records"], summary["bad_line_numbers"], summary["by_domain"]) == (
        3, [4], {"": 1, "a.example": 1, "b.example": 1})


def _entry(published: str | None) -> dict[str, object]:
    return {"url": "https://a.example/e", "title": "E", "kind": "related", "summary": None, "published": published}


def test_load_hf_keeps_dates_as_written(tmp_path: Path) -> None:
    pytest.importorskip("datasets")
    from datasets import Value

    from scraper.dataset import load_hf

    records = [dict(RECORDS[0], linked_items=[_entry("2024-01-29T23:30:00-05:00")], revision=1),
               dict(RECORDS[1], linked_items=[_entry("2024-02-01")], revision=2),
               dict(RECORDS[2], linked_items=[], revision=1)]
    path = tmp_path / "articles.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    ds = load_hf(path, cache_dir=str(tmp_path / "cache"))
    assert (ds.features["published"], ds.features["revision"]) == (Value("string"), Value("int64"))
    assert ds["published"] == ["2024-01-30T10:00:00+01:00", "2024-02-02", None]
    assert [[e["published"] for e in items] for items in ds["linked_items"]] == [
        ["2024-01-29T23:30:00-05:00"], ["2024-02-01"], []]
    assert ds.to_list() == [records[0], records[1], dict(records[2], published=None, authors=None)]  # absent: None

    path.write_text(json.dumps(dict(records[2], published="2025-05-05")) + "\n", encoding="utf-8")
    assert load_hf(path, cache_dir=str(tmp_path / "cache"))["published"] == ["2025-05-05"]  # not the cached table


def test_load_hf_names_a_field_the_schema_lacks(tmp_path: Path) -> None:
    pytest.importorskip("datasets")
    from scraper.dataset import DatasetError, load_hf

    (tmp_path / "a.jsonl").write_text('{"url": "https://a.example/", "score": 3}\n', encoding="utf-8")
    with pytest.raises(DatasetError) as caught:
        load_hf(tmp_path / "a.jsonl", cache_dir=str(tmp_path / "cache"))
    assert str(caught.value) == "load_hf: score is not a field of the article schema"
