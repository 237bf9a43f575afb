"""Scale out: two crawler processes share one Redis queue and duplicate filter (scrapy-redis)."""
from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from scraper.crawl.dataset_dir import run_folders
from scraper.devtools.sitegen import articles, write_site
from tests.localsite import ENV, REPO, Site, crawl_command, read_jsonl, site_fixture  # noqa: F401 (fixture)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    """A throwaway redis-server on 127.0.0.1 (no persistence)."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("redis-server is not installed (apt-get install redis-server; .ci/run does it)")
    port = free_port()
    server = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                               "--dir", str(tmp_path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    server.terminate()
    server.wait(timeout=20)


def test_two_redis_workers_export_every_article_exactly_once(site: Site, redis_url: str, tmp_path: Path) -> None:
    entries = articles(500)
    write_site(site.root, entries, site.base)
    out = tmp_path / "out"
    args = [site.base + "/news/", "--sitemap", site.base + "/sitemap-index.xml", "--redis", redis_url,
            "--redis-job", "test-two-workers", "-s", "REDIS_IDLE_CLOSE=3", "-s", f"OUTPUT_DIR={out}"]
    workers = [subprocess.Popen(crawl_command(*args), cwd=REPO, env=ENV, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True) for _ in range(2)]
    errors = [w.communicate(timeout=600)[1] for w in workers]
    assert [w.returncode for w in workers] == [0, 0], errors
    folders = run_folders(out)
    per_worker = [read_jsonl(f / "articles.jsonl") for f in folders]
    exported = Counter(r["url"] for records in per_worker for r in records)
    assert exported == Counter({site.base + a.path: 1 for a in entries})
    assert (len(folders), all(len(records) > 0 for records in per_worker)) == (2, True)   # both did work
    assert Counter(p for p in site.requests if p.startswith("/2024/")) == Counter({a.path: 1 for a in entries})
