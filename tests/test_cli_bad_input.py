"""Bad command-line input: one clear line on stderr and a non-zero exit, never a traceback."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.crawl import ROOT

DEAD = "http://127.0.0.1:9/"  # never contacted: every case fails before crawling


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    (tmp_path / "page.html").write_text("<html><body><p>x</p></body></html>")
    (tmp_path / "notes.txt").write_text("plain text, no markup at all")
    (tmp_path / "a-file").write_text("")
    return tmp_path


CASES = [
    ([], 2, "scraper: error: the following arguments are required: command"),
    (["fetch"], 2, "scraper: error: argument command: invalid choice: 'fetch' "
                   "(choose from 'crawl', 'extract', 'demo', 'validate', 'stats', 'report')"),
    (["crawl"], 2, "scraper: error: nothing to crawl: give start URLs, --sitemap or --feed"),
    (["crawl", "example.com"], 2, "scraper: error: 'example.com' is not an http(s) URL"),
    (["crawl", "ftp://example.com/"], 2, "scraper: error: 'ftp://example.com/' is not an http(s) URL"),
    (["crawl", "http://"], 2, "scraper: error: 'http://' is not an http(s) URL"),
    (["crawl", DEAD, "-s", "NOEQUALS"], 2, "scraper: error: -s expects NAME=VALUE, got 'NOEQUALS'"),
    (["crawl", DEAD, "-s", "DOWNLOAD_TIMEOUT=soon"], 2,
     "scraper: error: -s DOWNLOAD_TIMEOUT='soon': expected a number"),
    (["crawl", DEAD, "-s", "ROBOTSTXT_OBEY=maybe"], 2,
     "scraper: error: -s ROBOTSTXT_OBEY='maybe': expected True or False"),
    (["crawl", DEAD, "--timezone", "Mars/Base"], 2,
     "scraper: error: unknown time zone 'Mars/Base' (use an IANA name such as Europe/Kyiv)"),
    (["crawl", DEAD, "-s", "SITE_TIMEZONE=Mars/Base"], 2,
     "scraper: error: unknown time zone 'Mars/Base' (use an IANA name such as Europe/Kyiv)"),
    (["crawl", DEAD, "-o", "a-file/articles.jsonl"], 2,
     "scraper: error: a-file/articles.jsonl: cannot write (File exists)"),
    (["crawl", DEAD, "-s", "JOBDIR=a-file/job"], 2, "scraper: error: JOBDIR a-file/job: cannot write (Not a directory)"),
    (["extract", "missing.html"], 2, "scraper: error: missing.html: no such file or folder"),
    (["extract", "page.html", "--url", "not a url"], 2, "scraper: error: 'not a url' is not an http(s) URL"),
    (["extract", "page.html", "--timezone", "Nowhere"], 2,
     "scraper: error: unknown time zone 'Nowhere' (use an IANA name such as Europe/Kyiv)"),
    (["extract", "page.html", "-o", "a-file/out.jsonl"], 2,
     "scraper: error: a-file/out.jsonl: cannot write (File exists)"),
    (["extract", "notes.txt"], 1, "scraper: notes.txt: not an HTML document\nextracted 0 of 1 pages"),
]


@pytest.mark.parametrize(("args", "status", "stderr"), CASES, ids=[" ".join(c[0]) or "(none)" for c in CASES])
def test_bad_input_gets_one_clear_line(workdir: Path, args: list[str], status: int, stderr: str) -> None:
    result = subprocess.run([sys.executable, "-m", "scraper.cli", *args], cwd=workdir, capture_output=True,
                            text=True, timeout=60, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert (result.returncode, result.stderr.strip(), result.stdout) == (status, stderr, "")
