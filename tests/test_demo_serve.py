"""``scraper demo --serve``: the demo site on 127.0.0.1 until Ctrl-C, and the crawl command it prints works."""
from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path


def test_demo_serve_prints_a_crawl_command_that_works_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    server = subprocess.Popen([sys.executable, "-m", "scraper.cli", "demo", "--serve"],
                              stderr=subprocess.PIPE, text=True)
    try:
        first, second = server.stderr.readline(), server.stderr.readline()
        base = re.search(r"on (http://127\.0\.0\.1:\d+) ", first).group(1)
        assert second == f"crawl it with: http_proxy={base} scraper crawl http://demo.test/\n"
        proxy = urllib.request.ProxyHandler({"http": base})
        home = urllib.request.build_opener(proxy).open("http://demo.test/", timeout=10)
        assert (home.status, home.headers["Content-Type"]) == (200, "text/html; charset=utf-8")
        out = tmp_path / "articles.jsonl"
        crawl = subprocess.run([sys.executable, "-m", "scraper.cli", "crawl", "http://demo.test/", "-o", str(out),
                                "--state", "memory", "-q", "-s", "AUTOTHROTTLE_ENABLED=False",
                                "-s", "DOWNLOAD_DELAY=0"],
                               env={**_env(), "http_proxy": base}, capture_output=True, text=True, timeout=120)
        urls = sorted(json.loads(line)["url"] for line in out.read_text().splitlines())
        assert (crawl.returncode, len(urls), urls[0].startswith("http://demo.test/")) == (0, 15, True)
    finally:
        server.send_signal(signal.SIGINT)
        rest = server.stderr.read()
        code = server.wait(timeout=10)
    assert (code, "Traceback" in rest) == (0, False)


def _env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if k.lower() not in ("no_proxy", "http_proxy")}


def test_demo_serve_stops_on_ctrl_c_when_started_with_sigint_ignored() -> None:
    """A shell script's background job starts with SIGINT ignored; Ctrl-C (and SIGTERM) still stop it."""
    for stop in (signal.SIGINT, signal.SIGTERM):
        server = subprocess.Popen([sys.executable, "-m", "scraper.cli", "demo", "--serve"], stderr=subprocess.PIPE,
                                  text=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
        try:
            server.stderr.readline(), server.stderr.readline()
            server.send_signal(stop)
            code = server.wait(timeout=10)
        finally:
            server.kill()
        assert (stop, code, "Traceback" in server.stderr.read()) == (stop, 0, False)
