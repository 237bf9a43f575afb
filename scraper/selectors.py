"""Selectors and vocabularies as data: precompiled XPath shared by the extractors."""
from __future__ import annotations

import re

from lxml import etree


def _cls(*words: str) -> str:
    """XPath predicate: class or id contains one of the words (case-insensitive)."""
    lower = "translate(concat(' ', @class, ' ', @id, ' '), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
    return " or ".join(f"contains({lower}, '{w}')" for w in words)


BYLINE_LINKS = etree.XPath(
    "//a[contains(concat(' ', normalize-space(@rel), ' '), ' author ')]"
    " | //*[@itemprop='author']//*[@itemprop='name']"
    " | //*[" + _cls("byline", "author-name", "article-author", "author__name", "authors") + "]"
    "//a[contains(@href, '/author') or contains(@href, '/autor') or contains(@href, '/people/')"
    " or contains(@href, '/profile') or contains(@href, '/staff/') or contains(@href, '/journalist')]"
)
BYLINE_BLOCKS = etree.XPath(
    "//*[self::div or self::span or self::p or self::address or self::a]"
    "[" + _cls("byline", "author-name", "article-author", "author__name", "authorname", "dateline-author") + "]"
    "[not(ancestor::*[" + _cls("comment", "related", "footer", "sidebar") + "])]"
)
TIME_ELEMENTS = etree.XPath(
    "//time[@datetime][not(ancestor::*[" + _cls("related", "comment", "footer", "sidebar", "teaser", "recommend") + "])]"
    " | //*[@itemprop='datePublished'][@datetime or @content]"
)
DATE_BLOCKS = etree.XPath(
    "//time"
    " | //*[self::div or self::span or self::p or self::li]"
    "[" + _cls("date", "time", "publish", "posted", "dateline", "timestamp", "meta-info", "byline") + "]"
    "[not(*[self::div or self::p])]"
)
TAG_LINKS = etree.XPath(
    "//a[contains(concat(' ', normalize-space(@rel), ' '), ' tag ')]"
    " | //*[" + _cls("tags", "tag-list", "taglist", "keywords", "topics") + "]//a"
)

#: Elements never part of the article text.
DROP_TAGS = frozenset("""script style noscript template svg canvas iframe object embed form button
input select textarea nav footer aside dialog menu video audio picture source map head""".split())

#: Class/id words that mark boilerplate blocks (matched as whole tokens or token parts).
BOILERPLATE = re.compile(
    r"(?:^|[\s_\-])(?:share|sharing|social|newsletter|subscribe|subscription|related|recommend\w*|"
    r"read-?more|more-stories|comments?|disqus|promo|advert\w*|ads?|ad-slot|banner|cookie|consent|"
    r"breadcrumbs?|byline|author|tags?|tag-list|keywords|topics|sidebar|widget|popup|modal|paywall|"
    r"outbrain|taboola|teaser|toolbar|print|reading-time|read-time|readtime|sponsor\w*|"
    r"newsfeed|feed|next-article|pagination|signup|donate|caption|credit|copyright|figcaption|"
    r"visually-hidden|sr-only|screen-reader\w*|hidden|skip-link|meta|post-meta|entry-meta|"
    r"article-meta|timestamp|dateline|date|footer|header|masthead|nav|navigation|menu|"
    r"video-thumbnail|inline-video|embed|episode|podcast-player|audio-player|rating)(?:$|[\s_\-])",
    re.IGNORECASE,
)

#: Whole paragraphs that are page furniture, not text (compared after case folding).
FURNITURE = re.compile(
    r"^(?:\d+\s*(?:min(?:ute)?s?|мин|хв|min\.)\s*(?:read|lesezeit|de lecture|читання)?|show more|"
    r"load more|read more|video thumbnail|advertisement|anzeige|werbung|publicité|реклама|"
    r"share(?: this| on \w+)?|tweet|email|print|copy link|comments?|listen(?: to this article)?|"
    r"sign up|subscribe|follow us.*|click here.*|skip to (?:main )?content|read next|"
    r"related(?: articles| stories| content)?|more from .{1,40}|see also|continue reading|"
    r"image|photo|video|watch|loading.*)[.:!…]?$",
    re.IGNORECASE,
)
