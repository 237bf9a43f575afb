"""Kept for ``scrapyd-deploy``, which builds the project egg with ``setup.py bdist_egg``.

All metadata lives in pyproject.toml (including the ``scrapy`` settings entry point);
without this file scrapyd-deploy would write its own setup.py that drops package data.
"""
from setuptools import setup

setup()
