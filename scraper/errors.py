"""The errors the product reports to users: each one becomes one line, never a traceback."""
from __future__ import annotations


class ScraperError(Exception):
    """Base class of the errors below."""


class InputError(ScraperError):
    """Bad input given by the user (file, URL, option, setting): one line on stderr, exit 2."""


class NotHTML(ScraperError, ValueError):
    """The page is not an HTML document (empty, binary, no document element)."""
