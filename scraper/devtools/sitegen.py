"""Generate a synthetic news site on disk for crawl tests and the crawl benchmark.

Layout (served by ``scraper.devtools.demo_site`` or nginx: ``/a/b/`` -> ``a/b/page.html``):
    /news/, /news/page/<n>/    listing pages, ``per_page`` entries each, ``rel=next`` pagination
    /<yyyy>/<mm>/story-<i>-.../  article pages (JSON-LD NewsArticle, byline, paragraphs)
    /sitemap-index.xml         index of /sitemap-1.xml.gz (gzipped) and /sitemap-news.xml (Google News)
    /feed.rss, /atom.xml       RSS 2.0 and Atom feeds of the same articles
    /robots.txt                ``Sitemap:`` line for the index

Every article has a distinct body, so none is a ``duplicate_body`` of another.
"""
from __future__ import annotations

import datetime as dt
import gzip
import html
import json
from dataclasses import dataclass
from pathlib import Path

_WORDS = ("council", "river", "budget", "school", "harbour", "minister", "festival", "railway", "market",
          "museum", "election", "weather", "bridge", "library", "hospital", "orchestra", "farmers", "court")


@dataclass(frozen=True)
class Article:
    index: int
    date: dt.datetime
    edit: int = 0                        #: content edits (each adds an "Update" paragraph)
    modified: dt.datetime | None = None  #: explicit last-modified time (default: date + edit hours)

    @property
    def path(self) -> str:
        return f"/{self.date:%Y/%m}/story-{self.index}-about-the-{_WORDS[self.index % len(_WORDS)]}/"

    @property
    def title(self) -> str:
        return f"Story {self.index} about the {_WORDS[self.index % len(_WORDS)]} and its neighbours"

    @property
    def author(self) -> str:
        return ("Ann Lee", "Bo Kim", "Cy Dunn")[self.index % 3]

    def lastmod(self) -> str:
        return (self.modified or self.date + dt.timedelta(hours=self.edit)).isoformat()


def articles(count: int, start: dt.datetime | None = None) -> list[Article]:
    """``count`` articles, one hour apart, newest last."""
    first = start or dt.datetime(2024, 2, 1, tzinfo=dt.timezone.utc)
    return [Article(i, first + dt.timedelta(hours=i)) for i in range(count)]


def _paragraphs(article: Article) -> str:
    out = []
    for p in range(6):
        words = [_WORDS[(article.index * 7 + p * 3 + k) % len(_WORDS)] for k in range(30)]
        out.append(f"<p>Paragraph {p} of story {article.index}: " + " ".join(words) + ".</p>")
    if article.edit:
        out.append(f"<p>Update {article.edit}: this story was corrected after publication.</p>")
    return "\n".join(out)


def _related(article: Article) -> str:
    """Links to the two previous stories (their paths do not depend on edits)."""
    earlier = [Article(i, article.date - dt.timedelta(hours=article.index - i))
               for i in range(max(0, article.index - 2), article.index)]
    return "".join(f'<li><a href="{a.path}">{html.escape(a.title)}</a></li>' for a in earlier)


def _chrome_parts(article: Article) -> tuple[str, str, str]:
    """Head, top and bottom furniture of a real news page (about 150 KB like the benchmark pages):
    style and script blobs, a mega menu, a trending rail, comments and a big footer."""
    style = "<style>" + "".join(f".c{i}{{margin:{i % 9}px;padding:{i % 7}px;color:#{i:06x}}}" for i in range(1500)) + \
        "</style>"
    script = "<script>" + "".join(f"window.t{i}=function(a){{return a*{i}+{i % 13};}};" for i in range(1200)) + \
        "</script>"
    menu = "".join(f'<li><a href="/section-{i}/">Section {i}</a></li>' for i in range(200))
    earlier = [Article(k, article.date - dt.timedelta(hours=article.index - k))
               for k in range(max(0, article.index - 25), article.index)]
    rail = "".join(f'<li class="teaser"><a href="{a.path}">{html.escape(a.title)}, the story everyone reads '
                   f"today</a></li>" for a in earlier)
    comments = "".join(f'<li class="comment"><p class="comment-author">Reader {i}</p><p>Comment {i} on the '
                       f"{_WORDS[(article.index + i) % len(_WORDS)]}: I read this story and I have opinions about "
                       f"it, some of them long, most of them strong, none of them short.</p></li>" for i in range(15))
    footer = "".join(f'<a href="/page-{i}/">Footer link {i}</a> ' for i in range(150))
    head = style + script
    top = (f'<header class="site-header"><nav class="mega-menu"><ul>{menu}</ul></nav></header>'
           '<div class="cookie-banner">We use cookies to improve your experience.</div>')
    bottom = (f'<aside class="sidebar trending"><h2>Trending</h2><ul>{rail}</ul></aside>'
              '<div class="newsletter-box"><p>Get the morning briefing delivered to your inbox.</p></div>'
              f'<section class="comments"><h2>Comments</h2><ul>{comments}</ul></section>'
              f'<footer class="site-footer">{footer}</footer>')
    return head, top, bottom


