"""Generated test pages: articles the extractor accepts and listings that link to them."""
from __future__ import annotations

import html
import json

_WORDS = ("the council said on tuesday that the river bridge will reopen after repairs to its "
          "steel frame and that traffic will be limited to buses and bicycles for several weeks").split()


def paragraphs(seed: int, count: int = 6, words: int = 40) -> list[str]:
    """Deterministic filler paragraphs, different for each seed."""
    out = []
    for p in range(count):
        start = (seed * 7 + p * 3) % len(_WORDS)
        text = " ".join(_WORDS[(start + i) % len(_WORDS)] for i in range(words))
        out.append(f"Paragraph {p + 1} of story {seed}: {text}.")
    return out


def article_html(headline: str, body: list[str], *, lang: str = "en", meta_charset: str | None = None,
                 published: str = "2024-02-02T17:01:00+02:00", related: list[tuple[str, str]] = ()) -> str:
    """A news article page: JSON-LD NewsArticle, h1, body paragraphs, optional related links."""
    charset = f'<meta charset="{meta_charset}">' if meta_charset else ""
    ps = "\n".join(f"<p>{html.escape(p)}</p>" for p in body)
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle",
                     "headline": headline.replace('"', "'"), "datePublished": published})
    aside = "".join(f'<li><a href="{html.escape(u)}">{html.escape(t)}</a></li>' for u, t in related)
    aside = f'<aside class="related"><h2>Related</h2><ul>{aside}</ul></aside>' if related else ""
    return (f'<!DOCTYPE html><html lang="{lang}"><head>{charset}<title>{html.escape(headline)}</title>'
            f'<meta property="og:type" content="article">'
            f'<script type="application/ld+json">{ld}</script></head>'
            f'<body><main><article><h1>{html.escape(headline)}</h1>\n{ps}\n</article>{aside}</main></body></html>')


def listing_html(title: str, links: list[tuple[str, str]], next_url: str | None = None) -> str:
    """A listing page: one <li> per (url, title); titles need three or more words to be followed."""
    items = "\n".join(f'<li><a href="{html.escape(u)}">{html.escape(t)}</a></li>' for u, t in links)
    more = f'<a rel="next" href="{html.escape(next_url)}">Next</a>' if next_url else ""
    return (f'<!DOCTYPE html><html lang="en"><head><title>{html.escape(title)}</title></head>'
            f'<body><h1>{html.escape(title)}</h1><ul>{items}</ul>{more}</body></html>')
