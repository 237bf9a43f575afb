"""A hostile HTTP server on 127.0.0.1: every kind of broken response a nightly crawl meets.

Raw sockets (``socketserver``), so hangs, resets and truncated bodies are real.
``FAULTS`` maps each path to the behaviour served there; the index page ``/``
links to all of them, and ``/robots.txt`` disallows ``/private/``. The server
counts requests per path (``hits``) so tests can check how often a URL was retried.
"""
from __future__ import annotations

import codecs
import gzip
import socket
import socketserver
import struct
import threading
import zlib
from collections import Counter
from collections.abc import Callable

from tests.support.pages import article_html, listing_html, paragraphs

UKRAINIAN_HEADLINE = "Четверо дітей повернулися додому"
UKRAINIAN_BODY = [
    "Київ, 2 лютого. Рятувальники повідомили, що четверо дітей повернулися додому з окупованих "
    "територій після тривалих переговорів за участі посередників.",
] * 1 + [f"Абзац {i}: представники громади подякували волонтерам, лікарям і вчителям, які "
         "допомагали родинам упродовж усієї зими, та пообіцяли продовжити роботу навесні." for i in range(2, 8)]
JAPANESE_HEADLINE = "東京で新しい橋が開通"
JAPANESE_BODY = [f"第{i}段落。東京都は火曜日、川にかかる新しい橋が修理の後に再開すると発表した。"
                 "数週間はバスと自転車のみ通行できる。住民は工事の早期完了を歓迎している。" * 3 for i in range(1, 8)]
MAX_SIZE = 8 * 1024 * 1024  # the DOWNLOAD_MAXSIZE the fault crawl runs with

Handler = Callable[["FaultHandler"], None]


def _article(slug: str, seed: int) -> bytes:
    return article_html(f"Story about {slug.replace('-', ' ')}", paragraphs(seed)).encode()


def _gzip_bomb(size: int = 64 * 1024 * 1024) -> bytes:
    """``size`` zero bytes, gzipped (about 1000:1)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = bytes(1024 * 1024)
    return b"".join(compressor.compress(chunk) for _ in range(size // len(chunk))) + compressor.flush()


def _nested(depth: int) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs(depth))
    title = f"Markup nested {depth} levels deep"
    return (f"<!DOCTYPE html><html><head><title>{title}</title></head><body>"
            + "<div>" * depth + f"<article><h1>{title}</h1>{body}</article>"
            + "</div>" * depth + "</body></html>").encode()


def _unclosed() -> bytes:
    body = "".join(f"<p>{p}" for p in paragraphs(42))
    return (f"<html><head><title>Unclosed markup story</title><body><main><article><h1>Unclosed markup story"
            f"</h1>{body}<div><span><b><i>").encode()


def _single_line(size: int = 5 * 1024 * 1024) -> bytes:
    """A 5 MB page on one line: an article whose body is one huge run of paragraphs."""
    head = article_html("Five megabyte single line story", paragraphs(43)).replace("\n", " ")
    filler = "<p>" + " ".join(["filler word"] * 40) + ".</p>"
    cut = head.index("</article>")
    count = (size - len(head)) // len(filler) + 1
    return (head[:cut] + filler * count + head[cut:]).encode()


ENTITY_BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE urlset [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
 <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
 <url><loc>http://127.0.0.1/news/2024/02/bomb-&g;</loc></url>
</urlset>
"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE urlset [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
 <url><loc>http://127.0.0.1/news/2024/02/&secret;</loc></url>
</urlset>
"""


