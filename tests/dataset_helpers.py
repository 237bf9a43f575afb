"""Shared by the dataset tests: run a crawl of tests/site once, read JSON Lines, swap the port."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BASE = "http://site.test"


def run_crawl(folder: Path, *settings: str) -> str:
    """Crawl tests/site into ``folder``; returns the base URL the site was served on."""
    done = subprocess.run([sys.executable, "-m", "tests.crawl_site", str(folder / "articles.jsonl"), *settings],
                          cwd=ROOT, check=False, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.splitlines()[0]


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def neutral(value: Any, base: str) -> Any:
    """``value`` with the served base URL replaced by BASE (ports change every run)."""
    return json.loads(json.dumps(value).replace(base, BASE))
