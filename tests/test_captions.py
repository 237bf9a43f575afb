from __future__ import annotations

import pytest

from scraper.extract import extract
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


_TEXT = "<p>" + "The council met on Tuesday evening to discuss the new bus lanes along the river road. " * 3 + "</p>"


@pytest.mark.parametrize(("figure", "expected"), [
    # a photo's figure named like a teaser, with a caption of its own: the photo and its caption
    ('<figure class="article-figure teaser-image"><img src="/p/lanes.jpg" width="600" height="400">'
     "<figcaption>The new bus lane on the river road</figcaption></figure>",
     [("https://example.org/p/lanes.jpg", "The new bus lane on the river road")]),
    # a teaser card: its caption links to its story
    ('<figure class="teaser-image"><img src="/p/other.jpg" width="600" height="400">'
     '<figcaption><a href="/news/other-story">Another story about the river road</a></figcaption></figure>', []),
    # an author's or an ad's figure, whatever its caption
    ('<figure class="author-box"><img src="/p/anna-lee.jpg" width="600" height="400">'
     "<figcaption>Anna Lee, transport reporter</figcaption></figure>", []),
    ('<figure class="teaser ad"><img src="/p/ad.jpg" width="600" height="400"><figcaption>Anzeige</figcaption>'
     "</figure>", []),
])
def test_a_captioned_figure_is_a_photo_whatever_its_class(figure: str, expected: list[tuple[str, str]]) -> None:
    html = f"<html><body><article><h1>Bus lanes approved</h1>{_TEXT}{figure}{_TEXT}</article></body></html>"
    record = extract(html, "https://example.org/news/bus-lanes")
    assert [(i["url"], i["caption"]) for i in record["images"]] == expected
