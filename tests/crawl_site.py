"""Crawl the test site (tests/site) over HTTP in a fresh process: ``python -m tests.crawl_site OUT.jsonl [NAME=VALUE...]``.

Scrapy's reactor runs once per process, so tests call this as a subprocess.
Prints the site's base URL on the first line of stdout.
"""
from __future__ import annotations

import sys
from pathlib import Path

from scraper.cli import main
from scraper.devtools.demo_site import serve

SITE = Path(__file__).resolve().parent / "site"


def crawl(output: str, settings: list[str]) -> int:
    server, base = serve(SITE)
    print(base, flush=True)
    args = ["crawl", base + "/", "-o", output, "--timezone", "Europe/Kyiv",
            "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0", "-s", "LOG_LEVEL=WARNING"]
    for pair in settings:
        args += ["-s", pair]
    try:
        return main(args)
    finally:
        server.shutdown()


if __name__ == "__main__":
    sys.exit(crawl(sys.argv[1], sys.argv[2:]))
