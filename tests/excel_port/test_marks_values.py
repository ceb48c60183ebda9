"""Marking cells (fill + comment), writing values back into a row, messages, issues on read."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest

from vareflyt.excel.openpyxl_adapter import OpenpyxlWorkbook
from vareflyt.excel.port import MARK_ERROR, WorkbookPort, row_source
from vareflyt.excel.schemas import TABLES

from .conftest import sample_rows


def _entry(path, n=3):
    port = OpenpyxlWorkbook(path)
    port.replace_rows(
        "order_entry",
        [{"supplier": "Byggmakker", "article_no": f"00{i}", "quantity": i + 1} for i in range(n)],
    )
    port.save()


def test_mark_cell_adds_fill_and_comment(purchasing):
    _entry(purchasing)
    port = OpenpyxlWorkbook(purchasing)
    assert isinstance(port, WorkbookPort)
    frame = port.read_table("order_entry")
    port.mark_cell("order_entry", 2, "quantity", "error", "Antall må være et helt antall pakninger")
    port.mark_cell("order_entry", 0, "article_no", "#c6efce")
    port.save()
    ws = openpyxl.load_workbook(purchasing)["Bestilling"]
    cell = ws["C4"]
    assert cell.fill.fill_type == "solid" and cell.fill.fgColor.rgb == "FF" + MARK_ERROR
    assert cell.comment.text == "Antall må være et helt antall pakninger"
    assert ws["B2"].fill.fgColor.rgb == "FFC6EFCE" and ws["B2"].comment is None
    assert row_source(frame, 2, "quantity").render() == "Innkjop.xlsx:Bestilling!C4"


def test_marks_go_when_rows_are_replaced(purchasing):
    _entry(purchasing)
    port = OpenpyxlWorkbook(purchasing)
    port.mark_cell("order_entry", 1, "quantity", "warning", "Sjekk")
    port.save()
    _entry(purchasing, 2)
    ws = openpyxl.load_workbook(purchasing)["Bestilling"]
    assert ws["C3"].comment is None and ws["C3"].fill.fill_type is None
    assert ws["C3"].value == 2


def test_set_values_writes_status_back_without_touching_input(purchasing):
    _entry(purchasing)
    port = OpenpyxlWorkbook(purchasing)
    frame = port.read_table("order_entry")
    for i in frame.index:
        port.set_values("order_entry", i, {"status": "Sendt", "order_no": f"PO-{i:04d}"})
    port.save()
    back = OpenpyxlWorkbook(purchasing).read_table("order_entry")
    assert back["status"].tolist() == ["Sendt"] * 3
    assert back["order_no"].tolist() == ["PO-0000", "PO-0001", "PO-0002"]
    assert back["quantity"].tolist() == [Decimal(1), Decimal(2), Decimal(3)]


def test_marks_on_a_big_table_and_bad_row_indexes(purchasing):
    port = OpenpyxlWorkbook(purchasing)
    port.replace_rows("catalogue", sample_rows(TABLES["catalogue"], 3))
    port.mark_cell("catalogue", 1, "net", "error", "Pris avviker fra avtalen")
    port.save()
    assert openpyxl.load_workbook(purchasing)["Katalog"]["L3"].comment.text == "Pris avviker fra avtalen"
    port = OpenpyxlWorkbook(purchasing)
    port.mark_cell("catalogue", 3, "net", "error", "utenfor")
    with pytest.raises(IndexError):
        port.save()
    with pytest.raises(ValueError):
        port.mark_cell("catalogue", 0, "net", "lilla")
    with pytest.raises(KeyError):
        port.mark_cell("catalogue", 0, "no_such_column", "error")


def test_values_users_typed_wrong_are_reported_with_their_cell(purchasing):
    book = openpyxl.load_workbook(purchasing)
    ws = book["Bestilling"]
    ws["B2"], ws["C2"], ws["E2"], ws["J2"] = 7031234567890, "1 234,50", "31.02.2026", "kanskje"
    ws["B3"], ws["C3"], ws["E3"], ws["J3"] = "A-1", "tolv", "15.03.2026", "x"
    ws.tables["Bestilling"].ref = "A1:M3"
    book.save(purchasing)
    frame = OpenpyxlWorkbook(purchasing).read_table("order_entry")
    assert frame.at[0, "article_no"] == "7031234567890" and frame.at[0, "quantity"] == Decimal("1234.50")
    assert frame.at[1, "delivery_date"].isoformat() == "2026-03-15" and bool(frame.at[1, "pickup"])
    issues = [(i.source.render(), i.code) for i in frame.attrs["issues"]]
    assert issues == [
        ("Innkjop.xlsx:Bestilling!E2", "excel.bad_value"),
        ("Innkjop.xlsx:Bestilling!J2", "excel.bad_value"),
        ("Innkjop.xlsx:Bestilling!C3", "excel.bad_value"),
    ]
    assert frame.at[1, "quantity"] is None and "tolv" in frame.attrs["issues"][2].message


def test_messages_and_extra_sheets(purchasing):
    port = OpenpyxlWorkbook(purchasing)
    port.show_message("Ferdig: 3 ordrer sendt")
    assert port.messages == ["Ferdig: 3 ordrer sendt"]
    port.add_sheet("Rapport", [["Leverandør", "Beløp"], ["Byggmakker", Decimal("10.5")]])
    with pytest.raises(ValueError):
        port.add_sheet("Katalog")
    port.save()
    ws = openpyxl.load_workbook(purchasing)["Rapport"]
    assert [[c.value for c in r] for r in ws.iter_rows()] == [["Leverandør", "Beløp"], ["Byggmakker", 10.5]]
