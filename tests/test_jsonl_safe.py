from __future__ import annotations

from pathlib import Path

import pytest

from scraper.crawl.jsonl_safe import repair_tail, urls_in

WHOLE = b'{"url": "http://a/1"}\n{"url": "http://a/2"}\n'


@pytest.mark.parametrize(("content", "cut", "after"), [
    (WHOLE, 0, WHOLE),  # whole lines: untouched
    (WHOLE + b'{"url": "http://a/3", "head', 27, WHOLE),  # torn record: cut off
    (WHOLE + b'{"url": "http://a/3"}', 0, WHOLE + b'{"url": "http://a/3"}\n'),  # only the newline missing
    (b'{"url": "htt', 12, b""),  # a single torn line
    (b"", 0, b""),
])
def test_repair_tail(tmp_path: Path, content: bytes, cut: int, after: bytes) -> None:
    path = tmp_path / "articles.jsonl"
    path.write_bytes(content)
    assert (repair_tail(path), path.read_bytes()) == (cut, after)


def test_urls_in_skips_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "articles.jsonl"
    path.write_bytes(WHOLE + b"not json\n[1]\n" + b'{"url": 5}\n')
    assert urls_in(path) == {"http://a/1", "http://a/2"}


def test_missing_file_is_empty(tmp_path: Path) -> None:
    assert (repair_tail(tmp_path / "none.jsonl"), urls_in(tmp_path / "none.jsonl")) == (0, set())
