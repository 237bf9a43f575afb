from __future__ import annotations

import pytest

from scraper.extract import extract
from scraper.extract.authors import clean_names, line_names, meta_line_name, signed_name

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
    (["Meg Wagner NEW YORK DAILY NEWS"], ["Meg Wagner"]),  # an outlet in capitals after the name
    (["André Oliver KLEIN"], ["André Oliver KLEIN"]),  # a surname in capitals is the name
    (["NATALIYA VASILYEVA"], ["NATALIYA VASILYEVA"]),  # so is a name wholly in capitals
    (["Michael Larabel in Valve on 14 June 2019"], ["Michael Larabel"]),  # "in SECTION on DATE"
    (["Written by Rob Ewaschuk Edited by Betsy Beyer"], ["Rob Ewaschuk"]),  # the editor is not an author
    (["Brenda Goodman, MA"], ["Brenda Goodman"]),  # a degree is not a name
    (["Sara Ma"], ["Sara Ma"]),  # but a surname that spells one is
    (["Last Updated"], []),  # a label
    (["James Akinaka • 8h"], ["James Akinaka"]),  # the post's age is not a second author
    (["Ann Lee · 12 min"], ["Ann Lee"]),
    (["Greg Iacurci @GregIacurci"], ["Greg Iacurci"]),  # a handle after the name
    (["Carlota Guindal 13"], ["Carlota Guindal"]),  # a count or a day glued on
    (["Associated Press 12:20pm"], ["Associated Press"]),  # a clock time
    (["By Dolores Chang For Dailymail.Com"], ["Dolores Chang"]),  # the outlet written for
    (["Center for Progress"], ["Center for Progress"]),  # an organisation's own "for" stays
    (["배윤경 기자", "이상현 기자"], ["배윤경", "이상현"]),  # Korean "reporter" after the name
    (["Kommentar von Nicole Opitz"], ["Nicole Opitz"]),  # a genre before "von"/"by"
    (["An analysis by Anna Lee"], ["Anna Lee"]),
    (["Aleš Vávra před 2 hodinami"], ["Aleš Vávra"]),  # a relative time after the name
    (["Jean Dupont il y a 5 minutes"], ["Jean Dupont"]),  # cut before the split ("y" is a Spanish "and")
    (["Anna Lee and Tom Berg 2 hours ago"], ["Anna Lee", "Tom Berg"]),
    (["Deal Professor By STEVEN DAVIDOFF SOLOMON"], ["STEVEN DAVIDOFF SOLOMON"]),  # a column's label before "By"
    (["Opinion By Anna Lee"], ["Anna Lee"]),
    (["Written by Rob Ewaschuk Edited by Betsy Beyer"], ["Rob Ewaschuk"]),  # the first credit, not the label rule's
]


@pytest.mark.parametrize(("raw", "expected"), ROWS)
def test_clean_names(raw: list[str], expected: list[str]) -> None:
    assert clean_names(raw) == expected


META_LINES = [
    ("Posted by Ines Marlow on October 2, 2025 in Town | 3 Comments", "Ines Marlow"),  # "on" ends the name
    ("By John Smith | May 2, 2024", "John Smith"),  # a bar ends it
    ("Written by Ana de la Cruz, 2 May", "Ana de la Cruz"),  # particles inside a name
    ("Veröffentlicht von Max Müller am 3. Mai", "Max Müller"),  # German "von ... am"
    ("posted by quayside at 9:14 AM", None),  # a lower-case handle is no person's name
    ("Posted by Admin on May 2", None),  # one word is not enough
    ("Filed under News, Politics", None),  # no "by"
    ("Posted by Staff Writer on May 2", None),  # a role, not a name
    ("By GILLIAN MOHNEY March 11, 2015 3:46 PM", "GILLIAN MOHNEY"),  # a date glued on is no part of the name
    ("By Teresa Newsome", "Teresa Newsome"),  # a byline line: the name and nothing after it
    ("by Tim Cashmere - January 16 2008", "Tim Cashmere"),  # a spaced hyphen ends it
]


@pytest.mark.parametrize(("line", "expected"), META_LINES)
def test_meta_line_name(line: str, expected: str | None) -> None:
    assert meta_line_name(line) == expected


SIGNED = [
    ("Lê Phương", True),
    ("Anna-Lena Berg", True),
    ("John O’Neil", True),
    ("Read more", False),  # not every word capitalised
    ("Staff Writer", False),  # a role
    ("Ends", False),  # one word
    ("Photo: AFP", False),  # punctuation
    ("Updated 2025", False),  # digits
]


