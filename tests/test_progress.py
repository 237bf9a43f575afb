"""The progress line of a running crawl (``scraper.crawl.progress``) and when ``scraper crawl`` turns it on."""
from __future__ import annotations

import argparse
import io
from types import SimpleNamespace

import pytest

from scraper.cli.crawl import progress_interval
from scraper.crawl.progress import Progress, progress_line

STATS = {"response_received_count": 120, "outcome/exported": 80, "outcome/failed/http_404": 1,
         "outcome/failed/timeout": 1, "outcome/dropped/listing": 9}


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_line_counts_fetched_exported_failed_and_rate() -> None:
    assert progress_line(STATS, 12.46) == "progress: fetched 120, exported 80, failed 2, 12.5 pages/s"
    assert progress_line({}, 0.0) == "progress: fetched 0, exported 0, failed 0, 0.0 pages/s"


def _ticks(stream: io.StringIO) -> str:
    stats: dict[str, int] = {"response_received_count": 10}
    crawler = SimpleNamespace(stats=SimpleNamespace(get_stats=lambda: stats))
    times = iter([100.0, 102.0, 107.0])
    ext = Progress(crawler, 5.0, stream, clock=lambda: next(times))
    ext.tick()
    stats.update({"response_received_count": 35, "outcome/exported": 20})
    ext.tick()
    ext.spider_closed()
    return stream.getvalue()


def test_into_a_file_each_line_stands_alone() -> None:
    assert _ticks(io.StringIO()) == (
        "progress: fetched 10, exported 0, failed 0, 5.0 pages/s\n"
        "progress: fetched 35, exported 20, failed 0, 5.0 pages/s\n")


def test_on_a_terminal_the_line_is_rewritten_then_cleared() -> None:
    first = "progress: fetched 10, exported 0, failed 0, 5.0 pages/s"
    second = "progress: fetched 35, exported 20, failed 0, 5.0 pages/s"
    assert _ticks(Terminal()) == f"\r{first}\r{second}\r{' ' * len(second)}\r"


@pytest.mark.parametrize(("argv", "tty", "expected"), [
    ([], True, 5.0), ([], False, None), (["--progress"], False, 5.0), (["-q"], True, None),
    (["--progress", "-s", "PROGRESS_INTERVAL=0"], False, None)])
def test_crawl_turns_progress_on_for_a_terminal_or_progress(argv: list[str], tty: bool, expected: float | None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--progress", action="store_true")
    parser.add_argument("-q", "--quiet", action="store_true")
    parser.add_argument("-s", "--set", action="append")
    assert progress_interval(parser.parse_args(argv), tty) == expected
