"""``make bench-hostile``: time and peak memory of extraction on hostile pages, ours beside trafilatura.

Each page is generated here (nothing is downloaded) and extracted in a fresh child process, so
the peak memory (``ru_maxrss``) is that one page's; a child that runs past ``--timeout`` seconds is
killed and reported as such. Not a test: it prints figures.

Usage: python -m scraper.devtools.bench_hostile [--only ours] [--timeout 120] [--page NAME]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

TEXT = "The council agreed on Monday to keep ferry fares as they are for another year. "
ARTICLE = "<p>" + TEXT * 6 + "</p>"


def _page(body: str, head: str = "", lang: str = "en") -> bytes:
    return (f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'><title>Hostile</title>{head}</head>"
            f"<body><article><h1>Ferry fares frozen</h1>{body}</article></body></html>").encode()


def _shift_jis_lying_meta() -> bytes:
    text = "東京の新しい橋が開通しました。市は月曜日に発表しました。" * 20
    return (f"<html><head><meta charset='iso-8859-1'><title>橋</title></head><body><article><h1>新しい橋が開通</h1>"
            f"<p>{text}</p><p>{text}</p></article></body></html>").encode("shift_jis")


def _long_runs(run: str) -> bytes:
    """One long run of text in every place a field reads: meta tags, title, h1, byline, date, caption, URL, class."""
    return _page(f"<p class='byline {run}'>By {run}</p><time>{run}</time>{ARTICLE}"
                 f"<figure><img src='/{run}.jpg'><figcaption>{run}</figcaption></figure>"
                 f"<a href='/news/{run}'>{run}</a><p class='{run}'>{run}</p>",
                 f"<meta name='author' content='{run}'><meta name='keywords' content='{run}'>"
                 f"<meta property='article:published_time' content='{run}'><link rel='canonical' href='/{run}'>"
                 f"<meta name='description' content='{run}'>").replace(b"<title>Hostile</title>",
                                                                        f"<title>{run}</title>".encode())


def _random_bytes() -> bytes:
    return random.Random(7).randbytes(100_000)


#: name -> page builder. The first group is what was found breaking; the second, sizes and shapes.
PAGES: dict[str, Callable[[], bytes]] = {
    "jsonld-1000-deep": lambda: _page(ARTICLE, "<script type='application/ld+json'>" + '{"a": ' * 1000 + "1"
                                      + "}" * 1000 + "</script>"),
    "img-width-superscript": lambda: _page(ARTICLE + "<img src='/a.jpg' width='¹00' alt='The harbour at dawn'>"),
    "img-bad-ipv6-host": lambda: _page(ARTICLE + "<img src='http://[::1/a.jpg' alt='The harbour at dawn'>"),
    "word-4mb-x": lambda: _page(ARTICLE + "<p>" + "x" * 4_000_000 + "</p>"),
    "word-20mb-x": lambda: _page(ARTICLE + "<p>" + "x" * 20_000_000 + "</p>"),
    "p-200k-attributes": lambda: _page(ARTICLE + "<p " + " ".join(f"a{i}='1'" for i in range(200_000)) + ">x</p>"),
    "shift-jis-lying-meta": _shift_jis_lying_meta,
    "utf-16-no-bom": lambda: _page(ARTICLE).decode().encode("utf-16-le"),
    "script-in-h1": lambda: _page(ARTICLE).replace(b"<h1>", b"<h1><script>alert(2)</script>"),
    "random-100kb": _random_bytes,
    "divs-5000-unclosed": lambda: _page("<div>" * 5000 + ARTICLE),
    "page-50mb": lambda: _page(ARTICLE * (50_000_000 // len(ARTICLE))),
    "siblings-100k": lambda: _page("".join(f"<div><span>{i}</span></div>" for i in range(100_000)) + ARTICLE),
    "nesting-10k": lambda: _page("<div>" * 10_000 + ARTICLE + "</div>" * 10_000),
    "text-node-20mb": lambda: _page(ARTICLE + "<p>" + (TEXT * (20_000_000 // len(TEXT))) + "</p>"),
    "runs-200kb-x": lambda: _long_runs("x" * 200_000),
    "runs-200kb-dots": lambda: _long_runs("1." * 100_000),
    "runs-200kb-parens": lambda: _long_runs("(a " * 66_000),
    "runs-200kb-at": lambda: _long_runs("a@" * 100_000),
    "runs-200kb-dashes": lambda: _long_runs("a-" * 100_000),
    "jsonld-10mb": lambda: _page(ARTICLE, "<script type='application/ld+json'>" + json.dumps(
        {"@type": "NewsArticle", "headline": "Ferry fares frozen", "articleBody": TEXT * (10_000_000 // len(TEXT))})
        + "</script>"),
    # app state of 5 MB that names a publication date key 200,000 times, never with a date (script_dates)
    "script-keys-5mb": lambda: _page(ARTICLE, "<script>" + '"publishedAt":"not a date", ' * 200_000 + "</script>"),
    # a byline line under the headline holding 200,000 empty elements (the header zone reads its lines)
    "empty-spans-in-byline": lambda: _page("<div>" + "<span></span>" * 200_000 + "By <b>Anna Lee</b></div>" + ARTICLE),
    # a list of 50,000 links to author pages (a menu of columnists) and no byline
    "author-menu-50k": lambda: _page("<ul>" + "".join(f"<li><a href='/author/p{i}'>Person Number{i}</a></li>"
                                                     for i in range(50_000)) + "</ul>" + ARTICLE),
}

CHILD = r"""
import sys, time
path, name = sys.argv[1], sys.argv[2]
data = open(path, "rb").read()
if name == "ours":
    from scraper.errors import NotHTML
    from scraper.extract import extract
