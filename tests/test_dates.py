"""Date parsing: each row names the rule it pins."""
from __future__ import annotations

import datetime as dt

import pytest

from scraper.extract.dates import parse_date

ROWS = [
    # ISO with offset is kept as given
    ("2024-02-02T21:52:00+02:00", None, "2024-02-02T21:52:00+02:00"),
    # Z and fractions
    ("2024-02-02T21:52:00.000Z", None, "2024-02-02T21:52:00+00:00"),
    # compact offset
    ("2024-02-02T21:52:00+0200", None, "2024-02-02T21:52:00+02:00"),
    # a bare day stays a bare day: no invented midnight
    ("2024-02-02", None, "2024-02-02"),
    # naive time is read in the site time zone (DST-aware)
    ("2024-07-02 10:00:00", "Europe/Kyiv", "2024-07-02T10:00:00+03:00"),
    ("2024-02-02 10:00", "Europe/Kyiv", "2024-02-02T10:00:00+02:00"),
    # RSS dates
    ("Fri, 02 Feb 2024 17:01:00 +0200", None, "2024-02-02T17:01:00+02:00"),
    # epoch seconds and milliseconds
    ("1706886000", None, "2024-02-02T15:00:00+00:00"),
    ("1706886000000", None, "2024-02-02T15:00:00+00:00"),
    # free text with a zone abbreviation
    ("Feb. 2, 2024 5:01 PM EET", None, "2024-02-02T17:01:00+02:00"),
    # Ukrainian month name, site zone applies
    ("2 лютого 2024, 14:30", "Europe/Kyiv", "2024-02-02T14:30:00+02:00"),
    # German with "Uhr"
    ("2. Februar 2024, 09:15 Uhr", "Europe/Berlin", "2024-02-02T09:15:00+01:00"),
    # free text without a time gives the day only
    ("February 2, 2024", None, "2024-02-02"),
    # labels before the date are ignored
    ("Published: 2024-02-02T08:00:00Z", None, "2024-02-02T08:00:00+00:00"),
    # nonsense and out-of-range years give nothing
    ("not a date", None, None),
    ("0001-01-01T00:00:00Z", None, None),
    ("", None, None),
]


@pytest.mark.parametrize(("raw", "tz", "expected"), ROWS)
def test_parse_date(raw: str, tz: str | None, expected: str | None) -> None:
    assert parse_date(raw, tz) == expected


def test_relative_date_resolves_against_fetch_time() -> None:
    now = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.timezone.utc)
    assert parse_date("2 hours ago", "UTC", now=now) == "2026-11-26T10:00:00+00:00"


@pytest.mark.parametrize(("raw", "expected"), [
    ("06.01.2026, 14:05", "2026-01-06T14:05:00+00:00"),  # dotted dates are day first, time kept
    ("05.04.2025 - Güncelleme : 05.04.2025", "2025-04-05"),  # Turkish dateline, day only
    ("06.01.2026, Lesezeit 5 Min.", "2026-01-06"),  # words after the date do not matter
])
def test_dotted_numeric_dates_are_day_first(raw: str, expected: str) -> None:
    assert parse_date(raw, "UTC") == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("입력 : 2025-06-04 02:37:08", "2025-06-04T02:37:08+09:00"),  # a label in any language before it
    ("更新 2025/06/04 02:37", "2025-06-04T02:37:00+09:00"),
    ("2019年2月27日 読了時間 3 分", "2019-02-27"),  # reading time after it: no time of day
    ("2025년 6월 4일 오전", "2025-06-04"),
    ("dc.date.modified 2017-03-13|21h15", "2017-03-13T21:15:00+09:00"),
    ("v2.2025-06-04", None),  # inside a longer token: no date
    ("release 2025-13-40", None),
])
def test_year_first_numeric_dates_need_no_language(raw: str, expected: str | None) -> None:
    assert parse_date(raw, "Asia/Seoul", languages=["xx"]) == expected


@pytest.mark.parametrize(("raw", "languages"), [
    ("2 hours ago", None),  # words the relative-date pattern knows
    ("před 2 hodinami", ["cs"]),  # and words only dateparser knows (Czech "2 hours ago")
    ("2 órája", ["hu"]),
])
def test_relative_date_without_fetch_time_gives_no_date(raw: str, languages: list[str] | None) -> None:
    """A saved page of unknown date: "2 hours ago" is no date, not today's (no date beats a wrong one)."""
    assert parse_date(raw, "UTC", languages=languages) is None
