"""The demo ends with a reconciled invoice table: planted deviations are found, nothing else."""

from __future__ import annotations

import inspect
from datetime import date

import pytest

from vareflyt.demo.planted_invoices import run_invoicing_demo
from vareflyt.demo.purchasing import run_purchasing_demo
from vareflyt.demo.run import run_demo
from vareflyt.excel.openpyxl_adapter import OpenpyxlWorkbook
from vareflyt.workspace import Workspace

TODAY = date(2026, 3, 2)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    root = tmp_path_factory.mktemp("demo") / "ws"
    quiet = {"days": 0} if "days" in inspect.signature(run_demo).parameters else {}  # no simulated nights
    run_demo(root, today=TODAY, articles=1500, suppliers=10, **quiet)
    ws = Workspace(root)
    run_purchasing_demo(ws, TODAY)
    result = run_invoicing_demo(ws, TODAY)
    yield ws, result
    ws.close()


def test_planted_deviations_are_found_and_nothing_else(demo):
    ws, result = demo
    planted = {(p["number"], p.get("format")): p for p in result.extra["planted"]}
    assert {p["plant"] for p in planted.values()} == {
        "price",
        "quantity",
        "vat",
        "duplicate",
        "not_received",
        "credit_note",
    }
    assert result.counts["read_rejected"] == 0
    seen = set()
    for inv in result.extra["invoices"]:
        plant = planted.get((inv["number"], inv["format"])) or planted.get((inv["number"], None))
        checks = sorted({f["check"] for f in inv["findings"]})
        if plant is None:
            assert (inv["status"], checks) == ("approved", []), inv
            continue
        seen.add((plant["number"], plant.get("format")))
        assert (inv["status"], checks) == (plant["status"], sorted(plant["checks"])), inv
    assert seen == set(planted)
    kinds = {i["kind"] for i in result.extra["invoices"]}
    formats = {i["format"] for i in result.extra["invoices"]}
    assert kinds == {"invoice", "credit_note"} and formats == {"edifact", "ehf"}


def test_workbook_and_letters_show_the_result(demo):
    ws, result = demo
    book = OpenpyxlWorkbook(ws.purchasing_workbook)
    try:
        control = book.read_table("invoice_control")
        invoices = book.read_table("supplier_invoices")
    finally:
        book.close()
    assert len(invoices) == len(result.extra["invoices"])
    head = control[control["check"].isna()]
    assert set(head["result"]) == {"godkjent", "avvik", "avvist", "venter"}
    assert set(control["check"].dropna()) == {"a", "j", "l", "m", "o"}
    letters = list((ws.letters / TODAY.isoformat()).glob("fakturaavvik-*.pdf"))
    assert len(letters) == result.counts["notices"] >= 3


def test_reconciling_again_changes_nothing(demo):
    ws, result = demo
    from vareflyt.jobs.invoices.run import reconcile_invoices

    again = reconcile_invoices(ws, on=TODAY, workbook=False)

    def outcome(invoices):
        return [(i["number"], i["status"], [f["check"] for f in i["findings"]]) for i in invoices]

    assert outcome(again.extra["invoices"]) == outcome(result.extra["invoices"])
