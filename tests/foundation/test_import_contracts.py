"""The layer map of ``docs/development.md`` holds (issue 18 item 7).

``lint-imports`` checks the contracts in ``pyproject.toml`` (``[tool.importlinter]``): the
layers from ``cli`` down to ``ids``, and no I/O library in ``domain``/``rules``/``ids``. It is
also part of ``.ci/lint.sh``; this test keeps it in the ordinary test run until that is wired in.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_code_keeps_the_import_contracts():
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    assert lint, "import-linter is in the dev extra: pip install -e '.[dev]'"
    done = subprocess.run([lint, "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "0 broken" in done.stdout
