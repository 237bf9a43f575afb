"""The command line (``scraper``): one module per command group; ``main`` is the entry point."""
from __future__ import annotations

from scraper.cli.main import main

__all__ = ["main"]
