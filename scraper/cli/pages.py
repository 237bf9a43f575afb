"""Reading saved pages from disk for ``scraper extract`` (.html, .htm, .html.gz)."""
from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from scraper.errors import InputError
from scraper.gzipped import GzipError, gunzip, is_gzip

PAGE_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz", ".xhtml")
_URL_HINT = re.compile(
    rb"""<link[^>]+rel=["']?canonical["']?[^>]*href=["']([^"']+)["']|"""
    rb"""<link[^>]+href=["']([^"']+)["'][^>]*rel=["']?canonical|"""
    rb"""<meta[^>]+property=["']og:url["'][^>]*content=["']([^"']+)["']""",
    re.IGNORECASE,
)


def page_id(path: Path) -> str:
    """The page's file name without its page suffixes: 'abc.html.gz' -> 'abc'."""
    name = path.name
    for suffix in sorted(PAGE_SUFFIXES, key=len, reverse=True):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


def page_ids(pages: list[Path]) -> dict[Path, str]:
    """Each page's id: its file stem, or, where stems repeat ('world/page.html', 'news/page.html'),
    its path below the pages' common folder without the suffix ('world/page')."""
    stems = [page_id(p) for p in pages]
    repeated = {s for s in stems if stems.count(s) > 1}
    if not repeated:
        return dict(zip(pages, stems, strict=True))
    resolved = [p.resolve() for p in pages]
    root = Path(os.path.commonpath([str(p.parent) for p in resolved]))
    return {page: (str(full.relative_to(root).with_name(stem)) if stem in repeated else stem)
            for page, full, stem in zip(pages, resolved, stems, strict=True)}


def is_page(path: Path) -> bool:
    return path.name.lower().endswith(PAGE_SUFFIXES)


def find_pages(paths: list[str]) -> Iterator[Path]:
    """Every page file named or inside the named folders, sorted within a folder."""
    for name in paths:
        path = Path(name)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and is_page(p))
        elif path.is_file():
            yield path
        else:
            raise InputError(f"{name}: no such file or folder")


def read_page(path: Path, limit: int = 64 * 1024 * 1024) -> bytes:
    """The page's bytes, gunzipped when needed; InputError when unreadable or not HTML."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if is_gzip(data):
        try:
            data = gunzip(data, limit)
        except GzipError as exc:
            raise InputError(f"{path}: unreadable gzip ({exc})") from None
    if not looks_like_html(data):
        raise InputError(f"{path}: not an HTML document")
    return data


def looks_like_html(data: bytes) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n")
    if not head or head.startswith((b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04")):
        return False
    if head.count(b"\x00") > len(head) // 4 and not head.startswith((b"<\x00", b"\x00<")):
        return False
    return b"<" in data[:65536]


def url_hint(data: bytes) -> str | None:
    """The page's own canonical or og:url, used as its URL when none is given."""
    match = _URL_HINT.search(data[:262144])
    if not match:
        return None
    value = next(g for g in match.groups() if g).decode("utf-8", "replace").strip()
    return value if value.startswith(("http://", "https://")) else None
