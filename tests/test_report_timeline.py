"""The report's time axis is continuous (empty days, weeks or months included) and its lists are capped."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from scraper.dataset.report import COLOURS, build_report
from scraper.dataset.summary import top_with_others
from scraper.dataset.timeline import timeline
from tests.test_report_browser import expected_areas, painted_areas, screenshot


def test_days_with_a_gap_are_all_there() -> None:
    assert timeline({"2024-03-01": 2, "2024-03-04": 1}) == (
        "day", {"2024-03-01": 2, "2024-03-02": 0, "2024-03-03": 0, "2024-03-04": 1})


def test_a_long_range_is_drawn_in_weeks_from_their_monday() -> None:
    unit, weeks = timeline({"2024-01-03": 1, "2024-06-30": 2, "2024-07-01": 4})
    assert (unit, len(weeks), list(weeks)[:2], weeks["2024-01-01"], weeks["2024-06-24"], weeks["2024-07-01"]) == (
        "week", 27, ["2024-01-01", "2024-01-08"], 1, 2, 4)
    assert sum(weeks.values()) == 7


def test_years_are_drawn_in_months_and_a_two_year_gap_stays_a_gap() -> None:
    unit, months = timeline({"2020-01-15": 3, "2023-02-01": 1, "2023-02-28": 1})
    assert (unit, len(months), months["2020-01"], months["2022-06"], months["2023-02"]) == ("month", 38, 3, 0, 2)


def test_no_dates_no_bars() -> None:
    assert timeline({}) == ("day", {})


def test_top_lists_keep_ten_and_sum_the_rest() -> None:
    counts = {f"site{n:02d}.example": 20 - n for n in range(13)} | {"": 1}
    shown = top_with_others(counts, 10, blank="(no host)")
    assert list(shown)[-1] == "(4 others)" and shown["(4 others)"] == 10 + 9 + 8 + 1
    assert len(shown) == 11 and "(no host)" not in shown  # the blank is among the others here
    assert top_with_others({"": 3, "a.example": 1}, 10, blank="(no host)") == {"(no host)": 3, "a.example": 1}


def _records(folder: Path) -> Path:
    """A dataset spanning 2020-2023 with a two-year gap, 14 domains and file:// pages."""
    folder.mkdir()
    lines = []
    dates = ["2020-01-15", "2020-01-20", "2020-02-03"] + ["2023-02-01", "2023-02-10"] * 2
    for n, day in enumerate(dates * 3):
        host = f"news{n % 13:02d}.example" if n % 5 else None
        url = f"https://{host}/a/{n}" if host else f"file:///saved/page{n}.html"
        lines.append({"url": url, "headline": f"Story {n}", "published": f"{day}T10:00:00+01:00",
                      "authors": ["Ann Lee"], "language": "en", "schema_version": "1.0"})
    data = folder / "articles.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    return data


def test_the_report_shows_months_others_and_no_host_and_renders_in_chromium(tmp_path: Path) -> None:
    pytest.importorskip("PIL")
    page = build_report(_records(tmp_path / "data"))
    days = re.search(r'<svg[^>]*><title>Articles per month</title>(.*?)</svg>', page).group(1)
    bars = re.findall(r'<rect x="(\d+)" y="\d+" width="(\d+)" height="\d+" fill="[^"]+"><title>(\d{4}-\d{2}): (\d+)</title>',
                      days)  # only months with articles have a bar
    labels = re.findall(r'<text x="\d+" y="\d+" font-family[^>]*>(\d{4}-\d{2})</text>', days)
    step = int(bars[1][0]) - int(bars[0][0])  # 2020-01 and 2020-02 are neighbours
    assert [(month, int(n)) for _, _, month, n in bars] == [("2020-01", 6), ("2020-02", 3), ("2023-02", 12)]
    assert int(bars[2][0]) - int(bars[0][0]) == 37 * step  # 37 months apart on the axis, not 2 bars
    assert (labels[0], labels[-1], len(labels) <= 9) == ("2020-01", "2023-02", True)
    assert "(3 others)" in page and "(no host)" in page and "Sample records (the first 5)" in page
    html = tmp_path / "report.html"
    html.write_text(page, encoding="utf-8")
    screenshot(html, tmp_path / "shot.png", tmp_path / "profile")
    expected = expected_areas(page)
    assert painted_areas(tmp_path / "shot.png") == expected
    assert expected[COLOURS["days"]] > 0
