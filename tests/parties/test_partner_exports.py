"""Party lists as other systems write them (round S9-A): shapes the other party tests do not hold.

Workbooks are written here with openpyxl as an ERP's export or a person's own sheet has them,
and imported through ``import_parties``, the job ``vareflyt parties import`` calls.
"""

from __future__ import annotations

from openpyxl import Workbook

from vareflyt.jobs.import_parties import import_parties
from vareflyt.store.parties import load_parties

from .conftest import GLN_A, GLN_B, GLN_C, ORG_A, ORG_B, ORG_C

HEADER = ["Kundenr", "Navn", "GLN", "Org.nr", "Roller", "Poststed"]


def test_a_second_sheet_of_parties_is_named_not_passed_over_in_silence(workspace, sheet_dir):
    """An export with customers on one sheet and suppliers on the next: one sheet is read, and
    the import says which other sheet holds parties it did not read, at that sheet's header."""
    wb = Workbook()
    customers = wb.active
    customers.title = "Kunder"
    for row in (
        HEADER,
        ["1001", "Byggmester Hansen AS", GLN_C, ORG_C, "kjøper", "Tromsø"],
        ["1002", "Malermester Berg AS", None, ORG_B, "kjøper", "Bodø"],
    ):
        customers.append(row)
    suppliers = wb.create_sheet("Leverandører")
    suppliers.append(["Leverandørliste pr. 01.12.2026"])
    suppliers.append([])
    for row in (
        ["Lev.nr", "Navn", "GLN", "Org.nr", "Roller", "Poststed"],
        ["2001", "Trelast Vest AS", GLN_A, ORG_A, "leverandør", "Bergen"],
        ["2002", "Rørgrossisten AS", GLN_B, None, "leverandør", "Oslo"],
    ):
        suppliers.append(row)
    path = sheet_dir / "parter.xlsx"
    wb.save(path)
    result = import_parties(workspace, path)
    assert result.counts["rows_read"] == 2 and result.counts["new"] == 2
    (other,) = [i for i in result.issues if i.code == "header.other_sheet"]
    assert (other.source.sheet, other.source.row) == ("Leverandører", 3)
    assert "«Leverandører»" in other.message and "bare arket «Kunder» er lest" in other.message
    with workspace.store.connect() as conn:
        assert {p.name for p in load_parties(conn)} == {"Byggmester Hansen AS", "Malermester Berg AS"}
