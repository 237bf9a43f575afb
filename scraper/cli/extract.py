"""``scraper extract``: records from saved pages (.html, .html.gz, folders of them), or from WARC files."""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from scraper.cli.checks import check_timezone, check_url
from scraper.cli.output import output
from scraper.cli.pages import find_pages, page_ids, read_page, url_hint
from scraper.errors import InputError, NotHTML
from scraper.schema import ordered

EXIT_OK, EXIT_PARTIAL = 0, 1


def cmd_extract(args: argparse.Namespace) -> int:
    if args.warc:
        from scraper.cli.dataset import cmd_extract_warc
        return cmd_extract_warc(args)
    if not args.paths:
        raise InputError("extract needs page paths or --warc FILE")
    if args.url:
        check_url(args.url)
    check_timezone(args.timezone)
    pages = list(find_pages(args.paths))
    if args.url and len(pages) > 1:
        raise InputError("--url applies to a single page; got several")
    if not pages:
        raise InputError(f"no HTML pages (.html, .htm, .html.gz, .xhtml) in {' '.join(args.paths)}")
    ids = page_ids(pages)
    failed = listings = 0
    progress = _Progress(len(pages), args.progress or sys.stderr.isatty())
    with output(args.output) as out, output(args.listings) if args.listings else _nowhere() as lists:
        for path in pages:
            progress.step()
            try:
                data = read_page(path)
                url = args.url or url_hint(data) or path.resolve().as_uri()
                kind, record = _extract(data, url, args.timezone, routed=bool(args.listings))
            except (InputError, NotHTML) as exc:
                failed += 1
                print(f"scraper: {exc if isinstance(exc, InputError) else f'{path}: {exc}'}",
                      file=sys.stderr)
                continue
            listings += kind == "listing"
            if kind == "listing" and lists is not None:  # a listing record as the crawl writes it
                lists.write(json.dumps(record, ensure_ascii=False) + "\n")
                continue
            record["source"] = str(path)
            if not args.plain:  # the keys evaluation tools join on (article-extraction-benchmark format)
                record["id"] = ids[path]
                record["articleBody"] = record.get("body") or ""
            out.write(json.dumps(ordered(record), ensure_ascii=False) + "\n")
    progress.done()
    print(_summary(len(pages), failed, listings, args.listings), file=sys.stderr)
    return EXIT_PARTIAL if failed else EXIT_OK


def _extract(data: bytes, url: str, timezone: str | None, routed: bool) -> tuple[str, dict[str, Any]]:
    """("article" | "listing", record). Unrouted, a listing page still gives its article record
    (every page in, one record out: benchmark folders score that way), but is counted."""
    from scraper.extract import Page, extract_page
    from scraper.extract.route import judge, listing_record

    page = Page.from_html(data, url)
    record = extract_page(page, timezone=timezone)
    kind = "article" if judge(page, record).is_article else "listing"
    if kind == "listing" and routed:
        return kind, listing_record(page, fetched_at=None, timezone=timezone)
    return kind, dict(record)


def _summary(pages: int, failed: int, listings: int, listings_file: str | None) -> str:
    line = f"extracted {pages - failed} of {pages} pages"
    if not listings:
        return line
    if listings_file:
        return f"{line}: {pages - failed - listings} articles, {listings} listing pages to {listings_file}"
    return (f"{line}; {listings} look like listing pages, not articles (written as articles; "
            f"--listings FILE writes them as listing records instead)")


class _Progress:
    """``extract: 120/2300 pages (5%, 41.2 pages/s)`` on stderr about once a second: rewritten in
    place on a terminal, one line each with ``--progress`` into a file or pipe."""

    def __init__(self, total: int, shown: bool) -> None:
        self.total, self.shown, self.tty = total, shown, sys.stderr.isatty()
        self.count, self.start = 0, time.monotonic()
        self.last = self.start

    def step(self) -> None:
        self.count += 1
        now = time.monotonic()
        if self.shown and now - self.last >= 1.0:
            self.last = now
            self._print(self.count - 1, now)

    def done(self) -> None:
        if self.shown:
            self._print(self.count, time.monotonic())
            if self.tty:
                print(file=sys.stderr)

    def _print(self, count: int, now: float) -> None:
        rate = count / max(now - self.start, 1e-6)
        line = f"extract: {count}/{self.total} pages ({count / max(self.total, 1):.0%}, {rate:.1f} pages/s)"
        print(("\r" + line) if self.tty else line, end="" if self.tty else "\n", file=sys.stderr, flush=True)


@contextmanager
def _nowhere() -> Iterator[None]:
    yield None
