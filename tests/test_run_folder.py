"""Each run claims its own dataset folder, even when two start in the same second."""
from __future__ import annotations

from pathlib import Path

from scrapy.utils.test import get_crawler

from scraper.crawl.dataset_dir import articles_file, claim_folder


def test_runs_started_in_the_same_second_get_their_own_folders(tmp_path: Path) -> None:
    claims = [claim_folder(tmp_path, "20240201T000000Z") for _ in range(3)]
    assert (claims, sorted(p.name for p in tmp_path.iterdir())) == (
        ["20240201T000000Z", "20240201T000000Z-2", "20240201T000000Z-3"],
        ["20240201T000000Z", "20240201T000000Z-2", "20240201T000000Z-3"])


def test_two_crawlers_never_share_a_folder(tmp_path: Path) -> None:
    folders = [articles_file(get_crawler(settings_dict={"OUTPUT_DIR": str(tmp_path)})).parent for _ in range(2)]
    assert (folders[0] != folders[1], sorted(tmp_path.iterdir()) == sorted(folders)) == (True, True)


def test_a_resumed_job_keeps_its_folder(tmp_path: Path) -> None:
    settings = {"OUTPUT_DIR": str(tmp_path / "out"), "JOBDIR": str(tmp_path / "job")}
    first = articles_file(get_crawler(settings_dict=settings))
    second = articles_file(get_crawler(settings_dict=settings))
    assert (second, len(list((tmp_path / "out").iterdir()))) == (first, 1)
