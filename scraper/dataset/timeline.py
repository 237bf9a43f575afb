"""Articles over time on a continuous axis: every day, week or month in the range, empty ones too.

A chart of only the days that have articles makes a two-year gap look like two
consecutive days; here the range is cut into equal buckets, and the bucket size
grows with the range so a chart never has more than about 120 bars.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

#: Longest range, in days, drawn one bar a day; then one bar a week up to the next limit; then months.
DAILY_UP_TO = 120
WEEKLY_UP_TO = 7 * 120


def _day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def _week(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())  # the Monday of its ISO week


def _month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _next(start: dt.date, unit: str) -> dt.date:
    if unit == "day":
        return start + dt.timedelta(days=1)
    if unit == "week":
        return start + dt.timedelta(days=7)
    return (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def timeline(per_day: Mapping[str, int]) -> tuple[str, dict[str, int]]:
    """(unit, {bucket label: articles}) for every bucket from the first to the last date.

    Labels are ``YYYY-MM-DD`` for days and weeks (the week's Monday) and ``YYYY-MM`` for months."""
    days = {d: n for text, n in per_day.items() if (d := _day(text)) is not None}
    if not days:
        return "day", {}
    first, last = min(days), max(days)
    span = (last - first).days + 1
    unit = "day" if span <= DAILY_UP_TO else "week" if span <= WEEKLY_UP_TO else "month"
    start_of = {"day": lambda d: d, "week": _week, "month": _month}[unit]
    counts: dict[dt.date, int] = {}
    bucket = start_of(first)
    while bucket <= last:
        counts[bucket] = 0
        bucket = _next(bucket, unit)
    for day, n in days.items():
        counts[start_of(day)] += n
    label = (lambda d: d.strftime("%Y-%m")) if unit == "month" else (lambda d: d.isoformat())
    return unit, {label(d): n for d, n in counts.items()}
