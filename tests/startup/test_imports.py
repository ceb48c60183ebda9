"""Start-up (issue 19 item 4): which modules a command loads, not how long it takes.

``vareflyt --help`` must not load pandas, SQLAlchemy, alembic or the document libraries;
``vareflyt prices lookup`` on a current SQLite store must not load pandas, alembic, SQLAlchemy
(it reads the file through sqlite3, ``store.sqlite_lookup``) or pydantic (Typer's value
coercion; ``cli.plain_values`` takes plain text and paths past it). Each
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
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "vareflyt", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )
    modules = {
        line.rsplit("|", 1)[1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    return modules, done


def _top_level(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


def test_help_loads_no_heavy_library(tmp_path):
    modules, done = _imported(["--help"], tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Kommandoer" in done.stdout and "prices" in done.stdout  # the help screen, in Norwegian
    assert "vareflyt.cli.prices" in modules  # the parse really ran
    assert not _top_level(modules) & set(HEAVY), sorted(_top_level(modules) & set(HEAVY))


def test_group_help_loads_no_heavy_library(tmp_path):
    modules, done = _imported(["invoices", "--help"], tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "reconcile" in done.stdout
    assert not _top_level(modules) & {"pandas", "sqlalchemy", "alembic"}


LOOKUP_FREE_OF = {
    "pandas",
    "sqlalchemy",
    "alembic",
    "pydantic",
    "openpyxl",
    "lxml",
    "fpdf",
    "jinja2",
    "numpy",
}
PRICES_CSV = (
    "Varenr;EAN;NOBB-nr;Varenavn;Enhet;Bruttopris;Rabatt %;Nettopris\n"
    "A1;7031234000019;12345678;Plank 48x98 furu;m;100,50;10;90,45\n"
)


def _init(ws: Path) -> None:
    init = subprocess.run(
        [sys.executable, "-m", "vareflyt", "init", str(ws)], capture_output=True, text=True, timeout=300
    )
    assert init.returncode == 0, init.stderr[-2000:]


def test_price_lookup_on_a_current_store_loads_no_sqlalchemy_nor_pandas_nor_alembic(tmp_path):
    ws = tmp_path / "ws"
    _init(ws)
    modules, done = _imported(["prices", "lookup", "--supplier", GLN, "--article", "4711"], ws)
    assert done.returncode == 1, done.stderr[-2000:]  # no price list yet: "no price", not a crash
    assert "Fant ingen pris for 4711" in done.stdout + done.stderr
    assert "vareflyt.store.sqlite_lookup" in modules  # it did read the store, through sqlite3
    assert not _top_level(modules) & LOOKUP_FREE_OF, sorted(_top_level(modules) & LOOKUP_FREE_OF)
    assert not {"vareflyt.jobs.import_prices", "vareflyt.jobs.price_reading"} & set(modules)  # file readers


def test_price_found_on_a_small_workspace_without_sqlalchemy(tmp_path):
    ws = tmp_path / "ws"
    _init(ws)
    prices = tmp_path / "priser.csv"
    prices.write_text(PRICES_CSV, encoding="cp1252")
    imported = subprocess.run(
        [
            sys.executable,
            "-m",
            "vareflyt",
            "prices",
            "import",
            str(prices),
            "--supplier",
            GLN,
            "--valid-from",
            "2026-02-01",
            "--workspace",
            str(ws),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert imported.returncode == 0, imported.stdout[-2000:] + imported.stderr[-2000:]
    # by NOBB no., with the workspace as a path option
    modules, done = _imported(
        [
            "prices",
            "lookup",
            "--supplier",
            GLN,
            "--article",
            "12345678",
            "--date",
            "2026-03-01",
            "--workspace",
            str(ws),
        ],
        tmp_path,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "A1 Plank 48x98 furu: netto 90,45 per MTR" in done.stdout
    assert not _top_level(modules) & LOOKUP_FREE_OF, sorted(_top_level(modules) & LOOKUP_FREE_OF)


def test_a_wrong_value_still_gets_typers_check(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "vareflyt", "prices", "withdraw", "--supplier", GLN, "--version", "to"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 2
    assert "Ugyldig verdi for '--version': må være et heltall." in done.stderr  # numbers: Typer's check


def test_head_revision_constant_is_alembics_head():
    from alembic.script import ScriptDirectory

    assert HEAD_REVISION == ScriptDirectory.from_config(_alembic_config()).get_current_head()
