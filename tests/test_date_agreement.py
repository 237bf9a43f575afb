"""The published date checked against the page's other date statements: each row names the rule it pins."""
from __future__ import annotations

import pytest

from scraper.extract.date_agreement import MARKUP, MODIFIED, PUBLISHED, Statement, agree
from scraper.extract.dates import has_offset

P, M, H = PUBLISHED, MODIFIED, MARKUP


def s(value: str, kind: str = P, source: str = "meta", explicit: bool = True) -> Statement:
    return Statement(value, source, kind, explicit)


ROWS = [
    # modified_twin: the winner repeats the modified time; the earlier published statement is the publication
    (s("2016-05-08T10:11:51+01:00", source="microdata"),
     [s("2016-05-08T10:11:51+01:00", source="microdata"), s("2015-09-17T16:57:43+01:00", source="opengraph"),
      s("2016-05-08T10:11:51+01:00", M, "opengraph")],
     ("2015-09-17T16:57:43+01:00", "opengraph", "modified_twin")),
    # modified_twin: an earlier bare day counts only when it is an earlier day
    (s("2024-05-01T10:00:00+02:00"), [s("2024-05-01"), s("2024-05-01T10:00:00+02:00", M)], (None, None, None)),
    (s("2024-05-01T10:00:00+02:00"), [s("2024-04-30"), s("2024-05-01T10:00:00+02:00", M)],
     ("2024-04-30", "meta", "modified_twin")),
    # modified_twin: an earlier markup date is not a published statement
    (s("2024-05-01T10:00:00+02:00"), [s("2024-05-01T09:00:00+02:00", H, "html"),
                                      s("2024-05-01T10:00:00+02:00", M)], (None, None, None)),
    # no modified twin: different published values are left to the evidence order
    (s("2024-05-01T10:00:00+02:00"), [s("2024-04-01T10:00:00+02:00")], (None, None, None)),
    # more_precise: a bare day gets the time another statement gives for that day
    (s("2016-12-15"), [s("2016-12-15T15:33:00-05:00", H, "html")], ("2016-12-15T15:33:00-05:00", "html", "more_precise")),
    # more_precise: not from another day, not from a modified time, not from a time read in the site zone
    (s("2016-12-15"), [s("2016-12-14T15:33:00-05:00", H, "html")], (None, None, None)),
    (s("2016-12-15"), [s("2016-12-15T15:33:00-05:00", M)], (None, None, None)),
    (s("2016-12-15"), [s("2016-12-15T15:33:00+00:00", explicit=False)], (None, None, None)),
    # false_utc: the same wall clock with a real offset
    (s("2019-04-19T20:00:00+00:00", source="opengraph"), [s("2019-04-19T20:00:00+09:00", H, "html")],
     ("2019-04-19T20:00:00+09:00", "html", "false_utc")),
    # same_instant: the local wall clock of the same instant
    (s("2024-04-25T08:21:02+00:00", source="json-ld"), [s("2024-04-25T04:21:02-04:00", H, "html")],
     ("2024-04-25T04:21:02-04:00", "html", "same_instant")),
    # neither from a value read in the site zone, nor from another UTC value
    (s("2019-04-19T20:00:00+00:00"), [s("2019-04-19T20:00:00+09:00", explicit=False),
                                      s("2019-04-19T11:00:00+00:00", H, "html")], (None, None, None)),
    # an instant that differs is not the same statement
    (s("2024-04-25T08:21:02+00:00"), [s("2024-04-25T05:21:02-04:00", H, "html")], (None, None, None)),
    # utc_as_local: the winner's clock is the other's UTC clock, in the same offset
    (s("2022-10-11T19:11:05-04:00", source="opengraph"), [s("2022-10-11T15:11:05-04:00")],
     ("2022-10-11T15:11:05-04:00", "meta", "utc_as_local")),
    # page_offset: a time read without an offset takes the one offset the page writes elsewhere
    (s("2026-07-31T14:38:00+00:00", explicit=False), [s("2026-07-31T09:10:00-04:00", H, "html"),
                                                       s("2026-07-30T16:45:00-04:00", H, "html")],
     ("2026-07-31T14:38:00-04:00", "meta", "page_offset")),
    # page_offset: not when the page writes two offsets, not when the winner wrote its own
    (s("2026-07-31T14:38:00+00:00", explicit=False), [s("2026-07-31T09:10:00-04:00", H, "html"),
                                                       s("2026-01-30T16:45:00-05:00", H, "html")], (None, None, None)),
    (s("2026-07-31T14:38:00+00:00"), [s("2026-07-31T09:10:00-04:00", H, "html")], (None, None, None)),
    # a real offset other than UTC is not second-guessed by another offset
    (s("2017-03-09T18:16:02-04:00", source="microdata"), [s("2017-03-09T23:16:02+00:00", source="opengraph")],
     (None, None, None)),
]


@pytest.mark.parametrize(("winner", "statements", "expected"), ROWS)
def test_agree(winner: Statement, statements: list[Statement], expected: tuple[str | None, ...]) -> None:
    kept, rule = agree(winner, statements)
    value, source, expected_rule = expected
    assert (kept.value, kept.source, rule) == ((value, source, expected_rule) if expected_rule
                                               else (winner.value, winner.source, None))


@pytest.mark.parametrize(("raw", "expected"), [
    ("2016-12-09 09:13:00Z", True),
    ("2016-10-13 17:00:00 -0400", True),
    ("2019-04-19T20:00:00.000+09:00", True),
    ("Fri, 02 Feb 2024 17:01:00 +0200", True),
    ("2016-12-01 13:01:00.000000", False),  # no offset written: read in the site zone
    ("1426686630", False),  # a Unix timestamp: an instant, but of what the attribute does not say
    ("2024-05-01", False),
])
def test_has_offset(raw: str, expected: bool) -> None:
    assert has_offset(raw) is expected
