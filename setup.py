"""Package layout; all metadata lives in pyproject.toml (including the ``scrapy`` settings entry point).

The design keeps ``spiders/`` and ``pipelines/`` at the top of the repository, but an installed
copy must not put packages with such generic names into site-packages: they are installed as
``scraper.spiders`` and ``scraper.pipelines``. The bundled demo site (``fixtures/demo``, also the
golden fixtures of its pages) ships as ``scraper.devtools.demo_pages`` so ``scraper demo`` works
from any install. ``scrapyd-deploy`` builds the project egg from this file as well.
"""
from pathlib import Path

from setuptools import find_packages, setup

MAPPED = {
    "scraper.spiders": "spiders",
    "scraper.pipelines": "pipelines",
    "scraper.devtools.demo_pages": "fixtures/demo",
}



def demo_subpackages() -> list[str]:
    """Demo folders whose names are identifiers: newer setuptools warns about each one that holds
    data but is not listed as a package (folders with hyphens are plain data and need nothing)."""
    root = Path(__file__).parent / "fixtures" / "demo"
    found = []
    for folder in sorted(p for p in root.rglob("*") if p.is_dir()):
        parts = folder.relative_to(root).parts
        if all(part.isidentifier() for part in parts):
            found.append(".".join(("scraper.devtools.demo_pages", *parts)))
    return found


setup(
    packages=find_packages(include=["scraper", "scraper.*"]) + list(MAPPED) + demo_subpackages(),
    package_dir=MAPPED,
    package_data={"scraper": ["schema.json", "listing_schema.json"], "scraper.devtools.demo_pages": ["**/*"]},
)
