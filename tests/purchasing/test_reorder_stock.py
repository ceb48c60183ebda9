"""Reorder points against the stock as typed plus what came in since it was counted: a
delivered order must not be ordered again just because nobody has typed a new stock figure."""

from datetime import datetime
from decimal import Decimal as D

from vareflyt.domain.despatch import DespatchLine
from vareflyt.jobs.make_orders import make_orders
from vareflyt.jobs.read_inbox import read_inbox
from vareflyt.rules import ordering
from vareflyt.store import stock

from .conftest import EDI_SUPPLIER, lookup
from .docs import despatch, drop
from .test_workbook import ON, write_entry

SETTING = {"article_no": "T200", "supplier": EDI_SUPPLIER, "reorder_point": D(5), "reorder_qty": D(40)}


def test_received_goods_count_towards_the_reorder_point():
    s = [
        ordering.ArticleSetting("A1", "S", D(3), D(5), D(20)),
        ordering.ArticleSetting("A2", "S", D(3), D(5), D(20)),
    ]
    gln = lambda text: "7080000000029"  # noqa: E731
    received = {("7080000000029", "A1"): D(20)}
    out = ordering.reorder_suggestions(s, {}, gln, received)
    assert [e.article for e in out] == ["A2"]
    assert ordering.stock_key(s[0], lambda text: None) == ("S", "A1")


def test_a_count_is_kept_until_the_figure_changes(ws):
    first, later = datetime(2026, 3, 2, 8), datetime(2026, 3, 4, 8)
    with ws.store.transaction() as conn:
        assert stock.note_counts(conn, [(EDI_SUPPLIER, "T200", D(2))], first) == {
            (EDI_SUPPLIER, "T200"): first
        }
    with ws.store.transaction() as conn:
        assert stock.note_counts(conn, [(EDI_SUPPLIER, "T200", D("2.0"))], later) == {
            (EDI_SUPPLIER, "T200"): first
        }
    with ws.store.transaction() as conn:
        assert stock.note_counts(conn, [(EDI_SUPPLIER, "T200", D(30))], later) == {
            (EDI_SUPPLIER, "T200"): later
        }
        assert stock.received_since(conn, {}) == {}


def test_a_delivered_reorder_is_not_ordered_again_until_a_new_count(ws):
    write_entry(ws, [], [dict(SETTING, stock=D(2))])
    first = make_orders(ws, on=ON, now=datetime(2026, 3, 2, 8), catalogue=lookup)
    assert first.counts["orders"] == 1 and first.counts["reorder_suggestions"] == 1
    number = first.extra["orders"][0]["number"]

    drop(ws, despatch("P-1", DespatchLine(1, D(40), order_line="1"), order_no=number))
    read_inbox(ws, on=ON, now=datetime(2026, 3, 3, 9))
    with ws.store.connect() as conn:
        assert stock.received_since(conn, {(EDI_SUPPLIER, "T200"): datetime(2026, 3, 2, 8)}) == {
            (EDI_SUPPLIER, "T200"): D(40)
        }

    again = make_orders(ws, on=ON, now=datetime(2026, 3, 4, 8), catalogue=lookup)  # stock still says 2
    assert again.counts["orders"] == 0 and again.counts["reorder_suggestions"] == 0
    note = next(i for i in again.issues if i.code == "order.stock_received")
    assert "T200" in note.message and "2 (telt 02.03.2026) + 40 mottatt" in note.message

    write_entry(ws, [], [dict(SETTING, stock=D(4))])  # a new count, after the goods were used
    counted = make_orders(ws, on=ON, now=datetime(2026, 3, 9, 8), catalogue=lookup)
    assert counted.counts["orders"] == 1 and not any(i.code == "order.stock_received" for i in counted.issues)
