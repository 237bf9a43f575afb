"""A crawl of tests/site writes the full dataset folder; load, validate, stats, report and the WARC round trip
work on it and on a hand-broken copy."""
from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from scraper.cli import main
from scraper.dataset import DatasetError, load, to_pandas
from scraper.schema import FIELDS, json_schema, listing_json_schema
from tests.dataset_helpers import BASE, neutral, read_jsonl, run_crawl

ARTICLES = {  # url path -> (headline, published, section, language, authors)
    "/world/2024/03/01/river-flood-forces-evacuation-of-villages/":
        ("River flood forces evacuation of three villages", "2024-03-01T08:15:00+00:00", "World", "en", ["Anna Berg"]),
    "/world/2024/03/01/ministers-agree-new-rail-link-timetable/":
        ("Ministers agree on a timetable for the new rail link", "2024-03-01T17:40:00+01:00", "World", "en",
         ["Tomas Novak"]),
    "/science/2024/03/02/telescope-finds-water-on-distant-planet/":  # no offset on the page: Europe/Kyiv
        ("Telescope finds traces of water on a distant planet", "2024-03-02T09:30:00+02:00", "Science", "en",
         ["Anna Berg"]),
    "/kultur/2024/03/03/stadtbibliothek-eroeffnet-neuen-lesesaal/":
        ("Stadtbibliothek eröffnet einen neuen Lesesaal", "2024-03-03T11:00:00+01:00", "Kultur", "de",
         ["Jonas Weber"]),
    "/science/2024/03/04/bees-learn-to-count-in-lab-study/":
        ("Bees learn to count to four in a laboratory study", "2024-03-04", "Science", "en", ["Maria Silva"]),
}

SUMMARY = {
    "records": 5, "bad_lines": 0, "bad_line_numbers": [], "schema_versions": {"1.0": 5},
    "date_range": {"first": "2024-03-01T08:15:00+00:00", "last": "2024-03-04"},
    "articles_per_day": {"2024-03-01": 2, "2024-03-02": 1, "2024-03-03": 1, "2024-03-04": 1},
    "coverage": {name: 0.0 if name in ("modified", "tags", "images", "linked_items") else 1.0 for name in FIELDS},
    "by_domain": {"127.0.0.1": 5}, "languages": {"en": 4, "de": 1},
    "top_sections": {"Science": 2, "World": 2, "Kultur": 1},
    "top_authors": {"Anna Berg": 2, "Jonas Weber": 1, "Maria Silva": 1, "Tomas Novak": 1},
}


def _entry(path: str, title: str, published: str) -> dict[str, Any]:
    return {"url": BASE + path, "title": title, "kind": "feed", "summary": None, "published": published}


LISTINGS = [
    {"url": BASE + "/", "title": "Test Gazette: latest news", "next_page": BASE + "/latest/page/2/",
     "linked_items": [_entry(p, ARTICLES[p][0], ARTICLES[p][1]) for p in list(ARTICLES)[:4]],
     "schema_version": "1.0"},
    {"url": BASE + "/latest/page/2/", "title": "Latest news, page 2", "next_page": None,
     "linked_items": [_entry("/science/2024/03/04/bees-learn-to-count-in-lab-study/",
                             "Bees learn to count to four in a laboratory study", "2024-03-04"),
                      _entry("/world/2024/03/05/this-story-was-removed-by-the-editors/",
                             "This story was removed by the editors", "2024-03-05T10:00:00+00:00")],
     "schema_version": "1.0"},
]


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("dataset")
    base = run_crawl(folder, "WARC_ENABLED=True")
    return folder, base


@pytest.fixture()
def broken(crawl: tuple[Path, str], tmp_path: Path) -> Path:
    """A copy of articles.jsonl, sorted by URL, with line 2 cut short and line 4's headline a number."""
    lines = sorted((crawl[0] / "articles.jsonl").read_text(encoding="utf-8").splitlines(),
                   key=lambda line: json.loads(line)["url"])
    lines[1] = '{"url": "cut short'
    record = json.loads(lines[3])
    record["headline"] = 42
    lines[3] = json.dumps(record, ensure_ascii=False)
    path = tmp_path / "broken.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_crawl_writes_the_full_dataset_folder(crawl: tuple[Path, str]) -> None:
    folder, _ = crawl
    assert sorted(p.name for p in folder.iterdir()) == [
        ".state", "articles.jsonl", "capture.warc.gz", "listing.schema.json", "listings.jsonl", "manifest.json",
        "outcomes.jsonl", "report.json", "schema.json"]
    assert json.loads((folder / "schema.json").read_text()) == json_schema()
    assert json.loads((folder / "listing.schema.json").read_text()) == listing_json_schema()


