"""``make bench``: extraction quality and speed on every benchmark set, ours beside trafilatura, in one run.

For each set and each extractor one child process reads the set's pages
(gunzipped before the clock starts), extracts every page and writes the
predictions; its max RSS is the peak memory of that extractor on that set.
Speed is the median of ``--rounds`` timed passes over the set (default 3, the
first one cold: a crawl reads thousands of pages, so one pass that pays every
first-call cost is not its speed); the predictions are those of the first pass.
The set's shared scorer (``score_body.py`` or ``score_fields.py``) scores the
predictions, and one table per set prints every metric the scorer gives plus
pages per second and peak MB.

``--no-structured`` takes JSON-LD, meta tags and microdata attributes out of every
page before either extractor reads it: the pages a site without structured data
serves, where only the markup heuristics (and trafilatura's) are left.
``--generated-names`` replaces every class and id word by a hash of it: the pages of a
site whose build generates its names (CSS modules, utility classes), where the
vocabulary of names ("byline", "comment", "related") says nothing.

Usage: python -m scraper.devtools.bench [--data ../shared/benchmarks] [--sets readability,dragnet] [--only ours]
       [--rounds 3] [--no-structured] [--generated-names]
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_DATA = Path(__file__).resolve().parents[3] / "shared" / "benchmarks"
EXTRACTORS = ("ours", "trafilatura")
Extractor = Callable[[bytes, str], dict[str, Any]]


@dataclass(frozen=True)
class BenchSet:
    """One benchmark folder: where its pages are, which scorer reads the predictions, with which truth."""

    name: str
    pages: str  # sub-folder of *.html.gz
    scorer: str  # score_body.py | score_fields.py
    truth: str | None  # --truth file inside the set, None for the scorer's default
    urls: bool  # the page URL is given to the extractors (the original two sets)

    @property
    def is_body(self) -> bool:
        return self.scorer == "score_body.py"


SETS = (
    BenchSet("article-body", "html", "score_body.py", None, True),
    BenchSet("fields", "pages", "score_fields.py", None, True),
    BenchSet("readability", "pages", "score_fields.py", "truth.jsonl", False),
    BenchSet("l3s-gn1", "pages", "score_fields.py", "truth.jsonl", False),
    BenchSet("postlight", "pages", "score_fields.py", "truth.jsonl", False),
    BenchSet("dragnet", "html", "score_body.py", "ground-truth.json", False),
    BenchSet("goose3-lead", "html", "score_body.py", "ground-truth.json", False),
    BenchSet("newspaper4k", "html", "score_body.py", "ground-truth.json", False),
)
BY_NAME = {s.name: s for s in SETS}


# --------------------------------------------------------------------------- workers (child process)
def _urls(data: Path, bench: BenchSet) -> dict[str, str]:
    if not bench.urls:
        return {}
    folder = data / bench.name
    if bench.is_body:
        truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
        return {stem: row.get("url") or "" for stem, row in truth.items()}
    rows = [json.loads(line) for line in (folder / "truth.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    return {row["id"]: row.get("url") or "" for row in rows}


def load_pages(data: Path, bench: BenchSet, structured: bool = True,
               generated_names: bool = False) -> list[tuple[str, Path, str, bytes]]:
    """(id, path, url, html bytes) for every page of the set, in file order (``structured=False``:
    each page without its structured data, ``without_structured``; ``generated_names``: with its
    class and id words hashed, ``with_generated_names``)."""
    urls = _urls(data, bench)
    pages = []
    for path in sorted((data / bench.name / bench.pages).glob("*.html.gz")):
        stem = path.name[: -len(".html.gz")]
        html = gzip.decompress(path.read_bytes())
        html = html if structured else without_structured(html)
        pages.append((stem, path, urls.get(stem, ""), with_generated_names(html) if generated_names else html))
    return pages


_JSON_LD = re.compile(rb"<script[^>]*ld\+json[^>]*>.*?</script\s*>", re.IGNORECASE | re.DOTALL)
_META = re.compile(rb"<meta\b(?![^>]*charset)(?![^>]*http-equiv)[^>]*>", re.IGNORECASE)
_MICRODATA = re.compile(rb"\s(?:itemprop|itemscope|itemtype)(?:=(?:\"[^\"]*\"|'[^']*'|[^\s>]*))?", re.IGNORECASE)


#: A class or id attribute with its quoted value.
_NAMES = re.compile(rb"""(\s(?:class|id)\s*=\s*)("[^"]*"|'[^']*')""", re.IGNORECASE)


