"""The ``scraper`` command: crawl, extract, demo, validate, stats, report.

Bad input (missing file, not HTML, unreadable gzip, bad URL, unwritable
output) is reported as one line on stderr with a non-zero exit status.
"""
from __future__ import annotations

import argparse
import os
import sys

from scraper import __version__
from scraper.cli.crawl import cmd_crawl, cmd_demo
from scraper.cli.crawl_options import add_crawl_options
from scraper.cli.dataset import add_commands
from scraper.cli.extract import cmd_extract
from scraper.errors import InputError

EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, not the usage block
        print(f"scraper: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="scraper", description="Crawl news sites and extract structured articles.")
    parser.add_argument("--version", action="version", version=f"scraper {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    crawl = sub.add_parser("crawl", help="crawl sites from start URLs and export JSON Lines")
    crawl.add_argument("urls", nargs="*", metavar="URL")
    crawl.add_argument("-o", "--output", help="JSON Lines file (default: OUTPUT_DIR/<run start time>/articles.jsonl)")
    crawl.add_argument("--timezone", help="IANA zone for dates without an offset (SITE_TIMEZONE)")
    crawl.add_argument("-s", "--set", action="append", metavar="NAME=VALUE", help="Scrapy setting")
    loudness = crawl.add_mutually_exclusive_group()
    loudness.add_argument("-v", "--verbose", action="store_true", help="show Scrapy's log (LOG_LEVEL=INFO)")
    loudness.add_argument("-q", "--quiet", action="store_true", help="errors only, no summary (LOG_LEVEL=ERROR)")
    crawl.add_argument("--progress", action="store_true",
                       help="a progress line on stderr every 5 s even when stderr is not a terminal "
                       "(PROGRESS_INTERVAL)")
    add_crawl_options(crawl)
    crawl.set_defaults(func=cmd_crawl)

    extract = sub.add_parser("extract", help="extract records from saved pages (.html, .html.gz, folders)")
    extract.add_argument("paths", nargs="*", metavar="PATH")
    extract.add_argument("--warc", action="append", metavar="FILE", help="re-extract from a WARC file (repeatable)")
    extract.add_argument("-o", "--output", help="JSON Lines file to write (default: standard output)")
    extract.add_argument("--url", help="the page's URL (single page only)")
    extract.add_argument("--progress", action="store_true",
                         help="a progress line on stderr about once a second (on by default on a terminal)")
    extract.add_argument("--listings", metavar="FILE",
                         help="write pages that are listings (home, section, tag pages) here as listing records")
    extract.add_argument("--plain", action="store_true",
                         help="omit the evaluation keys id and articleBody (keep only the record and source)")
    extract.add_argument("--timezone", help="IANA zone for dates without an offset (default: the page's own, told "
                         "by its country domain or language, else UTC; with --warc, the zone recorded in the capture)")
    extract.set_defaults(func=cmd_extract)

    demo = sub.add_parser("demo", help="serve the bundled demo site locally and crawl it")
    demo.add_argument("-o", "--output", default="output/articles.jsonl")
    demo.add_argument("-s", "--set", action="append", metavar="NAME=VALUE")
    demo.add_argument("--serve", action="store_true",
                      help="only serve the demo site (until Ctrl-C), for your own crawls of it")
    demo.add_argument("--port", type=int, default=0, help="port for --serve (default: a free one)")
    demo.set_defaults(func=cmd_demo, timezone=None)

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
    except BrokenPipeError:
        return _reader_went_away()


def _reader_went_away() -> int:
    """The reader of stdout closed it early (``scraper extract ... | head``): stop quietly.

    stdout is pointed at /dev/null so the interpreter's final flush cannot
    raise a second time; the exit status is the shell's for SIGPIPE.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return 128 + 13


if __name__ == "__main__":
    sys.exit(main())