@pytest.mark.parametrize(("text", "expected"), SIGNED)
def test_signed_name(text: str, expected: bool) -> None:
    assert signed_name(text) is expected


BYLINE_LINES = [
    ("Written by Anna Lee", ["Anna Lee"]),
    ("Author: Anna Lee", ["Anna Lee"]),
    ("Autor: Anna Nowak", ["Anna Nowak"]),
    ("Text: Anna Lee", ["Anna Lee"]),
    ("Door Anna de Vries", ["Anna de Vries"]),  # particles inside a name
    ("Av Anna Svensson", ["Anna Svensson"]),
    ("di Anna Rossi", ["Anna Rossi"]),
    ("Por Ana María de la Cruz", ["Ana María de la Cruz"]),
    ("By Anna Lee and Tom Park", ["Anna Lee", "Tom Park"]),
    ("Reporting by Anna Lee; Editing by Tom Park", ["Anna Lee"]),  # another credit after a semicolon
    ("By Anna Lee, March 3, 2024", ["Anna Lee"]),  # the date is no name
    ("By Adrian Shaw 18/01/2008", ["Adrian Shaw"]),
    ("By Julian Linden in Sydney", ["Julian Linden"]),  # nor the place
    ("By Julian Linden, Reuters", ["Julian Linden", "Reuters"]),  # an agency beside a person
    ("By Tameka Kee, Friday, December 28", ["Tameka Kee"]),  # but not a weekday
    ("By Nick Levine, Music Editor", ["Nick Levine"]),  # a title after a comma
    ("By Smart Shopping Team", ["Smart Shopping Team"]),  # a group's name
    ("By Howard Blume Staff Writer", ["Howard Blume"]),  # a person's title without a comma
    ("By Anna Lee Senior Correspondent", ["Anna Lee"]),
    ("By JAE-SOON CHANG, Associated Press Writer", ["JAE-SOON CHANG"]),  # the title's words are no name
    ("By the river road", []),  # not capitalised: a sentence
    ("By Reuters", []),  # one word alone is not enough
    ("By Staff Writer", []),  # a role
    ("By Tom James PA SportsTicker Contributing Writer", []),  # too many words for a name
    ("Weather by the sea", []),  # no byline word at the start
]


@pytest.mark.parametrize(("line", "expected"), BYLINE_LINES)
def test_line_names(line: str, expected: list[str]) -> None:
    assert line_names(line) == expected


DESK_PAGES = [
    # the account that posts in the category is named after it: a desk, not a person
    ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Harbour reopens",'
     ' "articleSection": "Sport", "author": {"@type": "Person", "name": "Sport"}}</script>', []),
    # a meta author that is the category link's name gives way to the byline under the headline
    ('<meta name="author" content="Nachrichten"><h1>Harbour reopens</h1>'
     '<p>in <a href="/category/nachrichten/" rel="category tag">Nachrichten</a></p><p>By Ann Lee</p>',
     ["Ann Lee"]),
    # a columnist's column bears the columnist's name: two words stay
    ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Harbour reopens",'
     ' "articleSection": "Paul Krugman", "author": {"@type": "Person", "name": "Paul Krugman"}}</script>',
     ["Paul Krugman"]),
]


@pytest.mark.parametrize(("head", "expected"), DESK_PAGES)
def test_section_named_author_is_a_desk(head: str, expected: list[str]) -> None:
    html = f"<html><head></head><body>{head}<div><p>{'The harbour reopened on Monday after repairs. ' * 8}</p></div></body></html>"
    assert extract(html, "https://news.example/2024/05/harbour-reopens")["authors"] == expected


@pytest.mark.parametrize(("line", "expected"), [
    ("By Kathy Wise Published in FrontBurner", ["Kathy Wise"]),  # the next item's label ends the name
    ("By Ryan McNeill Last updated: January 2, 2008", ["Ryan McNeill"]),
])
def test_line_names_end_at_the_next_label(line: str, expected: list[str]) -> None:
    assert line_names(line) == expected


def test_byline_block_of_only_its_label_gives_way() -> None:
    # "By" in a byline span of its own, the name in the next one
    html = ("<html><body><article><h1>Harbour reopens</h1><div class='meta'><span class='author-meta'>By</span>"
            "<span class='author-name'>Duncan Bell</span></div>"
            f"<p>{'The harbour reopened on Monday after repairs. ' * 8}</p></article></body></html>")
    assert extract(html, "https://news.example/2024/05/harbour-reopens")["authors"] == ["Duncan Bell"]


