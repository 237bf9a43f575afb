"""The date and byline lines under the headline, read whatever their class names (``extract.header_lines``):
labelled dates in several languages, a bare date, a byline with a date; never an update, a
date inside a sentence, or an ambiguous slashed date; a byline up to its ``<br>``, never a credit
line after the text."""
from __future__ import annotations

import pytest

from scraper.extract import extract

_TEXT = "<p>" + "The council met on Tuesday evening to discuss the new bus lanes along the river road. " * 4 + "</p>"

LINES = [
    ('<div class="q1">Published: March 3, 2024</div>', "2024-03-03"),
    ('<div class="q1">Veröffentlicht: 12.03.2024, 14:05 Uhr</div>', "2024-03-12"),  # no zone known: the day
    ('<div class="q1">Publié le 12 mars 2024 à 14h05</div>', "2024-03-12"),
    ('<div class="q1">Publicado el 12 de marzo de 2024</div>', "2024-03-12"),
    ('<div class="q1">Pubblicato il 12 marzo 2024</div>', "2024-03-12"),
    ('<div class="q1">Opublikowano: 12 marca 2024</div>', "2024-03-12"),
    ('<div class="q1">Gepubliceerd op 12 maart 2024</div>', "2024-03-12"),
    ("<h6>12.03.2024</h6>", "2024-03-12"),  # a bare dotted date in a small heading
    ('<div class="q1">Updated: April 1, 2024 Published: March 3, 2024</div>', "2024-03-03"),
    ('<div class="q1">By Anna Lee, March 3, 2024</div>', "2024-03-03"),
    ('<p class="q1">Anna Lee, March 3, 2024</p>', "2024-03-03"),  # a name, then the date
    ('<p class="q1">Berlin | 12. März 2024</p>', "2024-03-12"),  # a place, then the date
    ('<p class="q1">Room 12, March 3, 2024</p>', None),  # a lead with a digit is not cut off
    ('<div class="q1">3 hours ago</div>', "2024-05-31T21:00:00+00:00"),  # anchored at fetched_at
    ('<div class="q1">Yesterday at 14:05</div>', "2024-05-31T14:05:00+00:00"),
    ('<div class="q1">Gestern, 14:05 Uhr</div>', "2024-05-31T14:05:00+00:00"),
    ('<div class="q1">2024年3月3日 14:05</div>', "2024-03-03"),  # a year glued to a CJK unit
    ('<div class="q1">Updated: April 1, 2024</div>', None),  # an update is not the publication
    ('<div class="q1">The festival runs until March 3, 2024, and tickets are still on sale.</div>', None),
    ('<div class="q1">10/01/2024</div>', None),  # October 1st or 10 January: no date beats a wrong one
    ('<div class="q1">25/01/2024</div>', "2024-01-25"),  # a day above 12 is plain
]


@pytest.mark.parametrize(("line", "expected"), LINES)
def test_date_line_under_the_headline(line: str, expected: str | None) -> None:
    html = f"<html><head><title>Bus lanes approved</title></head><body><h1>Bus lanes approved</h1>{line}{_TEXT}</body></html>"
    record = extract(html, "https://example.org/news/bus-lanes", fetched_at="2024-06-01T00:00:00+00:00")
    assert record["published"] == expected
    assert record["sources"].get("published") == ("html" if expected else None)


@pytest.mark.parametrize(("line", "timezone", "expected"), [
    ('<div class="q1">Veröffentlicht: 12.03.2024, 14:05 Uhr</div>', "Europe/Berlin", "2024-03-12T14:05:00+01:00"),
    ('<div class="q1">Published: March 3, 2024 at 6:18 am</div>', None, "2024-03-03"),  # whose 6:18? the day
    ('<div class="q1">Published: March 3, 2024 14:05 GMT</div>', None, "2024-03-03T14:05:00+00:00"),  # zone written
    ('<div class="q1">Published: March 3, 2024 3:15 PM EST</div>', None, "2024-03-03T15:15:00-05:00"),
])
def test_a_time_is_kept_only_in_a_known_zone(line: str, timezone: str | None, expected: str) -> None:
    html = f"<html><body><h1>Bus lanes approved</h1>{line}{_TEXT}</body></html>"
    record = extract(html, "https://example.org/news/bus-lanes", fetched_at="2024-06-01T00:00:00+00:00",
                     timezone=timezone)
    assert record["published"] == expected


def test_a_date_line_after_the_text_starts_is_not_read() -> None:
    html = (f"<html><body><h1>Bus lanes approved</h1>{_TEXT}<div>Published: March 3, 2024</div>"
            "</body></html>")
    assert extract(html, "https://example.org/news/bus-lanes")["published"] is None


