"""The ``authors`` field from its ordered evidence: JSON-LD and microdata people, meta tags, the
visible byline, the header zone's byline line, a signed name; organisations only for want of a
person. Names are split and checked in ``scraper.extract.authors``; this module decides which
source's names the record keeps (a desk, the site itself, a teaser's byline or a user name are
passed over)."""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from scraper.extract import vocab as sel
from scraper.extract.authors import BYLINE_LABEL, clean_names, line_names, meta_line_name, signed_name
from scraper.extract.header_lines import byline_lines
from scraper.extract.metadata import NOTHING, Found, ld_text, md_values
from scraper.extract.page import Page
from scraper.extract.structured import types_of
from scraper.extract.text import clean, domain_name, fold


def _ld_author_names(value: Any) -> tuple[list[str], list[str]]:
    """(people, organisations) named by a JSON-LD author value."""
    people: list[str] = []
    orgs: list[str] = []
    for entry in value if isinstance(value, list) else [value]:
        if isinstance(entry, str):
            people.append(entry)
        elif isinstance(entry, dict):
            name = ld_text(entry.get("name"))
            if not name:
                given, family = ld_text(entry.get("givenName")), ld_text(entry.get("familyName"))
                name = " ".join(p for p in (given, family) if p) or None
            if name:
                (orgs if "Organization" in types_of(entry) or "NewsMediaOrganization" in types_of(entry)
                 else people).append(name)
    return people, orgs


def authors(page: Page) -> Found:
    ld = page.article_ld or {}
    people, orgs = _ld_author_names(ld.get("author") or ld.get("creator"))
    # agencies credited beside people ("Jane Doe", "dpa") are authors too
    found = _not_desks(page, clean_names(people + [o for o in orgs if not _is_publisher(page, o)])) if people else []
    if found:
        return found, "json-ld"
    md_people, md_orgs = _ld_author_names(md_values(page, "author"))
    found = _not_desks(page, clean_names(md_people))  # an itemprop=author on a link gives its URL, no name
    if found:
        return found, "microdata"
    fallback: Found = NOTHING  # "Us Weekly Staff", "mikecason": kept for want of a person's name
    for source, names in sel.meta_groups("authors"):  # an OpenGraph author is a profile URL as often as a name
        metas = [v for v in page.meta_all(*names) if not v.strip().startswith(("http://", "https://", "/"))]
        found = _not_desks(page, clean_names([m for m in metas if not _is_publisher(page, m)]))
        if found and all(_not_a_person(n) for n in found):
            fallback = fallback if fallback[0] else (found, source)
        elif found:
            return found, source
    byline = _not_desks(page, byline_names(page))
    if byline and not ((orgs or md_orgs) and all(len(n.split()) == 1 for n in byline)):
        return byline, "html"  # one-word credits ("dpa", "amw") lose to the organisation the data names
    if orgs or md_orgs:
        return clean_names(orgs or md_orgs), "json-ld" if orgs else "microdata"
    return fallback


def _not_a_person(name: str) -> bool:
    """A newsroom's credit or a CMS user name in an author meta: a person's name may be elsewhere."""
    return bool(_STAFF_CREDIT.search(name) or _HANDLE.match(name))


#: A newsroom's credit, not a person's: "Us Weekly Staff", "Reuters Staff", "NPR Editors".
_STAFF_CREDIT = re.compile(r"\s(?:staff|editors|team|newsroom|desk)$", re.IGNORECASE)
#: A CMS user name in an author meta ("mikecason", "j.smith"): one word, no capital.
_HANDLE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


def _not_desks(page: Page, names: list[str]) -> list[str]:
    """The names less a one-word one that is the page's own section ("Nachrichten" as the account
    that posts in the category Nachrichten, "Sport" in Sport): a desk, not a person. A name of two
    words or more stays even when a section bears it (a columnist's column)."""
    if not any(len(n.split()) == 1 for n in names):
        return names
    desks = _section_names(page)
    return [n for n in names if len(n.split()) > 1 or fold(n) not in desks]


