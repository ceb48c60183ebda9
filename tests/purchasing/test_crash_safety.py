"""Orders survive a crash at the worst moments: no file for an order the store does not have,
no order sent twice, and order-entry rows get their number even when the write-back was lost."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal as D

import pytest
import sqlalchemy as sa

from vareflyt.jobs import make_orders as mo
from vareflyt.jobs import outbox
from vareflyt.jobs.make_orders import make_orders
from vareflyt.rules.ordering import EntryLine
from vareflyt.store.tables.purchasing import purchase_orders

from .conftest import EDI_SUPPLIER, PAPER_SUPPLIER, lookup
from .test_workbook import read, write_entry

ON = date(2026, 3, 2)
NOW = datetime(2026, 3, 2, 9, 0)


def _entries():
    return [EntryLine(EDI_SUPPLIER, "T100", D(12)), EntryLine(PAPER_SUPPLIER, "P1", D(3))]


def _orders(ws) -> list[str]:
    with ws.store.connect() as conn:
        return sorted(conn.execute(sa.select(purchase_orders.c.number)).scalars())


def _outbox(ws) -> list[str]:
    return sorted(p.name for p in ws.outbox.rglob("*") if p.is_file())


def test_crash_inside_the_transaction_leaves_no_file_and_no_order(ws, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("strømbrudd")

    monkeypatch.setattr(mo.repo, "add_entry_keys", boom)
    with pytest.raises(RuntimeError):
        make_orders(ws, entries=_entries(), on=ON, now=NOW, catalogue=lookup)
    assert _orders(ws) == [] and _outbox(ws) == []
    monkeypatch.undo()
    res = make_orders(ws, entries=_entries(), on=ON, now=NOW, catalogue=lookup)
    assert [o["number"] for o in res.extra["orders"]] == ["100001", "100002"]  # numbers rolled back with it
    assert _outbox(ws) == [
        "Bestilling_100002.html",
        "Bestilling_100002.pdf",
        f"ORDERS_{EDI_SUPPLIER}_100001.edi",
    ]


def test_killed_after_commit_before_rename_is_finished_by_the_next_run(ws, monkeypatch):
    write_entry(
        ws,
        [
            {"supplier": EDI_SUPPLIER, "article_no": "T100", "quantity": D(12)},
            {"supplier": PAPER_SUPPLIER, "article_no": "P1", "quantity": D(3)},
        ],
    )
    # the process dies after the commit: files stay staged and the workbook is never written
    monkeypatch.setattr(outbox.Staged, "promote", lambda self: None)
    monkeypatch.setattr(mo, "_write_back", lambda *a, **k: None)
    make_orders(ws, on=ON, now=NOW, catalogue=lookup)
    assert _orders(ws) == ["100001", "100002"]
    assert all(name.endswith(".pending") for name in _outbox(ws))
    monkeypatch.undo()
    again = make_orders(ws, on=ON, now=NOW, catalogue=lookup)
    assert again.extra["orders"] == [] and _orders(ws) == ["100001", "100002"]  # nothing ordered twice
    assert _outbox(ws) == [
        "Bestilling_100002.html",
        "Bestilling_100002.pdf",
        f"ORDERS_{EDI_SUPPLIER}_100001.edi",
    ]
    entry = read(ws, "order_entry")
    assert list(entry["status"]) == ["Bestilt", "Bestilt"] and list(entry["order_no"]) == ["100001", "100002"]


def test_recover_deletes_files_of_orders_the_store_never_committed(tmp_path):
    (tmp_path / "ORDERS_1_100007.edi.pending").write_bytes(b"x")
    (tmp_path / "ORDERS_1_100008.edi.pending").write_bytes(b"y")
    (tmp_path / "ORDERS_1_100009.edi.pending.tmp").write_bytes(b"z")
    assert outbox.recover(tmp_path, ["outbox/ORDERS_1_100007.edi"]) == (1, 1)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ORDERS_1_100007.edi"]
