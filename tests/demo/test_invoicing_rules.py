"""The simulated supplier's invoicing rules that the nights and the planted run share.

The rows are typed in by hand as the store's named sheet rows (the simulator reads them by
attribute), not read from a demo run, so each rule is checked on its own.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from vareflyt.demo.invoicing import above_agreement, invoice_lines, received_by_line
from vareflyt.domain.invoices import InvoiceLine
from vareflyt.store.purchasing_sheet_rows import OrderLineSheetRow, OrderSheetRow

D = Decimal
ON = date(2026, 3, 2)


def _named(row_type, **given):
    """A sheet row with the given fields and None for the rest (the rules read only a few)."""
    return row_type(**{name: given.get(name) for name in row_type._fields})


ORDER = _named(OrderSheetRow, id=1, supplier_gln="7080000000007", number="100001", pickup=False)


def _line(no: int, article: str, price: str) -> OrderLineSheetRow:
    return _named(
        OrderLineSheetRow,
        id=no,
        order_id=1,
        line_no=no,
        article_no=article,
        name=f"Vare {article}",
        unit="EA",
        net_price=D(price),
        ordered_qty=D(10),
        added=True,  # keeps its order price: no price list needed here
    )


def test_received_quantities_are_summed_over_the_packing_slips():
    slips = {"PS100001-1": {1: D("4"), 2: D("2.5")}, "PS100001-2": {1: D("6"), 3: D("1")}}

    assert received_by_line(slips) == {1: D("10"), 2: D("2.5"), 3: D("1")}


def test_invoice_lines_follow_order_lines_and_skip_nothing_received_or_unknown():
    lines = [_line(1, "A-1", "12.50"), _line(2, "A-2", "99.00"), _line(3, "A-3", "7.00")]
    got = {3: D(2), 1: D(5), 2: D(0), 9: D(1)}  # line 2 received nothing, line 9 is not on the order

    out = invoice_lines(ORDER, lines, got, {}, ON)

    assert [(x.line_no, x.order_line, x.seller_article_no, x.quantity) for x in out] == [
        ("1", "1", "A-1", D(5)),
        ("3", "3", "A-3", D(2)),  # numbered by place among the received: a zero leaves a gap
    ]
    assert [x.net_price for x in out] == [D("12.50"), D("7.00")]
    assert {x.order_no for x in out} == {"100001"}


def test_the_planted_overprice_is_seven_percent_rounded_to_ore():
    line = InvoiceLine("1", D(3), D(0), net_price=D("33.33"))

    assert above_agreement(line).net_price == D("35.66")  # 35.6631
    assert above_agreement(line).quantity == D(3)
