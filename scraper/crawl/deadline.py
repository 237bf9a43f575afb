"""A time limit on one page's extraction (``EXTRACT_TIMEOUT``), from the standard library only.

The extractor's input bounds (``scraper.extract.bounds``) keep every page's cost linear in its
size, so no real page comes near the limit; it is the net under a page that finds a case those
bounds miss: the page is ``failed/extract_timeout`` and the crawl goes on.

``deadline(seconds)`` arms ``SIGALRM`` (``setitimer``): its handler raises ``ExtractTimeout`` in the
code it interrupts, Python code or a regular expression match alike (``re`` checks for signals).
``ExtractTimeout`` is a ``BaseException``, so the extractor's per-field guards (which catch
``Exception``) do not swallow it. A signal handler can only be set in a process's main thread:
elsewhere ``deadline`` does nothing. Code stuck in C without a look at signals is not
interrupted here; the crawl's extraction workers also have a hard limit for that
(``scraper.crawl.workers``: the worker is stopped).
"""
from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

#: The failed outcome's reason for a page whose extraction took too long.
TIMED_OUT = "extract_timeout"


class ExtractTimeout(BaseException):
    """A page's extraction ran past its ``deadline``."""


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise ``ExtractTimeout`` in the block when it runs longer than ``seconds`` (0: no limit)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return
    armed = True

    def expire(_signum: int, _frame: FrameType | None) -> None:
        if armed:  # a signal already on its way when the block ended raises nothing
            raise ExtractTimeout(f"extraction took more than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


__all__ = ["TIMED_OUT", "ExtractTimeout", "deadline"]
