"""The publication date a page shows without structured data, found by htmldate.

htmldate (trafilatura's date engine) reads dates from markup patterns, free
text by the headline and byline, and the URL (``/2019/10/19/``), and checks
them for plausibility. It is the fallback when JSON-LD, microdata and meta tags
give no date: measured on the benchmark sets it finds more right dates than
our own markup heuristics (which stay as the next fallback). ``extensive_search``
stays off: its loose free-text search returns copyright years and archive
dates, and no date is better than a wrong one.
"""
from __future__ import annotations

import datetime as dt
import logging

from scraper.extract.dates import day_unless_zoned, parse_iso
from scraper.extract.page import Page

_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
_MIN_DATE = dt.datetime(1995, 1, 1)


def shown_date(page: Page, tz: str | None, now: dt.datetime | None) -> str | None:
    """ISO 8601 publication date (a bare day when the page gives no time), or None."""
    from htmldate import find_date  # imported lazily: most pages have structured dates

    if page.truncated:
        return None  # htmldate copies the whole tree: on a page cut at 6 MB (no article) that is 60 MB more

    latest = (now or dt.datetime.now(dt.timezone.utc)).replace(tzinfo=None) + dt.timedelta(days=1)
    logging.getLogger("htmldate").setLevel(logging.ERROR)
    try:
        found = find_date(page.tree, extensive_search=False, original_date=True, outputformat=_FORMAT,
                          url=page.url or None, min_date=_MIN_DATE, max_date=latest)
    except (ValueError, TypeError, OverflowError):
        return None
    if not found:
        return None
    if found.endswith("T00:00:00"):  # htmldate writes a bare day as midnight
        return parse_iso(found[:10])
    return day_unless_zoned(parse_iso(found, tz), found, tz)
