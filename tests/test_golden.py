"""Every fixture page's whole record equals its reviewed expected.json."""
from __future__ import annotations

import pytest

from tests.golden import Case, cases

CASES = cases()


def test_there_are_golden_fixtures() -> None:
    assert len(CASES) >= 18


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_record_matches_golden(case: Case) -> None:
    expected = case.expected
    assert expected, "an empty expectation proves nothing"
    assert case.actual() == expected


def test_seed_page_record() -> None:
    """The seed page (shared/seed/news-feed-page.txt) pinned field by field."""
    case = next(c for c in CASES if c.id.endswith("ngo-4-more-ukrainian-children-rescued"))
    record = case.actual()
    paragraphs = record["body"].split("\n\n")
    assert record["headline"] == "NGO: 4 more Ukrainian children rescued from Russian occupation"
    assert (len(paragraphs), paragraphs[0][:40], paragraphs[-1][-59:]) == (
        8, "Save Ukraine, a Ukrainian humanitarian N", "their role in the forced deportation of Ukrainian children.")
    assert [(i["caption"], i["credit"]) for i in record["images"]] == [(
        "Members from a U.S.-based nonprofit organization, Avaaz, light candels and lay toys on the ground in "
        "the Schuman Roundabout, the center of the EU district in Brussels, Belgium, in protest against the "
        "Russian abduction of Ukrainian children on Feb. 24, 2023.", "Thierry Monasse/Getty Images")]
    assert [(i["kind"], i["title"][:40]) for i in record["linked_items"]] == [
        ("feed", "Russia confirmed that it had handed over"),
        ("video", "Colombians, many shaped by decades of ar"),
    ]