def article_html(article: Article, chrome: bool = False) -> str:
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": article.title,
          "datePublished": article.date.isoformat(), "dateModified": article.lastmod(),
          "author": {"@type": "Person", "name": article.author}}
    head, top, bottom = _chrome_parts(article) if chrome else ("", "", "")
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(article.title)}</title>
<meta property="og:type" content="article"><link rel="canonical" href="{article.path}">
<script type="application/ld+json">{json.dumps(ld)}</script>{head}</head>
<body>{top}<header><nav><a href="/news/">News</a> <a href="/about/">About</a></nav></header>
<main><article><h1>{html.escape(article.title)}</h1><p class="byline">By {article.author}</p>
{_paragraphs(article)}
</article><aside class="related"><h2>Related stories</h2><ul>{_related(article)}</ul></aside></main><footer><a href="/about/">About us</a></footer>{bottom}</body></html>"""


def listing_html(entries: list[Article], page: int, pages: int) -> str:
    cards = "\n".join(f'<li><article><h2><a href="{a.path}">{html.escape(a.title)}</a></h2>'
                      f"<p>Summary of story {a.index}.</p></article></li>" for a in entries)
    following = f'<a rel="next" href="/news/page/{page + 1}/">Next page</a>' if page < pages else ""
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>News, page {page}</title>
<meta property="og:type" content="website"></head><body><header><nav><a href="/news/">News</a></nav></header>
<main><h1>Latest news</h1><ul>{cards}</ul>{following}</main></body></html>"""


def links_html(entries: list[Article]) -> str:
    """One page that is a plain list of links to ``entries`` (an archive or "all stories" page)."""
    rows = "\n".join(f'<li><a href="{a.path}">{html.escape(a.title)}</a></li>' for a in entries)
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>All stories</title></head>
<body><h1>All stories</h1><ul>{rows}</ul></body></html>"""


def sitemap_xml(entries: list[Article], base: str, news: bool = False) -> str:
    rows = []
    for a in entries:
        extra = (f"<news:news><news:publication><news:name>Local</news:name><news:language>en</news:language>"
                 f"</news:publication><news:publication_date>{a.date.isoformat()}</news:publication_date>"
                 f"<news:title>{html.escape(a.title)}</news:title></news:news>") if news else ""
        rows.append(f"<url><loc>{base}{a.path}</loc><lastmod>{a.lastmod()}</lastmod>{extra}</url>")
    ns = ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' if news else ""
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
            f"{ns}>\n" + "\n".join(rows) + "\n</urlset>\n")


def rss_xml(entries: list[Article], base: str) -> str:
    items = "\n".join(f"<item><title>{html.escape(a.title)}</title><link>{base}{a.path}</link>"
                      f"<pubDate>{a.date:%a, %d %b %Y %H:%M:%S +0000}</pubDate><dc:creator>{a.author}</dc:creator></item>"
                      for a in entries)
    return ('<?xml version="1.0"?>\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
            f"<title>Local</title><link>{base}/</link>\n{items}\n</channel></rss>\n")


def atom_xml(entries: list[Article], base: str) -> str:
    items = "\n".join(f'<entry><title>{html.escape(a.title)}</title><link href="{base}{a.path}"/>'
                      f"<published>{a.date.isoformat()}</published><updated>{a.lastmod()}</updated>"
                      f"<author><name>{a.author}</name></author><id>{base}{a.path}</id></entry>" for a in entries)
    return f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>Local</title>\n{items}\n</feed>\n'


def _write(root: Path, url_path: str, text: str | bytes) -> None:
    target = root / url_path.lstrip("/")
    if url_path.endswith("/"):
        target = target / "page.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        target.write_bytes(text)
    else:
        target.write_text(text, encoding="utf-8")


def write_article(root: Path, article: Article, chrome: bool = False) -> None:
    _write(root, article.path, article_html(article, chrome))


def write_discovery(root: Path, entries: list[Article], base: str) -> None:
    """Sitemaps (index, gzip, news), feeds and robots.txt for ``entries``."""
    half = len(entries) // 2
    _write(root, "/sitemap-1.xml.gz", gzip.compress(sitemap_xml(entries[:half], base).encode("utf-8"), mtime=0))
    _write(root, "/sitemap-news.xml", sitemap_xml(entries[half:], base, news=True))
    _write(root, "/sitemap-index.xml",
           '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
           f"<sitemap><loc>{base}/sitemap-1.xml.gz</loc></sitemap>"
           f"<sitemap><loc>{base}/sitemap-news.xml</loc></sitemap></sitemapindex>\n")
    _write(root, "/feed.rss", rss_xml(entries[:half], base))
    _write(root, "/atom.xml", atom_xml(entries[half:], base))
    _write(root, "/robots.txt", f"User-agent: *\nDisallow: /private/\nSitemap: {base}/sitemap-index.xml\n")


def write_site(root: Path, entries: list[Article], base: str, per_page: int = 20, chrome: bool = False) -> None:
    """The whole site: articles, paginated listings (newest first), sitemaps, feeds, robots.txt.
    ``chrome`` wraps articles in the furniture of a real news page (for the crawl benchmark)."""
    for article in entries:
        write_article(root, article, chrome)
    newest = list(reversed(entries))
    pages = max(1, -(-len(newest) // per_page))
    for page in range(1, pages + 1):
        chunk = newest[(page - 1) * per_page:page * per_page]
        _write(root, "/news/" if page == 1 else f"/news/page/{page}/", listing_html(chunk, page, pages))
    _write(root, "/about/", '<!doctype html><html lang="en"><head><title>About</title></head>'
                            "<body><h1>About</h1><p>A local test site.</p></body></html>")
    write_discovery(root, entries, base)
