"""One pass over a page's elements that indexes the attributes the field readers look up.

An XPath predicate over every element (``//*[@class or @id]``, ``//*[@itemprop='x']``,
an attribute-name test) costs libxml2 0.3 to 0.6 ms a page each, and a page was asked
half a dozen of them. One walk over the elements with a few ``get`` calls each answers
them all for about the cost of one. The tree is never changed after parsing
(``page._empty_code`` runs before), so the index stays true for the page's life.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from lxml import etree
from lxml import html as lxml_html

Element = lxml_html.HtmlElement


@dataclass
class AttributeIndex:
    """The elements that carry the looked-up attributes, each list in document order."""

    #: Elements with a class, an id (even an empty one) or a test id, with their "class id test-id" names.
    named: list[tuple[Element, str]] = field(default_factory=list)
    #: Below the root: elements by their whole ``itemprop`` value (``itemprop="articleBody"``).
    itemprops: dict[str, list[Element]] = field(default_factory=dict)
    #: Below the root: microdata scopes (``itemscope`` with an ``itemtype``).
    scopes: list[Element] = field(default_factory=list)
    #: Below the root: elements with a ``datetime`` attribute or one of the page's
    #: ``data-*date*`` attribute names (``page._data_date_names``).
    dated: list[Element] = field(default_factory=list)
    #: ``abbr`` and ``span`` elements with both a title and a class (hAtom dates).
    titled_abbr_span: list[Element] = field(default_factory=list)

    @classmethod
    def of(cls, root: Element, data_date_names: Iterable[str] = (),
           test_id_names: tuple[str, ...] = ()) -> AttributeIndex:
        index = cls()
        date_names = ("datetime", *sorted(data_date_names))
        named, itemprops, scopes, dated, titled = (index.named, index.itemprops, index.scopes, index.dated,
                                                   index.titled_abbr_span)
        for el in root.iter(etree.Element):
            get = el.get
            css, ident = get("class"), get("id")
            test_ids = [value for name in test_id_names if (value := get(name))]
            if css is not None or ident is not None or test_ids:
                named.append((el, f"{css or ''} {ident or ''} {' '.join(test_ids)}" if test_ids
                              else f"{css or ''} {ident or ''}"))
                if css is not None and el.tag in ("abbr", "span") and get("title") is not None:
                    titled.append(el)
            prop = get("itemprop")
            if prop is not None and el is not root:
                itemprops.setdefault(prop, []).append(el)
            if get("itemscope") is not None and get("itemtype") is not None and el is not root:
                scopes.append(el)
            for name in date_names:
                if get(name) is not None:
                    if el is not root:
                        dated.append(el)
                    break
        return index
