"""``make bench``: extraction quality and speed, ours beside trafilatura, in one run.

Each extractor runs in its own child process over both benchmark sets
(``article-body`` and ``fields`` in the data folder), so peak memory is
measured per extractor (max RSS of the child). Speed is extraction only:
pages are read and gunzipped before the clock starts. The shared scorers
(``score_body.py``, ``score_fields.py``) score the predictions.

Usage: python -m scraper.devtools.bench [--data ../shared/benchmarks] [--only ours]
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

DEFAULT_DATA = Path(__file__).resolve().parents[3] / "shared" / "benchmarks"
EXTRACTORS = ("ours", "trafilatura")


# --------------------------------------------------------------------------- workers (child process)
def _load(data: Path) -> tuple[list[tuple[str, str, bytes]], list[tuple[str, str, bytes]]]:
    truth = json.loads((data / "article-body" / "ground-truth.json").read_text(encoding="utf-8"))
    body = [(stem, truth[stem]["url"], gzip.decompress(p.read_bytes()))
            for p in sorted((data / "article-body" / "html").glob("*.html.gz"))
            for stem in [p.name[: -len(".html.gz")]] if stem in truth]
    urls = {}
    for line in (data / "fields" / "truth.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            urls[row["id"]] = row["url"]
    fields = [(str(p), urls.get(p.name[: -len(".html.gz")], ""), gzip.decompress(p.read_bytes()))
              for p in sorted((data / "fields" / "pages").glob("*.html.gz"))]
    return body, fields


def _ours() -> Any:
    from scraper.extract import extract

    def run(html: bytes, url: str) -> dict[str, Any]:
        try:
            return dict(extract(html, url))
        except Exception as exc:
            return {"error": repr(exc)}

    return run


def _trafilatura() -> Any:
    import trafilatura

    def run(html: bytes, url: str) -> dict[str, Any]:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False,
            date_extraction_params={"extensive_search": True, "original_date": True,
                                    "outputformat": "%Y-%m-%dT%H:%M:%S%z"})
        if doc is None:
            return {}
        data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
        authors = [a.strip() for a in re.split(r";", data.get("author") or "") if a.strip()]
        return {"headline": data.get("title"), "authors": authors, "published": data.get("date"),
                "body": data.get("text"), "images": []}

    return run


def worker(name: str, data: Path, out_dir: Path) -> None:
    body_pages, field_pages = _load(data)
    run = _ours() if name == "ours" else _trafilatura()
    run(body_pages[0][2], body_pages[0][1])  # warm-up: imports, caches
    seconds = 0.0
    with open(out_dir / f"{name}-body.jsonl", "w", encoding="utf-8") as fh:
        for stem, url, html in body_pages:
            start = time.perf_counter()
            record = run(html, url)
            seconds += time.perf_counter() - start
            fh.write(json.dumps({"id": stem, "articleBody": record.get("body") or ""}, ensure_ascii=False) + "\n")
    with open(out_dir / f"{name}-fields.jsonl", "w", encoding="utf-8") as fh:
        for path, url, html in field_pages:
            start = time.perf_counter()
            record = run(html, url)
            seconds += time.perf_counter() - start
            record["source"] = path
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    pages = len(body_pages) + len(field_pages)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"pages": pages, "seconds": seconds, "peak_mb": peak_mb}))


# --------------------------------------------------------------------------- parent
def _score(data: Path, scorer: str, predictions: Path) -> str:
    result = subprocess.run([sys.executable, str(data / scorer), str(predictions)],
                            capture_output=True, text=True, check=True)
    return result.stdout


def _body_scores(text: str) -> dict[str, float]:
    found = dict(re.findall(r"^(precision|recall|F1)\s+([\d.]+)", text, re.MULTILINE))
    return {k: float(v) for k, v in found.items()}


def _field_scores(text: str) -> dict[str, float]:
    last = [line for line in text.splitlines() if line.startswith("fields ")][-1]
    return {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+|nan)", last)}


def run_one(name: str, data: Path, out_dir: Path) -> dict[str, Any]:
    child = subprocess.run([sys.executable, "-m", "scraper.devtools.bench", "--worker", name, "--data", str(data),
                            "--out", str(out_dir)], capture_output=True, text=True)
    if child.returncode != 0:
        raise RuntimeError(f"{name} worker failed: {child.stderr.strip().splitlines()[-1:]}")
    timing = json.loads(child.stdout.strip().splitlines()[-1])
    row: dict[str, Any] = {"extractor": name, **timing}
    row.update(_body_scores(_score(data, "score_body.py", out_dir / f"{name}-body.jsonl")))
    row.update(_field_scores(_score(data, "score_fields.py", out_dir / f"{name}-fields.jsonl")))
    return row


def table(rows: list[dict[str, Any]]) -> str:
    head = ["extractor", "body P", "body R", "body F1", "headline", "authors", "date", "date_time",
            "body_f1", "captions", "pages/s", "peak MB"]
    lines = [" | ".join(head), " | ".join("---" for _ in head)]
    for r in rows:
        cells = [r["extractor"], f"{r.get('precision', 0):.3f}", f"{r.get('recall', 0):.3f}",
                 f"{r.get('F1', 0):.3f}"]
        cells += [f"{r.get(k, 0):.2f}" for k in ("headline", "authors", "date", "date_time", "body_f1", "captions")]
        cells += [f"{r['pages'] / r['seconds']:.1f}", f"{r['peak_mb']:.0f}"]
        lines.append(" | ".join(cells))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scraper.devtools.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="benchmark folder (default %(default)s)")
    parser.add_argument("--only", choices=EXTRACTORS, action="append", help="run only these extractors")
    parser.add_argument("--keep", type=Path, help="keep predictions in this folder")
    parser.add_argument("--worker", choices=EXTRACTORS, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not (args.data / "article-body" / "ground-truth.json").is_file() or not (args.data / "fields").is_dir():
        print(f"bench: error: no benchmark data in {args.data} (give --data FOLDER)", file=sys.stderr)
        return 2
    if args.worker:
        worker(args.worker, args.data, args.out)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        out_dir = args.keep or Path(tmp)
        out_dir.mkdir(parents=True, exist_ok=True)
        rows = []
        for name in args.only or EXTRACTORS:
            print(f"running {name} ...", file=sys.stderr)
            rows.append(run_one(name, args.data, out_dir))
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
