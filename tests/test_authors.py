from __future__ import annotations

import pytest

from scraper.extract.authors import clean_names

ROWS = [
    (["By Anna Smith and John Lee"], ["Anna Smith", "John Lee"]),  # "By" and "and"
    (["Maria Garcia, Senior Reporter"], ["Maria Garcia"]),  # role after comma
    (["Von Max Müller und Eva Braun"], ["Max Müller", "Eva Braun"]),  # German
    (["Jo Doe", "jo doe"], ["Jo Doe"]),  # duplicates, case-insensitive
    (["By: Jo Doe (Reuters)"], ["Jo Doe"]),  # affiliation in brackets
    (["https://example.com/author/jo"], []),  # URLs are not names
    (["Anna Smith | Staff Writer"], ["Anna Smith"]),  # role after a bar
    (["jo.doe@example.com"], []),  # e-mail only
    (["By Laura E. Adkins"], ["Laura E. Adkins"]),  # a middle initial is not the Italian "e"
    (["Jose Y. Garcia and Ann Lee"], ["Jose Y. Garcia", "Ann Lee"]),  # nor the Spanish "y"
    (["Juan Pérez y María López"], ["Juan Pérez", "María López"]),  # which still splits
    (["Anna Rossi e Marco Bianchi"], ["Anna Rossi", "Marco Bianchi"]),
]


@pytest.mark.parametrize(("raw", "expected"), ROWS)
def test_clean_names(raw: list[str], expected: list[str]) -> None:
    assert clean_names(raw) == expected
