"""``make bench-crawl``: crawl speed and memory on a generated site served by nginx on 127.0.0.1.

Steps: generate ``--pages`` article pages (``scraper.devtools.sitegen``, with the furniture of a
real news page: menus, scripts, trending rail, comments, footer; about 140 KB each,
like the shared benchmark pages' 173 KB average), serve them with
nginx, time pure extraction (``scraper.extract.extract``) on a sample of the
same pages, crawl the site from its sitemap index with one process extracting in its own thread
(``EXTRACT_WORKERS=0``), with one process and its extraction workers (the default, one a core),
then with ``--workers`` scrapy-redis workers extracting in-thread (redis-server on 127.0.0.1).
Prints pages per second, peak memory of each crawler process and of each extraction worker (and
their resident memory at each quarter of the crawl, to show it stays flat) and the ratios. Figures are
printed, never asserted: they depend on the machine.

Needs nginx and redis-server on PATH (``apt-get install nginx-light redis-server``).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from scraper.crawl.dataset_dir import run_folders
from scraper.crawl.workers import default_workers
from scraper.devtools.sitegen import articles, write_site

NGINX_CONF = """worker_processes 1;
daemon off;
pid {home}/nginx.pid;
error_log {home}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  types {{ text/html html; application/xml xml; text/plain txt; application/gzip gz; }}
  default_type application/octet-stream;
  charset utf-8;
  sendfile on;
  keepalive_requests 1000000;
  client_body_temp_path {home}/tmp; proxy_temp_path {home}/tmp; fastcgi_temp_path {home}/tmp;
  uwsgi_temp_path {home}/tmp; scgi_temp_path {home}/tmp;
  server {{
    listen 127.0.0.1:{port};
    root {root};
    location / {{ try_files $uri $uri/page.html =404; }}
  }}
}}
"""
CRAWL_SETTINGS = ["AUTOTHROTTLE_ENABLED=False", "DOWNLOAD_DELAY=0", "CONCURRENT_REQUESTS=32",
                  "CONCURRENT_REQUESTS_PER_DOMAIN=32", "LOG_LEVEL=WARNING", "REDIS_IDLE_CLOSE=2"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, process: subprocess.Popen[bytes], name: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and process.poll() is None:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"bench-crawl: {name} did not start")


def start_nginx(home: Path, root: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    (home / "tmp").mkdir(exist_ok=True)
    conf = home / "nginx.conf"
    conf.write_text(NGINX_CONF.format(home=home, root=root, port=port))
    process = subprocess.Popen([require("nginx"), "-c", str(conf), "-p", str(home)], stderr=subprocess.DEVNULL)
    wait_for_port(port, process, "nginx")
    return process, f"http://127.0.0.1:{port}"


def start_redis(home: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    process = subprocess.Popen([require("redis-server"), "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                "--appendonly", "no", "--dir", str(home)], stdout=subprocess.DEVNULL)
    wait_for_port(port, process, "redis-server")
    return process, f"redis://127.0.0.1:{port}/0"


def require(program: str) -> str:
    found = shutil.which(program) or shutil.which(program, path="/usr/sbin:/usr/local/sbin")
    if not found:
        raise SystemExit(f"bench-crawl: {program} not found (apt-get install nginx-light redis-server)")
    return found


def extraction_speed(root: Path, paths: list[str], base: str) -> float:
    """Pages per second of ``scraper.extract.extract`` alone, one process, files already read."""
    from scraper.extract import extract

    pages = [(root / p.lstrip("/") / "page.html").read_bytes() for p in paths]
    started = time.perf_counter()
    for path, html in zip(paths, pages, strict=False):
        extract(html, base + path)
    return len(pages) / (time.perf_counter() - started)


def memory(pid: int) -> tuple[float, float]:
    """(resident MB, peak resident MB) of a process; VmHWM is the peak since exec or fork
    (ru_maxrss would count the forked parent's pages)."""
    status = Path(f"/proc/{pid}/status").read_text()
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def _parents() -> dict[int, int]:
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                found[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    return found


def extraction_workers(pid: int) -> list[int]:
    """The extraction workers of crawler ``pid``: the children of its fork server."""
    parents = _parents()
    servers = set()
    for child, parent in parents.items():
        try:
            if parent == pid and b"forkserver" in Path(f"/proc/{child}/cmdline").read_bytes():
                servers.add(child)
        except OSError:
            continue
    return sorted(child for child, parent in parents.items() if parent in servers)


@dataclass
class Worker:
    """A crawler process and its resident memory samples ``(pages exported, MB)``, and its extraction workers'."""

    process: subprocess.Popen[bytes]
    output: Path
    samples: list[tuple[int, float]] = field(default_factory=list)
    peak_mb: float = 0.0
    hwm_mb: float = 0.0
    pool: dict[int, list[tuple[int, float]]] = field(default_factory=dict)  #: worker pid: samples
    pool_hwm: dict[int, float] = field(default_factory=dict)

    def watch(self) -> None:
        seen, offset = 0, 0
        while self.process.poll() is None:
            try:
                rss, hwm = memory(self.process.pid)
                self.hwm_mb = max(self.hwm_mb, hwm)
            except (OSError, KeyError, ValueError):
                break
            self._watch_pool(seen)
            files = list(self.output.glob("*/articles.jsonl"))
            if files:
                with files[0].open("rb") as fh:
                    fh.seek(offset)
                    chunk = fh.read()
                seen += chunk.count(b"\n")
                offset += len(chunk)
            self.samples.append((seen, rss))
            time.sleep(0.5)

    def _watch_pool(self, seen: int) -> None:
        for pid in extraction_workers(self.process.pid):
            try:
                rss, hwm = memory(pid)
            except (OSError, KeyError, ValueError):
                continue
            self.pool.setdefault(pid, []).append((seen, rss))
            self.pool_hwm[pid] = max(self.pool_hwm.get(pid, 0.0), hwm)

    def wait(self) -> None:
        _, status, _usage = os.wait4(self.process.pid, 0)
        self.process.returncode = os.waitstatus_to_exitcode(status)
        self.peak_mb = self.hwm_mb


def crawl(base: str, out: Path, state: Path, workers: int, redis_url: str | None,
          extra: tuple[str, ...] = ()) -> list[Worker]:
    command = [sys.executable, "-m", "scraper.cli", "crawl", "--sitemap", base + "/sitemap-index.xml",
               "--state", str(state)]
    for setting in [*CRAWL_SETTINGS, *extra, f"OUTPUT_DIR={out}"]:
        command += ["-s", setting]
    if redis_url:
        command += ["--redis", redis_url, "--redis-job", f"bench-{time.time_ns()}"]
    running = []
    for number in range(workers):
        folder = out / f"worker-{number}"
        command_n = [c if not c.startswith("OUTPUT_DIR=") else f"OUTPUT_DIR={folder}" for c in command]
        running.append(Worker(subprocess.Popen(command_n, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
                              folder))
    threads = [threading.Thread(target=w.watch, daemon=True) for w in running]
    for thread in threads:
        thread.start()
    for worker in running:
        worker.wait()
    for thread in threads:
        thread.join()
    return running


def crawl_rate(workers: list[Worker]) -> tuple[int, float]:
    """Articles exported and pages per second, from the first start to the last record written (not
    the idle wait). Not to the last ``fetched_at``: that is stamped when a page goes to extraction,
    and with extraction workers the last pages are fetched before they are extracted and written."""
    starts, last, count = [], None, 0
    for worker in workers:
        folder = run_folders(worker.output)[0]
        starts.append(dt.datetime.fromisoformat(json.loads((folder / "report.json").read_text())["started"]))
        articles_file = folder / "articles.jsonl"
        if not articles_file.is_file():
            continue  # a worker that exported nothing (the other took every page)
        count += sum(1 for _ in articles_file.open(encoding="utf-8"))
        written = dt.datetime.fromtimestamp(articles_file.stat().st_mtime, dt.timezone.utc)
        last = written if last is None or written > last else last
    span = ((last - min(starts)).total_seconds()) if last else float("inf")
    return count, count / span


def quarters(samples: list[tuple[int, float]], total: int) -> str:
    marks = []
    for quarter in (1, 2, 3, 4):
        target = total * quarter // 4
        last = samples[-1][1] if samples else 0
        rss = next((mb for seen, mb in samples if seen >= target), last)
        marks.append(f"{rss:.0f}")
    return "/".join(marks)


def report(name: str, workers: list[Worker], pages: int, extract_rate: float) -> float:
    count, rate = crawl_rate(workers)
    print(f"{name}: {count} of {pages} articles exported, {rate:.1f} pages/s "
          f"({rate / extract_rate:.0%} of pure extraction)")
    for number, worker in enumerate(workers):
        exported = run_folders(worker.output)[0].joinpath("articles.jsonl")
        per_worker = sum(1 for _ in exported.open()) if exported.is_file() else 0
        print(f"  process {number}: exit {worker.process.returncode}, {per_worker} articles, peak RSS "
              f"{worker.peak_mb:.0f} MB, RSS at 25/50/75/100% of its pages: {quarters(worker.samples, per_worker)} MB")
        for pid, samples in sorted(worker.pool.items()):
            print(f"    extraction worker {pid}: peak RSS {worker.pool_hwm[pid]:.0f} MB, RSS at 25/50/75/100%: "
                  f"{quarters(samples, per_worker)} MB")
    return rate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench-crawl", description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=20000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--sample", type=int, default=2000, help="pages timed for pure extraction")
    args = parser.parse_args(argv)
    home = Path(tempfile.mkdtemp(prefix="bench-crawl-"))
    home.chmod(0o755)  # nginx workers run as an unprivileged user
    servers: list[subprocess.Popen[bytes]] = []
    try:
        root = home / "site"
        root.mkdir()
        nginx, base = start_nginx(home, root)
        servers.append(nginx)
        started = time.perf_counter()
        entries = articles(args.pages)
        write_site(root, entries, base, per_page=50, chrome=True)
        size = sum((root / a.path.lstrip("/") / "page.html").stat().st_size for a in entries[:50]) / 50 / 1024
        took = time.perf_counter() - started
        print(f"site: {args.pages} article pages ({size:.0f} KB each) generated in {took:.0f} s, "
              f"served by nginx at {base}; {os.cpu_count()} CPUs")
        step = max(1, len(entries) // args.sample)
        extract_rate = extraction_speed(root, [a.path for a in entries[::step]], base)
        print(f"pure extraction: {extract_rate:.1f} pages/s (one process, {len(entries[::step])} of the same pages)")
        in_thread = ("EXTRACT_WORKERS=0",)
        one = report("1 process, extraction in-thread (EXTRACT_WORKERS=0)",
                     crawl(base, home / "one", home / "state-one", 1, None, in_thread), args.pages, extract_rate)
        pool = report(f"1 process, {default_workers()} extraction workers (default)",
                      crawl(base, home / "pool", home / "state-pool", 1, None), args.pages, extract_rate)
        redis, redis_url = start_redis(home)
        servers.append(redis)
        many = report(f"{args.workers} redis workers, extraction in-thread",
                      crawl(base, home / "many", home / "state-many", args.workers, redis_url, in_thread),
                      args.pages, extract_rate)
        print(f"extraction workers over in-thread: {pool / one:.2f}x; over pure extraction: {pool / extract_rate:.2f}x")
        print(f"{args.workers} redis workers over 1 process in-thread: {many / one:.2f}x")
    finally:
        for server in servers:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
