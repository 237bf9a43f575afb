"""The published date checked against the page's other date statements.

A page states its date several times: JSON-LD, microdata, meta tags, ``<time datetime>``,
``data-*`` attributes beside the visible date. The winner of the evidence order
(``vocab.EVIDENCE``) is kept unless another statement shows where it went wrong, each
rule naming one common CMS mistake:

``modified_twin``
    The winner is the page's modified time repeated under a published name, and another
    published statement is earlier: that one is the publication.
``more_precise``
    The winner is a bare day and another statement gives a time of that same day.
``false_utc``
    The winner says ``+00:00`` (a CMS that prints local time as UTC, or a time read without
    an offset) and another statement gives the same wall-clock time with a real offset.
``same_instant``
    The winner says ``+00:00`` and another statement is the same instant in a local offset:
    the local wall clock is what the page shows.
``utc_as_local``
    The winner is the UTC wall clock labelled with the local offset: another statement in
    that offset is the winner's wall clock minus the offset (PHP's ``date()`` on a UTC time).
``page_offset``
    The winner's time was read without an offset (so in the site zone: given, else the page's own, else UTC) and
    every statement that writes its offset writes the same one: the page states its zone.

Only ``modified_twin`` moves the date by more than a time-zone difference, and only to an
earlier published statement. Pure: statements in, statement out.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from scraper.extract.dates import to_instant

#: Statement kinds: a published-named value (JSON-LD, microdata, meta), a modified-named one,
#: or a machine-readable date in the markup (``<time datetime>``, ``data-*`` attributes).
PUBLISHED, MODIFIED, MARKUP = "published", "modified", "markup"


@dataclass(frozen=True)
class Statement:
    """One date the page states: ISO 8601 (``parse_date`` output), its source, its kind."""

    value: str
    source: str
    kind: str
    #: The page wrote the offset (``Z``, ``+02:00``); False when it was read in the site zone.
    explicit: bool = True

    @property
    def has_time(self) -> bool:
        return len(self.value) > 10

    @property
    def instant(self) -> dt.datetime | None:
        return to_instant(self.value)

    @property
    def wall(self) -> str:
        """The wall-clock time to the minute, as the page writes it (``2024-05-01T10:00``)."""
        return self.value[:16]

    @property
    def offset(self) -> str:
        return self.value[19:] if self.has_time else ""

    @property
    def utc_wall(self) -> str:
        """The instant's UTC wall clock to the minute."""
        moment = self.instant
        return moment.astimezone(dt.timezone.utc).isoformat()[:16] if moment else ""


_UTC = "+00:00"


def agree(winner: Statement, statements: list[Statement]) -> tuple[Statement, str | None]:
    """The published statement to keep, and the rule that replaced the winner (None: kept)."""
    others = [s for s in statements if s.value != winner.value]
    twin = _modified_twin(winner, statements)
    if twin:
        return twin, "modified_twin"
    if not winner.has_time:
        finer = next((s for s in others if s.kind != MODIFIED and s.has_time and s.explicit
                      and s.value[:10] == winner.value), None)
        return (finer, "more_precise") if finer else (winner, None)
    if winner.offset == _UTC:
        for s in others:
            if s.explicit and s.has_time and s.offset != _UTC and s.wall == winner.wall:
                return s, "false_utc"
        for s in others:
            if s.explicit and s.has_time and s.offset != _UTC and s.instant == winner.instant:
                return s, "same_instant"
        offsets = {s.offset for s in statements if s.explicit and s.has_time}
        if not winner.explicit and len(offsets) == 1 and _UTC not in offsets:
            return Statement(winner.value[:19] + offsets.pop(), winner.source, winner.kind, True), "page_offset"
        return winner, None
    for s in others:
        if s.kind != MODIFIED and s.explicit and s.offset == winner.offset and s.utc_wall == winner.wall:
            return s, "utc_as_local"
    return winner, None


def _modified_twin(winner: Statement, statements: list[Statement]) -> Statement | None:
    """An earlier published statement, when the winner is the same instant as a modified one."""
    moment = winner.instant
    if moment is None or not winner.has_time:
        return None
    if not any(s.kind == MODIFIED and s.has_time and s.instant == moment for s in statements):
        return None
    for s in statements:
        if s.kind != PUBLISHED:
            continue
        earlier = s.instant
        if earlier is None:
            continue
        if s.has_time and earlier < moment:
            return s
        if not s.has_time and s.value < winner.value[:10]:
            return s
    return None
