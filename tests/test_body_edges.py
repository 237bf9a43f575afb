"""The edges of the body: a standfirst before the text block is read, a dateline box is not; a
byline or dateline line at either end is trimmed, a sentence that opens with "By" is not."""
from __future__ import annotations

import pytest

from scraper.extract import extract
from scraper.extract.body import Block
from scraper.extract.body_edges import _META_LINE, _is_meta_line

TEXT = ("<p>The council met on Tuesday evening to debate the new budget, which includes cuts to parks, "
        "libraries and road repairs across the city.</p><p>Residents packed the hall, and several spoke "
        "against the plan, saying the cuts would fall hardest on families with young children.</p>")
STANDFIRST = "Parks and libraries face the deepest cuts in a decade under the plan the council debated."


@pytest.mark.parametrize(("before", "first"), [
    # a standfirst, a related box between it and the text
    (f'<p class="description">{STANDFIRST}</p><aside><a href="/x">Other story</a></aside>', STANDFIRST),
    # a dateline box of <br> lines before the text is no standfirst
    ('<p><b>Council debates the budget</b><br><small>Harbour Courier<br>Sunday 30th December, 2007 (IANS)'
     '</small></p>', "The council met on Tuesday"),
    # nor a short line
    ("<p>Budget special: all the figures.</p>", "The council met on Tuesday"),
    # nor a paragraph of links
    ('<p><a href="/a">The budget in figures, line by line</a> and <a href="/b">what the council said about it</a>'
     "</p>", "The council met on Tuesday"),
])
def test_standfirst(before: str, first: str) -> None:
    html = (f"<html><body><article><h1>Council debates the budget</h1><div class='body'>{before}"
            f"<div class='story-body'>{TEXT}</div></div></article></body></html>")
    assert extract(html, "https://news.example/2024/05/budget")["body"].startswith(first)


@pytest.mark.parametrize(("after_h1", "first"), [
    # the dek under the headline in the article's <header>
    (f'<p class="dek">{STANDFIRST}</p><div class="byline">By Ann Lee</div>', STANDFIRST),
    # a byline and date paragraph there is trimmed as a meta line
    ("<p>By Ann Lee, Senior Reporter | Published 3 March 2024, 14:05 | Updated 3 March 2024, 16:30</p>",
     "The council met on Tuesday"),
])
def test_dek_in_the_headline_block(after_h1: str, first: str) -> None:
    html = (f"<html><body><article><header><h1>Council debates the budget</h1>{after_h1}</header>"
            f"<div class='story-body'>{TEXT}</div></article></body></html>")
    assert extract(html, "https://news.example/2024/05/budget")["body"].startswith(first)


@pytest.mark.parametrize(("line", "meta"), [
    ("By Anna Lee", True),
    ("By A. Smith", True),
    ("By An Nguyen", True),  # a name that spells an article
    ("By the Associated Press", True),
    ("Published: 3 May 2024", True),
    ("By the way, the field is private land.", False),
    ("By contrast, the town kept its library.", False),
    ("By now, all three towns have voted.", False),
    ("By the time the council met, the plan had changed.", False),
])
def test_by_line_or_sentence(line: str, meta: bool) -> None:
    assert bool(_META_LINE.match(line)) is meta


@pytest.mark.parametrize(("line", "meta"), [
    ("Wednesday, January 16, 2008", True),  # a dateline written month first
    ("March 3rd, 2024", True),
    ("16 January 2008", True),
    ("Google News launched on September 22, 2002, a decade ago.", False),  # a sentence with a date
    ("— David Ho (@DavidHo) November 7, 2012", False),  # an embedded post's attribution
])
def test_dateline(line: str, meta: bool) -> None:
    assert _is_meta_line(Block(line, "p")) is meta


def test_paragraph_set_as_a_heading() -> None:
    # the page's only prose is a blurb in an <h2>: 250+ characters are no subheading
    blurb = ("We are a group of volunteers who restore old boats and teach young people to sail them. "
             "Our workshop on the harbour is open every Saturday, and anyone who wants to learn to work "
             "with wood, rope and canvas is welcome to join us there, whatever their age or experience.")
    html = (f"<html><body><table><tr><td><h1>Who we are</h1><h2>{blurb}</h2></td></tr></table>"
            "<div id='footer'>Contact us <a href='/contact'>here</a></div></body></html>")
    assert extract(html, "https://boats.example/about")["body"] == blurb


def test_headlines_run_together_are_no_paragraph() -> None:
    # other stories' headlines set side by side in one block, more words than a single link line
    teasers = ("<p><a href='/a'>Harbour ferry fares rise by six percent from April</a> "
               "<a href='/b'>Council approves the new tram depot after a long debate</a> "
               "<a href='/c'>Lighthouse keepers' cottages to become a museum next summer</a></p>")
    html = (f"<html><body><article><h1>Council debates the budget</h1><div class='story-body'>{TEXT}{teasers}"
            "</div></article></body></html>")
    assert extract(html, "https://news.example/2024/05/budget")["body"].split("\n\n") == [
        "The council met on Tuesday evening to debate the new budget, which includes cuts to parks, libraries "
        "and road repairs across the city.",
        "Residents packed the hall, and several spoke against the plan, saying the cuts would fall hardest on "
        "families with young children."]


def test_name_then_dateline_before_the_text() -> None:
    # a byline of just the name, then the dateline: both go, the text starts after them
    html = ("<html><body><div id='story'><h1>Council debates the budget</h1><p>Josh Pringle</p>"
            f"<p>Wednesday, January 16, 2008</p>{TEXT}</div></body></html>")
    assert extract(html, "https://news.example/2008/01/budget")["body"].startswith("The council met on Tuesday")


@pytest.mark.parametrize(("dateline", "kept"), [
    ("07.12.2026, 09:15", False),  # a date and time alone, between the standfirst and the text
    ("2024-03-12 14:05 Uhr", False),
    ("12.03.2024", False),
    ("Am 12.03.2024 stimmte der Rat zu.", True),  # a sentence with a date is text
])
def test_date_only_line_after_the_standfirst(dateline: str, kept: bool) -> None:
    page = (f"<html><body><article><h1>Budget cuts</h1><p class='lead'>{STANDFIRST}</p>"
            f"<p>{dateline}</p>{TEXT}</article></body></html>")
    paragraphs = extract(page, "https://news.example/a")["body"].split("\n\n")
    assert (paragraphs[0], dateline in paragraphs) == (STANDFIRST, kept)
