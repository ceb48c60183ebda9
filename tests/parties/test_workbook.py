"""The Parter table of Innkjop.xlsx after a party import: refreshed from the store, names that
look like formulas stay text, and a workbook open in Excel is left alone (refreshed next time)."""

from __future__ import annotations

import openpyxl

from vareflyt.excel.openpyxl_adapter import OpenpyxlWorkbook
from vareflyt.jobs.import_parties import import_parties

from .conftest import GLN_A, GLN_B, GLN_C, GLN_D, NORWEGIAN_HEADER, norwegian_sheet, write_csv


def parties_table(ws):
    book = OpenpyxlWorkbook(ws.purchasing_workbook)
    try:
        return book.read_table("parties")
    finally:
        book.close()


def test_table_refreshed_from_store(workspace, sheet_dir):
    result = import_parties(workspace, norwegian_sheet(sheet_dir / "p.xlsx"))
    assert str(workspace.purchasing_workbook) in result.outputs
    frame = parties_table(workspace)
    assert list(frame["name"]) == ["Byggmester Hansen", "Rørgrossisten AS", "Trelast Vest AS"]  # by name
    row = frame[frame["gln"] == GLN_A].iloc[0]
    assert (row["party_no"], row["orgnr"], row["vat_no"], row["roles"]) == (
        "1001",
        "923609016",
        "NO923609016MVA",
        "SU",
    )
    assert row["bank_account"] == "86011117947" and bool(row["edi"]) and bool(row["active"])
    assert frame[frame["gln"] == GLN_B].iloc[0]["roles"] == "SU, CA"
    assert frame["changed"].notna().all()


def test_formula_like_names_stay_text(workspace, sheet_dir):
    rows = [
        ["1", '=HYPERLINK("http://evil.example","Klikk")', GLN_A, "", "", "BY", "", "", "", "", "", "", ""],
        ["2", "+47 22 33 44 55 AS", GLN_B, "", "", "BY", "", "", "", "", "", "", ""],
        ["3", "@foo", GLN_C, "", "", "BY", "", "", "", "", "", "", ""],
        ["4", "-1+1 Bygg", GLN_D, "", "", "BY", "", "", "", "", "", "", ""],
    ]
    # CSV: in an xlsx written by openpyxl the first name would itself become a formula
    path = write_csv(sheet_dir / "p.csv", [NORWEGIAN_HEADER] + rows, sep=";")
    result = import_parties(workspace, path)
    assert result.ok and result.counts["new"] == 4, [i.render() for i in result.issues]
    names = set(parties_table(workspace)["name"])
    assert names == {'=HYPERLINK("http://evil.example","Klikk")', "+47 22 33 44 55 AS", "@foo", "-1+1 Bygg"}
    book = openpyxl.load_workbook(workspace.purchasing_workbook)
    sheet = book["Parter"]
    cells = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert cells and all(c.data_type != "f" for c in cells)


def test_locked_workbook_keeps_store_import_and_refreshes_next_time(workspace, sheet_dir):
    lock = workspace.purchasing_workbook.with_name("~$" + workspace.purchasing_workbook.name)
    lock.write_bytes(b"owner")
    before = workspace.purchasing_workbook.read_bytes()
    first = norwegian_sheet(sheet_dir / "p.xlsx")
    result = import_parties(workspace, first)
    assert result.ok and result.counts["new"] == 3
    warning = next(i for i in result.issues if i.code == "workbook.locked")
    assert "neste gang" in warning.message
    assert workspace.purchasing_workbook.read_bytes() == before
    lock.unlink()
    again = import_parties(workspace, first)  # already imported, but the table was pending
    assert again.counts["imported"] == 0
    assert len(parties_table(workspace)) == 3
    third = import_parties(workspace, first)
    assert str(workspace.purchasing_workbook) not in third.outputs  # nothing pending any more
