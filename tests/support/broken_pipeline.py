"""An item pipeline whose every write fails (an I/O error): the crawl loses its output."""
from __future__ import annotations

import errno
from typing import Any


class FailingWrite:
    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        raise OSError(errno.EIO, "Input/output error")
