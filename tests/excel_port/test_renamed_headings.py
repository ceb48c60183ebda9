"""«Sendt» became "Laget" (issue 16 item 7: vareflyt writes order files and letters, nothing has
sent them). Workbooks made before the rename still read and take writes under the old heading;
the next write of the table gives it the new one.

The old workbooks are built by hand with openpyxl, as an earlier vareflyt (or a user) left them.
"""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pytest
from openpyxl.worksheet.table import Table

from vareflyt.excel.openpyxl_adapter import OpenpyxlWorkbook
from vareflyt.excel.schemas import TABLES
from vareflyt.excel.schemas_base import TableSchema, renamed, stamp, text
from vareflyt.excel.templates import template_path
from vareflyt.excel.xlwings_adapter import XlwingsWorkbook

from . import fake_xlwings as fx


def _old_book(path, sheet: str, headings: list[str], rows: list[list]):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    ws.append(headings)
    for row in rows:
        ws.append(row)
    ws.add_table(Table(displayName=sheet, ref=f"A1:{chr(64 + len(headings))}{1 + len(rows)}"))
    book.save(path)


def test_old_sendt_heading_still_reads(tmp_path):
    orders = tmp_path / "Innkjop.xlsx"
    _old_book(
        orders,
        "Ordrer",
        ["Ordrenr", "Leverandør", "Sendt", "Status"],
        [["100010", "Trelast Vest AS", datetime(2026, 3, 1, 9, 30), "klar til sending"]],
    )
    frame = OpenpyxlWorkbook(orders).read_table("orders")
    assert frame.attrs["issues"] == []
    assert frame.loc[0, ["order_no", "sent", "status"]].tolist() == [
        "100010",
        datetime(2026, 3, 1, 9, 30),
        "klar til sending",
    ]
    dunning = tmp_path / "Kundereskontro.xlsx"
    _old_book(
        dunning,
        "Purreliste",
        ["Kundenr", "Fakturanr", "Sendt", "Ikke purr"],
        [["10001", "F-77", date(2026, 2, 14), None]],
    )
    assert OpenpyxlWorkbook(dunning).read_table("dunning_list").at[0, "sent_on"] == date(2026, 2, 14)


def test_a_value_written_into_an_old_workbook_lands_under_the_old_heading(tmp_path):
    path = tmp_path / "Kundereskontro.xlsx"
    _old_book(path, "Purreliste", ["Kundenr", "Fakturanr", "Sendt"], [["10001", "F-77", None]])
    port = OpenpyxlWorkbook(path)
    port.set_values("dunning_list", 0, {"sent_on": date(2026, 2, 14)})
    port.save()
    sheet = openpyxl.load_workbook(path)["Purreliste"]
    assert sheet["C1"].value == "Sendt" and sheet["C2"].value == datetime(2026, 2, 14)

    book = fx.Book("Kundereskontro.xlsx")  # the open workbook in Excel likewise
    ws = book.sheets.add("Purreliste")
    ws.range("A1").value = [["Kundenr", "Fakturanr", "Sendt"], ["10001", "F-77", None]]
    ws.tables.append(fx.Table(ws, "Purreliste", "A1:C2"))
    XlwingsWorkbook(book).set_values("dunning_list", 0, {"sent_on": date(2026, 2, 14)})
    assert ws.cells[(2, 3)] == datetime(2026, 2, 14)


def test_new_and_rewritten_tables_say_laget(tmp_path):
    for key, workbook in (("orders", "purchasing"), ("dunning_list", "receivables")):
        headings = [
            c.value
            for c in next(
                openpyxl.load_workbook(template_path(workbook))[TABLES[key].sheet].iter_rows(max_row=1)
            )
        ]
        assert "Laget" in headings and "Sendt" not in headings
    path = tmp_path / "Innkjop.xlsx"
    _old_book(path, "Ordrer", ["Ordrenr", "Sendt"], [["100010", datetime(2026, 3, 1, 9, 30)]])
    port = OpenpyxlWorkbook(path)
    port.replace_rows("orders", [{"order_no": "100011", "sent": datetime(2026, 3, 2, 8)}])
    port.save()
    sheet = openpyxl.load_workbook(path)["Ordrer"]
    headings = [c.value for c in sheet[1]]
    assert "Laget" in headings and "Sendt" not in headings
    assert [c.name for c in sheet.tables["Ordrer"].tableColumns][: len(headings)] == headings
    assert OpenpyxlWorkbook(path).read_table("orders").at[0, "sent"] == datetime(2026, 3, 2, 8)


def test_an_alias_may_not_repeat_another_columns_heading():
    with pytest.raises(ValueError):
        TableSchema("t", "T", "T", (text("status", "Status"), renamed(stamp("sent", "Laget"), "status")))