def test_articles_are_the_five_pages_with_their_fields(crawl: tuple[Path, str]) -> None:
    folder, base = crawl
    got = {r["url"].removeprefix(base): (r["headline"], r["published"], r["section"], r["language"], r["authors"])
           for r in read_jsonl(folder / "articles.jsonl")}
    assert got == ARTICLES


def test_listings_file_holds_each_listing_page_once(crawl: tuple[Path, str]) -> None:
    folder, base = crawl
    listings = neutral(read_jsonl(folder / "listings.jsonl"), base)
    assert [{k: v for k, v in r.items() if k != "fetched_at"} for r in listings] == LISTINGS
    assert [list(r) for r in listings] == [
        ["url", "title", "next_page", "linked_items", "fetched_at", "schema_version"]] * 2


def test_manifest_describes_the_run_and_the_data(crawl: tuple[Path, str]) -> None:
    folder, base = crawl
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    run = manifest["run"]
    assert (run["finish_reason"], run["start_urls"], run["allowed_domains"]) == (
        "finished", [base + "/"], ["127.0.0.1"])
    assert run["started"] <= run["finished"]
    assert {k: manifest[k] for k in ("tool", "schema_version", "listing_schema_version")} == {
        "tool": {"name": "news-scraper", "version": "0.1.0"}, "schema_version": "1.0", "listing_schema_version": "1.0"}
    settings = dict(manifest["settings"], USER_AGENT=None)
    assert settings == {"SITE_TIMEZONE": "Europe/Kyiv", "FOLLOW_ARTICLE_LINKS": True, "DEPTH_LIMIT": 0,
                        "ROBOTSTXT_OBEY": True, "USER_AGENT": None, "DOWNLOAD_MAXSIZE": 33554432,
                        "LISTINGS_ENABLED": True, "WARC_ENABLED": True, "DATASET_GZIP": False}
    assert manifest["outcomes"] == {
        "urls_met": 8, "exported": 5, "dropped": 2, "failed": 1, "queued": 0, "adds_up": True,
        "outcomes": {"dropped/listing": 2, "exported": 5, "failed/http_404": 1},
        "by_domain": {"127.0.0.1": {"dropped": 2, "exported": 5, "failed": 1}}}
    assert manifest["articles"] == SUMMARY
    assert {name: facts.get("lines") for name, facts in manifest["files"].items()} == {
        "articles.jsonl": 5, "listings.jsonl": 2, "outcomes.jsonl": 8, "report.json": None, "schema.json": None,
        "listing.schema.json": None, "capture.warc.gz": None}
    assert manifest["files"]["articles.jsonl"]["bytes"] == (folder / "articles.jsonl").stat().st_size


def test_load_streams_the_records_of_a_folder_a_file_or_a_gz(crawl: tuple[Path, str], tmp_path: Path) -> None:
    folder, _ = crawl
    expected = read_jsonl(folder / "articles.jsonl")
    packed = tmp_path / "articles.jsonl.gz"
    packed.write_bytes(gzip.compress((folder / "articles.jsonl").read_bytes()))
    assert (list(load(folder)), list(load(folder / "articles.jsonl")), list(load(packed))) == (
        expected, expected, expected)


def test_to_pandas_has_one_row_per_article_and_schema_columns(crawl: tuple[Path, str]) -> None:
    pytest.importorskip("pandas")
    frame = to_pandas(crawl[0])
    assert (frame.shape, list(frame.columns), sorted(frame["language"])) == (
        (5, 17), list(FIELDS), ["de", "en", "en", "en", "en"])


def test_load_names_the_bad_line_or_skips_it(broken: Path) -> None:
    with pytest.raises(DatasetError) as caught:
        list(load(broken))
    assert str(caught.value) == f"{broken}:2: line 2 is cut short (it ends before its JSON object does)"
    assert [r["headline"] for r in load(broken, skip_bad=True)] == [
        "Stadtbibliothek eröffnet einen neuen Lesesaal", "Bees learn to count to four in a laboratory study", 42,
        "River flood forces evacuation of three villages"]


