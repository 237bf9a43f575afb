"""`scraper extract` on saved pages: a folder, gzip, the evaluation keys, --plain."""
from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
from pathlib import Path

from tests.golden import FIXTURES, Case

SEED = Case(FIXTURES / "demo" / "news" / "ngo-4-more-ukrainian-children-rescued")
ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scraper.cli", "extract", *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_folder_of_plain_and_gzipped_pages(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    shutil.copy(SEED.folder / "page.html", folder / "seed.html")
    (folder / "seed-copy.html.gz").write_bytes(gzip.compress((SEED.folder / "page.html").read_bytes()))
    (folder / "notes.txt").write_text("not a page", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run(str(folder), "-o", str(out))
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert (result.returncode, result.stderr.strip()) == (0, "extracted 2 of 2 pages")
    assert [(r["id"], r["source"], r["headline"]) for r in records] == [
        ("seed-copy", str(folder / "seed-copy.html.gz"), SEED.expected["headline"]),
        ("seed", str(folder / "seed.html"), SEED.expected["headline"]),
    ]
    # the page's own canonical URL resolves its links, so the record equals the golden one
    record = {k: v for k, v in records[1].items() if k not in ("source", "id", "articleBody", "fetched_at")}
    assert record == {k: v for k, v in SEED.expected.items() if k != "fetched_at"}
    assert records[1]["articleBody"] == SEED.expected["body"]


def test_plain_output_has_only_record_and_source(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    run(str(SEED.folder / "page.html"), "--plain", "-o", str(out))
    record = json.loads(out.read_text(encoding="utf-8"))
    assert list(record)[-3:] == ["schema_version", "revision", "source"]


def test_repeated_file_stems_get_their_path_as_id(tmp_path: Path) -> None:
    for section in ("world", "sport"):
        (tmp_path / section).mkdir()
        shutil.copy(SEED.folder / "page.html", tmp_path / section / "page.html")
    shutil.copy(SEED.folder / "page.html", tmp_path / "lead.html")
    out = tmp_path / "out.jsonl"
    result = run(str(tmp_path), "-o", str(out))
    ids = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert (result.returncode, ids) == (0, ["lead", "sport/page", "world/page"])


def test_a_folder_without_pages_is_one_line_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a page", encoding="utf-8")
    result = run(str(tmp_path))
    assert (result.returncode, result.stdout, result.stderr) == (
        2, "", f"scraper: error: no HTML pages (.html, .htm, .html.gz, .xhtml) in {tmp_path}\n")


def test_listing_pages_are_counted_and_routed_with_listings(tmp_path: Path) -> None:
    demo = FIXTURES / "demo"
    listing_urls = sorted(c.meta["url"] for c in _demo_cases() if c.is_listing)
    out, lists = tmp_path / "articles.jsonl", tmp_path / "listings.jsonl"
    unrouted = run(str(demo), "-o", str(out))
    assert (unrouted.returncode, unrouted.stderr.strip()) == (0, (
        "extracted 18 of 18 pages; 3 look like listing pages, not articles (written as articles; "
        "--listings FILE writes them as listing records instead)"))
    routed = run(str(demo), "-o", str(out), "--listings", str(lists))
    written = [json.loads(line) for line in lists.read_text(encoding="utf-8").splitlines()]
    assert (routed.returncode, routed.stderr.strip()) == (
        0, f"extracted 18 of 18 pages: 15 articles, 3 listing pages to {lists}")
    assert sorted(r["url"] for r in written) == listing_urls
    assert len(out.read_text(encoding="utf-8").splitlines()) == 15
    for record in written:  # the listing record the crawl writes for the same page
        expected = next(c.expected for c in _demo_cases() if c.meta["url"] == record["url"])
        assert {k: v for k, v in record.items() if k != "fetched_at"} == {
            k: v for k, v in expected.items() if k != "fetched_at"}
    checked = subprocess.run([sys.executable, "-m", "scraper.cli", "validate", str(lists)],
                             capture_output=True, text=True, cwd=ROOT)
    assert checked.returncode == 0


def _demo_cases() -> list[Case]:
    from tests.golden import cases

    return [c for c in cases() if c.id == "demo" or c.id.startswith("demo/")]


def test_progress_ends_with_every_page_counted(tmp_path: Path) -> None:
    import re

    result = run(str(FIXTURES / "demo"), "-o", str(tmp_path / "out.jsonl"), "--progress")
    lines = result.stderr.splitlines()
    assert re.fullmatch(r"extract: 18/18 pages \(100%, \d+\.\d pages/s\)", lines[-2]), lines
    assert lines[-1].startswith("extracted 18 of 18 pages")
