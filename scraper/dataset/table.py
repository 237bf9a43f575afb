"""``scraper stats`` as a table a person reads: counts, date range, coverage, top-N lists with "others"."""
from __future__ import annotations

from collections import Counter

from scraper.dataset.summary import Summary, top_with_others
from scraper.schema import FIELDS

#: Rows each top list shows by default (``scraper stats --top N``); the rest are one "others" row.
TOP = 10


def _rows(rows: list[tuple[str, str]], indent: str = "", right: bool = False) -> list[str]:
    """Aligned ``label  value`` lines; numbers (``right``) line up on their last digit."""
    width = max((len(label) for label, _ in rows), default=0)
    values = max((len(value) for _, value in rows), default=0) if right else 0
    return [f"{indent}{label:<{width}}  {value:>{values}}".rstrip() for label, value in rows]


def _top(title: str, counter: Counter[str], top: int, blank: str = "(none)") -> list[str]:
    """A titled list of the ``top`` most common values; the remainder summed as one "others" row."""
    if not counter:
        return [f"{title}: none"]
    rows = [(label, str(count)) for label, count in top_with_others(counter, top, blank).items()]
    return [f"{title}:", *_rows(rows, "  ", right=True)]


def _dates(summary: Summary) -> str:
    if summary.first is None or summary.last is None:
        return "no publication dates"
    return f"{summary.first[1]} to {summary.last[1]} ({len(summary.days)} days with articles)"


def render_table(summary: Summary, top: int = TOP) -> str:
    """The summary as aligned plain text, one block per topic, ending with a newline."""
    total = summary.records
    versions = ", ".join(f"{k} ({v})" for k, v in sorted(summary.versions.items())) or "none"
    lines = _rows([("records", str(total)), ("lines that are not records", str(len(summary.bad_lines))),
                   ("schema versions", versions), ("published", _dates(summary))])
    for title, counter, blank in (("languages", summary.languages, "(none)"),
                                  ("domains", summary.domains, "(no host)"),
                                  ("sections", summary.sections, "(none)"),
                                  ("authors", summary.authors, "(none)")):
        lines += ["", *_top(title, counter, top, blank)]
    coverage = [(name, f"{summary.filled[name] / total:.0%}" if total else "-") for name in FIELDS]
    lines += ["", "field coverage (share of records with a value):", *_rows(coverage, "  ", right=True)]
    return "\n".join(lines) + "\n"
