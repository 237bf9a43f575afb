"""What runs inside an extraction worker process (``scraper.crawl.workers``): its set-up and its task.

Imports only the pure extractor (``scraper.crawl.page_result``) and the standard library: a
worker never loads Scrapy or Twisted. A worker ignores SIGINT (a Ctrl-C in the terminal reaches
the whole process group; the crawl process alone decides how to stop, and shuts the pool
down) and exits by itself when the crawl process is gone, even killed with SIGKILL, which no
pipe in ``concurrent.futures`` reports to it (each worker holds both ends of its queues).
"""
from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import time
from pathlib import Path

from scraper.crawl.page_result import PageResult, extract_within

#: Seconds between two looks at the crawl process.
WATCH_EVERY = 0.25

_exit_url = ""
_stall_url = ""
_timeout = 0.0


def init_worker(crawl_pid: int, log_level: str, timeout: float = 0.0, exit_url: str = "", stall_url: str = "") -> None:
    """The worker's set-up (the pool's ``initializer``): ``timeout`` is EXTRACT_TIMEOUT."""
    global _exit_url, _stall_url, _timeout
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_url, _stall_url, _timeout = exit_url, stall_url, timeout
    logging.basicConfig(level=log_level, stream=sys.stderr,
                        format="%(asctime)s [%(name)s] %(levelname)s: %(message)s")
    logging.captureWarnings(True)
    threading.Thread(target=_watch, args=(crawl_pid,), name="watch-crawl", daemon=True).start()


def alive(pid: int) -> bool:
    """Whether process ``pid`` runs (a zombie, dead but not yet reaped, does not)."""
    if not Path("/proc/self").is_dir():  # no /proc: ask the kernel (a zombie counts as alive here)
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except OSError:
        return False


def _watch(crawl_pid: int) -> None:
    while alive(crawl_pid):
        time.sleep(WATCH_EVERY)
    os._exit(1)


def run(inputs: tuple) -> PageResult:  # type: ignore[type-arg]
    """The pool's task: ``extract_result(*inputs)`` within EXTRACT_TIMEOUT (``extract_within``).

    Test hooks: a page whose URL holds ``EXTRACT_WORKER_EXIT_URL`` makes the worker exit at once,
    as one killed by the kernel's out-of-memory killer would; one whose URL holds
    ``EXTRACT_WORKER_STALL_URL`` makes it hang where no signal reaches it, as code stuck in C would."""
    if _exit_url and _exit_url in inputs[1]:
        os._exit(9)
    if _stall_url and _stall_url in inputs[1]:
        time.sleep(3600)  # before the deadline is armed: only the crawl's hard limit ends it
    return extract_within(_timeout, inputs)


__all__ = ["alive", "init_worker", "run"]
