from __future__ import annotations

from scraper.extract.encoding import decode_html

UKRAINIAN = ("<html><head><title>Новини</title></head><body><p>Київ, 2 лютого. Рятувальники повідомили, "
             "що четверо дітей повернулися додому з окупованих територій.</p></body></html>")


def test_windows_1251_without_any_declaration_is_detected() -> None:
    text, _ = decode_html(UKRAINIAN.encode("windows-1251"))
    assert "Київ, 2 лютого" in text


def test_header_charset_is_used() -> None:
    text, encoding = decode_html(UKRAINIAN.encode("windows-1251"), "windows-1251")
    assert ("Київ, 2 лютого" in text, encoding) == (True, "cp1251")


def test_lying_meta_charset_loses_to_valid_utf8() -> None:
    page = '<html><head><meta charset="windows-1251"></head><body><p>Київ</p></body></html>'
    text, encoding = decode_html(page.encode("utf-8"))
    assert ("Київ" in text, encoding) == (True, "utf-8")


def test_bom_wins() -> None:
    text, encoding = decode_html(b"\xef\xbb\xbf<p>caf\xc3\xa9</p>", "latin-1")
    assert (text, encoding) == ("<p>café</p>", "utf-8")


def test_shift_jis_with_meta() -> None:
    page = '<html><head><meta charset="shift_jis"></head><body><p>東京のニュース</p></body></html>'
    text, _ = decode_html(page.encode("shift_jis"))
    assert "東京のニュース" in text


def test_content_type_charset() -> None:
    from scraper.extract.encoding import content_type_charset

    assert [content_type_charset(v) for v in (b"text/html; charset=UTF-8", 'text/html;charset="windows-1251"',
                                              "text/html", None, "text/html; charset=")] == [
        "UTF-8", "windows-1251", None, None, None]
