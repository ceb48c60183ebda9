"""Fakturakontroll's Forventet/Fakturert are number cells where the check compares numbers, so
people can sum and filter them (issue 16 item 1), and text where the value is a word or a unit.

The invoice is an INVOIC written by hand (``flow.invoic_text``) and read with ``edi read``; the
workbook is read back with openpyxl, as Excel would show it.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal as D

import openpyxl

from vareflyt.excel.openpyxl_adapter import OpenpyxlWorkbook
from vareflyt.jobs.invoices.run import reconcile_invoices
from vareflyt.jobs.invoices.table_rows import figure_cell

from . import flow


def _control_sheet(ws):
    sheet = openpyxl.load_workbook(ws.purchasing_workbook)["Fakturakontroll"]
    rows = list(sheet.iter_rows())
    heads = [c.value for c in rows[0]]
    return [dict(zip(heads, row)) for row in rows[1:]]


def test_price_deviation_is_a_number_cell_and_a_unit_stays_text(tmp_path):
    with flow.workspace(tmp_path / "ws") as ws:
        # line 1: T100 at 49.00 where the price list says 45.50 (check l);
        # line 2: T200 invoiced in MTR though ordered in EA (check m compares units, not numbers)
        flow.drop(
            ws,
            "INVOIC_F-1.edi",
            flow.invoic_text(
                "F-1",
                flow.ORDER,
                [(1, "T100", "10", "MTR", "49.00"), (2, "T200", "6", "MTR", "89.00")],
                "PS1",
            ),
        )
        reconcile_invoices(ws, on=date(2026, 3, 4), now=datetime(2026, 3, 4, 2))
        rows = _control_sheet(ws)
        price = next(r for r in rows if r["Kontroll"].value == "l")
        for cell, value in ((price["Forventet"], 45.5), (price["Fakturert"], 49)):
            assert cell.data_type == "n" and cell.value == value
            assert cell.number_format.startswith("#,##0.00")  # Norwegian Excel shows "# ##0,00": 45,50
        assert price["Avvik kr"].data_type == "n"
        unit = next(r for r in rows if r["Kontroll"].value == "m")
        assert (unit["Forventet"].data_type, unit["Forventet"].value) == ("s", "EA")
        assert (unit["Fakturert"].data_type, unit["Fakturert"].value) == ("s", "MTR")

        book = OpenpyxlWorkbook(ws.purchasing_workbook)  # and the port reads both kinds back
        try:
            frame = book.read_table("invoice_control")
        finally:
            book.close()
        assert frame.attrs["issues"] == []
        read = frame[frame["check"] == "l"].iloc[0]
        assert (read["expected"], read["actual"]) == (D("45.5"), D("49"))
        assert frame[frame["check"] == "m"].iloc[0][["expected", "actual"]].tolist() == ["EA", "MTR"]


def test_numbers_only_where_the_check_compares_numbers():
    assert figure_cell("l", "126.00") == D("126.00") and isinstance(figure_cell("u", "-0.04"), D)
    assert figure_cell("e", "7080000000029") == "7080000000029"  # a GLN is a reference, not a number
    assert figure_cell("a", "1001") == "1001" and figure_cell("k", "0042") == "0042"
    assert figure_cell("n", "ingen") == "ingen" and figure_cell("h", None) is None
    assert figure_cell("w", "1000.00 / 250.00") == "1 000,00 / 250,00"  # text keeps the decimal comma
    assert figure_cell("b", "2026-04-02") == "02.04.2026" and figure_cell("a", "2026-04-02") == "2026-04-02"