def with_generated_names(html: bytes) -> bytes:
    """The page with every class and id word replaced by a hash of it ("article-body" -> "c1f3a9e"):
    what a site whose CSS-module or utility build generates its names serves. The same word gets
    the same hash, so the page's structure and its repeated names stay."""
    def hashed(match: re.Match[bytes]) -> bytes:
        words = match.group(2)[1:-1].split()
        return match.group(1) + b'"' + b" ".join(b"c" + hashlib.md5(w).hexdigest()[:6].encode() for w in words) + b'"'

    return _NAMES.sub(hashed, html)


def without_structured(html: bytes) -> bytes:
    """The page less its JSON-LD scripts, its meta tags (but charset and http-equiv) and its
    microdata attributes: bytes in, bytes out, so the page's own encoding is kept."""
    return _MICRODATA.sub(b"", _META.sub(b"", _JSON_LD.sub(b"", html)))


def _ours() -> Extractor:
    from scraper.extract import extract

    def run(html: bytes, url: str) -> dict[str, Any]:
        try:
            return dict(extract(html, url))
        except Exception as exc:  # a crash is scored as an empty record, and shown
            return {"error": repr(exc)}

    return run


def _trafilatura() -> Extractor:
    import trafilatura

    def run(html: bytes, url: str) -> dict[str, Any]:
        doc = trafilatura.bare_extraction(
            html, url=url or None, with_metadata=True, include_comments=False,
            date_extraction_params={"extensive_search": True, "original_date": True,
                                    "outputformat": "%Y-%m-%dT%H:%M:%S%z"})
        if doc is None:
            return {}
        data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
        authors = [a.strip() for a in re.split(r";", data.get("author") or "") if a.strip()]
        return {"headline": data.get("title"), "authors": authors, "published": data.get("date"),
                "body": data.get("text"), "images": []}

    return run


def worker(name: str, data: Path, bench: BenchSet, out: Path, rounds: int = 3, structured: bool = True,
           generated_names: bool = False) -> None:
    pages = load_pages(data, bench, structured, generated_names)
    run = _ours() if name == "ours" else _trafilatura()
    if pages:
        run(pages[0][3], pages[0][2])  # warm-up: imports, caches
    errors = 0
    round_seconds = []
    with open(out, "w", encoding="utf-8") as fh:
        seconds = 0.0
        for stem, path, url, html in pages:
            start = time.perf_counter()
            record = run(html, url)
            seconds += time.perf_counter() - start
            errors += "error" in record
            if bench.is_body:
                line = {"id": stem, "articleBody": record.get("body") or ""}
            else:
                line = {**record, "source": str(path)}
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")
        round_seconds.append(seconds)
    for _ in range(rounds - 1):
        start = time.perf_counter()
        for _stem, _path, url, html in pages:
            run(html, url)
        round_seconds.append(time.perf_counter() - start)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"pages": len(pages), "seconds": statistics.median(round_seconds),
                      "rounds": [round(s, 3) for s in round_seconds], "peak_mb": peak_mb, "errors": errors}))


# --------------------------------------------------------------------------- parent
def score(data: Path, bench: BenchSet, predictions: Path) -> dict[str, float]:
    """Every figure the set's scorer prints, by name."""
    command = [sys.executable, str(data / bench.scorer), str(predictions)]
    if bench.truth:
        command += ["--truth", str(data / bench.name / bench.truth)]
    text = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    if bench.is_body:
        found = re.findall(r"^(precision|recall|F1|accuracy)\s+([\d.]+)", text, re.MULTILINE)
    else:
        last = [line for line in text.splitlines() if line.startswith("fields ")][-1]
        found = [(k, v) for k, v in re.findall(r"(\w+)=([\d.]+|nan)", last) if v != "nan"]
    return {k: float(v) for k, v in found}


