"""Store every fetched response (and its request) as WARC, for re-extraction later.

``scraper extract --warc FILE`` re-reads the file (``scraper.dataset.replay``). The
middleware sits next to the downloader (order 950, after HttpCompression),
so it stores the body as it came over the wire, with its Content-Encoding.
The transport's Transfer-Encoding is already undone, so that header is kept
as ``X-Crawler-Transfer-Encoding``. Each record is flushed as it is written:
a killed crawl leaves a readable file.

Settings:
    WARC_ENABLED   capture (default False).
    WARC_FILE      path of the .warc.gz (default ``capture.warc.gz`` in the dataset folder).
    SITE_TIMEZONE  recorded in the warcinfo record, so re-extraction can use the same zone.
"""
from __future__ import annotations

import logging
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from scrapy import Request, signals
from scrapy.exceptions import NotConfigured
from scrapy.http import Headers, Response
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from scraper import __version__
from scraper.crawl.dataset_dir import dataset_file

logger = logging.getLogger(__name__)

WARC_NAME = "capture.warc.gz"


def header_pairs(headers: Headers) -> list[tuple[str, str]]:
    pairs = []
    for name, values in headers.items():
        key = name.decode("latin-1")
        if key.lower() == "transfer-encoding":
            key = "X-Crawler-Transfer-Encoding"
        pairs.extend((key, v.decode("utf-8", "replace")) for v in values)
    return pairs


def status_line(status: int) -> str:
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"{status} Unknown"


class WarcCapture:
    def __init__(self, path: Path, info: dict[str, str]) -> None:
        self.path = path
        self.info = info
        self._fh: IO[bytes] | None = None
        self.writer: WARCWriter | None = None
        self.records = 0

    @classmethod
    def from_crawler(cls, crawler: Any) -> WarcCapture:
        settings = crawler.settings
        if not settings.getbool("WARC_ENABLED"):
            raise NotConfigured  # off by default: no warning
        path = Path(settings.get("WARC_FILE") or dataset_file(crawler, WARC_NAME))
        info = {"software": f"news-scraper/{__version__}", "format": "WARC File Format 1.1",
                "site-timezone": settings.get("SITE_TIMEZONE") or "",  # "": each page's own, as in the crawl
                "robots": "obey" if settings.getbool("ROBOTSTXT_OBEY") else "ignore"}
        ext = cls(path, info)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._fh = self.path.open("ab")
        self.writer = WARCWriter(self._fh, gzip=True, warc_version="1.1")
        self._write(self.writer.create_warcinfo_record(self.path.name, self.info))

    def spider_closed(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
            logger.info("%d WARC records written to %s", self.records, self.path)

    def process_response(self, request: Request, response: Response) -> Response:
        if self.writer is not None:
            self.capture(request, response)
        return response

    def capture(self, request: Request, response: Response) -> None:
        assert self.writer is not None
        protocol = response.protocol or "HTTP/1.1"
        http = StatusAndHeaders(status_line(response.status), header_pairs(response.headers), protocol=protocol)
        record = self.writer.create_warc_record(response.url, "response", payload=BytesIO(response.body),
                                                http_headers=http)
        self._write(record)
        parts = urlsplit(request.url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        line = f"{request.method} {target} {protocol}"
        asked = StatusAndHeaders(line, header_pairs(request.headers), protocol=protocol, is_http_request=True)
        concurrent = {"WARC-Concurrent-To": record.rec_headers.get_header("WARC-Record-ID")}
        self._write(self.writer.create_warc_record(request.url, "request", payload=BytesIO(request.body or b""),
                                                   http_headers=asked, warc_headers_dict=concurrent))

    def _write(self, record: Any) -> None:
        assert self.writer is not None and self._fh is not None
        self.writer.write_record(record)
        self._fh.flush()
        self.records += 1
