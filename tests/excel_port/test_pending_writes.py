"""One workbook save per step (issue 19 item 2): the nightly tables step queues the purchasing
tables and the catalogue on one ``PendingWrites`` and saves Innkjop.xlsx once; a step that fails
writes nothing. The price list is a semicolon CSV written by hand, as a supplier's ERP exports it.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pytest

from vareflyt.excel.openpyxl_adapter import OpenpyxlWorkbook
from vareflyt.excel.pending import pending_writes
from vareflyt.jobs.import_prices import import_prices
from vareflyt.jobs.nightly.context import RunContext
from vareflyt.jobs.nightly.runlog import RunLog
from vareflyt.jobs.nightly.steps import step_tables
from vareflyt.workspace import init_workspace

from .workbook_saves import saves  # noqa: F401  (the fixture saves)

NORDISK = "7080000000029"
CONFIG = f'''
[company]
name = "Byggmester Test AS"
gln = "7080000000012"

[partners."{NORDISK}"]
name = "Nordisk Trelast AS"
'''
PRICES = (
    "Varenr;EAN;NOBB-nr;Varenavn;Enhet;Bruttopris;Rabatt %;Nettopris\n"
    "A1;7031234000019;12345678;Plank 48x98 furu;m;100,50;10;90,450\n"
    "A2;7031234000026;;Lekt 23x48;m;20,00;0;20,00\n"
)
DAY = date(2026, 3, 2)


@pytest.fixture
def ws(tmp_path):
    ws = init_workspace(tmp_path / "ws", config_text=CONFIG)
    path = tmp_path / "nordisk.csv"
    path.write_text(PRICES, encoding="cp1252")
    assert import_prices(ws, path, NORDISK, "new", date(2026, 2, 1), refresh_table=False).ok
    yield ws
    ws.close()


def _context(ws, tmp_path) -> RunContext:
    return RunContext(ws, DAY, datetime(2026, 3, 2, 2, 30), "test", RunLog(tmp_path / "logs", "test"))


def test_the_tables_step_saves_the_purchasing_workbook_once(ws, tmp_path, saves):
    step_tables(_context(ws, tmp_path), True)

    assert saves == ["Innkjop.xlsx"]
    book = OpenpyxlWorkbook(ws.purchasing_workbook)
    catalogue = book.read_table("catalogue")
    assert list(catalogue["article_no"]) == ["A1", "A2"]
    assert list(catalogue["net"]) == [Decimal("90.45"), Decimal("20")]
    assert "Nøkkeltall" in openpyxl.load_workbook(ws.purchasing_workbook).sheetnames  # refresh_tables' sheet


def test_jobs_sharing_pending_writes_save_once_and_a_failure_writes_nothing(ws, saves):
    path = ws.purchasing_workbook
    before = path.read_bytes()
    with pytest.raises(RuntimeError):
        with pending_writes(path) as book:
            book.replace_rows("orders", [{"order_no": "PO-1", "lines": 1}])
            book.save()
            raise RuntimeError("the second job failed")
    assert saves == [] and path.read_bytes() == before

    with pending_writes(path) as book:
        book.replace_rows("orders", [{"order_no": "PO-1", "lines": 1}])
        book.save()
        book.add_sheet("Morgenrapport", [["Natt", "ok"]])
        book.save()
        book.close()  # a job closing its port closes nothing
    assert saves == ["Innkjop.xlsx"]
    assert list(OpenpyxlWorkbook(path).read_table("orders")["order_no"]) == ["PO-1"]


def test_pending_writes_no_job_saved_leaves_the_file_alone(ws, saves):
    before = ws.purchasing_workbook.read_bytes()
    with pending_writes(ws.purchasing_workbook) as book:
        book.read_table("orders")
    assert saves == [] and ws.purchasing_workbook.read_bytes() == before
