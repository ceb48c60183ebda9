"""The demo's purchasing loop end to end: order entry -> orders -> supplier answers with
planted deviations -> edi read -> workbook tables."""

from datetime import date

import pytest

from vareflyt.demo.purchasing import run_purchasing_demo
from vareflyt.demo.run import run_demo
from vareflyt.excel.openpyxl_adapter import OpenpyxlWorkbook
from vareflyt.workspace import Workspace

TODAY = date(2026, 3, 2)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    root = tmp_path_factory.mktemp("demo") / "ws"
    run_demo(root, today=TODAY, articles=1500, suppliers=10)
    ws = Workspace(root)
    result = run_purchasing_demo(ws, TODAY)
    yield ws, result
    ws.close()


def table(ws, key):
    book = OpenpyxlWorkbook(ws.purchasing_workbook)
    try:
        return book.read_table(key)
    finally:
        book.close()


def test_every_planted_deviation_is_found(demo):
    ws, result = demo
    assert result.counts["orders"] >= 8 and result.counts["rejected"] == 0
    codes = set(table(ws, "deviations")["code"])
    assert {
        "order_response.partial",
        "order_response.backordered",
        "order_response.line_rejected",
        "order_response.new_line",
        "packing_slip.over_delivery",
        "packing_slip.partial",
    } <= codes
    assert "packing_slip.unknown_line" not in codes  # the added freight line is delivered as known


def test_workbook_shows_the_loop(demo):
    ws, result = demo
    orders = table(ws, "orders")
    statuses = set(orders["status"])
    assert "levert" in statuses and "uoppfordret" in set(orders["source"])
    assert set(orders["format"].dropna()) <= {"edifact", "pdf"}
    assert any(f == "pdf" for f in (o["format"] for o in result.extra["orders"]))
    entry = table(ws, "order_entry")
    assert "Ikke bestilt" in set(entry["status"]) and "Bestilt" in set(entry["status"])
    assert len(table(ws, "receipts")) > 0 and len(table(ws, "log")) >= result.counts["documents"]


def test_running_edi_read_again_changes_nothing(demo):
    ws, _ = demo
    from vareflyt.jobs.read_inbox import read_inbox

    again = read_inbox(ws)
    assert again.counts["documents"] == 0 and not list(ws.inbox.iterdir())
