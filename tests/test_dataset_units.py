"""Dataset tools on small hand-made inputs: summary, charts, listing records, WARC replay, CLI errors."""
from __future__ import annotations

import gzip
from io import BytesIO
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from scraper.cli import main
from scraper.dataset.files import Line
from scraper.dataset.replay import Replay, replay_records
from scraper.dataset.report import render
from scraper.dataset.summary import summarize
from scraper.dataset.svg import horizontal_bars
from scraper.extract.page import Page
from scraper.extract.route import listing_record
from scraper.schema import FIELDS

LISTING = """<html><body><main><ul>
<li><a href="/world/2024/03/02/telescope-finds-water-on-a-planet/">Telescope finds water on a planet</a>
<time datetime="2024-03-02T09:30:00">2 March</time></li>
</ul><a rel="next" href="/page/2/">Next</a></main></body></html>"""

ARTICLE_TEXT = " ".join(f"Sentence {i} of the story tells readers what happened in the harbour today." for i in range(30))
ARTICLE = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Harbour story</title>
<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "Ships return to the harbour after the storm",
"datePublished": "2024-05-06T07:00:00"}}</script></head>
<body><article><h1>Ships return to the harbour after the storm</h1><p>{ARTICLE_TEXT}</p></article></body></html>"""


def test_listing_record_reads_entry_dates_in_the_site_zone() -> None:
    page = Page.from_html(LISTING, "https://news.example/")
    assert listing_record(page, fetched_at="2024-03-03T00:00:00+00:00", timezone="Europe/Kyiv") == {
        "url": "https://news.example/", "title": None, "next_page": "https://news.example/page/2/",
        "linked_items": [{"url": "https://news.example/world/2024/03/02/telescope-finds-water-on-a-planet/",
                          "title": "Telescope finds water on a planet", "kind": "feed", "summary": None,
                          "published": "2024-03-02T09:30:00+02:00"}],
        "fetched_at": "2024-03-03T00:00:00+00:00", "schema_version": "1.0"}


def test_summary_counts_only_values_of_the_right_type() -> None:
    lines = [
        Line(1, {"url": "https://a.example/x", "headline": "A", "authors": ["Ann", "Bo"], "section": "World",
                 "language": "en", "published": "2024-03-01T23:30:00-05:00", "schema_version": "1.0"}),
        Line(2, None, "not JSON"),
        Line(3, {"url": "https://b.example/y", "headline": 7, "authors": "Ann", "published": "2024-03-02",
                 "language": "", "schema_version": "1.0"}),
        Line(4, {"url": 5, "published": "yesterday"}),
    ]
    coverage = dict.fromkeys(FIELDS, 0.0) | {"url": 0.6667, "headline": 0.3333, "authors": 0.3333,
                                              "section": 0.3333, "language": 0.3333, "published": 1.0,
                                              "schema_version": 0.6667}
    assert summarize(lines) == {
        "records": 3, "bad_lines": 1, "bad_line_numbers": [2], "schema_versions": {"(none)": 1, "1.0": 2},
        # 23:30 at -05:00 is later than 2024-03-02 00:00 UTC, so it is the last, not the first
        "date_range": {"first": "2024-03-02", "last": "2024-03-01T23:30:00-05:00"},
        "articles_per_day": {"2024-03-01": 1, "2024-03-02": 1}, "coverage": coverage,
        "by_domain": {"": 1, "a.example": 1, "b.example": 1}, "languages": {"(none)": 2, "en": 1},
        "top_sections": {"World": 1}, "top_authors": {"Ann": 1, "Bo": 1}}


def test_horizontal_bars_are_whole_pixel_rectangles_with_escaped_labels() -> None:
    svg = horizontal_bars({"<b>": 2, "two": 1}, title="T & U", colour="#123456")
    assert svg == (
        '<svg xmlns="http://www.w3.org/2000/svg" width="640" height="48" viewBox="0 0 640 48" role="img" '
        'shape-rendering="crispEdges"><title>T &amp; U</title>'
        '<text x="212" y="15" text-anchor="end" font-family="system-ui, sans-serif" font-size="12" fill="#333">'
        '&lt;b&gt;</text><rect x="220" y="4" width="360" height="14" fill="#123456"/>'
        '<text x="586" y="15" font-family="system-ui, sans-serif" font-size="12" fill="#333">2</text>'
        '<text x="212" y="37" text-anchor="end" font-family="system-ui, sans-serif" font-size="12" fill="#333">'
        'two</text><rect x="220" y="26" width="180" height="14" fill="#123456"/>'
        '<text x="406" y="37" font-family="system-ui, sans-serif" font-size="12" fill="#333">1</text></svg>')


def test_report_is_self_contained_and_escapes_page_text(tmp_path: Path) -> None:
    records = [Line(1, {"url": "https://a.example/", "section": "<script>alert(1)</script>", "published": "2024-01-01"})]
    page = render(tmp_path / "a.jsonl", summarize(records), {"failed/http_404": 3})
    assert ("<script>" in page, "&lt;script&gt;alert(1)&lt;/script&gt;" in page,
            len([m for m in ("src=", "href=", "@import", "url(") if m in page]), page.count("<svg")) == (
        False, True, 0, 6)  # no authors: no authors chart


def _warc(path: Path) -> None:
    """A CC-NEWS-like WARC: gzip-encoded article, a 404, an image, written by another crawler."""
    writer = WARCWriter(path.open("wb"), gzip=True)

    def response(url: str, status: str, headers: list[tuple[str, str]], body: bytes, date: str) -> None:
        http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=http,
                                                      warc_headers_dict={"WARC-Date": date}))

    response("https://port.example/2024/05/06/ships-return-to-the-harbour-after-storm/", "200 OK",
             [("Content-Type", "text/html"), ("Content-Encoding", "gzip")], gzip.compress(ARTICLE.encode()),
             "2024-05-06T08:00:00Z")
    response("https://port.example/gone/", "404 Not Found", [("Content-Type", "text/html")], b"<p>gone</p>",
             "2024-05-06T08:00:01Z")
    response("https://port.example/logo.png", "200 OK", [("Content-Type", "image/png")], b"\x89PNG....",
             "2024-05-06T08:00:02Z")
    writer.out.close()


def test_replay_reads_another_crawlers_warc_in_the_given_zone(tmp_path: Path) -> None:
    _warc(tmp_path / "cc.warc.gz")
    replay = Replay()
    records = list(replay_records([tmp_path / "cc.warc.gz"], timezone="Europe/Kyiv", replay=replay))
    url = "https://port.example/2024/05/06/ships-return-to-the-harbour-after-storm/"
    assert [(r["url"], r["headline"], r["published"], r["fetched_at"], r["language"], r["body"]) for r in records] == [
        (url, "Ships return to the harbour after the storm", "2024-05-06T07:00:00+03:00", "2024-05-06T08:00:00+00:00",
         "en", ARTICLE_TEXT)]
    assert replay.outcomes == {"exported": 1, "skipped/http_404": 1, "dropped/not_html": 1}


@pytest.mark.parametrize(("argv", "message"), [
    (["validate", "nope.jsonl"], "scraper: error: nope.jsonl: no such file or folder\n"),
    (["stats", "."], "scraper: error: .: no articles.jsonl or articles.jsonl.gz in this folder\n"),
    (["extract"], "scraper: error: extract needs page paths or --warc FILE\n"),
    (["extract", "--warc", "nope.warc.gz"], "scraper: error: nope.warc.gz: no such file\n"),
])
def test_bad_input_gets_one_line_and_exit_2(argv: list[str], message: str, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert (main(argv), capsys.readouterr().err) == (2, message)


def test_a_file_that_is_not_warc_gets_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "x.warc.gz").write_bytes(gzip.compress(b"hello, not a warc"))
    assert main(["extract", "--warc", str(tmp_path / "x.warc.gz")]) == 2
    err = capsys.readouterr().err
    assert (err.startswith(f"scraper: error: {tmp_path / 'x.warc.gz'}: not a readable WARC file ("),
            err.count("\n")) == (True, 1)


def test_unreadable_gzip_dataset_gets_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    packed = gzip.compress(b'{"url": "x"}\n' * 50)
    (tmp_path / "a.jsonl.gz").write_bytes(packed[: len(packed) // 2])
    assert main(["validate", str(tmp_path / "a.jsonl.gz")]) == 2
    err = capsys.readouterr().err
    assert (err.startswith(f"scraper: error: {tmp_path / 'a.jsonl.gz'}: unreadable gzip ("), err.count("\n")) == (
        True, 1)