BYLINES = [
    ('<div class="q1">By Anna Lee, March 3, 2024</div>', ["Anna Lee"]),
    ('<div class="u5"><span>By </span><a href="/profile/teresa-newsome">Teresa Newsome</a></div>', ["Teresa Newsome"]),
    ("<table><tr><td><br>By Associated Press<br><br></td></tr></table>", ["Associated Press"]),
    ('<div class="q1">Von Paul Meier<br>Redaktion Lokales</div>', ["Paul Meier"]),  # the line ends at <br>
    ('<div class="q1">by Tim Cashmere - January 16 2008<br>photo by Ros Gorman</div>', ["Tim Cashmere"]),
    ('<div class="q1">By the river road</div>', []),  # no capitalised name
    ('<div class="q1">Written by Anna Lee and Tom Park</div>', ["Anna Lee", "Tom Park"]),
    ('<div class="q1">Autor: Anna Nowak</div>', ["Anna Nowak"]),
]


def test_without_an_h1_the_zone_starts_at_the_headline_s_element() -> None:
    """An old page sets its headline in a table cell in bold: the lines under it are read the same."""
    html = ("<html><head><title>Bus lanes approved - Gazette</title></head><body><table>"
            "<tr><td><font size=4><b>Bus lanes approved</b></font></td></tr>"
            f"<tr><td>By Anna Lee<br>March 3, 2024</td></tr></table>{_TEXT}</body></html>")
    record = extract(html, "https://example.org/news/bus-lanes-approved")
    assert (record["headline"], record["authors"], record["published"]) == (
        "Bus lanes approved", ["Anna Lee"], "2024-03-03")


def test_the_byline_line_leaves_the_text() -> None:
    html = (f"<html><body><h1>Bus lanes approved</h1><p>Written by Anna Lee | March 3, 2024</p>{_TEXT}"
            "</body></html>")
    record = extract(html, "https://example.org/news/bus-lanes")
    assert (record["authors"], record["published"]) == (["Anna Lee"], "2024-03-03")
    assert record["body"] == _TEXT[3:-4].strip()


@pytest.mark.parametrize(("line", "expected"), BYLINES)
def test_byline_under_the_headline(line: str, expected: list[str]) -> None:
    html = (f"<html><head><title>Bus lanes approved</title></head><body><h1>Bus lanes approved</h1>{line}{_TEXT}"
            "<div>Website design by Active Media Architects</div></body></html>")
    assert extract(html, "https://example.org/news/bus-lanes")["authors"] == expected


_STANDFIRST = "<p>The council approved bus lanes along the river road on Tuesday, after a year of " \
    "arguments about parking, deliveries and the trees that will have to go.</p>"


@pytest.mark.parametrize(("page", "expected"), [
    # the standfirst, then the byline and date, then the text in a block of its own: read
    (f"<header>{_STANDFIRST}<div>By Anna Lee</div><div>March 3, 2024</div></header><div>{_TEXT}{_TEXT}</div>",
     (["Anna Lee"], "2024-03-03")),
    # a paragraph, the lines, then more paragraphs of the same block: the text had started
    (f"<div>{_STANDFIRST}<div>By Anna Lee</div><div>March 3, 2024</div>{_TEXT}{_TEXT}</div>", ([], None)),
    # a paragraph and the lines, then no more text: the text had started
    (f"<div>{_STANDFIRST}<div>By Anna Lee</div><div>March 3, 2024</div></div>", ([], None)),
])
def test_the_header_zone_goes_past_a_standfirst(page: str, expected: tuple[list[str], str | None]) -> None:
    record = extract(f"<html><body><h1>Bus lanes approved</h1>{page}</body></html>", "https://example.org/n/bus")
    assert (record["authors"], record["published"]) == expected


def test_a_credit_line_after_the_text_is_no_byline() -> None:
    html = (f"<html><body><h1>Bus lanes approved</h1>{_TEXT}<div>By Studio Nord Design</div>"
            "<div>Website design by Active Media Architects</div></body></html>")
    assert extract(html, "https://example.org/news/bus-lanes")["authors"] == []


def test_a_long_menu_before_the_headline_does_not_use_up_the_header_zone() -> None:
    menu = "".join(f"<div><span>Menu {i}</span></div>" for i in range(500))
    html = (f"<html><body>{menu}<h1>Bus lanes approved</h1><div>Published: March 3, 2024</div>"
            f"<div>By Anna Lee</div>{_TEXT}</body></html>")
    record = extract(html, "https://example.org/news/bus-lanes")
    assert (record["published"], record["authors"]) == ("2024-03-03", ["Anna Lee"])
