"""Decimal amounts go into a workbook as floats (Excel stores every number as an IEEE double):
this holds the review's verdict that the ``float(...)`` in ``excel.schemas_cells`` and
``excel.openpyxl_sheets`` changes no amount of up to 15 significant digits, through both
writers, read back as the reader does."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest

from vareflyt.excel.openpyxl_adapter import OpenpyxlWorkbook
from vareflyt.excel.openpyxl_sheets import write_sheet

# 0.1 + 0.2 style sums, 15 significant digits with the leading digit high and low, øre on a
# large amount, many decimals, a negative credit; each as an invoice or price list states it
AMOUNTS = [
    Decimal("0.3"),
    Decimal("0.30"),
    Decimal("1.15"),
    Decimal("2.675"),
    Decimal("999999999999.99"),
    Decimal("9.99999999999999"),
    Decimal("123456789012.345"),
    Decimal("0.000123456789012345"),
    Decimal("-4711.05"),
    Decimal("100000000000000"),
]


@pytest.mark.parametrize("path_kind", ["openpyxl", "fast"])
def test_amounts_of_up_to_15_digits_read_back_unchanged(purchasing, path_kind):
    port = OpenpyxlWorkbook(purchasing, fast_threshold=0 if path_kind == "fast" else 10**9)
    rows = [{"article_no": str(i), "net": amount} for i, amount in enumerate(AMOUNTS)]
    port.replace_rows("catalogue", rows)
    port.save()
    frame = OpenpyxlWorkbook(purchasing).read_table("catalogue")
    assert [frame.at[i, "net"] for i in range(len(AMOUNTS))] == AMOUNTS


def test_a_report_sheet_keeps_the_amounts(tmp_path):
    book = openpyxl.Workbook()
    write_sheet(book, "Rapport", [["Beløp"], *([a] for a in AMOUNTS)])
    book.save(tmp_path / "rapport.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "rapport.xlsx")["Rapport"]
    read = [Decimal(repr(sheet.cell(r, 1).value)) for r in range(2, len(AMOUNTS) + 2)]
    assert read == AMOUNTS
