"""Pages that once made the extractor raise: each gives its record now, and a failing field is only that field."""
from __future__ import annotations

import pytest

from scraper.extract import Page, extract_page
from scraper.extract import article as article_module

TEXT = "The ferry timetable stays as it is for another year, the council said on Monday. " * 4
URL = "https://news.example/2024/05/ferry/"


def page(extra: str) -> Page:
    return Page.from_html(f"<html lang='en'><head><title>Ferry</title></head><body><article><h1>Ferry fares frozen</h1>"
                          f"<p>{TEXT.strip()}</p>{extra}</article></body></html>", URL)


@pytest.mark.parametrize(("name", "extra", "images"), [
    # JSON-LD nested deeper than Python's recursion limit (json.loads raised RecursionError)
    ("deep json-ld", "<script type='application/ld+json'>" + "{\"a\": " * 5000 + "1" + "}" * 5000 + "</script>", []),
    # a width of superscript digits: str.isdigit() is true, int() raised ValueError
    ("superscript width", "<img src='/harbour.jpg' width='¹00' alt='The harbour at dawn, ferries moored'>",
     [{"url": "https://news.example/harbour.jpg", "caption": "The harbour at dawn, ferries moored", "credit": None,
       "alt": "The harbour at dawn, ferries moored"}]),
    # a malformed IPv6 host: urlsplit raised "Invalid IPv6 URL"
    ("bad ipv6 host", "<img src='http://[::1/harbour.jpg' alt='The harbour at dawn'><a href='http://[zz/x'>x</a>", []),
])
def test_hostile_markup_still_gives_the_record(name: str, extra: str, images: list[dict[str, str]]) -> None:
    hostile = page(extra)
    record = extract_page(hostile, fetched_at="2024-05-06T08:00:00+00:00")
    assert (record["headline"], record["body"], record["images"], hostile.field_errors) == (
        "Ferry fares frozen", TEXT.strip(), images, [])


def test_a_failing_field_is_left_empty_and_named(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(page: Page, tz: str | None = None, now: object = None) -> None:
        raise ValueError("boom")

    monkeypatch.setattr(article_module, "_METADATA", (("headline", broken), *article_module._METADATA[2:]))
    hostile = page("")
    record = extract_page(hostile, fetched_at="2024-05-06T08:00:00+00:00")
    assert (record["headline"], record["body"], record["language"], hostile.field_errors) == (
        None, TEXT.strip(), "en", [("headline", "ValueError")])
