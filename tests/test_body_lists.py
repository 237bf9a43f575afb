"""Lists inside the text: a post's own links kept, other stories and "Read more" boxes dropped."""
from __future__ import annotations

from lxml import html as lxml_html

from scraper.extract.body import Block, _drop_link_lists, _offsite_suffixes
from scraper.extract.boxes import _teaser_boxes

SITE = frozenset({"harbour-times.example"})


def item(text: str, url: str, link_text: str) -> Block:
    return Block(text, "li", [(url, link_text)], len(link_text))


ROUNDUP = [
    item("The tide tables of 1890, scanned with the harbour master's notes (county records)",
         "https://records.example/tides", "The tide tables of 1890, scanned with the harbour master's notes"),
    item("The boat that never sailed: the 1962 ferry plan, a long read with plans",
         "https://ferry-history.example/plan", "The boat that never sailed: the 1962 ferry plan"),
    item("A keeper's logbook from the north light, put online page by page (twelve years)",
         "https://lights.example/log", "A keeper's logbook from the north light, put online page by page"),
]
OWN_STORIES = [item(f"Council story number {n} about the harbour and its boats",
                    f"https://harbour-times.example/news/{n}", f"Council story number {n} about the harbour and its boats")
               for n in range(3)]


def test_a_post_s_own_links_to_other_sites_are_kept() -> None:
    assert _drop_link_lists(ROUNDUP, SITE) == ROUNDUP


def test_links_to_the_site_s_own_stories_are_dropped() -> None:
    assert _drop_link_lists(OWN_STORIES, SITE) == []


def test_without_a_known_site_every_link_list_is_dropped() -> None:
    assert _drop_link_lists(ROUNDUP, frozenset()) == []


def test_each_suffix_of_a_run_is_judged_in_one_pass() -> None:
    # own stories first, then the roundup: only the suffixes made of the roundup leave the site
    assert _offsite_suffixes(OWN_STORIES + ROUNDUP, SITE) == [False, False, False, True, False, False]


def test_a_read_more_box_opening_with_its_title_is_a_teaser() -> None:
    container = lxml_html.fromstring(
        "<div><p>" + "Text of the article. " * 60 + "</p>"
        "<div class='box'><p>Lesen Sie auch</p><a href='/other'>Another story</a><p>Its summary.</p></div>"
        "<p>Closing words of the article, which end with <span>read more</span> about it.</p></div>")
    boxes = _teaser_boxes(container)
    assert [box.get("class") for box in boxes] == ["box"]


def test_a_data_table_reads_one_line_a_row_and_a_navigation_box_goes() -> None:
    from scraper.extract import extract

    text = "<p>" + "Ridership on the city's buses grew for the third year in a row, the agency said. " * 3 + "</p>"
    links = " ".join(f'<a href="/wiki/topic-{n}">Topic number {n}</a>' for n in range(12))
    table = ('<table><tr><th>Route</th><th></th><th>Riders</th></tr>'
             '<tr><td><a href="/routes/12">12 Crosstown</a></td><td></td><td>14,200</td></tr></table>')
    navbox = "<table>" + "".join(f"<tr><th>Group {g}</th><td>{links}</td></tr>" for g in range(3)) + "</table>"
    html = f"<html><body><h1>Bus routes</h1><div>{text}{table}{text}{navbox}</div></body></html>"
    body = extract(html, "https://metro.example/transport/routes")["body"]
    assert body.split("\n\n")[1:3] == ["Route | Riders", "12 Crosstown | 14,200"]
    assert "Topic number" not in body


def test_a_most_read_list_with_summary_lines_goes_and_a_titled_sentence_stays() -> None:
    def line(text: str, url: str | None = None, tag: str = "p") -> Block:
        return Block(text, tag, [(url, text)] if url else [], len(text) if url else 0)

    text = line("The harbour festival returns in May with a longer programme and a night market. " * 2)
    most_read = [line("Most popular recipes", tag="h2"),
                 line("Fish pie with a crisp potato lid", "https://harbour-times.example/food/fish-pie"),
                 line("A weeknight supper that feeds six for under ten pounds."),
                 line("Rhubarb crumble the way the bakery makes it", "https://harbour-times.example/food/crumble"),
                 line("Twenty minutes of work, an hour in the oven.")]
    assert _drop_link_lists([text, *most_read], SITE) == [text]
    subheading = line("What the council decided", tag="h2")
    kept = [line("Related", tag="h3"), line("Council story about the harbour boats", "https://harbour-times.example/n/1"),
            subheading, text]
    assert _drop_link_lists(kept, SITE) == [subheading, text]  # a subheading after the links is the text's


def test_a_title_with_words_after_it_on_its_line_opens_no_box() -> None:
    container = lxml_html.fromstring(
        "<div><p>" + "Text of the weekly roundup. " * 60 + "</p>"
        "<p class='pick'><strong>Most popular post</strong> (no surprise there):<br>"
        "<a href='/a'>First post</a> <a href='/b'>Second post</a> <a href='/c'>Third post</a></p>"
        "<div class='rail'><h3>Most read in News</h3><div><h4>HIGH TIDE</h4><span>Harbour road closed</span>"
        "<a href='/x'></a></div><div><a href='/y'></a></div><div><a href='/z'></a></div></div></div>")
    assert [box.get("class") for box in _teaser_boxes(container)] == ["rail"]
