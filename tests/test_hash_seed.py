"""Records do not depend on Python's string-hash seed.

A choice made by iterating a ``set`` of strings (two title pieces as long as each other)
changes with ``PYTHONHASHSEED`` from one process to the next: the same page gave two
headlines in two runs. Every golden fixture is extracted here in processes with
different seeds, and each must give its golden record.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.golden import cases

ROOT = Path(__file__).resolve().parent.parent
_SCRIPT = """
import json, sys
from pathlib import Path
from tests.golden import Case
print(json.dumps({str(p): Case(Path(p)).actual() for p in sys.argv[1:]}, ensure_ascii=False))
"""


@pytest.mark.parametrize("seed", ["1", "2", "3", "4"])
def test_golden_records_under_hash_seed(seed: str) -> None:
    folders = [str(case.folder) for case in cases()]
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, "-c", _SCRIPT, *folders], capture_output=True, text=True,
                         env=env, cwd=ROOT, check=True)
    records = json.loads(run.stdout)
    wrong = [Path(f).name for f in folders if records[f] != json.loads((Path(f) / "expected.json").read_text())]
    assert wrong == []
