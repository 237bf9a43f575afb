"""``scraper report``: one self-contained HTML page about a dataset, charts as inline SVG.

Sections: the numbers, articles per day, per-field coverage, top sections,
authors and domains, language mix, and the run's drop and failure reasons
(from ``manifest.json`` or ``report.json`` next to the data file, when there).
"""
from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import Any

from scraper import __version__
from scraper.dataset.files import read_lines, resolve
from scraper.dataset.summary import summarize, top_with_others
from scraper.dataset.svg import horizontal_bars, vertical_bars
from scraper.dataset.timeline import timeline

#: Rows of each top list; the rest are one "(N others)" bar.
TOP = 10
#: Sample records shown at the end of the report.
SAMPLES = 5

#: Bar colour of each chart (distinct, so each chart can be found in a screenshot).
COLOURS = {
    "days": "#4e79a7", "coverage": "#59a14f", "sections": "#f28e2b", "authors": "#e15759",
    "domains": "#76b7b2", "languages": "#edc948", "reasons": "#b07aa1",
}

STYLE = """body{font-family:system-ui,sans-serif;margin:24px auto;max-width:960px;color:#222;line-height:1.4}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
table{border-collapse:collapse}td,th{padding:2px 12px 2px 0;text-align:left;vertical-align:top}
.muted{color:#777}figure{margin:0}"""


def run_outcomes(data_file: Path) -> dict[str, int]:
    """Drop and failure counts of the run that wrote ``data_file``, if its report is beside it."""
    for name, key in (("manifest.json", ("outcomes", "outcomes")), ("report.json", ("outcomes",))):
        path = data_file.parent / name
        if not path.is_file():
            continue
        try:
            value: Any = json.loads(path.read_text(encoding="utf-8"))
            for part in key:
                value = value[part]
        except (ValueError, KeyError, TypeError):
            continue
        if isinstance(value, dict):
            return {k: int(v) for k, v in sorted(value.items(), key=lambda kv: (-kv[1], kv[0]))
                    if k != "exported" and isinstance(v, int)}
    return {}


def _section(title: str, chart: str, note: str = "") -> str:
    content = chart if chart else f'<p class="muted">{escape(note or "nothing to show")}</p>'
    return f"<section><h2>{escape(title)}</h2><figure>{content}</figure></section>"


def _facts(path: Path, summary: dict[str, Any], run: dict[str, Any]) -> str:
    rows = [("file", str(path)), ("records", summary["records"]), ("lines that are not records", summary["bad_lines"]),
            ("first published", summary["date_range"]["first"] or "—"),
            ("last published", summary["date_range"]["last"] or "—"),
            ("schema versions", ", ".join(f"{k} ({v})" for k, v in summary["schema_versions"].items()) or "—")]
    if run:
        rows += [("start URLs", ", ".join(run.get("start_urls") or []) or "—"),
                 ("crawl started", run.get("started") or "—"), ("crawl finished", run.get("finished") or "—"),
                 ("finish reason", run.get("finish_reason") or "—"), ("made by", run.get("tool") or "—")]
    cells = "".join(f"<tr><th>{escape(k)}</th><td>{escape(str(v))}</td></tr>" for k, v in rows)
    return f"<table>{cells}</table>"


def run_facts(data_file: Path) -> dict[str, Any]:
    """Which run wrote the data: start URLs, times, tool version (from ``manifest.json`` beside it)."""
    try:
        manifest = json.loads((data_file.parent / "manifest.json").read_text(encoding="utf-8"))
        run, tool = dict(manifest.get("run") or {}), manifest.get("tool") or {}
    except (OSError, ValueError, AttributeError):
        return {}
    if isinstance(tool, dict) and tool.get("name"):
        run["tool"] = f"{tool['name']} {tool.get('version', '')}".strip()
    return run


def _samples(records: list[dict[str, Any]]) -> str:
    if not records:
        return ""
    head = "<tr><th>headline</th><th>published</th><th>authors</th><th>URL</th></tr>"
    rows = "".join(
        f"<tr><td>{escape(str(r.get('headline') or '—'))}</td><td>{escape(str(r.get('published') or '—'))}</td>"
        f"<td>{escape(', '.join(r.get('authors') or []) or '—')}</td><td>{escape(str(r.get('url') or ''))}</td></tr>"
        for r in records)
    return f"<table>{head}{rows}</table>"


def render(path: Path, summary: dict[str, Any], reasons: dict[str, int], run: dict[str, Any] | None = None,
           samples: list[dict[str, Any]] | None = None) -> str:
    """The report page for a summary (``scraper.dataset.summary``), the run's reasons and facts."""
    def bars(key: str, values: dict[str, Any], title: str, blank: str = "(none)", **kw: Any) -> str:
        shown = values if kw.get("percent") else top_with_others(values, TOP, blank)
        return horizontal_bars(shown, title=title, colour=COLOURS[key], **kw) if values else ""

    unit, counts = timeline(summary["articles_per_day"])
    sections = [
        _section(f"Articles per {unit} (by publication date)",
                 vertical_bars(counts, title=f"Articles per {unit}", colour=COLOURS["days"]) if counts else "",
                 "no article has a publication date"),
        _section("Field coverage (share of records with a value)",
                 bars("coverage", summary["coverage"], "Field coverage", maximum=1.0, percent=True)),
        _section("Top sections", bars("sections", summary["top_sections"], "Top sections")),
        _section("Top authors", bars("authors", summary["top_authors"], "Top authors")),
        _section("Domains", bars("domains", summary["by_domain"], "Domains", blank="(no host)")),
        _section("Languages", bars("languages", summary["languages"], "Languages")),
        _section("Why pages were dropped or failed (run report)", bars("reasons", reasons, "Drop and failure reasons"),
                 "no run report (manifest.json or report.json) next to this file"),
        _section(f"Sample records (the first {SAMPLES})", _samples(samples or []), "no records"),
    ]
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>Dataset report: {escape(path.name)}</title><style>{STYLE}</style></head><body>"
            f"<h1>Dataset report</h1><p class=\"muted\">news-scraper {escape(__version__)}</p>"
            f"{_facts(path, summary, run or {})}{''.join(sections)}</body></html>\n")


def _first_records(data_file: Path, count: int) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for line in read_lines(data_file):
        if line.record is not None:
            out.append(line.record)
        if len(out) >= count:
            break
    return out


def build_report(path: str | Path) -> str:
    """The HTML report of a dataset file or folder."""
    data_file = resolve(path)
    return render(data_file, summarize(read_lines(data_file)), run_outcomes(data_file), run_facts(data_file),
                  _first_records(data_file, SAMPLES))
