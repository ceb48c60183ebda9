"""Several jobs' writes on one ``PendingWrites`` (issue 19 item 2, the night's one save): what a
job saved is written with the others in one save; one job's changes that cannot be written cost
the others nothing; a job reading a table an earlier job wrote reads what it wrote; a workbook
Excel has open keeps everything queued. The user's own sheet, made with openpyxl as Excel would
keep it, survives every save.
"""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest

from vareflyt.domain.issues import WorkbookLocked
from vareflyt.excel.pending import PendingWrites
from vareflyt.workspace import init_workspace

from .workbook_saves import saved_table, saves  # noqa: F401  (the fixture saves)

CONFIG = '[company]\nname = "Byggmester Test AS"\ngln = "7080000000012"\n'
OWN_SHEET = "Mine notater"


@pytest.fixture
def path(tmp_path):
    ws = init_workspace(tmp_path / "ws", config_text=CONFIG)
    book = openpyxl.load_workbook(ws.purchasing_workbook)  # the user adds a sheet of their own in Excel
    notes = book.create_sheet(OWN_SHEET)
    notes["A1"], notes["B2"] = "Ring Nordisk om levering", 42
    book.save(ws.purchasing_workbook)
    yield ws.purchasing_workbook
    ws.close()


def _own_sheet_kept(path) -> bool:
    sheet = openpyxl.load_workbook(path)[OWN_SHEET]
    return sheet["A1"].value == "Ring Nordisk om levering" and sheet["B2"].value == 42


def test_jobs_of_several_steps_are_written_in_one_save(path, saves):
    pending = PendingWrites(path)
    pending.begin("orders")
    pending.set_values("order_entry", 0, {"status": "Bestilt"})  # no such row: not saved, dropped
    pending.begin("reconcile")
    pending.replace_rows("supplier_invoices", [{"invoice_no": "F-1", "supplier_name": "Nordisk"}])
    pending.add_sheet("Leverandørscore", [["Leverandør", "Poeng"], ["Nordisk", 90]])
    pending.save()
    pending.begin("tables")
    pending.replace_rows("orders", [{"order_no": "100001", "lines": 2}])
    pending.save()
    assert saves == [] and pending.complete

    pending.flush()

    assert saves == ["Innkjop.xlsx"] and not pending.failures
    assert list(saved_table(path, "orders")["order_no"]) == ["100001"]
    assert list(saved_table(path, "supplier_invoices")["invoice_no"]) == ["F-1"]
    assert openpyxl.load_workbook(path)["Leverandørscore"]["B2"].value == 90
    assert _own_sheet_kept(path)


def test_a_job_whose_changes_cannot_be_written_costs_the_others_nothing(path):
    pending = PendingWrites(path)
    pending.begin("reconcile")
    pending.replace_rows("supplier_invoices", [{"invoice_no": "F-1"}])
    pending.save()
    pending.begin("tables")
    pending.replace_rows("orders", [{"order_no": "100001", "order_date": "ikke en dato"}])
    pending.save()

    pending.flush()

    assert [label for label, _ in pending.failures] == ["tables"]
    assert "ikke en dato" in str(pending.failures[0][1])
    assert list(saved_table(path, "supplier_invoices")["invoice_no"]) == ["F-1"]
    assert saved_table(path, "orders").empty  # nothing of the failing job, nothing half-written
    assert _own_sheet_kept(path)


def test_a_job_reading_a_table_an_earlier_job_wrote_reads_what_it_wrote(path, saves):
    pending = PendingWrites(path)
    pending.begin("tables")
    pending.replace_rows("receipts", [{"despatch_no": "PS-1", "order_no": "100001", "line_no": 1}])
    pending.save()
    assert pending.read_table("orders").empty and saves == []  # another table: nothing written

    assert list(pending.read_table("receipts")["despatch_no"]) == ["PS-1"]
    assert saves == ["Innkjop.xlsx"] and not pending.complete


def test_a_workbook_open_in_excel_keeps_the_writes_queued(path):
    before = path.read_bytes()
    pending = PendingWrites(path)
    pending.replace_rows("orders", [{"order_no": "100001", "order_date": date(2026, 3, 2)}])
    pending.save()
    owner = path.with_name("~$" + path.name)  # Excel's owner file while the workbook is open
    owner.write_bytes(b"\x00" * 162)

    with pytest.raises(WorkbookLocked):
        pending.flush()
    assert path.read_bytes() == before and pending.complete

    owner.unlink()
    pending.flush()
    assert list(saved_table(path, "orders")["order_no"]) == ["100001"] and _own_sheet_kept(path)