def test_validate_passes_the_crawl_and_names_the_broken_lines(
        crawl: tuple[Path, str], broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (main(["validate", str(crawl[0])]), main(["validate", str(crawl[0] / "listings.jsonl")])) == (0, 0)
    capsys.readouterr()
    assert main(["validate", str(broken)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"{broken}:2: line 2 is cut short (it ends before its JSON object does)",
        f"{broken}:4: headline: 42 is not of type 'string', 'null'"]
    assert err == "3 of 5 lines are valid records; 2 invalid\n"


def test_validate_a_folder_checks_listings_and_the_manifest(
        crawl: tuple[Path, str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(crawl[0])]) == 0
    assert capsys.readouterr() == ("", "articles.jsonl: 5 of 5 lines are valid records; 0 invalid\n"
                                       "listings.jsonl: 2 of 2 lines are valid records; 0 invalid\n"
                                       "manifest.json: 7 files match their sizes and SHA-256\n")


@pytest.fixture()
def copy(crawl: tuple[Path, str], tmp_path: Path) -> Path:
    """A copy of the crawl's dataset folder to break."""
    folder = tmp_path / "copy"
    shutil.copytree(crawl[0], folder)
    return folder


def test_validate_names_a_file_whose_checksum_changed(copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (copy / "articles.jsonl").read_text(encoding="utf-8")
    (copy / "articles.jsonl").write_text(text.replace("Bees learn", "Bees LEARN"), encoding="utf-8")
    (copy / "capture.warc.gz").unlink()
    assert main(["validate", str(copy)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"{copy}/articles.jsonl: SHA-256 differs from manifest.json (the file changed after the run)",
        f"{copy}/capture.warc.gz: missing (manifest.json lists it)"]
    assert err.splitlines()[-1] == "manifest.json: 2 of 7 files differ"


def test_validate_a_folder_checks_its_listings(copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (copy / "manifest.json").unlink()
    lines = (copy / "listings.jsonl").read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[1])
    record["next_page"], record["linked_items"][0]["kind"] = 7, "tweet"
    (copy / "listings.jsonl").write_text(lines[0] + "\n" + json.dumps(record) + "\n", encoding="utf-8")
    assert main(["validate", str(copy)]) == 1
    assert capsys.readouterr() == (
        f"{copy}/listings.jsonl:2: linked_items/0/kind: 'tweet' is not one of ['feed', 'related', 'video', 'in_body']\n"
        f"{copy}/listings.jsonl:2: next_page: 7 is not of type 'string', 'null'\n",
        "articles.jsonl: 5 of 5 lines are valid records; 0 invalid\n"
        "listings.jsonl: 1 of 2 lines are valid records; 1 invalid\n")


def test_validate_fails_an_empty_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "articles.jsonl").write_text("\n", encoding="utf-8")
    assert main(["validate", str(tmp_path / "articles.jsonl")]) == 1
    assert capsys.readouterr() == (f"{tmp_path}/articles.jsonl: the file is empty (no records)\n",
                                   "0 lines: the file is empty\n")


def test_validate_says_a_truncated_last_line_is_cut_short(crawl: tuple[Path, str], tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    text = (crawl[0] / "articles.jsonl").read_text(encoding="utf-8")
    cut = tmp_path / "cut.jsonl"
    cut.write_text(text[: len(text) - 200], encoding="utf-8")  # a copy that stopped mid-record
    assert main(["validate", str(cut)]) == 1
    assert capsys.readouterr() == (f"{cut}:5: line 5 is cut short (it ends before its JSON object does)\n",
                                   "4 of 5 lines are valid records; 1 invalid\n")


def test_stats_prints_the_manifest_summary(crawl: tuple[Path, str], broken: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", str(crawl[0] / "articles.jsonl"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == SUMMARY
    assert main(["stats", str(broken), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["records"], summary["bad_lines"], summary["bad_line_numbers"], summary["coverage"]["headline"]) == (
        4, 1, [2], 0.75)


def test_warc_round_trip_gives_the_crawled_records(crawl: tuple[Path, str], tmp_path: Path) -> None:
    folder, _ = crawl
    out = tmp_path / "re.jsonl"
    assert main(["extract", "--warc", str(folder / "capture.warc.gz"), "-o", str(out)]) == 0

    def by_url(records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
        return {r["url"]: {k: v for k, v in r.items() if k != "fetched_at"} for r in records}

    crawled, replayed = read_jsonl(folder / "articles.jsonl"), read_jsonl(out)
    assert by_url(replayed) == by_url(crawled)
    assert [list(r) for r in replayed] == [list(FIELDS)] * 5


def test_report_works_on_the_broken_copy(broken: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    assert main(["report", str(broken), "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert (page.count("<svg"), "<tr><th>lines that are not records</th><td>1</td></tr>" in page,
            "no run report (manifest.json or report.json) next to this file" in page) == (6, True, True)


def test_gzip_setting_leaves_only_the_compressed_articles(tmp_path: Path) -> None:
    run_crawl(tmp_path, "DATASET_GZIP=True", "LISTINGS_ENABLED=False")
    names = sorted(p.name for p in tmp_path.iterdir())
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert (names, len(list(load(tmp_path))), sorted(manifest["files"])) == (
        [".state", "articles.jsonl.gz", "listing.schema.json", "manifest.json", "outcomes.jsonl", "report.json",
         "schema.json"],
        5, ["articles.jsonl.gz", "listing.schema.json", "outcomes.jsonl", "report.json", "schema.json"])
