"""Command line: ``scraper crawl``, ``scraper extract``, ``scraper demo``
(and the dataset commands of ``scraper.dataset_cli``: validate, stats, report, extract --warc).

Bad input (missing file, not HTML, unreadable gzip, bad URL, unwritable
output) is reported as one line on stderr with a non-zero exit status.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from scraper import __version__
from scraper.cli_checks import check_jobdir, check_setting_types, check_timezone
from scraper.crawl.options import add_crawl_options
from scraper.sources import InputError, find_pages, page_id, read_page, url_hint

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, not the usage block
        print(f"scraper: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def check_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"{url!r} is not an http(s) URL")
    return url


@contextmanager
def _output(path: str | None) -> Iterator[IO[str]]:
    if not path or path == "-":
        yield sys.stdout
        return
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "w", encoding="utf-8")  # noqa: SIM115 - opening may fail with a user error
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror or exc})") from None
    with handle:
        yield handle


# --------------------------------------------------------------------------- extract
def cmd_extract(args: argparse.Namespace) -> int:
    from pipelines.export import ordered
    from scraper.extract import NotHTML, extract
    from scraper.normalize import normalize_record

    if args.warc:
        from scraper.dataset_cli import cmd_extract_warc
        return cmd_extract_warc(args)
    if not args.paths:
        raise InputError("extract needs page paths or --warc FILE")
    if args.url:
        check_url(args.url)
    check_timezone(args.timezone)
    pages = list(find_pages(args.paths))
    if args.url and len(pages) > 1:
        raise InputError("--url applies to a single page; got several")
    failed = 0
    with _output(args.output) as out:
        for path in pages:
            try:
                data = read_page(path)
                url = args.url or url_hint(data) or path.resolve().as_uri()
                record = normalize_record(extract(data, url, timezone=args.timezone), args.timezone)
            except (InputError, NotHTML) as exc:
                failed += 1
                print(f"scraper: {exc if isinstance(exc, InputError) else f'{path}: not HTML ({exc})'}",
                      file=sys.stderr)
                continue
            record["source"] = str(path)
            if not args.plain:  # the keys evaluation tools join on (article-extraction-benchmark format)
                record["id"] = page_id(path)
                record["articleBody"] = record.get("body") or ""
            out.write(json.dumps(ordered(record), ensure_ascii=False) + "\n")
    print(f"extracted {len(pages) - failed} of {len(pages)} pages", file=sys.stderr)
    return EXIT_PARTIAL if failed else EXIT_OK


# --------------------------------------------------------------------------- crawl
def _settings(args: argparse.Namespace) -> Any:
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "scraper.settings")
    from scrapy.utils.project import get_project_settings

    settings = get_project_settings()
    defaults = {name: settings[name] for name in settings}
    for pair in args.set or []:
        if "=" not in pair:
            raise InputError(f"-s expects NAME=VALUE, got {pair!r}")
        name, value = pair.split("=", 1)
        settings.set(name.strip(), value, priority="cmdline")
    check_setting_types(settings, [p.split("=", 1)[0].strip() for p in args.set or []], defaults)
    check_jobdir(settings)
    check_timezone(settings.get("SITE_TIMEZONE"))
    if getattr(args, "output", None):
        try:
            Path(args.output).parent.mkdir(parents=True, exist_ok=True)
            Path(args.output).touch()
        except OSError as exc:
            raise InputError(f"{args.output}: cannot write ({exc.strerror or exc})") from None
        settings.set("OUTPUT_FILE", args.output, priority="cmdline")
    if getattr(args, "timezone", None):
        settings.set("SITE_TIMEZONE", check_timezone(args.timezone), priority="cmdline")
    return settings


def run_crawl(settings: Any, **spider_args: Any) -> dict[str, Any]:
    """Run the news spider to completion; returns its final stats."""
    from scrapy.crawler import CrawlerProcess

    process = CrawlerProcess(settings)
    crawler = process.create_crawler("news")
    process.crawl(crawler, **spider_args)
    process.start()
    return dict(crawler.stats.get_stats() if crawler.stats else {})


def summary(stats: dict[str, Any]) -> str:
    outcomes = {k.removeprefix("outcome/"): v for k, v in sorted(stats.items()) if k.startswith("outcome/")}
    met = outcomes.pop("met", 0)
    exported = outcomes.pop("exported", 0)
    lines = [f"URLs met: {met}", f"  exported: {exported}"]
    lines += [f"  {name}: {count}" for name, count in outcomes.items()]
    return "\n".join(lines)


def cmd_crawl(args: argparse.Namespace) -> int:
    from scraper.crawl.options import apply_crawl_settings, spider_args

    urls = [check_url(u) for u in args.urls]
    for url in args.sitemap + args.feed:
        check_url(url)
    arguments = spider_args(args, urls)
    settings = _settings(args)
    apply_crawl_settings(args, settings)
    stats = run_crawl(settings, **arguments)
    print(summary(stats), file=sys.stderr)
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    """Serve fixtures/demo on 127.0.0.1 and crawl it as http://demo.test/ through that server.

    The local server also acts as the HTTP proxy for demo.test, so the records carry
    the same URLs as the golden fixtures, and nothing leaves the machine."""
    from scraper.demo_site import DEMO_BASE, serve

    server, base = serve()
    os.environ["http_proxy"] = base
    os.environ.pop("no_proxy", None)
    # a demo run is a fresh crawl each time (STATE_DIR=memory): it rewrites its file
    demo = ["AUTOTHROTTLE_ENABLED=False", "DOWNLOAD_DELAY=0", "LOG_LEVEL=WARNING", "STATE_DIR=memory"]
    args.set = demo + (args.set or [])
    settings = _settings(args)
    print(f"serving the demo site on {base} (as {DEMO_BASE})", file=sys.stderr)
    try:
        stats = run_crawl(settings, start_urls=DEMO_BASE + "/")
    finally:
        server.shutdown()
    print(summary(stats), file=sys.stderr)
    print(f"wrote {settings.get('OUTPUT_FILE')} (run report: report.json beside it)", file=sys.stderr)
    return EXIT_OK


# --------------------------------------------------------------------------- main
def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="scraper", description="Crawl news sites and extract structured articles.")
    parser.add_argument("--version", action="version", version=f"scraper {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    crawl = sub.add_parser("crawl", help="crawl sites from start URLs and export JSON Lines")
    crawl.add_argument("urls", nargs="*", metavar="URL")
    crawl.add_argument("-o", "--output", help="JSON Lines file (default: OUTPUT_DIR/<run start time>/articles.jsonl)")
    crawl.add_argument("--timezone", help="IANA zone for dates without an offset (SITE_TIMEZONE)")
    crawl.add_argument("-s", "--set", action="append", metavar="NAME=VALUE", help="Scrapy setting")
    add_crawl_options(crawl)
    crawl.set_defaults(func=cmd_crawl)

    extract = sub.add_parser("extract", help="extract records from saved pages (.html, .html.gz, folders)")
    extract.add_argument("paths", nargs="*", metavar="PATH")
    extract.add_argument("--warc", action="append", metavar="FILE", help="re-extract from a WARC file (repeatable)")
    extract.add_argument("-o", "--output", help="JSON Lines file to write (default: standard output)")
    extract.add_argument("--url", help="the page's URL (single page only)")
    extract.add_argument("--plain", action="store_true",
                         help="omit the evaluation keys id and articleBody (keep only the record and source)")
    extract.add_argument("--timezone", help="IANA zone for dates without an offset (default UTC; with --warc, "
                         "the zone recorded in the capture)")
    extract.set_defaults(func=cmd_extract)

    demo = sub.add_parser("demo", help="serve the bundled demo site locally and crawl it")
    demo.add_argument("-o", "--output", default="output/articles.jsonl")
    demo.add_argument("-s", "--set", action="append", metavar="NAME=VALUE")
    demo.set_defaults(func=cmd_demo, timezone=None)

    from scraper.dataset_cli import add_commands
    add_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except InputError as exc:
        print(f"scraper: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("scraper: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
