"""Bar charts as inline SVG: no script, no network, readable in any browser or offline.

Every rectangle has whole-pixel geometry and ``crispEdges``, so a chart
renders to exact areas (the report's browser test counts its pixels).
"""
from __future__ import annotations

from collections.abc import Mapping
from html import escape

FONT = 'font-family="system-ui, sans-serif" font-size="12" fill="#333"'
ROW = 22           # height of one row of a horizontal chart
BAR = 14           # thickness of a horizontal bar
LABEL = 220        # width kept for labels left of horizontal bars
LENGTH = 360       # length of a full horizontal bar
PLOT_HEIGHT = 160  # height of the vertical chart's plot area


def _svg(width: int, height: int, title: str, body: list[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" shape-rendering="crispEdges">'
            f"<title>{escape(title)}</title>{''.join(body)}</svg>")


def _short(label: str, limit: int = 32) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def horizontal_bars(values: Mapping[str, float], *, title: str, colour: str, maximum: float | None = None,
                    percent: bool = False) -> str:
    """One labelled bar per key, longest value = full length (or ``maximum``)."""
    top = maximum or max(values.values(), default=0) or 1
    body: list[str] = []
    for row, (label, value) in enumerate(values.items()):
        y = row * ROW
        length = round(LENGTH * value / top)
        shown = f"{value:.0%}" if percent else f"{value:g}"
        body.append(f'<text x="{LABEL - 8}" y="{y + 15}" text-anchor="end" {FONT}>{escape(_short(label))}</text>')
        if length > 0:
            body.append(f'<rect x="{LABEL}" y="{y + 4}" width="{length}" height="{BAR}" fill="{colour}"/>')
        body.append(f'<text x="{LABEL + length + 6}" y="{y + 15}" {FONT}>{shown}</text>')
    width = LABEL + LENGTH + 60
    return _svg(width, max(ROW * len(values), ROW) + 4, title, body)


def vertical_bars(values: Mapping[str, int], *, title: str, colour: str) -> str:
    """One bar per key in order (e.g. articles per day), labelled with the first and last keys and the peak."""
    count = len(values)
    step = max(4, min(40, 720 // max(count, 1)))
    bar = max(2, step - 2)
    left, top = 40, 16
    width = left + step * count + 20
    height = top + PLOT_HEIGHT + 40
    peak = max(values.values(), default=0) or 1
    body = [f'<text x="{left - 6}" y="{top + 4}" text-anchor="end" {FONT}>{peak}</text>',
            f'<text x="{left - 6}" y="{top + PLOT_HEIGHT}" text-anchor="end" {FONT}>0</text>',
            f'<rect x="{left}" y="{top + PLOT_HEIGHT}" width="{step * count}" height="1" fill="#999"/>']
    for index, (label, value) in enumerate(values.items()):
        tall = round(PLOT_HEIGHT * value / peak)
        x = left + index * step
        if tall > 0:
            body.append(f'<rect x="{x}" y="{top + PLOT_HEIGHT - tall}" width="{bar}" height="{tall}" '
                        f'fill="{colour}"><title>{escape(label)}: {value}</title></rect>')
        if index == 0:
            body.append(f'<text x="{x}" y="{top + PLOT_HEIGHT + 16}" {FONT}>{escape(label)}</text>')
        elif index == count - 1:
            body.append(f'<text x="{x + bar}" y="{top + PLOT_HEIGHT + 32}" text-anchor="end" {FONT}>'
                        f'{escape(label)}</text>')
    return _svg(max(width, 240), height, title, body)
