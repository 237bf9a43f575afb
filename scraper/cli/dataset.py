"""Dataset commands: ``scraper validate``, ``scraper stats``, ``scraper report``, ``scraper extract --warc``.

Bad input (missing file, unreadable gzip or WARC, unwritable output) is an
``InputError``: one line on stderr, exit status 2. ``validate`` exits 1 when
some lines are not valid records, a file is empty, or a file differs from the manifest.
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
    from scraper.dataset.files import resolve

    path = Path(args.path)
    if not path.is_dir():
        return EXIT_INVALID if validate_file(resolve(path)) else EXIT_OK
    invalid = validate_file(resolve(path), label=True)
    if (path / "listings.jsonl").is_file():
        invalid |= validate_file(path / "listings.jsonl", label=True, may_be_empty=True)
    invalid |= validate_manifest(path)
    return EXIT_INVALID if invalid else EXIT_OK


def validate_file(path: Path, *, label: bool = False, may_be_empty: bool = False) -> bool:
    """Print the problems of one JSONL file (stdout) and its count line (stderr); True if any.

    An empty file is a problem (a crawl that wrote nothing, a copy that failed), except a
    dataset folder's listings.jsonl: a crawl of sitemaps alone meets no listing page."""
    from scraper.dataset.check import check
    from scraper.dataset.files import read_lines

    prefix = f"{path.name}: " if label else ""
    bad_lines: set[int] = set()
    shown = 0
    for problem in check(path):
        bad_lines.add(problem.line)
        if shown < SHOWN:
            print(f"{path}:{problem.line}: {problem.message}")
            shown += 1
    total = sum(1 for _ in read_lines(path))
    if not total:
        if not may_be_empty:
            print(f"{path}: the file is empty (no records)")
        print(f"{prefix}0 lines: the file is empty", file=sys.stderr)
        return not may_be_empty
    print(f"{prefix}{total - len(bad_lines)} of {total} lines are valid records; "
          f"{len(bad_lines)} invalid", file=sys.stderr)
    return bool(bad_lines)


def validate_manifest(folder: Path) -> bool:
    """Print each file whose size or SHA-256 differs from manifest.json; True if any."""
    from scraper.dataset.check import manifest_problems

    if not (folder / "manifest.json").is_file():
        return False
    problems = list(manifest_problems(folder))
    for line in problems:
        print(line)
    files = len(json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["files"])
    if problems:
        print(f"manifest.json: {len(problems)} of {files} files differ", file=sys.stderr)
    else:
        print(f"manifest.json: {files} files match their sizes and SHA-256", file=sys.stderr)
    return bool(problems)


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
    validate = sub.add_parser("validate",
                              help="check a JSONL file or a dataset folder against the schemas and the manifest")
    validate.add_argument("path", metavar="PATH",
                          help="articles.jsonl[.gz], listings.jsonl, or a dataset folder (also checks its "
                          "listings.jsonl and the sizes and SHA-256 in manifest.json)")
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
