"""A small demo workspace (the demo job over three nights) whose workbooks the print and chart
tests read back with openpyxl and zipfile, not with vareflyt's own readers. Import the
fixture into a test module: ``from tests.excel_port.demo_books import demo_books_fixture``
(the tests then ask for ``demo_books``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

DAY = date(2026, 11, 22)
COMPANY = "Fjordbygg & Sønner AS"  # an ampersand, as Excel headers must escape it


@pytest.fixture(scope="module", name="demo_books")
def demo_books_fixture(tmp_path_factory) -> Path:
    """The demo workspace's folder; its vareflyt.toml names the company ``COMPANY``."""
    from vareflyt.demo.run import run_demo

    root = tmp_path_factory.mktemp("printdemo") / "butikken"
    run_demo(root, today=DAY, articles=300, suppliers=6, days=3, customers=40)
    config = root / "vareflyt.toml"
    text = config.read_text(encoding="utf-8")
    start = text.index("\nname = ", text.index("[company]"))
    end = text.index("\n", start + 1)
    config.write_text(text[:start] + f'\nname = "{COMPANY}"' + text[end:], encoding="utf-8")
    _refresh(root)
    return root


def _refresh(root: Path) -> None:
    """Write both workbooks once more, now under the company name with an ampersand."""
    from datetime import datetime, time

    from vareflyt.jobs.aged_receivables import aged_receivables_report
    from vareflyt.jobs.purchasing_tables import refresh_tables
    from vareflyt.workspace import Workspace

    ws = Workspace(root)
    try:
        aged_receivables_report(ws, DAY)
        refresh_tables(ws, now=datetime.combine(DAY, time(6)))
    finally:
        ws.close()
