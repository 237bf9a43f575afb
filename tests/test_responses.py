"""The crawl's door into the extractor: a failing page or field is one counted outcome, never a traceback."""
from __future__ import annotations

from typing import Any

import pytest
from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

from scraper.crawl import page_result, responses
from scraper.crawl.outcomes import url_outcome
from scraper.extract import article

URL = "https://news.example/2024/05/ferry/"
PAGE = ("<html lang='en'><body><article><h1>Ferry fares frozen</h1><p>"
        + "The council agreed on Monday to keep ferry fares as they are for another year. " * 4
        + "</p></article></body></html>").encode()


def run(crawler: Any) -> tuple[dict[str, Any] | None, list[tuple[str, str, str | None]]]:
    """One response through the middleware and ``extract_response``, as a spider callback would."""
    seen: list[tuple[str, str, str | None]] = []
    crawler.signals.connect(lambda url, outcome, reason, **_: seen.append((url, outcome, reason)),
                            signal=url_outcome, weak=False)
    middleware = responses.ExtractMiddleware.from_crawler(crawler)
    response = HtmlResponse(URL, body=PAGE, encoding="utf-8", request=Request(URL))
    middleware.process_spider_input(response)
    record = responses.extract_response(response)
    list(middleware.process_spider_output(response, iter([record] if record else [])))
    return record, seen


def test_a_page_whose_extraction_fails_is_failed_parse_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: Any, **__: Any) -> None:
        raise ValueError("boom")

    monkeypatch.setattr(page_result, "route", broken)
    crawler = get_crawler()
    crawler.stats.open_spider()
    assert run(crawler) == (None, [(URL, "failed", "parse_error")])


def test_a_failing_field_is_counted_and_the_record_still_comes_out(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: Any) -> None:
        raise KeyError("boom")

    monkeypatch.setattr(article, "_METADATA", (("headline", broken), *article._METADATA[2:]))
    crawler = get_crawler()
    crawler.stats.open_spider()
    record, seen = run(crawler)
    assert (record["headline"], record["language"], seen) == (None, "en", [])  # type: ignore[index]
    assert crawler.stats.get_value("extract/field_error/headline") == 1
