"""The HTML report renders its charts in a real browser (headless Chromium, offline, file:// URL).

The bars are whole-pixel rectangles with crispEdges, so the screenshot must
hold exactly as many pixels of each chart's colour as its rectangles cover.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from scraper.dataset.report import COLOURS, build_report
from tests.dataset_helpers import run_crawl

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars", "--force-device-scale-factor=1", "--window-size=1000,2400"]
RECT = re.compile(r'<rect x="\d+" y="\d+" width="(\d+)" height="(\d+)" fill="(#[0-9a-f]{6})"')


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed: .ci/run must install it")
        pytest.skip("chromium is not installed")
    return found


def screenshot(html: Path, out: Path, profile: Path) -> None:
    done = subprocess.run([chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--screenshot={out}",
                           html.as_uri()], check=False, capture_output=True, text=True, timeout=120)
    assert (done.returncode, out.is_file()) == (0, True), done.stderr[-2000:]


def expected_areas(page: str) -> dict[str, int]:
    areas = {colour: 0 for colour in COLOURS.values()}
    for width, height, colour in RECT.findall(page):
        if colour in areas:
            areas[colour] += int(width) * int(height)
    return areas


def painted_areas(png: Path) -> dict[str, int]:
    from PIL import Image

    wanted = {tuple(int(c[i:i + 2], 16) for i in (1, 3, 5)): c for c in COLOURS.values()}
    counts = dict.fromkeys(COLOURS.values(), 0)
    with Image.open(png) as image:
        for count, pixel in image.convert("RGB").getcolors(maxcolors=1 << 20):
            if pixel in wanted:
                counts[wanted[pixel]] += count
    return counts


def test_report_charts_render_in_headless_chromium(tmp_path: Path) -> None:
    pytest.importorskip("PIL")
    run_crawl(tmp_path / "data")
    page = build_report(tmp_path / "data")
    html = tmp_path / "report.html"
    html.write_text(page, encoding="utf-8")
    screenshot(html, tmp_path / "shot.png", tmp_path / "profile")
    expected = expected_areas(page)
    assert all(area > 0 for area in expected.values()), expected  # every chart has bars
    assert painted_areas(tmp_path / "shot.png") == expected
