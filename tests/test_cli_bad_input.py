"""Bad command-line input: one clear line on stderr and a non-zero exit, never a traceback."""
from __future__ import annotations

import sqlite3
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
    (tmp_path / "a-folder").mkdir()
    (tmp_path / "garbage-state").mkdir()
    (tmp_path / "garbage-state" / "news.sqlite").write_bytes(b"not sqlite at all " * 300)
    db = sqlite3.connect(tmp_path / "whole.sqlite")
    db.execute("CREATE TABLE articles (key TEXT)")
    db.executemany("INSERT INTO articles VALUES (?)", [("x" * 500,)] * 100)
    db.commit()
    db.close()
    (tmp_path / "cut-state").mkdir()
    (tmp_path / "cut-state" / "news.sqlite").write_bytes((tmp_path / "whole.sqlite").read_bytes()[:5000])
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
    (["crawl", DEAD, "--jobdir", "a-file/job"], 2, "scraper: error: JOBDIR a-file/job: cannot write (Not a directory)"),
    (["crawl", DEAD, "-s", "OUTPUT_DIR=a-file/out"], 2,
     "scraper: error: OUTPUT_DIR a-file/out: cannot write (Not a directory)"),
    (["crawl", DEAD, "--state", "a-file/state"], 2,
     "scraper: error: state folder a-file/state: cannot write (Not a directory)"),
    (["crawl", DEAD, "-o", "a-folder"], 2,
     "scraper: error: a-folder: is a folder (-o takes a file name, e.g. a-folder/articles.jsonl)"),
    (["crawl", DEAD, "--state", "garbage-state"], 2, "scraper: error: state file garbage-state/news.sqlite: "
     "file is not a database (move it away to start a fresh state)"),
    (["crawl", DEAD, "--state", "cut-state"], 2, "scraper: error: state file cut-state/news.sqlite: "
     "database disk image is malformed (move it away to start a fresh state)"),
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
