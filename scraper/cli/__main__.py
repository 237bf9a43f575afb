"""``python -m scraper.cli``: the same as the ``scraper`` command."""
import sys

from scraper.cli.main import main

sys.exit(main())
