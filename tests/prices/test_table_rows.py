"""Which rows of a price list are data rows (``excel.tabular.read_table``): when every article
number shows a data row, the rows are taken in one step (issue 19 item 3); a list with blank
rows, a totals row or article numbers that could start one ("Sum", "Totalt", a leading space)
is still looked at row by row. Lists written with openpyxl, as an ERP exports them."""

from __future__ import annotations

import openpyxl

from vareflyt.excel.tabular import read_table

HEAD = ["Varenr", "Varenavn", "Nettopris"]


def _write(path, rows, title=True):
    wb = openpyxl.Workbook()
    sheet = wb.active
    if title:
        sheet.append(["Nordisk Trelast AS – prisliste"])
        sheet.append([])
    sheet.append(HEAD)
    for row in rows:
        sheet.append(row)
    wb.save(path)
    return path


def test_numeric_and_text_article_numbers_are_all_data_rows(tmp_path):
    read = read_table(_write(tmp_path / "tall.xlsx", [[1001, "Plank", 40], [1002, "Lekt", 12.5]]), "prices")
    assert read.row_numbers == [4, 5] and read.raw["article_no"] == [1001, 1002]
    rows = [["A-1", "Plank", 40], ["0042", "Lekt", 12.5], ["Ø7", "Skrue", 1]]
    read = read_table(_write(tmp_path / "tekst.xlsx", rows, title=False), "prices")
    assert read.row_numbers == [2, 3, 4] and read.raw["name"] == ["Plank", "Lekt", "Skrue"]


def test_blank_and_totals_rows_are_left_out_and_lookalikes_kept(tmp_path):
    rows = [
        ["A-1", "Plank", 40],
        [None, None, None],
        ["S-100", "Sponplate", 210],  # starts with s: looked at, kept
        [" T2", "Takstein", 18],  # leading space: looked at, kept
        ["G7", "Gips", 99],
        ["Sum", None, 367],
    ]
    read = read_table(_write(tmp_path / "sum.xlsx", rows), "prices")
    assert read.raw["article_no"] == ["A-1", "S-100", " T2", "G7"]
    assert read.row_numbers == [4, 6, 7, 8]
    assert read.raw["net"] == [40, 210, 18, 99]


def test_rows_shorter_than_the_header_read_as_empty_cells(tmp_path):
    path = tmp_path / "kort.csv"
    path.write_text("Varenr;Varenavn;Nettopris\nA1;Plank;40\nA2;Lekt\n", encoding="utf-8")
    read = read_table(path, "prices")
    assert read.raw["article_no"] == ["A1", "A2"] and read.raw["net"][1] in ("", None)