class FaultHandler(socketserver.StreamRequestHandler):
    """Reads one request, serves the path's fault, closes the connection."""

    server: FaultServer

    def handle(self) -> None:
        line = self.rfile.readline(65536).decode("latin-1").split()
        while self.rfile.readline(65536) not in (b"\r\n", b"\n", b""):
            pass
        if len(line) < 2:
            return
        path = line[1].split("?", 1)[0]
        with self.server.lock:
            self.server.hits[path] += 1
            self.hit = self.server.hits[path]
        fault = self.server.routes.get(path)
        try:
            if fault is None:
                self.send(404, b"not here")
            else:
                fault(self)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (size limit, timeout): expected

    def send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8",
             headers: dict[str, str] | None = None, length: int | None = None) -> None:
        head = [f"HTTP/1.1 {status} Status", f"Content-Type: {content_type}",
                f"Content-Length: {len(body) if length is None else length}", "Connection: close"]
        head += [f"{k}: {v}" for k, v in (headers or {}).items()]
        self.wfile.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body)
        self.wfile.flush()

    def reset(self) -> None:
        """Abort the connection with a TCP RST."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()


class FaultServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128  # the crawler opens many connections at once

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), FaultHandler)
        self.lock = threading.Lock()
        self.hits: Counter[str] = Counter()
        self.stopping = threading.Event()
        self.routes: dict[str, Handler] = build_routes(self)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def stop(self) -> None:
        self.stopping.set()
        self.shutdown()
        self.server_close()


def _fixed(status: int, body: bytes = b"", content_type: str = "text/html; charset=utf-8",
           headers: dict[str, str] | None = None) -> Handler:
    return lambda h: h.send(status, body, content_type, headers)


def _redirect(target: str) -> Handler:
    return lambda h: h.send(302, b"", headers={"Location": target})


def _first_then(first: Handler, then: Handler) -> Handler:
    return lambda h: (first if h.hit == 1 else then)(h)


def _hang(h: FaultHandler) -> None:
    h.server.stopping.wait(30)


def _reset_mid_body(h: FaultHandler) -> None:
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 50000\r\n\r\n"
    h.wfile.write(head + _article("reset", 50)[:1000])
    h.wfile.flush()
    h.reset()


def _too_large(h: FaultHandler) -> None:
    """Announces more than DOWNLOAD_MAXSIZE; the client must hang up after the headers."""
    h.send(200, b"<html><body>" + b"x" * 65536, length=MAX_SIZE + 4 * 1024 * 1024)


def _too_large_unannounced(h: FaultHandler) -> None:
    """No Content-Length: streams past DOWNLOAD_MAXSIZE until the client hangs up."""
    h.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n<html><body>")
    chunk = b"<p>" + b"y" * 65532 + b"</p>"
    for _ in range((MAX_SIZE * 2) // len(chunk)):
        h.wfile.write(chunk)


def _gz(body: bytes) -> bytes:
    return gzip.compress(body, mtime=0)


def build_routes(server: FaultServer) -> dict[str, Handler]:
    """Every fault by path. ``/`` lists them all."""
    n = "/news/2024/02/"
    dup = n + "duplicate-of-the-ok-article"
    ok = article_html("Story about ok article plain text", paragraphs(1),
                      related=[(dup, "A copy of this very story")]).encode()
    uk = article_html(UKRAINIAN_HEADLINE, UKRAINIAN_BODY, lang="uk")
    uk_plain = article_html(UKRAINIAN_HEADLINE + " (без кодування)", UKRAINIAN_BODY[::-1], lang="uk")
    ja = article_html(JAPANESE_HEADLINE, JAPANESE_BODY, lang="ja")
    ja_meta = article_html(JAPANESE_HEADLINE + "（メタ）", JAPANESE_BODY[1:] + JAPANESE_BODY[:1], lang="ja",
                           meta_charset="shift_jis")
    lying = article_html(UKRAINIAN_HEADLINE + " (meta)", UKRAINIAN_BODY[1:], lang="uk", meta_charset="windows-1251")
    bom16 = codecs.BOM_UTF16_LE + _article("utf16-bom", 16).decode().encode("utf-16-le")
    gz_ok = _gz(_article("truncated-gzip", 21))
    chain = [f"/chain/{i}" for i in range(1, 26)]
    html = "text/html"
    routes: dict[str, Handler] = {
        "/robots.txt": _fixed(200, b"User-agent: *\nDisallow: /private/\n", "text/plain"),
        n + "ok-article-plain-text": _fixed(200, ok),
        dup: _fixed(200, ok.replace(b"<h1>", b"<h1>Copy: ")),  # linked only from the ok article
        n + "server-error-500-story": _fixed(500, b"oops"),
        n + "busy-503-then-fine-story": _first_then(_fixed(503, b"busy", headers={"Retry-After": "1"}),
                                                    _fixed(200, _article("busy-then-fine", 2))),
        n + "busy-503-always-story": _fixed(503, b"busy", headers={"Retry-After": "1"}),
        n + "busy-503-retry-in-an-hour-story": _fixed(503, b"busy", headers={"Retry-After": "3600"}),
        n + "too-many-requests-429-story": _fixed(429, b"slow down"),
        n + "missing-404-story": _fixed(404, b"not found"),
        n + "gone-410-story": _fixed(410, b"gone"),
        n + "hanging-response-story": _hang,
        n + "reset-mid-body-story": _reset_mid_body,
        n + "truncated-gzip-story": _fixed(200, gz_ok[: len(gz_ok) // 2], html, {"Content-Encoding": "gzip"}),
        n + "corrupt-gzip-story": _fixed(200, gz_ok[:10] + b"\x00garbage" * 200, html, {"Content-Encoding": "gzip"}),
        n + "gzip-bomb-story": _fixed(200, _gzip_bomb(), html, {"Content-Encoding": "gzip"}),
        n + "larger-than-limit-story": _too_large,
        n + "larger-than-limit-unannounced-story": _too_large_unannounced,
        n + "redirect-loop-first-story": _redirect(n + "redirect-loop-second-story"),
        n + "redirect-loop-second-story": _redirect(n + "redirect-loop-first-story"),
        n + "long-redirect-chain-story": _redirect(chain[0]),
        n + "short-redirect-chain-story": _redirect("/chain/short/1"),
        "/chain/short/1": _redirect("/chain/short/2"),
        "/chain/short/2": _redirect(n + "end-of-short-chain-story"),
        n + "end-of-short-chain-story": _fixed(200, _article("end-of-short-chain", 3)),
        n + "pdf-report-story.html": _fixed(200, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "application/pdf"),
        n + "photo-of-the-day-story": _fixed(200, b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
        n + "data-feed-json-story": _fixed(200, b'{"headline": "not a page"}', "application/json"),
        n + "empty-body-story": _fixed(200, b""),
        n + "kyiv-windows-1251-with-header": _fixed(200, uk.encode("windows-1251"), "text/html; charset=windows-1251"),
        n + "kyiv-windows-1251-without-charset": _fixed(200, uk_plain.encode("windows-1251"), html),
        n + "tokyo-shift-jis-with-header": _fixed(200, ja.encode("shift_jis"), "text/html; charset=Shift_JIS"),
        n + "tokyo-shift-jis-meta-only": _fixed(200, ja_meta.encode("shift_jis"), html),
        n + "lying-meta-charset-story": _fixed(200, lying.encode("utf-8"), html),
        n + "utf8-bom-latin1-header-story": _fixed(200, codecs.BOM_UTF8 + _article("utf8-bom", 15),
                                                   "text/html; charset=iso-8859-1"),
        n + "utf16-bom-story": _fixed(200, bom16, html),
        n + "deeply-nested-markup-story": _fixed(200, _nested(1500)),
        n + "nested-beyond-parser-limit-story": _fixed(200, _nested(5000)),
        n + "unclosed-markup-story": _fixed(200, _unclosed()),
        n + "five-megabyte-single-line-story": _fixed(200, _single_line()),
        "/private/2024/02/robots-disallowed-story": _fixed(200, _article("private", 60)),
        "/sitemap-entity-bomb.xml": _fixed(200, ENTITY_BOMB, "application/xml"),
        "/sitemap-external-entity.xml": _fixed(200, EXTERNAL_ENTITY, "application/xml"),
    }
    routes.update({path: _redirect(target) for path, target in zip(chain, [*chain[1:], n + "ok-article-plain-text"], strict=True)})
    unlinked = ("/robots.txt", dup, n + "end-of-short-chain-story", n + "redirect-loop-second-story")
    linked = [p for p in routes if p not in unlinked and not p.startswith("/chain/")]
    links = [(p, "Link to " + p.strip("/").replace("/", " ").replace("-", " ")) for p in linked]
    more = [(n + "ok-article-plain-text", "The ok article linked twice"),
            (n + "only-on-the-second-listing-story", "Only on the second listing")]
    routes[n + "only-on-the-second-listing-story"] = _fixed(200, _article("only-on-the-second-listing", 5))
    routes["/section/more/"] = _fixed(200, listing_html("More stories", more).encode())
    links.append(("/section/more/", "More stories from the section"))
    routes["/"] = _fixed(200, listing_html("Fault index", links).encode())
    return routes


def start() -> FaultServer:
    server = FaultServer()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


__all__ = ["ENTITY_BOMB", "EXTERNAL_ENTITY", "JAPANESE_BODY", "UKRAINIAN_BODY", "FaultServer", "start"]