def _section_names(page: Page) -> set[str]:
    """The page's own section and category names: JSON-LD and meta ``articleSection``, category links."""
    ld = (page.article_ld or {}).get("articleSection")
    values = [v for v in (ld if isinstance(ld, list) else [ld]) if isinstance(v, str)]
    values += page.meta_all("article:section")
    values += [a.text_content() for a in page.tree.iter("a")
               if "category" in (a.get("rel") or "").lower().split()]
    return {fold(v) for v in values if v}


def _is_publisher(page: Page, name: str) -> bool:
    """The site itself named as author: meta author = og:site_name, the JSON-LD publisher, or the
    site's domain name ("VnExpress" on vnexpress.net)."""
    key = fold(name)
    publisher = (page.article_ld or {}).get("publisher")
    names = [page.meta_first("og:site_name"), page.meta_first("application-name"),
             ld_text(publisher.get("name")) if isinstance(publisher, dict) else None]
    return any(n and fold(n) == key for n in names) or key.replace(" ", "") == domain_name(page.url)


def byline_names(page: Page) -> list[str]:
    """Names from the visible byline: rel=author links, byline/author blocks."""
    links = sel.byline_links(page)
    names: list[str] = [el.text_content() for el in links]
    if links:
        names = _with_unlinked(page, links[0], names)
    if not names:
        names = _block_names(page)
    if not names:
        names = [name for name in map(meta_line_name, _meta_texts(page)) if name][:1]
    if not names:
        names = next((found for found in map(line_names, byline_lines(page)) if found), [])
    if not names:
        # a separator set inside the link ("<a><dd>Name</dd><span>,</span></a>") is not part of the name
        names = [text for text in (clean(a.text_content()).strip(" ,;|·•") for a in sel.profile_links(page))
                 if signed_name(text)]
    if not names:
        names = [name for name in sel.sign_offs(page)[:1] if signed_name(name)]
    return clean_names(names)


#: Longest byline block whose text is read for the names its links leave out (not an author bio).
_BYLINE_TEXT = 200


def _with_unlinked(page: Page, link: Any, names: list[str]) -> list[str]:
    """A byline that links only some of its authors ("By STEVE PEOPLES, <a>THOMAS BEAUMONT</a> and
    AMELIA THOMSON-DEVEAUX"): the names of the smallest byline block around the first link that says
    more than the link (not its own ``<span>``), when they hold every linked name and each more is a
    signed name (two to four capitalised words)."""
    around = set(link.iterancestors())
    own = fold(link.text_content())
    blocks = sorted({text for block in sel.byline_blocks(page) if block in around
                     and 0 < len(text := clean(" ".join(block.itertext()))) <= _BYLINE_TEXT
                     and fold(text) != own}, key=len)  # (the link's own wrapper says no more than it)
    if not blocks:
        return names
    found = clean_names([blocks[0]])
    linked = {fold(name) for name in clean_names(names)}
    extra = [name for name in found if fold(name) not in linked]
    if extra and linked <= {fold(name) for name in found} and all(map(signed_name, extra)):
        return found
    return names


def _block_names(page: Page) -> list[str]:
    """The text of the first byline block that says something ("By" alone gives way to the name
    beside it), when it names someone; when it names no one (a "Follow" button), of a later block
    that names people by signed names only (not a card's "Name Headline of another story"). None:
    the next sources (meta lines, byline lines, profile links) are asked."""
    first = True
    for el in sel.byline_blocks(page):
        text = clean(" ".join(el.itertext()))  # "By<a>Name</a><span>Outlet</span>" keeps its spaces
        if not 0 < len(text) <= 120 or BYLINE_LABEL.match(text):
            continue
        found = clean_names([text])
        if found and (first or all(map(signed_name, found))):
            return [text]
        first = False
    return []


def _meta_texts(page: Page) -> Iterator[str]:
    for el in sel.meta_lines(page):
        text = clean(" ".join(el.itertext()))
        if 0 < len(text) <= 200:
            yield text
