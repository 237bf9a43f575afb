"""The headline rules, one row each: the data's titles, the page's headings and <title> -> (headline, source)."""
from __future__ import annotations

import pytest

from scraper.extract import metadata as md
from scraper.extract.page import Page

URL = "https://paper.example/2026/05/story/"


def page(head: str, body: str) -> Page:
    return Page.from_html(f"<html><head>{head}</head><body>{body}<p>Text of the story.</p></body></html>", URL)


def og(title: str) -> str:
    return f'<meta property="og:title" content="{title}">'


SITE = '<meta property="og:site_name" content="Quay">'

ROWS = [
    # the data's words are the heading's, with the punctuation the heading lost to two spans: the data's
    (og("Kicker: The harbour reopens"), "<h1><span>Kicker</span> <span>The harbour reopens</span></h1>",
     ("Kicker: The harbour reopens", "opengraph")),
    # the data's words are the heading's after a kicker (4 words or more): the data's
    (og("The harbour reopens after repairs"), "<h1>Live updates – The harbour reopens after repairs</h1>",
     ("The harbour reopens after repairs", "opengraph")),
    # the data is the h1 plus a site's domain, the h1 short: the h1
    (SITE + og("Pier works - Quay.example"), "<h1>Pier works</h1>", ("Pier works", "html")),
    # the data is the h1 plus " : Section": the h1
    (og("Ferry fares frozen : Business"), "<h1>Ferry fares frozen</h1>", ("Ferry fares frozen", "html")),
    # a one-word data title (a section's name) inside the h1: the h1
    (og("Housing"), "<h1>We will build homes that people can afford on housing</h1>",
     ("We will build homes that people can afford on housing", "html")),
    # the h1 goes on after the data's title (a subtitle): the h1
    (og("Four drives tested"), "<h1>Four drives tested: goodbye fans</h1>", ("Four drives tested: goodbye fans", "html")),
    # the h1 is the data's title after a kicker: the data's
    (og("Four drives tested in a mini PC"), "<h1>Review: Four drives tested in a mini PC</h1>",
     ("Four drives tested in a mini PC", "opengraph")),
    # the <title> repeats the h1, the social title tells another story: the h1
    ("<title>Why the tram is late | Quay</title>" + SITE + og("The Quiet Race"), "<h1>Why the tram is late</h1>",
     ("Why the tram is late", "html")),
    # every h1 is in the breadcrumbs: the article's first h2 is the heading the data is checked against
    (og("Tablets in class: Children learn faster") + '<script type="application/ld+json">{"@type": "NewsArticle", '
     '"headline": "Tablets in schools - children learn faster"}</script>',
     '<nav><h1>Tablets in schools - children learn faster</h1></nav>'
     '<article><h2><span>Tablets in class</span> <span>Children learn faster</span></h2></article>',
     ("Tablets in class: Children learn faster", "opengraph")),
    # no data; the site-name h1 and the story's h1 both agree with the title: the story's
    ("<title>Ferry timetable cut | Riverside Herald</title>", "<h1>Riverside Herald</h1><h1>Ferry timetable cut</h1>",
     ("Ferry timetable cut", "html")),
    # no data; two h1s each equal to a part of the title: the one of its first part, without the permalink mark
    ("<title>Shared history — the evolve manual</title>",
     '<h1>the evolve manual</h1><h1>Shared history<a class="headerlink" href="#shared">¶</a></h1>',
     ("Shared history", "html")),
    # no data; the only h1 is the site's part of the title, the longer part is shown on its own: that part
    ("<title>Valley Times: World Views : Another storm floods the old harbour</title>",
     "<h1>Valley Times: World Views</h1><b>Another storm floods the old harbour</b>",
     ("Another storm floods the old harbour", "html")),
    # no data, no heading: the piece of the title the body shows as a run of text
    ("<title>Valley News - Local News, Weather and Sports for the Valley | Pool closes</title>",
     "<font><b>Pool closes</b></font>", ("Pool closes", "html")),
    # the piece as the page shows it, not as the title capitalises it; "(from Site)" cut off
    ("<title>Ministers Face Dilemma Over Stadium (from The Herald )</title>",
     "<b>Ministers face dilemma over stadium</b>", ("Ministers face dilemma over stadium", "html")),
    # a title that swallowed script: cut where the script starts
    ("<title>Golfer Wins Title(The Times)ntById(\"font\"); obj.style.fontSize = 9</title>",
     "<b>Golfer Wins Title</b>", ("Golfer Wins Title", "html")),
    # no data, no heading: "Site: Headline", the headline shown as a run of text
    ("<title>valleynews.example: Council closes the old pool</title>",
     "<td><b>Council closes the old pool</b></td>", ("Council closes the old pool", "html")),
    # a line break inside the heading is a space between its words
    ("", "<h1>Harbour<br>reopens after repairs</h1>", ("Harbour reopens after repairs", "html")),
]


@pytest.mark.parametrize(("head", "body", "expected"), ROWS)
def test_headline(head: str, body: str, expected: tuple[str, str]) -> None:
    assert md.headline(page(head, body)) == expected


@pytest.mark.parametrize(("url", "expected"), [
    # no heading, no data: the part of the title the URL's slug spells, though it is the shorter one
    ("https://paper.example/news/pool-closes-early", "Pool closes early"),
    # a slug that spells no part: the longest part, as before
    ("https://paper.example/news/48213", "The Valley Evening Courier"),
])
def test_title_part_named_in_the_url(url: str, expected: str) -> None:
    html = "<html><head><title>Pool closes early - The Valley Evening Courier</title></head><body><p>Text.</p></body></html>"
    assert md.headline(Page.from_html(html, url)) == (expected, "html")
