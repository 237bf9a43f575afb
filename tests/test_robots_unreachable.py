"""RFC 9309: a robots.txt that answers 5xx or times out disallows the whole host; 4xx allows all."""
from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.localsite import crawl, only_run, read_jsonl
from tests.support.pages import article_html, paragraphs

STORY = "/private/2024/02/a-story-robots-would-hide/"


def _server(robots: str) -> Iterator[str]:
    """A host whose /robots.txt answers ``robots`` (503, 404 or hang) and which serves one article."""
    page = article_html("A story robots would hide from us", paragraphs(7)).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/robots.txt" and robots == "hang":
                time.sleep(3)  # past DOWNLOAD_TIMEOUT
            status, body = (int(robots), b"busy") if self.path == "/robots.txt" and robots != "hang" else (200, page)
            try:
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the crawler gave up on the hung robots.txt and closed the connection, as it should

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(("robots", "outcomes"), [
    ("503", {"dropped/robots_txt": 1}),
    ("hang", {"dropped/robots_txt": 1}),
    ("404", {"exported": 1}),
])
def test_robots_txt_unreachable_disallows_the_host(tmp_path: Path, robots: str, outcomes: dict[str, int]) -> None:
    base = next(server := _server(robots))
    try:
        done = crawl(base + STORY, "--state", "memory", "-s", f"OUTPUT_DIR={tmp_path}", "-s", "RETRY_TIMES=0",
                     "-s", "DOWNLOAD_TIMEOUT=1", check=False)
    finally:
        next(server, None)
    folder = only_run(tmp_path)
    report = json.loads((folder / "report.json").read_text())
    assert (done.returncode, report["outcomes"], len(read_jsonl(folder / "articles.jsonl"))) == (
        0, outcomes, outcomes.get("exported", 0))
