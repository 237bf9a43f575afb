"""EXTRACT_TIMEOUT's soft limit (``scraper.crawl.deadline``): a page past it is failed with its reason,
per-field guards do not swallow it, and nothing of the alarm is left once the block ends."""
from __future__ import annotations

import re
import signal
import threading
import time
from typing import Any

import pytest

from scraper.crawl import page_result
from scraper.crawl.deadline import ExtractTimeout, deadline
from scraper.crawl.page_result import PageResult, extract_result, extract_within

PAGE = ("<html><head><title>A headline here</title><script type='application/ld+json'>"
        '{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "A headline here"}'
        "</script></head><body><article><h1>A headline here</h1>"
        + "".join(f"<p>Paragraph {n} of the article, in words that make a sentence of some length.</p>"
                  for n in range(8)) + "</article></body></html>").encode()
INPUTS = (PAGE, "https://example.com/news/a", b"text/html", "UTC", None, "2026-11-26T06:00:00+00:00")


def _spin(*_: Any, **__: Any) -> None:
    """Code that never ends and catches every ``Exception``, as the extractor's field guards do."""
    while True:
        try:
            time.sleep(0.01)
        except Exception:  # a guard that catches everything but a BaseException
            continue


def test_a_block_past_its_deadline_raises_and_leaves_no_alarm() -> None:
    before = signal.getsignal(signal.SIGALRM)
    started = time.monotonic()
    with pytest.raises(ExtractTimeout, match=r"^extraction took more than 0\.2 s$"), deadline(0.2):
        _spin()
    assert (round(time.monotonic() - started, 1), signal.getitimer(signal.ITIMER_REAL),
            signal.getsignal(signal.SIGALRM)) == (0.2, (0.0, 0.0), before)


def test_a_regular_expression_that_backtracks_forever_is_interrupted() -> None:
    with pytest.raises(ExtractTimeout), deadline(0.2):
        re.match(r"(a+)+b", "a" * 60)


def test_a_block_within_its_deadline_runs_to_its_end() -> None:
    with deadline(5):
        value = sum(range(1000))
    assert (value, signal.getitimer(signal.ITIMER_REAL)) == (499500, (0.0, 0.0))


def test_outside_the_main_thread_there_is_no_limit() -> None:
    seen: list[str] = []

    def work() -> None:
        with deadline(0.05):
            time.sleep(0.2)
            seen.append("ran to its end")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert seen == ["ran to its end"]


def test_a_page_past_the_timeout_is_failed_with_its_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(page_result, "route", _spin)
    assert extract_within(0.3, INPUTS) == PageResult(
        "failed", reason="extract_timeout", error="extraction took more than 0.3 s")


def test_a_page_within_the_timeout_gives_the_result_of_no_timeout() -> None:
    result = extract_within(30, INPUTS)
    assert (result, result.kind) == (extract_result(*INPUTS), "article")
