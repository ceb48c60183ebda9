"""A night writes the purchasing workbook once for its steps' tables (order entry's status,
the invoice tables, the purchasing tables and catalogue) and once for the morning report's
sheet, where it saved once per step before; a step that fails costs the others' tables
nothing, and the workbook stays readable with the user's own sheet in it.

Built by hand as the user and the supplier would: the price list is a semicolon CSV as an ERP
exports it, the order entry row and the user's own sheet are typed into Innkjop.xlsx with
openpyxl.
"""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pytest

from tests.excel_port.workbook_saves import saved_table, saves  # noqa: F401  (the fixture saves)
from vareflyt.jobs.import_prices import import_prices
from vareflyt.jobs.nightly import run_batch
from vareflyt.workspace import init_workspace

NORDISK = "7080000000029"
CONFIG = f'''
[company]
name = "Byggmester Test AS"
gln = "7080000000012"
orgnr = "923609016"

[partners."{NORDISK}"]
name = "Nordisk Trelast AS"
edi = true
'''
PRICES = (
    "Varenr;EAN;Varenavn;Enhet;Nettopris\r\n"
    "A1;7031234000019;Plank 48x98 furu;MTR;90,45\r\n"
    "A2;7031234000026;Lekt 23x48;MTR;20,00\r\n"
)
DAY = date(2026, 3, 2)
OWN_SHEET = "Mine notater"


@pytest.fixture
def ws(tmp_path):
    ws = init_workspace(tmp_path / "ws", config_text=CONFIG)
    prices = tmp_path / "nordisk.csv"
    prices.write_text(PRICES, encoding="cp1252")
    assert import_prices(ws, prices, NORDISK, "new", date(2026, 2, 1)).ok
    book = openpyxl.load_workbook(ws.purchasing_workbook)
    entry = book["Bestilling"]  # the buyer types a line into the order entry table
    for column, value in zip("ABC", ("Nordisk Trelast AS", "A1", 10)):
        entry[f"{column}2"] = value
    notes = book.create_sheet(OWN_SHEET)
    notes["A1"] = "Ring Nordisk om levering"
    book.save(ws.purchasing_workbook)
    yield ws
    ws.close()


def _night(ws):
    return run_batch(ws, on=DAY, now=datetime(2026, 3, 2, 2, 30), force=True)


def test_a_night_saves_the_purchasing_workbook_once_for_its_tables_and_once_for_the_report(ws, saves):
    result = _night(ws)

    assert saves.count("Innkjop.xlsx") == 2, saves
    assert [s["step"] for s in result.extra["steps"] if not s["ok"]] == []
    entry = saved_table(ws.purchasing_workbook, "order_entry")  # the orders step's write-back
    assert list(entry["status"]) == ["Bestilt"] and entry["order_no"].iloc[0]
    assert list(saved_table(ws.purchasing_workbook, "orders")["order_no"]) == [
        entry["order_no"].iloc[0]
    ]  # the tables step
    assert list(saved_table(ws.purchasing_workbook, "catalogue")["article_no"]) == ["A1", "A2"]
    sheets = openpyxl.load_workbook(ws.purchasing_workbook).sheetnames
    assert {"Leverandørscore", "Nøkkeltall", "Morgenrapport", OWN_SHEET} <= set(sheets)


def test_a_failing_step_keeps_the_other_steps_tables_and_the_workbook_readable(ws, saves, monkeypatch):
    import vareflyt.jobs.key_figures as key_figures

    def broken(book, figures):
        raise RuntimeError("diagrammet kunne ikke lages")

    monkeypatch.setattr(key_figures, "write_sheets", broken)  # after refresh_tables queued its rows

    result = _night(ws)

    assert saves.count("Innkjop.xlsx") == 2, saves
    assert result.extra["exit_code"] == 1
    assert [s["step"] for s in result.extra["steps"] if not s["ok"]] == ["tables"]
    assert any("diagrammet kunne ikke lages" in a["message"] for a in result.extra["attention"])
    book = openpyxl.load_workbook(ws.purchasing_workbook)  # readable, the user's sheet kept
    assert book[OWN_SHEET]["A1"].value == "Ring Nordisk om levering"
    assert {"Leverandørscore", "Morgenrapport"} <= set(book.sheetnames)  # reconcile's and the report's
    assert "Nøkkeltall" not in book.sheetnames
    entry = saved_table(ws.purchasing_workbook, "order_entry")
    assert list(entry["status"]) == ["Bestilt"]  # the orders step's write-back is not lost
    assert saved_table(
        ws.purchasing_workbook, "orders"
    ).empty  # the failing job's queued rows are dropped, not half-written

    monkeypatch.undo()
    again = run_batch(ws, on=DAY, now=datetime(2026, 3, 2, 3, 0))  # not "nothing new": the step failed
    assert not again.extra["quiet"]
    assert list(saved_table(ws.purchasing_workbook, "orders")["order_no"]) == [entry["order_no"].iloc[0]]
