"""Nothing stops (issue 15, item 3): an invoice that cannot be read, built or checked gets the
finding x «kunne ikke kontrolleres: <why>» and status deviation, shows in Fakturakontroll for
a person to decide, and the other invoices of the run are controlled.

Ten orders for one article each are inserted straight into the store, delivered on a packing
slip each; nine come with a good INVOIC written by hand. The poison one is stored the way an older
reader stored it: a 30-digit quantity (the rules' rounding cannot hold it) — or its reading fails.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal as D

import pytest

from vareflyt.domain.invoices import Invoice, InvoiceKind, InvoiceLine
from vareflyt.domain.orders import PartyRef
from vareflyt.excel.openpyxl_adapter import OpenpyxlWorkbook
from vareflyt.jobs.invoices import run
from vareflyt.jobs.invoices.run import reconcile_invoices
from vareflyt.rules.invoice_control import complete
from vareflyt.store import invoice_reading, invoice_storage
from vareflyt.store.tables.purchasing import despatch_advices, purchase_order_lines, purchase_orders, receipts
from vareflyt.workspace import init_workspace

from . import flow

DAY = date(2026, 3, 4)
ORDERS = [f"20000{n}" for n in range(10)]
POISON = ORDERS[4]


@pytest.fixture
def ws(tmp_path):
    workspace = init_workspace(tmp_path / "ws", config_text=flow.CONFIG)
    flow.setup(workspace)
    with workspace.store.transaction() as conn:
        for number in ORDERS:
            order_id = conn.execute(
                purchase_orders.insert().values(
                    supplier_gln=flow.SUPPLIER,
                    number=number,
                    order_date=date(2026, 3, 1),
                    status="delivered",
                    format="edifact",
                    sent_at=datetime(2026, 3, 1, 9),
                )
            ).inserted_primary_key[0]
            conn.execute(
                purchase_order_lines.insert().values(
                    order_id=order_id,
                    line_no=1,
                    article_no="T100",
                    unit="MTR",
                    net_price=D("45.50"),
                    ordered_qty=D(5),
                    delivered_qty=D(5),
                    status="delivered",
                )
            )
            slip = conn.execute(
                despatch_advices.insert().values(
                    supplier_gln=flow.SUPPLIER,
                    number=f"PS{number}",
                    issue_date=date(2026, 3, 2),
                    final=True,
                    received_at=datetime(2026, 3, 2, 8),
                )
            ).inserted_primary_key[0]
            conn.execute(
                receipts.insert().values(
                    despatch_id=slip,
                    despatch_line=1,
                    order_id=order_id,
                    order_no=number,
                    order_line=1,
                    article_no="T100",
                    unit="MTR",
                    despatched_qty=D(5),
                )
            )
    for number in ORDERS:
        if number != POISON:
            flow.drop(
                workspace,
                f"INVOIC_F-{number}.edi",
                flow.invoic_text(f"F-{number}", number, [(1, "T100", "5", "MTR", "45.50")], f"PS{number}"),
            )
    yield workspace
    workspace.close()


def store_poison(ws) -> None:
    line = InvoiceLine(
        "1",
        D(5),
        D(0),
        unit="MTR",
        order_no=POISON,
        order_line="1",
        seller_article_no="T100",
        net_price=D("45.50"),
        price_base_qty=D(1),
        vat_category="S",
        vat_rate=D(25),
    )
    inv = complete(
        Invoice(
            kind=InvoiceKind.INVOICE,
            number=f"F-{POISON}",
            issue_date=date(2026, 3, 3),
            supplier=PartyRef(gln=flow.SUPPLIER, name="Trelast Vest AS"),
            buyer=PartyRef(gln=flow.OUR),
            lines=(line,),
            due_date=date(2026, 4, 2),
            currency="NOK",
            order_refs=(POISON,),
            despatch_refs=(f"PS{POISON}",),
        )
    )
    poison = replace(inv, lines=(replace(line, quantity=D("123456789012345678901234567890")),))
    with ws.store.transaction() as conn:
        invoice_storage.add_invoice(
            conn,
            poison,
            fmt="edifact",
            received_at=datetime(2026, 3, 3, 12),
            file_name=f"INVOIC_F-{POISON}.edi",
        )


def outcome_of(result) -> dict[str, tuple[str, list]]:
    return {
        i["number"]: (i["status"], [(f["check"], f["message"]) for f in i["findings"]])
        for i in result.extra["invoices"]
    }


def test_a_30_digit_quantity_is_a_finding_and_the_nine_others_are_approved(ws):
    store_poison(ws)
    result = reconcile_invoices(ws, on=DAY, now=datetime(2026, 3, 4, 2))
    found = outcome_of(result)
    assert len(found) == 10
    assert all(found[f"F-{n}"] == ("approved", []) for n in ORDERS if n != POISON)
    assert found[f"F-{POISON}"] == (
        "deviation",
        [
            (
                "x",
                "kunne ikke kontrolleres: den har et tall (mengde, "
                "pris eller beløp) som er for stort eller ugyldig til å "
                "regnes med",
            )
        ],
    )
    (error,) = [i for i in result.issues if i.code == "invoice.control_failed"]  # still said on the CLI
    assert error.source.file == f"INVOIC_F-{POISON}.edi" and "Traceback" not in error.message
    assert result.counts["approved"] == 9 and result.counts["deviation"] == 1 and result.counts["failed"] == 1
    book = OpenpyxlWorkbook(ws.purchasing_workbook)
    try:
        control = book.read_table("invoice_control")
    finally:
        book.close()
    row = control[control["check"] == "x"].iloc[0]
    assert (row["invoice_no"], row["result"]) == (f"F-{POISON}", "avvik")
    assert row["message"].startswith("kunne ikke kontrolleres: den har et tall")
    head = control[(control["invoice_no"] == f"F-{POISON}") & control["check"].isna()].iloc[0]
    assert "x kunne ikke kontrolleres" in head["message"]


def test_an_invoice_whose_reading_fails_is_a_finding_and_the_others_go_on(ws, monkeypatch):
    with ws.store.connect() as conn:
        poison_id = next(r.id for r in invoice_reading.headers(conn) if r.number == "F-" + ORDERS[7])
    real = invoice_reading.load_invoices

    def failing(conn, rows):
        if any(r.id == poison_id for r in rows):
            raise KeyError("supplier_invoice_lines")
        return real(conn, rows)

    monkeypatch.setattr(run.invoice_reading, "load_invoices", failing)
    found = outcome_of(reconcile_invoices(ws, on=DAY, now=datetime(2026, 3, 4, 2)))
    assert sorted(n for n, (status, _) in found.items() if status == "approved") == sorted(
        f"F-{n}" for n in ORDERS if n not in (POISON, ORDERS[7])
    )
    assert found["F-" + ORDERS[7]] == (
        "deviation",
        [("x", "kunne ikke kontrolleres: uventet feil i vareflyt (meld den til den som drifter vareflyt)")],
    )
