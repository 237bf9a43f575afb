"""The product as users get it: a wheel built from this checkout, installed (not editable) into a new venv.

Everything runs from a folder outside the checkout, with no PYTHONPATH: a sitemap and feed
crawl run twice on one state (the second fetches nothing unchanged), validate, stats and
report on what it wrote, the demo, and a scrapyd job from an egg built by
``scrapyd-deploy --build-egg``.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from scraper.crawl.dataset_dir import run_folders
from scraper.devtools.sitegen import articles, write_site
from tests.localsite import FAST, REPO, Site, read_jsonl
from tests.test_scrapyd import run_job, running_scrapyd

CLEAN_ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}


def run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(c) for c in command], cwd=cwd, env=env or CLEAN_ENV, capture_output=True,
                          text=True, timeout=600, check=False)
    assert done.returncode == 0, f"{command} failed ({done.returncode}):\n{done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    source = tmp_path_factory.mktemp("src") / "checkout"
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=REPO, capture_output=True,
                           text=True, check=True).stdout.split()
    for name in files:  # a clean copy: the build must not need (or leave) anything in the checkout
        if (REPO / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, source / name)
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", out, source, cwd=out)
    (built,) = out.glob("news_scraper-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new venv with the wheel (and the deploy extra: scrapyd, scrapyd-client); yields its bin folder."""
    home = tmp_path_factory.mktemp("venv") / "v"
    run(sys.executable, "-m", "venv", home, cwd=home.parent)
    run(home / "bin" / "pip", "install", "--quiet", f"{wheel}[deploy]", cwd=home.parent)
    return home / "bin"


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    served = Site(tmp_path / "site")
    served.root.mkdir()
    write_site(served.root, articles(15), served.base, per_page=5)
    yield served
    served.close()


def test_wheel_holds_one_top_level_package_and_the_demo_site(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert sorted({n.split("/")[0] for n in names}) == ["news_scraper-0.1.0.dist-info", "scraper"]
    assert {"scraper/spiders/news.py", "scraper/pipelines/export.py", "scraper/schema.json",
            "scraper/devtools/demo_pages/page.html"} <= set(names)


def test_installed_crawl_twice_then_dataset_tools(venv: Path, site: Site, tmp_path: Path) -> None:
    work = tmp_path / "elsewhere"
    work.mkdir()
    crawl = [venv / "scraper", "crawl", "--sitemap", f"{site.base}/sitemap-index.xml", "--feed",
             f"{site.base}/feed.rss", *FAST, "-s", "OUTPUT_DIR=data"]
    run(*crawl, cwd=work)
    second = run(*crawl, cwd=work)
    first_run, second_run = run_folders(work / "data")
    assert len(read_jsonl(first_run / "articles.jsonl")) == 15
    assert read_jsonl(second_run / "articles.jsonl") == []
    assert second.stderr.splitlines()[:3] == ["URLs met: 19", "  exported: 0", "  dropped: 19 (unchanged: 15, sitemap: 3, feed: 1)"]
    validated = run(venv / "scraper", "validate", first_run, cwd=work)
    lines = validated.stderr.splitlines()
    assert (lines[0], lines[-1]) == ("articles.jsonl: 15 of 15 lines are valid records; 0 invalid",
                                     "manifest.json: 6 files match their sizes and SHA-256")
    stats = json.loads(run(venv / "scraper", "stats", first_run / "articles.jsonl", "--json", cwd=work).stdout)
    assert stats["records"] == 15
    run(venv / "scraper", "report", first_run, "-o", "report.html", cwd=work)
    assert (work / "report.html").read_text(encoding="utf-8").count("<svg") >= 1


def test_installed_demo_and_extract(venv: Path, tmp_path: Path) -> None:
    run(venv / "scraper", "demo", "-o", "demo/articles.jsonl", cwd=tmp_path)
    records = read_jsonl(tmp_path / "demo" / "articles.jsonl")
    golden = json.loads((REPO / "fixtures/demo/science/wild-bee-counts-rise/expected.json")
                        .read_text(encoding="utf-8"))
    assert len(records) == 15
    assert {k: v for k, v in next(r for r in records if r["url"] == golden["url"]).items() if k != "fetched_at"} \
        == {k: v for k, v in golden.items() if k != "fetched_at"}


def test_scrapyd_job_from_an_egg_built_by_scrapyd_deploy(venv: Path, site: Site, tmp_path: Path) -> None:
    source = tmp_path / "project"
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(".git", ".venv", "output", "*.egg-info", "build"))
    egg = tmp_path / "scraper.egg"
    run(venv / "scrapyd-deploy", "--build-egg", egg, cwd=source)
    xdg = tmp_path / "xdg"
    with running_scrapyd(tmp_path / "scrapyd", venv) as scrapyd:
        xdg.mkdir()
        (xdg / "scrapy.cfg").write_text(f"[deploy:test]\nurl = {scrapyd}/\nproject = scraper\n")
        run(venv / "scrapyd-deploy", "test", "-p", "scraper", "--egg", egg, cwd=source,
            env=dict(CLEAN_ENV, XDG_CONFIG_HOME=str(xdg)))
        settings = {"OUTPUT_DIR": str(tmp_path / "scheduled"), "AUTOTHROTTLE_ENABLED": "False", "DOWNLOAD_DELAY": "0"}
        run_job(scrapyd, settings, sitemap_urls=site.base + "/sitemap-index.xml")
    (folder,) = run_folders(tmp_path / "scheduled")
    report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    assert (len(read_jsonl(folder / "articles.jsonl")), report["exported"], report["adds_up"]) == (15, 15, True)
