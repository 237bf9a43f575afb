"""Read exported datasets: ``load(path)`` streams records, ``to_pandas(path)`` makes a DataFrame.

``path`` is a JSON Lines file (``.jsonl`` or gzip-compressed ``.jsonl.gz``) or
a dataset folder (its ``articles.jsonl`` or ``articles.jsonl.gz``). Pure: no
Scrapy. pandas is optional (``pip install pandas``, or ``pip install -e '.[pandas]'`` in a checkout),
and so is Hugging Face ``datasets`` for ``load_hf(path)`` (``pip install -e '.[hf]'``).
"""
from __future__ import annotations

from scraper.dataset.files import DatasetError, Line, load, read_lines, resolve, to_pandas
from scraper.dataset.hf import load_hf

__all__ = ["DatasetError", "Line", "load", "load_hf", "read_lines", "resolve", "to_pandas"]
