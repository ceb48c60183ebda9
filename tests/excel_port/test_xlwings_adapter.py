"""The xlwings adapter: against an in-memory stand-in always, against real Excel when an
xlwings engine (Excel on Windows/macOS) is available."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from vareflyt.excel.chart_specs import ChartSpec
from vareflyt.excel.port import WorkbookPort
from vareflyt.excel.schemas import TABLES
from vareflyt.excel.xlwings_adapter import XlwingsWorkbook

from . import fake_xlwings as fx


def _book():
    book = fx.Book("Innkjop.xlsx")
    for schema in TABLES.values():
        if schema.workbook == "purchasing":
            sheet = book.sheets.add(schema.sheet)
            sheet.range("A1").value = [schema.headings]
            width = len(schema.columns)
            sheet.tables.append(fx.Table(sheet, schema.table, f"A1:{chr(64 + width)}2"))
    return book


def test_round_trip_keeps_text_text_and_types():
    book = _book()
    port = XlwingsWorkbook(book)
    assert isinstance(port, WorkbookPort)
    rows = [
        {
            "order_no": "=1+1",
            "supplier_gln": "07080000000017",
            "order_date": date(2026, 5, 4),
            "amount": Decimal("10.25"),
            "pickup": True,
            "lines": 2,
            "sent": datetime(2026, 5, 4, 8, 30),
        },
        {"order_no": "-5", "project": "@p"},
    ]
    assert port.replace_rows("orders", rows) == 2
    sheet = book.sheets["Ordrer"]
    assert not any(isinstance(v, fx.Formula) for v in sheet.cells.values())
    assert sheet.tables[0].b == (3, len(TABLES["orders"].columns)) and sheet.formats[(2, 1)] == "@"
    frame = XlwingsWorkbook(book).read_table("orders")
    assert frame.loc[0, ["order_no", "supplier_gln", "order_date", "amount", "lines"]].tolist() == [
        "=1+1",
        "07080000000017",
        date(2026, 5, 4),
        Decimal("10.25"),
        2,
    ]
    assert bool(frame.at[0, "pickup"]) and frame.at[0, "sent"] == datetime(2026, 5, 4, 8, 30)
    assert frame.at[1, "order_no"] == "-5" and frame.at[1, "project"] == "@p"
    port.replace_rows("orders", rows[:1])
    assert sheet.tables[0].b == (2, len(TABLES["orders"].columns)) and (3, 1) not in sheet.cells


def test_marks_values_messages():
    book = _book()
    port = XlwingsWorkbook(book)
    port.replace_rows("order_entry", [{"article_no": "001", "quantity": 2}, {"article_no": "002"}])
    port.mark_cell("order_entry", 1, "quantity", "error", "Mangler antall")
    port.mark_cell("order_entry", 1, "quantity", "warning", "Fortsatt")
    port.set_values("order_entry", 0, {"status": "Sendt"})
    sheet = book.sheets["Bestilling"]
    assert sheet.colors[(3, 3)] == "#FFEB9C" and sheet.note_map[(3, 3)].text == "Fortsatt"
    assert sheet.cells[(2, 11)] == "Sendt"
    with pytest.raises(IndexError):
        port.mark_cell("order_entry", 2, "quantity", "error", "x")
    port.replace_rows("order_entry", [])
    assert sheet.note_map == {} and sheet.colors[(3, 3)] is None
    port.show_message("Ferdig")
    assert book.app.alerts == [("Vareflyt", "Ferdig")]
    port.add_sheet("Rapport", [["a", "=b"], ["0012"]])
    assert book.sheets["Rapport"].cells == {(1, 1): "a", (1, 2): "=b", (2, 1): "0012", (2, 2): None}
    port.save()
    assert book.saved == 0 and XlwingsWorkbook(book, autosave=True).save() is None and book.saved == 1


def _excel_available() -> bool:
    """xlwings' interactive mode needs Excel on Windows or macOS; on Linux ``xw.apps`` raises."""
    try:
        import xlwings as xw

        return xw.apps.count >= 0
    except Exception:
        return False


@pytest.mark.skipif(not _excel_available(), reason="needs desktop Excel (an xlwings engine)")
def test_real_excel_round_trip(tmp_path, purchasing):
    xw = pytest.importorskip("xlwings")
    with xw.App(visible=False) as app:
        book = app.books.open(str(purchasing))
        port = XlwingsWorkbook(book)
        port.replace_rows(
            "catalogue",
            [
                {
                    "gtin": "07031234567890",
                    "name": "=1+1",
                    "net": Decimal("9.5"),
                    "valid_from": date(2026, 1, 2),
                }
            ],
        )
        port.mark_cell("catalogue", 0, "net", "error", "Pris")
        frame = XlwingsWorkbook(book).read_table("catalogue")
        assert frame.loc[0, ["gtin", "name", "net", "valid_from"]].tolist() == [
            "07031234567890",
            "=1+1",
            Decimal("9.5"),
            date(2026, 1, 2),
        ]
        book.close()


def test_charts_are_part_of_the_port_and_the_excel_adapter_leaves_them_to_the_file():
    class NoCharts:  # every port method but add_chart
        read_table = replace_rows = set_values = mark_cell = add_sheet = show_message = save = close = None

    assert not isinstance(NoCharts(), WorkbookPort)
    book = _book()
    port = XlwingsWorkbook(book)
    assert isinstance(port, WorkbookPort)
    port.add_sheet("Diagramgrunnlag", [["Kunde", "Beløp"], ["A", Decimal(5)], ["B", Decimal(7)]])
    sheet = book.sheets["Diagramgrunnlag"]
    before = dict(sheet.cells)
    port.add_chart(ChartSpec("Diagramgrunnlag", "Beløp per kunde", 1, 2, 3, (2,), "D2"))
    assert sheet.cells == before and book.app.alerts == []  # nothing drawn, nothing raised or shown
