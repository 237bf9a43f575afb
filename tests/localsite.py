"""Test helpers: serve a generated news site on 127.0.0.1 and run crawls in a subprocess."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from scraper.crawl.dataset_dir import run_folders
from scraper.devtools import demo_site

REPO = Path(__file__).resolve().parent.parent
FAST = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0", "-s", "LOG_LEVEL=WARNING"]


class Site:
    """A folder served on 127.0.0.1; ``requests`` lists every path asked for, in order."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.requests: list[str] = []
        log = self.requests
        lock = threading.Lock()

        class Handler(demo_site._Handler):
            def do_GET(self) -> None:
                with lock:
                    log.append(self.path)
                super().do_GET()

        Handler.root = root
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def crawl_command(*args: str) -> list[str]:
    """``scraper crawl`` with fast test settings first (``args`` may override them)."""
    return [sys.executable, "-m", "scraper.cli", "crawl", *FAST, *args]


ENV = dict(os.environ, PYTHONPATH=str(REPO))


def crawl(*args: str, cwd: Path = REPO, check: bool = True) -> subprocess.CompletedProcess[str]:
    """``scraper crawl ARGS`` in a subprocess (a Twisted reactor runs once per process)."""
    done = subprocess.run(crawl_command(*args), check=False, cwd=cwd, env=ENV, capture_output=True, text=True,
                          timeout=300)
    if check and done.returncode != 0:
        raise AssertionError(f"crawl failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return done


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def only_run(output_dir: Path) -> Path:
    """The single dataset folder a crawl wrote under OUTPUT_DIR."""
    runs = run_folders(output_dir)
    assert len(runs) == 1, runs
    return runs[0]


@pytest.fixture(name="site")
def site_fixture(tmp_path: Path) -> Iterator[Site]:
    """A generated site's folder (empty at first) served on 127.0.0.1."""
    served = Site(tmp_path / "site")
    served.root.mkdir()
    yield served
    served.close()
