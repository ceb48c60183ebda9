"""Start-up (issue 19 item 4): which modules a command loads, not how long it takes.

``vareflyt --help`` must not load pandas, SQLAlchemy, alembic or the document libraries;
``vareflyt prices lookup`` on a current store must not load pandas or alembic (the migration
level is read from ``alembic_version`` and compared with ``store.db.HEAD_REVISION``). Each
command runs in a fresh ``python -X importtime`` process, so nothing this test process has
imported hides a module.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from vareflyt.store.db import HEAD_REVISION, _alembic_config

HEAVY = ("pandas", "sqlalchemy", "alembic", "openpyxl", "lxml", "fpdf", "jinja2", "numpy")
GLN = "7080000000029"


def _imported(args: list[str], cwd: Path) -> tuple[set[str], subprocess.CompletedProcess]:
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "vareflyt", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)
    modules = {line.rsplit("|", 1)[1].strip() for line in done.stderr.splitlines()
               if line.startswith("import time:") and "|" in line}
    return modules, done


def _top_level(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


def test_help_loads_no_heavy_library(tmp_path):
    modules, done = _imported(["--help"], tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Kommandoer" in done.stdout and "prices" in done.stdout   # the help screen, in Norwegian
    assert "vareflyt.cli.prices" in modules                         # the parse really ran
    assert not _top_level(modules) & set(HEAVY), sorted(_top_level(modules) & set(HEAVY))


def test_group_help_loads_no_heavy_library(tmp_path):
    modules, done = _imported(["invoices", "--help"], tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "reconcile" in done.stdout
    assert not _top_level(modules) & {"pandas", "sqlalchemy", "alembic"}


def test_price_lookup_on_a_current_store_loads_neither_pandas_nor_alembic(tmp_path):
    ws = tmp_path / "ws"
    init = subprocess.run([sys.executable, "-m", "vareflyt", "init", str(ws)], capture_output=True, text=True,
                          timeout=300)
    assert init.returncode == 0, init.stderr[-2000:]
    modules, done = _imported(["prices", "lookup", "--supplier", GLN, "--article", "4711"], ws)
    assert done.returncode == 1, done.stderr[-2000:]                  # no price list yet: "no price", not a crash
    assert "Fant ingen pris for 4711" in done.stdout + done.stderr
    assert "sqlalchemy" in _top_level(modules)                        # it did read the store
    assert not _top_level(modules) & {"pandas", "alembic", "openpyxl", "lxml", "fpdf", "jinja2"}
    assert not {"vareflyt.jobs.import_prices", "vareflyt.jobs.price_reading"} & set(modules)   # the file readers


def test_head_revision_constant_is_alembics_head():
    from alembic.script import ScriptDirectory

    assert HEAD_REVISION == ScriptDirectory.from_config(_alembic_config()).get_current_head()
