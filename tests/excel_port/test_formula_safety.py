"""Text vareflyt writes never becomes a formula (or an error value), on every write path."""

from __future__ import annotations

import zipfile

import openpyxl
import pytest

from vareflyt.excel.openpyxl_adapter import OpenpyxlWorkbook
from vareflyt.excel.xlsx_fast import replace_table_rows_fast

DANGEROUS = [
    "=1+1",
    '=HYPERLINK("http://x","y")',
    "+47 22 00 00 00",
    "-5",
    "@SUM(A1:A2)",
    "#N/A",
    "=cmd|' /C calc'!A0",
    " =leading space",
]


def _sheet_xml(path, sheet_name: str) -> str:
    book = openpyxl.load_workbook(path)
    index = book.sheetnames.index(sheet_name)
    with zipfile.ZipFile(path) as z:
        names = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        # openpyxl and our writer keep sheetN.xml in workbook order
        return z.read(sorted(names, key=lambda n: int(n[19:-4]))[index]).decode()


def _assert_text(path, sheet_name: str, column: int):
    ws = openpyxl.load_workbook(path)[sheet_name]
    values = [ws.cell(2 + i, column) for i in range(len(DANGEROUS))]
    assert [c.value for c in values] == DANGEROUS
    assert {c.data_type for c in values} == {"s"}
    xml = _sheet_xml(path, sheet_name)
    assert "<f>" not in xml and "<f " not in xml


@pytest.mark.parametrize("threshold", [0, 10**9], ids=["fast", "openpyxl"])
def test_port_writes_dangerous_text_as_text(purchasing, threshold):
    port = OpenpyxlWorkbook(purchasing, fast_threshold=threshold)
    port.replace_rows("orders", [{"order_no": v} for v in DANGEROUS])
    port.save()
    _assert_text(purchasing, "Ordrer", 1)
    back = OpenpyxlWorkbook(purchasing).read_table("orders")["order_no"].tolist()
    assert back == [v.strip() for v in DANGEROUS]  # reading strips surrounding blanks


def test_fast_function_writes_dangerous_text_as_text(purchasing):
    replace_table_rows_fast(purchasing, "catalogue", [{"name": v} for v in DANGEROUS])
    _assert_text(purchasing, "Katalog", 6)


def test_set_values_and_extra_sheets_keep_text(purchasing):
    port = OpenpyxlWorkbook(purchasing)
    port.replace_rows("order_entry", [{"article_no": "1", "quantity": 1}] * 2)
    port.save()
    port = OpenpyxlWorkbook(purchasing)
    port.set_values("order_entry", 1, {"reason": "=2*3", "status": "@avvist"})
    port.add_sheet("Rapport", [["Overskrift", "=SUM(1,2)"], ["-1", 5]])
    port.save()
    book = openpyxl.load_workbook(purchasing)
    ws = book["Bestilling"]
    assert (ws["L3"].value, ws["L3"].data_type) == ("=2*3", "s")
    assert (ws["K3"].value, ws["K3"].data_type) == ("@avvist", "s")
    report = book["Rapport"]
    assert (report["B1"].value, report["B1"].data_type) == ("=SUM(1,2)", "s")
    assert (report["A2"].value, report["B2"].value) == ("-1", 5)


def test_control_characters_are_stripped(purchasing):
    port = OpenpyxlWorkbook(purchasing, fast_threshold=0)
    port.replace_rows("log", [{"message": "a\x00b\x1fc\x0bd\ttab\nline", "job": "_x0041_"}])
    port.save()
    frame = OpenpyxlWorkbook(purchasing).read_table("log")
    assert frame.at[0, "message"] == "abcd\ttab\nline"
    assert frame.at[0, "job"] == "_x0041_"  # not decoded to "A"