@pytest.mark.parametrize(("meta", "byline", "expected"), [
    ("Harbour Courier Staff", "<p class='byline'>By Megan French</p>", ["Megan French"]),  # the reporter shown
    ("Harbour Courier Staff", "", ["Harbour Courier Staff"]),  # no one else credited: the newsroom's credit stays
    ("mikecason", "<p class='byline'>By Mike Cason</p>", ["Mike Cason"]),  # a CMS user name gives way too
    ("mikecason", "", ["mikecason"]),
])
def test_staff_credit_in_meta_gives_way_to_a_person(meta: str, byline: str, expected: list[str]) -> None:
    html = (f"<html><head><meta name='author' content='{meta}'></head><body><article>"
            f"<h1>Harbour reopens</h1>{byline}<p>{'The harbour reopened on Monday after repairs. ' * 8}</p>"
            "</article></body></html>")
    assert extract(html, "https://news.example/2024/05/harbour-reopens")["authors"] == expected


def test_a_page_wide_feature_flag_is_no_byline_block() -> None:
    """``<html class="flag-multipleBylines-on">`` names no byline: a link to a person's topic page in
    the text ("/people/m/marissa_mayer/") is not the author."""
    from scraper.extract import extract

    text = ("<p>Shareholders of the company will have little say in the sale, which its chief executive, "
            '<a href="/topics/people/m/marissa-mayer/">Marissa Mayer</a>, agreed on Monday after months of talks '
            "with three bidders.</p>") * 3
    html = (f'<html class="flag-multipleBylines-on has-js"><body><article><h1>The sale leaves shareholders little say'
            f'</h1><p class="byline">By Steven Solomon</p>{text}</article></body></html>')
    assert extract(html, "https://news.example/2016/07/29/sale")["authors"] == ["Steven Solomon"]


def test_a_linked_author_in_a_named_span_of_its_own_still_brings_the_unlinked_one() -> None:
    """"By Stella Kim and <span class="byline-name"><a>Jennifer Jett</a></span>": the span says no more
    than its link, so the block around it is the byline read for the unlinked name."""
    from scraper.extract import extract

    text = "<p>" + "Lawmakers met late into the night to discuss the motion, which needs two thirds of the vote. " * 3 + "</p>"
    html = ('<html><body><article><h1>Motion fails in parliament</h1><div class="article-byline">By Stella Kim and '
            '<span class="byline-name"><a href="/author/jennifer-jett">Jennifer Jett</a></span></div>'
            f"{text}</article></body></html>")
    assert extract(html, "https://news.example/world/motion-fails")["authors"] == ["Stella Kim", "Jennifer Jett"]


def test_a_byline_block_that_names_no_one_gives_way() -> None:
    """A "Follow" button named like a byline block comes first and names no one: the byline block
    after it names the author; a later card's "Name Headline of another story" would not."""
    from scraper.extract import extract

    text = "<p>" + "The space freighter broke up over Siberia minutes after launch, the agency said on Thursday. " * 3 + "</p>"
    html = ('<html><body><article><div class="author-follow"><button>Follow</button></div>'
            '<h1>Freighter breaks up over Siberia</h1><div class="author-name">NATALIYA VASILYEVA</div>'
            f'{text}<div class="author-card">Michael Isikoff Inauguration ticket packages</div></article></body></html>')
    assert extract(html, "https://news.example/world/freighter")["authors"] == ["NATALIYA VASILYEVA"]


@pytest.mark.parametrize(("html", "expected"), [
    ('<div><span>By</span><a href="/p/travis-haney">Travis Haney</a> <time>Dec 9, 2016</time></div>',
     ["Travis Haney"]),  # "By" and the name in elements that meet without a space
    ('<div><span>By</span> <a href="/people/howard-blume">Howard Blume</a><span>Staff Writer</span></div>',
     ["Howard Blume"]),  # the name and the title likewise
])
def test_byline_lines_set_apart_elements_that_meet_without_a_space(html: str, expected: list[str]) -> None:
    page = (f"<html><body><h1>Bus lanes approved</h1>{html}<p>{'The council met on Tuesday. ' * 8}</p>"
            "</body></html>")
    assert extract(page, "https://example.org/news/bus-lanes")["authors"] == expected
