"""The processes a crawl started, read from /proc (Linux): its extraction workers, fork server, resource tracker."""
from __future__ import annotations

import time
from pathlib import Path


def _stat(pid: int) -> tuple[str, int] | None:
    """(state, parent pid) of a process, or None when it is gone."""
    try:
        after = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return after[0], int(after[1])


def running(pids: set[int]) -> set[int]:
    """The pids that still run (a zombie does not)."""
    return {pid for pid in pids if (stat := _stat(pid)) is not None and stat[0] not in "ZX"}


def descendants(pid: int) -> set[int]:
    """Every running process under ``pid``: children, their children..."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (stat := _stat(int(entry.name))) is not None and stat[0] not in "ZX":
            parents[int(entry.name)] = stat[1]
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def workers(pid: int) -> set[int]:
    """The extraction workers of crawl process ``pid``: the children of its fork server."""
    server = {p for p in descendants(pid) if (stat := _stat(p)) is not None and stat[1] == pid
              and b"forkserver" in Path(f"/proc/{p}/cmdline").read_bytes()}
    return {p for p in descendants(pid) if (stat := _stat(p)) is not None and stat[1] in server}


def wait_gone(pids: set[int], seconds: float = 10) -> set[int]:
    """Wait until none of ``pids`` runs (at most ``seconds``); the ones still running."""
    deadline = time.monotonic() + seconds
    while running(pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    return running(pids)
