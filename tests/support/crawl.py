"""Run ``scraper crawl`` in a child process (Scrapy's reactor cannot restart inside pytest)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
#: Fast, deterministic crawls of local servers.
FAST = {"AUTOTHROTTLE_ENABLED": "False", "DOWNLOAD_DELAY": "0", "LOG_LEVEL": "INFO", "TELNETCONSOLE_ENABLED": "False"}


def crawl_command(url: str, output: Path, **settings: Any) -> list[str]:
    args = [sys.executable, "-m", "scraper.cli", "crawl", url, "-o", str(output)]
    for name, value in {**FAST, **settings}.items():
        args += ["-s", f"{name}={value}"]
    return args


def run_crawl(url: str, output: Path, timeout: float = 120, **settings: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(crawl_command(url, output, **settings), cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
