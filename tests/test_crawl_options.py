"""scraper crawl options: each maps to one spider argument or setting; bad values get one line and exit 2."""
from __future__ import annotations

import pytest
from scrapy.settings import Settings

from scraper.cli.crawl_options import apply_crawl_settings, spider_args
from scraper.cli.main import build_parser, main


def parse(*argv: str):  # type: ignore[no-untyped-def]
    return build_parser().parse_args(["crawl", *argv])


def test_options_map_to_spider_arguments() -> None:
    args = parse("https://n.test/", "--sitemap", "https://n.test/s.xml", "--sitemap", "https://n.test/n.xml.gz",
                 "--feed", "https://n.test/rss", "--robots-sitemaps", "--allow", "/20", "--deny", "/live/",
                 "--since", "2024-02-01")
    assert spider_args(args, args.urls) == {
        "start_urls": "https://n.test/", "sitemap_urls": "https://n.test/s.xml,https://n.test/n.xml.gz",
        "feed_urls": "https://n.test/rss", "robots_sitemaps": "true", "allow": "/20", "deny": "/live/",
        "since": "2024-02-01"}


def test_options_map_to_settings() -> None:
    args = parse("https://n.test/", "--depth", "3", "--state", ".state", "--jobdir", "jobs/a", "--http-cache",
                 "--max-items", "10", "--max-pages", "20", "--max-seconds", "30", "--max-errors", "4",
                 "--redis", "redis://127.0.0.1:6379/0", "--redis-job", "nightly")
    settings = Settings()
    apply_crawl_settings(args, settings)
    names = ["DEPTH_LIMIT", "STATE_DIR", "JOBDIR", "HTTPCACHE_ENABLED", "CLOSESPIDER_ITEMCOUNT",
             "CLOSESPIDER_PAGECOUNT", "CLOSESPIDER_TIMEOUT", "CLOSESPIDER_ERRORCOUNT", "REDIS_URL", "REDIS_JOB"]
    assert {n: settings[n] for n in names} == {
        "DEPTH_LIMIT": 3, "STATE_DIR": ".state", "JOBDIR": "jobs/a", "HTTPCACHE_ENABLED": True,
        "CLOSESPIDER_ITEMCOUNT": 10, "CLOSESPIDER_PAGECOUNT": 20, "CLOSESPIDER_TIMEOUT": 30,
        "CLOSESPIDER_ERRORCOUNT": 4, "REDIS_URL": "redis://127.0.0.1:6379/0", "REDIS_JOB": "nightly"}


@pytest.mark.parametrize("argv, message", [
    ([], "scraper: error: nothing to crawl: give start URLs, --sitemap or --feed\n"),
    (["https://n.test/", "--since", "yesterday"],
     "scraper: error: since='yesterday' is not a date (expected YYYY-MM-DD or ISO 8601)\n"),
    (["https://n.test/", "--deny", "(live"],
     "scraper: error: bad URL pattern '(live': missing ), unterminated subpattern at position 0\n"),
    (["--sitemap", "ftp://n.test/s.xml"], "scraper: error: 'ftp://n.test/s.xml' is not an http(s) URL\n"),
    (["https://n.test/", "--max-items", "-1"], "scraper: error: argument --max-items: '-1' is negative\n"),
])
def test_bad_options_one_line_exit_2(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert (exit_code(["crawl", *argv]), capsys.readouterr().err) == (2, message)


def exit_code(argv: list[str]) -> int | str | None:
    """``main``'s status, whether returned or raised by argparse."""
    try:
        return main(argv)
    except SystemExit as exc:
        return exc.code
