"""Dataset commands: ``scraper validate``, ``scraper stats``, ``scraper report``, ``scraper extract --warc``.

Bad input (missing file, unreadable gzip or WARC, unwritable output) is an
``InputError``: one line on stderr, exit status 2. ``validate`` exits 1 when
some lines are not valid records.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from scraper.cli.output import output
from scraper.dataset.table import TOP

EXIT_OK, EXIT_INVALID = 0, 1
#: ``validate`` prints at most this many problems (the count is always complete).
SHOWN = 200


def cmd_validate(args: argparse.Namespace) -> int:
    from scraper.dataset.check import check
    from scraper.dataset.files import read_lines, resolve

    path = resolve(args.path)
    bad_lines: set[int] = set()
    shown = 0
    for problem in check(path):
        bad_lines.add(problem.line)
        if shown < SHOWN:
            print(f"{path}:{problem.line}: {problem.message}")
            shown += 1
    total = sum(1 for _ in read_lines(path))
    print(f"{total - len(bad_lines)} of {total} lines are valid records; "
          f"{len(bad_lines)} invalid", file=sys.stderr)
    return EXIT_INVALID if bad_lines else EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    from scraper.dataset.files import read_lines
    from scraper.dataset.summary import summary_of
    from scraper.dataset.table import render_table

    summary = summary_of(read_lines(args.path))
    if args.json:
        print(json.dumps(summary.as_dict(), indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(render_table(summary, args.top))
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from scraper.dataset.report import build_report

    page = build_report(args.path)
    with output(args.output) as out:
        out.write(page)
    if args.output and args.output != "-":
        print(f"wrote {args.output}", file=sys.stderr)
    return EXIT_OK


def cmd_extract_warc(args: argparse.Namespace) -> int:
    """Re-extract the records a live crawl gives from WARC files (see ``scraper.dataset.replay``)."""
    from scraper.dataset.replay import Replay, replay_records
    from scraper.errors import InputError
    from scraper.schema import ordered

    if args.paths or args.url:
        raise InputError("--warc takes no page paths and no --url (the WARC records carry their URLs)")
    paths = [Path(p) for p in args.warc]
    for path in paths:
        if not path.is_file():
            raise InputError(f"{path}: no such file")
    replay = Replay()
    written = 0
    with output(args.output) as out:
        for record in replay_records(paths, timezone=args.timezone, replay=replay):
            out.write(json.dumps(ordered(record), ensure_ascii=False) + "\n")
            written += 1
    counts = ", ".join(f"{k}: {v}" for k, v in sorted(replay.outcomes.items()))
    print(f"extracted {written} articles from {len(paths)} WARC file(s) ({counts})", file=sys.stderr)
    return EXIT_OK


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of at least 1")
    return int(value)


def add_commands(sub: Any) -> None:
    """Add the dataset subcommands to the ``scraper`` parser's subparsers."""
    validate = sub.add_parser("validate", help="check every line of a JSONL file against the record schema")
    validate.add_argument("path", metavar="PATH", help="articles.jsonl[.gz], listings.jsonl or a dataset folder")
    validate.set_defaults(func=cmd_validate)

    stats = sub.add_parser("stats", help="summarise a JSONL file: counts, dates, coverage, top values")
    stats.add_argument("path", metavar="PATH", help="articles.jsonl[.gz] or a dataset folder")
    stats.add_argument("--json", action="store_true", help="print the manifest's summary as JSON instead")
    stats.add_argument("--top", type=_positive, default=TOP, metavar="N",
                       help=f"rows per top list; the rest are counted as others (default {TOP})")
    stats.set_defaults(func=cmd_stats)

    report = sub.add_parser("report", help="write a self-contained HTML report with charts")
    report.add_argument("path", metavar="PATH")
    report.add_argument("-o", "--output", default="report.html", help="HTML file to write (- for stdout)")
    report.set_defaults(func=cmd_report)
