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


#: At most this many labels under a vertical chart; the others are every k-th bar.
TICKS = 8


def vertical_bars(values: Mapping[str, int], *, title: str, colour: str) -> str:
    """One bar per key in order (e.g. articles per week), with a labelled y axis (0, half, peak)
    and a label under every k-th bar (at most ``TICKS``, the first and the last among them)."""
    count = len(values)
    step = max(4, min(40, 720 // max(count, 1)))
    bar = max(2, step - 2)
    left, top = 48, 16
    width = left + step * count + 60
    height = top + PLOT_HEIGHT + 40
    peak = max(values.values(), default=0) or 1
    body = [f'<rect x="{left}" y="{top + PLOT_HEIGHT}" width="{step * count}" height="1" fill="#999"/>']
    for share in (0, 0.5, 1):
        if share == 0.5 and peak < 2:
            continue
        y = top + PLOT_HEIGHT - round(PLOT_HEIGHT * share)
        body.append(f'<text x="{left - 6}" y="{y + 4}" text-anchor="end" {FONT}>{round(peak * share):g}</text>')
    every = max(1, -(-count // TICKS))  # ceiling division
    for index, (label, value) in enumerate(values.items()):
        tall = round(PLOT_HEIGHT * value / peak)
        x = left + index * step
        if tall > 0:
            body.append(f'<rect x="{x}" y="{top + PLOT_HEIGHT - tall}" width="{bar}" height="{tall}" '
                        f'fill="{colour}"><title>{escape(label)}: {value}</title></rect>')
        if index % every == 0 or (index == count - 1 and count > 1 and (count - 1) % every >= every // 2):
            body.append(f'<text x="{x}" y="{top + PLOT_HEIGHT + 16 + 14 * (index // every % 2)}" {FONT}>'
                        f'{escape(label)}</text>')
    return _svg(max(width, 240), height + 14, title, body)
