"""The output-folder check is safe when several crawl workers start on one folder together."""
from __future__ import annotations

import multiprocessing
from pathlib import Path

from scraper.cli.checks import check_writable_dir


def _probe_many(folder: str) -> None:
    for _ in range(500):
        check_writable_dir(folder, "OUTPUT_DIR")


def test_workers_probing_one_folder_at_once_all_pass(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_probe_many, args=(str(tmp_path),)) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert ([w.exitcode for w in workers], list(tmp_path.iterdir())) == ([0, 0, 0, 0], [])
