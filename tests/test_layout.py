"""The tree keeps its architecture: a pure extractor, no module named like the standard library."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.localsite import ENV, REPO

#: Packages that must stay pure (no Scrapy, no Twisted, no crawl glue): html, url -> record; bytes -> entries.
PURE = ["scraper/extract", "scraper/discovery"]
PURE_FILES = ["scraper/errors.py", "scraper/schema.py", "scraper/gzipped.py"]
FORBIDDEN = ("scrapy", "twisted", "scraper.crawl", "scraper.spiders", "scraper.pipelines", "scraper.cli",
             "scraper.dataset", "scraper.devtools", "spiders", "pipelines")


def pure_modules() -> list[Path]:
    return sorted([p for folder in PURE for p in (REPO / folder).glob("*.py")] + [REPO / f for f in PURE_FILES])


def imports_of(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


@pytest.mark.parametrize("path", pure_modules(), ids=lambda p: str(p.relative_to(REPO)))
def test_pure_module_imports_no_crawl_code(path: Path) -> None:
    assert [n for n in imports_of(path) if any(n == f or n.startswith(f + ".") for f in FORBIDDEN)] == []


def test_extracting_a_page_loads_neither_scrapy_nor_twisted() -> None:
    code = ("import sys; from scraper.extract import extract; from scraper.discovery import parse_sitemap\n"
            "extract(open('fixtures/cases/inline-promos/page.html','rb').read(), 'https://news.example/a/')\n"
            "parse_sitemap(b'<urlset><url><loc>https://e.com/a</loc></url></urlset>')\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'scrapy', 'twisted', 'w3lib', 'parsel'}))")
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=ENV, capture_output=True, text=True,
                          timeout=120, check=True)
    assert done.stdout.strip() == "[]"


def test_no_module_is_named_like_a_standard_library_module() -> None:
    files = [p for top in ("scraper", "spiders", "pipelines", "tests") for p in (REPO / top).rglob("*.py")]
    clashes = sorted(str(p.relative_to(REPO)) for p in files if p.stem in sys.stdlib_module_names)
    assert clashes == []
