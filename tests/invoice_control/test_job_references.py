"""What the job fills into the context beyond the invoice (issue 15, item 4): the agreement and
price-list references an order carried, the references of the supplier's price lists in
effect, and orders replaced by ``orders change`` (a new number whose ``replaces`` names the
old one; the old one has status ``replaced``; line numbers kept).

Orders, packing slips and price-list versions are inserted straight into the store; invoices
are INVOIC interchanges written by hand and read with ``edi read``. The contexts are taken
where the job hands them to the rules.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal as D

import pytest
import sqlalchemy as sa

from vareflyt.domain.catalogue import CatalogueKind
from vareflyt.jobs.invoices import run
from vareflyt.jobs.invoices.run import reconcile_invoices
from vareflyt.store import prices
from vareflyt.store.tables.prices import price_versions
from vareflyt.store.tables.purchasing import despatch_advices, purchase_order_lines, purchase_orders, receipts
from vareflyt.workspace import init_workspace

from . import flow

OLD, NEW = "300001", "300002"
OTHER = "7080000000036"  # another supplier, who has an order replacing a 300001 of its own
DAY = date(2026, 3, 4)


def insert_order(
    conn,
    number: str,
    quantities: dict[int, str],
    *,
    supplier: str = flow.SUPPLIER,
    delivered: bool = True,
    slip: str | None = None,
    **values,
) -> int:
    order_id = conn.execute(
        purchase_orders.insert().values(
            supplier_gln=supplier,
            number=number,
            order_date=date(2026, 3, 1),
            format="edifact",
            sent_at=datetime(2026, 3, 1, 9),
            **values,
        )
    ).inserted_primary_key[0]
    slip_id = (
        conn.execute(
            despatch_advices.insert().values(
                supplier_gln=supplier,
                number=slip,
                issue_date=date(2026, 3, 2),
                final=True,
                received_at=datetime(2026, 3, 2, 8),
            )
        ).inserted_primary_key[0]
        if slip
        else None
    )
    for line, qty in quantities.items():
        article, _, unit, price, _ = flow.ARTICLES[line - 1]
        conn.execute(
            purchase_order_lines.insert().values(
                order_id=order_id,
                line_no=line,
                article_no=article,
                unit=unit,
                net_price=price,
                ordered_qty=D(qty),
                delivered_qty=D(qty) if delivered else D(0),
                status="delivered" if delivered else "sent",
            )
        )
        if slip_id:
            conn.execute(
                receipts.insert().values(
                    despatch_id=slip_id,
                    despatch_line=line,
                    order_id=order_id,
                    order_no=number,
                    order_line=line,
                    article_no=article,
                    unit=unit,
                    despatched_qty=D(qty),
                )
            )
    return order_id


@pytest.fixture
def ws(tmp_path):
    workspace = init_workspace(tmp_path / "ws", config_text=flow.CONFIG)
    flow.setup(workspace)
    with workspace.store.transaction() as conn:
        insert_order(
            conn,
            OLD,
            {1: "10", 2: "6"},
            delivered=False,
            status="replaced",
            agreement_ref="AVT-1",
            price_list_ref="PL-1",
        )
        insert_order(
            conn,
            NEW,
            {1: "12", 2: "6"},
            slip="PS3",
            status="delivered",
            replaces=OLD,
            agreement_ref="AVT-7",
            price_list_ref="PL-2026-03",
        )
        insert_order(conn, "300009", {1: "1"}, supplier=OTHER, status="sent", replaces=OLD)
    yield workspace
    workspace.close()


@pytest.fixture
def seen(monkeypatch):
    """Invoice number -> the context the rules got for it."""
    contexts, real = {}, run.outcome

    def spy(ctx):
        contexts[ctx.invoice.number] = ctx
        return real(ctx)

    monkeypatch.setattr(run, "outcome", spy)
    return contexts


def invoice(ws, number: str, order: str, slip: str | None = "PS3", qty: str = "12") -> None:
    lines = [(1, "T100", qty, "MTR", "45.50"), (2, "T200", "6", "EA", "89.00")]
    flow.drop(ws, f"INVOIC_{number}.edi", flow.invoic_text(number, order, lines, slip))


def statuses(result) -> dict[str, tuple[str, list[str]]]:
    return {i["number"]: (i["status"], [f["check"] for f in i["findings"]]) for i in result.extra["invoices"]}


def test_an_invoice_citing_a_replaced_order_is_checked_against_the_order_that_replaced_it(ws, seen):
    invoice(ws, "F-1", OLD)  # 12 MTR: what the new order says, not the old one
    result = reconcile_invoices(ws, on=DAY, now=datetime(2026, 3, 4, 2))
    assert statuses(result)["F-1"] == ("approved", [])
    order = seen["F-1"].orders[OLD]
    assert (order.number, order.replaced, order.supplier_gln) == (NEW, (OLD,), flow.SUPPLIER)
    assert order.lines[1].expected_qty == D(12) and order.agreement_ref == "AVT-7"


def test_an_invoice_citing_the_new_number_sees_what_it_replaced(ws, seen):
    invoice(ws, "F-1", NEW)
    result = reconcile_invoices(ws, on=DAY, now=datetime(2026, 3, 4, 2))
    assert statuses(result)["F-1"] == ("approved", [])
    assert seen["F-1"].orders[NEW].replaced == (OLD,)


def test_goods_invoiced_under_the_new_number_count_for_an_invoice_citing_the_old_one(ws, seen):
    invoice(ws, "F-1", NEW)
    reconcile_invoices(ws, on=DAY, now=datetime(2026, 3, 4, 2))
    invoice(ws, "F-2", OLD, slip=None)  # the same 12 MTR again, by the old number
    result = reconcile_invoices(ws, on=date(2026, 3, 5), now=datetime(2026, 3, 5, 2))
    assert seen["F-2"].invoiced_elsewhere[(OLD, 1)] == D(12)
    status, checks = statuses(result)["F-2"]
    assert status == "deviation" and "m" in checks


def test_references_of_the_order_and_of_the_price_lists_in_effect(ws, seen):
    with ws.store.transaction() as conn:
        conn.execute(
            price_versions.update()
            .where(price_versions.c.supplier_gln == flow.SUPPLIER)
            .values(list_ref="PL-A")
        )
        withdrawn = prices.add_version(
            conn,
            supplier=flow.SUPPLIER,
            kind=CatalogueKind.CHANGE,
            valid_from=date(2026, 2, 1),
            file_name=None,
            file_hash=None,
            counts={},
            at=flow.NOW,
        )
        prices.withdraw(conn, flow.SUPPLIER, withdrawn.number, flow.NOW)
        waiting = prices.add_version(
            conn,
            supplier=flow.SUPPLIER,
            kind=CatalogueKind.CHANGE,
            valid_from=date(2026, 2, 1),
            file_name=None,
            file_hash=None,
            counts={},
            at=flow.NOW,
            approved=False,
        )
        other = prices.add_version(
            conn,
            supplier=OTHER,
            kind=CatalogueKind.NEW,
            valid_from=date(2026, 1, 1),
            file_name=None,
            file_hash=None,
            counts={},
            at=flow.NOW,
        )
        for version, ref in ((withdrawn, "PL-W"), (waiting, "PL-V"), (other, "PL-X")):
            conn.execute(
                price_versions.update().where(price_versions.c.id == version.id).values(list_ref=ref)
            )
    invoice(ws, "F-1", NEW)
    reconcile_invoices(ws, on=DAY, now=datetime(2026, 3, 4, 2))
    ctx = seen["F-1"]
    assert ctx.price_list_refs == frozenset({"PL-A"})
    order = ctx.orders[NEW]
    assert (order.agreement_ref, order.price_list_ref) == ("AVT-7", "PL-2026-03")
    with ws.store.connect() as conn:  # the old order kept its own references
        old = conn.execute(
            sa.select(purchase_orders.c.agreement_ref).where(purchase_orders.c.number == OLD)
        ).scalar()
    assert old == "AVT-1"
