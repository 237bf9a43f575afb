"""A reader that closes the pipe early (``| head``) ends the command quietly, without a traceback."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.golden import FIXTURES
from tests.test_dataset_units import _warc

ROOT = Path(__file__).resolve().parent.parent
SIGPIPE_STATUS = 141


def into_closed_pipe(argv: list[str]) -> tuple[int, str]:
    """Run ``scraper ARGV`` with a stdout pipe closed before it writes; return (exit status, stderr)."""
    proc = subprocess.Popen([sys.executable, "-m", "scraper.cli", *argv], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader has gone away, like `head` after its lines
    stderr = proc.stderr.read().decode("utf-8")
    return proc.wait(timeout=120), stderr


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pipe") / "articles.jsonl"
    path.write_text('{"url": "https://news.example/a", "headline": "A headline"}\n', encoding="utf-8")
    return path


def test_extract_folder_into_closed_pipe() -> None:
    assert into_closed_pipe(["extract", str(FIXTURES / "demo")]) == (SIGPIPE_STATUS, "")


def test_extract_warc_into_closed_pipe(tmp_path: Path) -> None:
    _warc(tmp_path / "cc.warc.gz")
    assert into_closed_pipe(["extract", "--warc", str(tmp_path / "cc.warc.gz")]) == (SIGPIPE_STATUS, "")


def test_stats_into_closed_pipe(dataset: Path) -> None:
    assert into_closed_pipe(["stats", str(dataset)]) == (SIGPIPE_STATUS, "")
