from __future__ import annotations

import pytest

from scraper.extract.captions import split_credit

ROWS = [
    # trailing (Name/Agency)
    ("Toys on the ground on Feb. 24, 2023. (Thierry Monasse/Getty Images)",
     ("Toys on the ground on Feb. 24, 2023.", "Thierry Monasse/Getty Images")),
    # "Photo:" label
    ("Protesters in Kyiv. Photo: Jane Doe/Reuters", ("Protesters in Kyiv.", "Jane Doe/Reuters")),
    # German "Foto:"
    ("Die Demo in Berlin. Foto: dpa", ("Die Demo in Berlin.", "dpa")),
    # copyright sign
    ("Die Demo in Berlin. © Imago", ("Die Demo in Berlin.", "Imago")),
    # brackets that are part of the caption stay
    ("A man (left) walks.", ("A man (left) walks.", None)),
    # credit only
    ("Photo: AP", (None, "AP")),
]


@pytest.mark.parametrize(("raw", "expected"), ROWS)
def test_split_credit(raw: str, expected: tuple[str | None, str | None]) -> None:
    assert split_credit(raw) == expected
