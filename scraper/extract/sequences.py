"""Article text a CMS splits into several blocks of one kind, read in order.

Twins share the best block's class, modifiers aside (text between ads or pull quotes); kin share its first
class in parents that share theirs (how-to steps). Both are chosen from the container scores.
"""
from __future__ import annotations

from lxml import html as lxml_html

from scraper.extract.density import link_density
from scraper.extract.furniture import is_hidden

Element = lxml_html.HtmlElement


def _kind(el: Element) -> tuple[str, ...]:
    """An element's class less its modifiers ("-bottom-space", "block--wide"): blocks of one kind
    differ in them (the last text block of a body gets a spacing modifier)."""
    return tuple(name for name in (el.get("class") or "").split() if not name.startswith("-") and "--" not in name)


def twin_blocks(best: Element, scores: dict[Element, float]) -> list[Element]:
    kind = _kind(best)
    if not kind:
        return [best]
    found = [el for el, score in scores.items() if el.tag == best.tag and score >= 5 and _kind(el) == kind]
    if len(found) > 2:
        found = _fill_sequence(found, best.tag, kind)
    return _outermost_in_order(found, best.getroottree().getroot())


def _fill_sequence(found: list[Element], tag: str, kind: tuple[str, ...]) -> list[Element]:
    """All blocks of the twins' kind between the first and the last twin, short ones too.

    A post told as a run of captioned photos, or a CMS that makes each paragraph
    group its own component, has many blocks of one class; the short ones
    ("...and the other card!") score too little to vote but are the same text."""
    common = set(found[0].iterancestors())
    for el in found[1:]:
        common &= set(el.iterancestors())
    lowest = next((a for a in found[0].iterancestors() if a in common), None)
    if lowest is None or lowest.tag in ("body", "html"):
        return found
    parents = {el.getparent() for el in found}
    holder = {parent.get("class") for parent in parents}
    if len(holder) != 1:
        return found
    run = [el for el in lowest.iter(tag) if _kind(el) == kind and (
        el.getparent() in parents or el.getparent().get("class") in holder - {None})]
    marks = [index for index, el in enumerate(run) if el in found]
    return [el for el in run[marks[0]:marks[-1] + 1] if el in found or (
        not is_hidden(el) and el.text_content().strip() and link_density(el, len(el.text_content())) < 0.3)]


def _outermost_in_order(found: list[Element], root: Element) -> list[Element]:
    """The found elements not inside another found one, in document order under ``root``."""
    found_set = set(found)
    outer = [el for el in found if not any(a in found_set for a in el.iterancestors())]
    return sorted(outer, key=lambda el: _position(el, root))


def _position(el: Element, root: Element) -> tuple[int, ...]:
    """Where ``el`` stands under ``root`` in document order, as the child indexes from root down
    (an element outside ``root`` sorts first); a handful of elements need no index of the whole tree."""
    path: list[int] = []
    current = el
    while current is not root:
        parent = current.getparent()
        if parent is None:
            return ()
        path.append(parent.index(current))
        current = parent
    return tuple(reversed(path))


def _first_class(el: Element | None) -> str | None:
    names = (el.get("class") or "").split() if el is not None else []
    return names[0] if names else None


def kin_blocks(best: Element, scores: dict[Element, float]) -> list[Element]:
    """Text blocks that share the best block's first class, in parents that share theirs, under the
    same near ancestor (how-to steps: "stepContent > content lead", then "stepContent > content"
    in each step), read in order."""
    names = (best.get("class") or "").split()
    region = best.getparent()
    for _ in range(2):
        region = region.getparent() if region is not None else None
    if not names or region is None or region.tag in ("body", "html"):
        return [best]
    first, parent = names[0], _first_class(best.getparent())
    if not parent or parent == first:
        return [best]  # sections nested in a section of their own kind: one document, read whole
    found = [el for el, score in scores.items() if el.tag == best.tag and score >= 5
             and first in (el.get("class") or "").split() and _first_class(el.getparent()) == parent
             and region in el.iterancestors() and not is_hidden(el)
             and link_density(el, len(el.text_content())) < 0.3]
    return _outermost_in_order(found, region)
