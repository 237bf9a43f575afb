"""Structured data embedded in a page: JSON-LD nodes and microdata items."""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from lxml import html as lxml_html

Node = dict[str, Any]

#: schema.org types that describe a news article, best first.
ARTICLE_TYPES: tuple[str, ...] = (
    "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
    "ReviewNewsArticle", "BackgroundNewsArticle", "LiveBlogPosting", "Article",
    "BlogPosting", "Report", "TechArticle", "ScholarlyArticle", "SocialMediaPosting",
    "VideoObject",
)
_TYPE_RANK = {name: rank for rank, name in enumerate(ARTICLE_TYPES)}
#: Comment and CDATA wrappers that CMSes put around JSON-LD ("<![CDATA[ {...} ]]>", "//<!-- ... //-->").
_WRAPPER = re.compile(r"^\s*(?://\s*)?(?:<!\[CDATA\[|<!--)|(?://\s*)?(?:\]\]>|-->)\s*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def types_of(node: Node) -> list[str]:
    value = node.get("@type")
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return []
    return [t.rsplit("/", 1)[-1].rsplit(":", 1)[-1] for t in value if isinstance(t, str)]


def _loads(text: str) -> Any:
    """json.loads, with a small salvage for the two common breakages.

    CMSes emit raw control characters inside strings and trailing commas;
    both are repaired once and retried. Anything else is skipped.
    """
    try:
        return json.loads(text, strict=False)
    except RecursionError:
        return None  # nested past Python's recursion limit: no real page's data looks like that
    except ValueError:
        pass
    repaired = _CONTROL.sub(" ", text)
    repaired = re.sub(r",\s*([}\]])", r"\1", repaired)
    try:
        return json.loads(repaired, strict=False)
    except (ValueError, RecursionError):
        return None


def _walk(value: Any, depth: int = 0) -> Iterator[Node]:
    if depth > 8:
        return
    if isinstance(value, list):
        for entry in value:
            yield from _walk(entry, depth + 1)
    elif isinstance(value, dict):
        if "@type" in value:
            yield value
        graph = value.get("@graph")
        if graph is not None:
            yield from _walk(graph, depth + 1)
        for key in ("mainEntity", "itemListElement", "hasPart"):
            if key in value and isinstance(value[key], (dict, list)):
                yield from _walk(value[key], depth + 1)


def jsonld_nodes(tree: lxml_html.HtmlElement) -> list[Node]:
    """Every typed node of every JSON-LD block, @graph and lists flattened."""
    nodes: list[Node] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        text = _WRAPPER.sub("", script.text or "").strip()
        data = _loads(text) if text else None
        nodes.extend(_walk(data))
    return nodes


def _resolve_ids(nodes: list[Node]) -> dict[str, Node]:
    return {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str)}


def deref(value: Any, by_id: dict[str, Node]) -> Any:
    """Replace a bare {"@id": ...} reference with the node it names."""
    if isinstance(value, dict) and set(value) == {"@id"} and value["@id"] in by_id:
        return by_id[value["@id"]]
    return value


def article_node(nodes: list[Node], url: str | None = None) -> Node | None:
    """The node that describes this page's article, weighing type and content."""
    best: tuple[float, Node] | None = None
    for node in nodes:
        ranks = [_TYPE_RANK[t] for t in types_of(node) if t in _TYPE_RANK]
        if not ranks:
            continue
        score = 50.0 - min(ranks)
        if node.get("headline"):
            score += 10
        if node.get("articleBody"):
            score += 5
        if node.get("datePublished"):
            score += 5
        if url and _same_page(node, url):
            score += 20
        if best is None or score > best[0]:
            best = (score, node)
    if best is None:
        return None
    by_id = _resolve_ids(nodes)
    return {key: deref(value, by_id) for key, value in best[1].items()}


def _same_page(node: Node, url: str) -> bool:
    target = url.split("#")[0].rstrip("/")
    for key in ("url", "mainEntityOfPage", "@id"):
        value = node.get(key)
        if isinstance(value, dict):
            value = value.get("@id") or value.get("url")
        if isinstance(value, str) and value.split("#")[0].rstrip("/") == target:
            return True
    return False


def nodes_of_type(nodes: list[Node], *names: str) -> list[Node]:
    return [n for n in nodes if any(t in names for t in types_of(n))]


# --------------------------------------------------------------------------- microdata
def _itemprop_value(el: lxml_html.HtmlElement) -> str:
    tag = el.tag
    if tag == "meta":
        return el.get("content") or ""
    if tag in ("a", "link", "area"):
        return el.get("href") or ""
    if tag in ("img", "audio", "video", "source", "iframe", "embed"):
        return el.get("src") or ""
    if tag == "time":
        return el.get("datetime") or el.text_content()
    if tag in ("data", "meter"):
        return el.get("value") or ""
    return el.get("content") or el.text_content()


def microdata_item(scopes: list[lxml_html.HtmlElement]) -> tuple[Node, lxml_html.HtmlElement] | None:
    """The first article-typed microdata item as a dict of property -> values.

    Nested items become dicts (their own properties); values are raw strings.
    Returned with the scope element, so body extraction can use it.
    """
    for scope in scopes:
        itemtype = scope.get("itemtype", "")
        names = [t.rstrip("/").rsplit("/", 1)[-1] for t in itemtype.split()]
        if any(n in _TYPE_RANK for n in names):
            return _item(scope, 0), scope
    return None


def _item(scope: lxml_html.HtmlElement, depth: int) -> Node:
    item: Node = {"@type": [t.rstrip("/").rsplit("/", 1)[-1] for t in scope.get("itemtype", "").split()]}
    for el in _props(scope):
        nested = el.get("itemscope") is not None and depth < 4
        value: Any = _item(el, depth + 1) if nested else _itemprop_value(el)
        for name in el.get("itemprop", "").split():
            item.setdefault(name, []).append(value)
    return item


def _props(scope: lxml_html.HtmlElement) -> Iterator[lxml_html.HtmlElement]:
    """Elements carrying itemprop that belong to this scope (not to a nested one)."""
    stack = list(scope)
    while stack:
        el = stack.pop(0)
        if not isinstance(el.tag, str):
            continue
        if el.get("itemprop") is not None:
            yield el
        if el.get("itemscope") is None:
            stack[0:0] = list(el)
