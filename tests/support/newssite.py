"""A plain local news site of many articles, with a gate to freeze it mid-crawl.

``/`` and ``/list/<n>/`` are listings of ``PER_PAGE`` articles each, chained
by rel=next. After ``gate_after`` article responses, further article requests
wait until ``release`` is set: a test can then kill the crawler while it is
certainly in the middle of the crawl.
"""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.support.pages import article_html, listing_html, paragraphs

PER_PAGE = 25


def article_path(k: int) -> str:
    return f"/news/2024/03/{k:04d}/bridge-story-number-{k}-in-the-series"


class NewsSite(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def __init__(self, articles: int, gate_after: int | None = None, per_page: int = PER_PAGE) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.articles = articles
        self.gate_after = gate_after
        self.per_page = per_page
        self.release = threading.Event()
        self.served = 0
        self.lock = threading.Lock()
        self.paths = {article_path(k): k for k in range(1, articles + 1)}

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def listing(self, page: int) -> bytes:
        first = (page - 1) * self.per_page + 1
        ks = range(first, min(first + self.per_page, self.articles + 1))
        links = [(article_path(k), f"Bridge story number {k} in the series") for k in ks]
        more = f"/list/{page + 1}/" if first + self.per_page <= self.articles else None
        return listing_html(f"Latest stories, page {page}", links, more).encode()

    def stop(self) -> None:
        self.release.set()
        self.shutdown()
        self.server_close()


class _Handler(BaseHTTPRequestHandler):
    server: NewsSite

    def do_GET(self) -> None:
        site, path = self.server, self.path.split("?", 1)[0]
        if path == "/" or path.startswith("/list/"):
            page = 1 if path == "/" else int(path.strip("/").split("/")[1])
            return self._send(200, site.listing(page))
        k = site.paths.get(path)
        if k is None:
            return self._send(404, b"not found")
        with site.lock:
            site.served += 1
            gated = site.gate_after is not None and site.served > site.gate_after
        if gated:
            site.release.wait(60)
        self._send(200, article_html(f"Bridge story number {k}", paragraphs(k)).encode())

    def _send(self, status: int, body: bytes) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the crawler was killed

    def log_message(self, format: str, *args: object) -> None:
        return


def start(articles: int, gate_after: int | None = None, per_page: int = PER_PAGE) -> NewsSite:
    site = NewsSite(articles, gate_after, per_page)
    threading.Thread(target=site.serve_forever, daemon=True).start()
    return site
