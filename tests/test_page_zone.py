"""The zone of a page's offset-less dates, guessed from its domain and language (``page_zone``)."""
from __future__ import annotations

import pytest

from scraper.extract import extract
from scraper.extract.page_zone import page_zone


@pytest.mark.parametrize(("url", "language", "expected"), [
    ("https://www.zeitung.de/politik/a.html", None, "Europe/Berlin"),  # country domain
    ("https://news.bbc.co.uk/a", "en", "Europe/London"),  # country domain under a second level
    ("https://www.yomiuri.co.jp/a", None, "Asia/Tokyo"),
    ("https://example.com/a", "de", "Europe/Berlin"),  # generic domain: a one-clock language
    ("https://example.com/a", "de-AT", "Europe/Vienna"),  # a region says more than the language
    ("https://example.com/a", "pl_PL", "Europe/Warsaw"),  # og:locale spelling
    ("https://example.com/a", "zh-Hant", "Asia/Shanghai"),  # a script subtag is no region: +08 all the same
    ("https://example.com/a", "en", None),  # languages of many clocks give no guess
    ("https://example.com/a", "en-US", None),  # nor do regions of many clocks (not "en" -> anything)
    ("https://example.com/a", "pt-BR", None),
    ("https://example.com/a", "es", None),
    ("https://example.com.au/a", "en-AU", None),
    ("https://www.lemonde.fr/a", "en", "Europe/Paris"),  # the domain before the language
    ("", "ja", "Asia/Tokyo"),  # a saved page without its address
    ("http://[::1]:8080/a", None, None),  # an address without a country
    ("http://localhost/a", None, None),
    (None, None, None),
])
def test_page_zone(url: str | None, language: str | None, expected: str | None) -> None:
    assert page_zone(url, language) == expected


@pytest.mark.parametrize(("title", "expected"), [
    ("侍ジャパン、初戦を白星で飾る", "Asia/Tokyo"),  # kana: Japanese
    ("국회, 추경 예산안 통과", "Asia/Seoul"),  # Hangul: Korean
    ("ข่าวเศรษฐกิจวันนี้", "Asia/Bangkok"),  # Thai
    ("国务院召开常务会议", None),  # Han alone: Chinese or Japanese, the language table's business
    ("Harbour reopens", None),
    (None, None),
])
def test_page_zone_by_the_title_s_script(title: str | None, expected: str | None) -> None:
    """Without a country domain or a declared language, a script only one country's language writes."""
    assert page_zone("https://www.example.com/a", None, title) == expected
    assert page_zone("https://www.example.de/a", None, title) == "Europe/Berlin"  # the domain comes first


PAGE = """<html lang="{lang}"><head><title>Hochwasser an der Sulm</title></head><body>
<article><h1>Hochwasser an der Sulm</h1><p class="date">Veröffentlicht: 12.03.2024, 14:05 Uhr</p>
<p>Nach tagelangem Regen ist die Sulm über die Ufer getreten, die Feuerwehr sperrt die Promenade.</p>
</article></body></html>"""


@pytest.mark.parametrize(("url", "lang", "timezone", "expected"), [
    ("https://www.sulmtal.de/a", "de", None, "2024-03-12T14:05:00+01:00"),  # the page's own zone
    ("https://sulmtal.example/a", "de", None, "2024-03-12T14:05:00+01:00"),  # told by its language
    ("https://sulmtal.example/a", "en", None, "2024-03-12"),  # no zone known: the day, not a guessed instant
    ("https://www.sulmtal.de/a", "de", "America/New_York", "2024-03-12T14:05:00-04:00"),  # the user's zone wins
])
def test_shown_date_read_in_the_page_zone(url: str, lang: str, timezone: str | None, expected: str) -> None:
    record = extract(PAGE.format(lang=lang), url, timezone=timezone)
    assert (record["published"], record["sources"]["published"]) == (expected, "html")
