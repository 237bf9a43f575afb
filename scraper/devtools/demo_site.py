"""Serve the bundled demo news site (``fixtures/demo``, installed as ``scraper.devtools.demo_pages``) on 127.0.0.1.

URL paths map to files: ``/a/b/`` -> ``fixtures/demo/a/b/page.html``; other
paths map to the file itself. Used by ``make demo`` and by the tests.
The server also answers proxy-style requests (``GET http://demo.test/a/ HTTP/1.1``),
so a crawler using it as its HTTP proxy sees the site under its real name.
"""
from __future__ import annotations

import importlib.util
import mimetypes
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit


def _demo_root() -> Path:
    """``fixtures/demo`` in a checkout; the same files installed as ``scraper.devtools.demo_pages`` (setup.py)."""
    spec = importlib.util.find_spec("scraper.devtools.demo_pages")
    locations = list(spec.submodule_search_locations or []) if spec else []
    if not locations:
        raise FileNotFoundError("the demo site (scraper.devtools.demo_pages) is not installed")
    return Path(locations[0])


DEMO_ROOT = _demo_root()
DEMO_BASE = "http://demo.test"


def resolve(root: Path, url_path: str) -> Path | None:
    """The file serving a URL path, or None (outside the root or missing)."""
    path = unquote(urlsplit(url_path).path)
    relative = path.lstrip("/")
    target = (root / relative / "page.html") if path.endswith("/") else root / relative
    target = target.resolve()
    if root.resolve() not in target.parents and target != root.resolve():
        return None
    return target if target.is_file() else None


class _Handler(BaseHTTPRequestHandler):
    root: Path = DEMO_ROOT

    def do_GET(self) -> None:
        target = resolve(self.root, self.path)
        if target is None:
            self.send_error(404)
            return
        data = target.read_bytes()
        kind = "text/html; charset=utf-8" if target.suffix == ".html" else (
            mimetypes.guess_type(target.name)[0] or "application/octet-stream")
        if target.suffix == ".xml":
            kind = "application/xml"
        elif target.suffix == ".txt":
            kind = "text/plain; charset=utf-8"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:  # quiet
        return


def serve(root: Path = DEMO_ROOT, port: int = 0) -> tuple[ThreadingHTTPServer, str]:
    """Start a server in a daemon thread; returns it and its base URL."""
    handler = type("Handler", (_Handler,), {"root": root})
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"
