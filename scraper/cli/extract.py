"""``scraper extract``: records from saved pages (.html, .html.gz, folders of them), or from WARC files."""
from __future__ import annotations

import argparse
import json
import sys

from scraper.cli.checks import check_timezone, check_url
from scraper.cli.output import output
from scraper.cli.pages import find_pages, page_ids, read_page, url_hint
from scraper.errors import InputError, NotHTML
from scraper.schema import ordered

EXIT_OK, EXIT_PARTIAL = 0, 1


def cmd_extract(args: argparse.Namespace) -> int:
    from scraper.extract import extract

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
    failed = 0
    with output(args.output) as out:
        for path in pages:
            try:
                data = read_page(path)
                url = args.url or url_hint(data) or path.resolve().as_uri()
                record = dict(extract(data, url, timezone=args.timezone))
            except (InputError, NotHTML) as exc:
                failed += 1
                print(f"scraper: {exc if isinstance(exc, InputError) else f'{path}: {exc}'}",
                      file=sys.stderr)
                continue
            record["source"] = str(path)
            if not args.plain:  # the keys evaluation tools join on (article-extraction-benchmark format)
                record["id"] = ids[path]
                record["articleBody"] = record.get("body") or ""
            out.write(json.dumps(ordered(record), ensure_ascii=False) + "\n")
    print(f"extracted {len(pages) - failed} of {len(pages)} pages", file=sys.stderr)
    return EXIT_PARTIAL if failed else EXIT_OK