else:
    import trafilatura
start = time.perf_counter()  # imports excluded: the time of one page
outcome = "record"
if name == "ours":
    try:
        record = extract(data, "https://news.example/2024/05/ferry/")
        outcome = f"record (body {len(record['body'] or '')} chars, headline {record['headline']!r:.40})"
    except NotHTML as exc:
        outcome = f"NotHTML: {exc}"
else:
    doc = trafilatura.bare_extraction(data, url="https://news.example/2024/05/ferry/", include_comments=False)
    outcome = "nothing" if doc is None else f"record (body {len(doc.text or '')} chars)"
elapsed = time.perf_counter() - start
# VmHWM, not ru_maxrss: Linux keeps ru_maxrss across exec, so it would include the parent's size
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))
print(f"{elapsed:.3f}\t{peak // 1024}\t{outcome}")
"""


def run_one(path: Path, extractor: str, timeout: float) -> str:
    start = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, "-c", CHILD, str(path), extractor], capture_output=True, text=True,
                              timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return f"{'>' + str(int(timeout)):>8} s  {'?':>8}  killed after {timeout:.0f} s"
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        return f"{time.perf_counter() - start:8.2f} s  {'?':>8}  raised: {last[:70]}"
    seconds, megabytes, outcome = done.stdout.strip().split("\t", 2)
    return f"{float(seconds):8.2f} s  {int(megabytes):5d} MB  {outcome[:70]}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scraper.devtools.bench_hostile", description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("ours", "trafilatura"))
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--page", action="append", choices=sorted(PAGES))
    args = parser.parse_args(argv)
    extractors = [args.only] if args.only else ["ours", "trafilatura"]
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"hostile pages, one child process per page and extractor (this process: {baseline} MB)")
    with tempfile.TemporaryDirectory() as folder:
        for name in args.page or list(PAGES):
            data = PAGES[name]()
            path = Path(folder) / f"{name}.html"
            path.write_bytes(data)
            print(f"\n{name} ({len(data) / 1e6:.2f} MB)")
            del data
            for extractor in extractors:
                print(f"  {extractor:<12}{run_one(path, extractor, args.timeout)}", flush=True)
            os.unlink(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
