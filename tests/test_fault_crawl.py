"""A whole crawl of the hostile fault server: it never stops, and every URL ends in its exact outcome."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.support import faultserver
from tests.support.crawl import read_jsonl, run_crawl

N = "/news/2024/02/"
#: path -> (outcome, reason) for every URL the crawl meets.
EXPECTED: dict[str, tuple[str, str | None]] = {
    "/": ("dropped", "listing"),
    "/section/more/": ("dropped", "listing"),
    "/private/2024/02/robots-disallowed-story": ("dropped", "robots_txt"),
    "/sitemap-entity-bomb.xml": ("dropped", "not_html"),
    "/sitemap-external-entity.xml": ("dropped", "not_html"),
    N + "ok-article-plain-text": ("exported", None),
    N + "only-on-the-second-listing-story": ("exported", None),
    N + "duplicate-of-the-ok-article": ("dropped", "duplicate_body"),
    N + "server-error-500-story": ("failed", "http_500"),
    N + "busy-503-then-fine-story": ("exported", None),
    N + "busy-503-always-story": ("failed", "http_503"),
    N + "busy-503-retry-in-an-hour-story": ("failed", "http_503"),
    N + "too-many-requests-429-story": ("failed", "http_429"),
    N + "missing-404-story": ("failed", "http_404"),
    N + "gone-410-story": ("failed", "http_410"),
    N + "hanging-response-story": ("failed", "timeout"),
    N + "reset-mid-body-story": ("failed", "truncated"),
    N + "truncated-gzip-story": ("failed", "truncated_gzip"),
    N + "corrupt-gzip-story": ("failed", "bad_gzip"),
    N + "gzip-bomb-story": ("failed", "too_large"),
    N + "larger-than-limit-story": ("failed", "too_large"),
    N + "larger-than-limit-unannounced-story": ("failed", "too_large"),
    N + "redirect-loop-first-story": ("failed", "redirect_loop"),
    N + "long-redirect-chain-story": ("failed", "too_many_redirects"),  # under the URL met, not hop 20
    N + "short-redirect-chain-story": ("exported", None),  # reached through 3 redirects
    N + "pdf-report-story.html": ("dropped", "not_html"),
    N + "photo-of-the-day-story": ("dropped", "not_html"),
    N + "data-feed-json-story": ("dropped", "not_html"),
    N + "empty-body-story": ("dropped", "not_html"),
    N + "kyiv-windows-1251-with-header": ("exported", None),
    N + "kyiv-windows-1251-without-charset": ("exported", None),
    N + "tokyo-shift-jis-with-header": ("exported", None),
    N + "tokyo-shift-jis-meta-only": ("exported", None),
    N + "lying-meta-charset-story": ("exported", None),
    N + "utf8-bom-latin1-header-story": ("exported", None),
    N + "utf16-bom-story": ("exported", None),
    N + "deeply-nested-markup-story": ("exported", None),
    N + "nested-beyond-parser-limit-story": ("exported", None),  # 5,000 levels: parsed again flattened
    N + "unclosed-markup-story": ("exported", None),
    N + "five-megabyte-single-line-story": ("exported", None),
}


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Any:
    server = faultserver.start()
    out = tmp_path_factory.mktemp("faults")
    try:
        result = run_crawl(server.base + "/", out / "articles.jsonl", DOWNLOAD_TIMEOUT=1,
                           DOWNLOAD_MAXSIZE=faultserver.MAX_SIZE, RETRY_AFTER_MAX_DELAY=5)
        yield server, out, result
    finally:
        server.stop()


def _path(url: str, base: str) -> str:
    return url.removeprefix(base)


def test_crawl_finishes_normally(crawl: Any) -> None:
    _, out, result = crawl
    report = json.loads((out / "report.json").read_text())
    assert (result.returncode, report["finish_reason"]) == (0, "finished")


def test_every_url_met_has_exactly_its_expected_outcome(crawl: Any) -> None:
    server, out, _ = crawl
    lines = read_jsonl(out / "outcomes.jsonl")
    seen = Counter(_path(line["url"], server.base) for line in lines)
    outcomes = {_path(line["url"], server.base): (line["outcome"], line["reason"]) for line in lines}
    assert (outcomes, max(seen.values())) == (EXPECTED, 1)


def test_report_adds_up_to_the_urls_met(crawl: Any) -> None:
    _, out, _ = crawl
    report = json.loads((out / "report.json").read_text())
    totals = Counter(outcome for outcome, _ in EXPECTED.values())
    assert {k: report[k] for k in ("urls_met", "exported", "dropped", "failed", "adds_up")} == {
        "urls_met": len(EXPECTED), "exported": totals["exported"], "dropped": totals["dropped"],
        "failed": totals["failed"], "adds_up": True}


def test_retries_are_bounded_and_honour_retry_after(crawl: Any) -> None:
    server, _, _ = crawl
    paths = ["server-error-500-story", "busy-503-then-fine-story", "busy-503-always-story",
             "busy-503-retry-in-an-hour-story", "too-many-requests-429-story", "missing-404-story",
             "hanging-response-story", "reset-mid-body-story"]
    # RETRY_TIMES=2: three tries at most; an hour's Retry-After is past the cap: no retry; 404 never.
    assert {p: server.hits[N + p] for p in paths} == {
        "server-error-500-story": 3, "busy-503-then-fine-story": 2, "busy-503-always-story": 3,
        "busy-503-retry-in-an-hour-story": 1, "too-many-requests-429-story": 3, "missing-404-story": 1,
        "hanging-response-story": 3, "reset-mid-body-story": 3}


def _records(out: Path, base: str) -> dict[str, dict[str, Any]]:
    return {_path(r["url"], base): r for r in read_jsonl(out / "articles.jsonl")}


def test_cyrillic_and_japanese_pages_decode_to_the_right_text(crawl: Any) -> None:
    server, out, _ = crawl
    records = _records(out, server.base)
    got = {p.removeprefix(N): (records[N + p]["headline"], records[N + p]["body"]) for p in (
        "kyiv-windows-1251-with-header", "kyiv-windows-1251-without-charset", "lying-meta-charset-story",
        "tokyo-shift-jis-with-header", "tokyo-shift-jis-meta-only")}
    uk, ja = faultserver.UKRAINIAN_BODY, faultserver.JAPANESE_BODY
    assert got == {
        "kyiv-windows-1251-with-header": (faultserver.UKRAINIAN_HEADLINE, "\n\n".join(uk)),
        "kyiv-windows-1251-without-charset": (faultserver.UKRAINIAN_HEADLINE + " (без кодування)",
                                              "\n\n".join(uk[::-1])),
        "lying-meta-charset-story": (faultserver.UKRAINIAN_HEADLINE + " (meta)", "\n\n".join(uk[1:])),
        "tokyo-shift-jis-with-header": (faultserver.JAPANESE_HEADLINE, "\n\n".join(ja)),
        "tokyo-shift-jis-meta-only": (faultserver.JAPANESE_HEADLINE + "（メタ）", "\n\n".join(ja[1:] + ja[:1])),
    }


def test_bom_pages_decode_to_the_right_text(crawl: Any) -> None:
    server, out, _ = crawl
    records = _records(out, server.base)
    from tests.support.pages import paragraphs

    got = {p: records[N + p]["body"] for p in ("utf8-bom-latin1-header-story", "utf16-bom-story")}
    assert got == {"utf8-bom-latin1-header-story": "\n\n".join(paragraphs(15)),
                   "utf16-bom-story": "\n\n".join(paragraphs(16))}