def run_one(name: str, data: Path, bench: BenchSet, out_dir: Path, rounds: int = 3,
            variant: tuple[str, ...] = ()) -> dict[str, Any]:
    """One extractor on one set in a child process; ``variant``: the page-changing flags
    (``--no-structured``, ``--generated-names``) passed on to it."""
    out = out_dir / f"{bench.name}-{name}.jsonl"
    child = subprocess.run([sys.executable, "-m", "scraper.devtools.bench", "--worker", name, "--data", str(data),
                            "--sets", bench.name, "--out", str(out), "--rounds", str(rounds),
                            *variant],
                           capture_output=True, text=True)
    if child.returncode != 0:
        raise RuntimeError(f"{name} on {bench.name} failed: {child.stderr.strip().splitlines()[-1:]}")
    timing = json.loads(child.stdout.strip().splitlines()[-1])
    return {"extractor": name, **timing, **score(data, bench, out)}


_BODY_METRICS = ("precision", "recall", "F1", "accuracy")
_FIELD_METRICS = ("headline", "authors", "date", "date_time", "body_f1", "captions")


def table(bench: BenchSet, rows: list[dict[str, Any]]) -> str:
    """One Markdown table for one set: a row per extractor."""
    metrics = [m for m in (_BODY_METRICS if bench.is_body else _FIELD_METRICS) if any(m in r for r in rows)]
    head = ["extractor", *metrics, "pages/s", "peak MB"]
    lines = [f"### {bench.name} ({rows[0]['pages']} pages)", "", "| " + " | ".join(head) + " |",
             "|" + "---|" * len(head)]
    for r in rows:
        cells = [r["extractor"]] + [f"{r[m]:.3f}" if m in r else "-" for m in metrics]
        cells += [f"{r['pages'] / r['seconds']:.1f}" if r["seconds"] else "-", f"{r['peak_mb']:.0f}"]
        lines.append("| " + " | ".join(cells) + " |")
    errors = sum(r.get("errors", 0) for r in rows if r["extractor"] == "ours")
    if errors:
        lines.append(f"\n{errors} page(s) raised in our extractor (scored as empty)")
    return "\n".join(lines)


def _selected(spec: str | None) -> list[BenchSet]:
    if not spec:
        return list(SETS)
    names = [n.strip() for n in spec.split(",") if n.strip()]
    unknown = [n for n in names if n not in BY_NAME]
    if unknown:
        raise SystemExit(f"bench: error: unknown set {', '.join(unknown)} (known: {', '.join(BY_NAME)})")
    return [BY_NAME[n] for n in names]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scraper.devtools.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="benchmark folder (default %(default)s)")
    parser.add_argument("--sets", help="comma-separated sets (default: all eight)")
    parser.add_argument("--only", choices=EXTRACTORS, action="append", help="run only these extractors")
    parser.add_argument("--keep", type=Path, help="keep predictions in this folder")
    parser.add_argument("--rounds", type=int, default=3,
                        help="timed passes over each set; speed is their median (default %(default)s)")
    parser.add_argument("--no-structured", action="store_true",
                        help="take JSON-LD, meta tags and microdata out of every page first")
    parser.add_argument("--generated-names", action="store_true",
                        help="replace every class and id word of every page by a hash of it first")
    parser.add_argument("--worker", choices=EXTRACTORS, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.rounds < 1:
        print("bench: error: --rounds must be 1 or more", file=sys.stderr)
        return 2
    sets = _selected(args.sets)
    missing = [s.name for s in sets if not (args.data / s.name / s.pages).is_dir()]
    if missing:
        print(f"bench: error: no benchmark data for {', '.join(missing)} in {args.data} (give --data FOLDER)",
              file=sys.stderr)
        return 2
    if args.worker:
        worker(args.worker, args.data, sets[0], args.out, args.rounds, not args.no_structured, args.generated_names)
        return 0
    variant = (*(["--no-structured"] if args.no_structured else []),
               *(["--generated-names"] if args.generated_names else []))
    with tempfile.TemporaryDirectory() as tmp:
        out_dir = args.keep or Path(tmp)
        out_dir.mkdir(parents=True, exist_ok=True)
        for bench in sets:
            rows = []
            for name in args.only or EXTRACTORS:
                print(f"{bench.name}: running {name} ...", file=sys.stderr, flush=True)
                rows.append(run_one(name, args.data, bench, out_dir, args.rounds, variant))
            print(table(bench, rows) + "\n", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
