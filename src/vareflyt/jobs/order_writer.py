"""Writing one purchase order, for ``orders make`` and ``orders change``: number, store, file, log.

``write_order`` gives the order its number from the store's ``order_no`` sequence, stores it
with its lines and header references (``agreement_ref``, ``price_list_ref``, ``replaces``),
writes NeB ORDERS for an EDI supplier or a printable order (HTML, PDF) for the others, records
its order-entry keys and logs it — in one transaction; the files become visible in ``outbox/``
only after the commit (``outbox.Staged``). A change order also closes the order it replaces
(status ``replaced``) in that transaction, and is refused when that order was closed meanwhile.
File names (``ORDERS_<GLN>_<number>.edi``, ``Bestilling_<number>.html``) go through
``safe_paths.name_part``.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.issues import VareflytError
from ..domain.money import to_ore
from ..domain.orders import Order, OrderLine, OrderPurpose, PartyRef
from ..rules import ordering
from ..rules.order_status import LineState, line_status
from ..safe_paths import inside, name_part
from ..store import log
from ..store import purchase_orders as repo
from ..store.sequences import next_value
from . import outbox
from .acknowledge import partner_item_codes
from .order_header import OrderHeader
from .suppliers import Suppliers

if TYPE_CHECKING:
    from ..config.company import Company
    from ..config.purchasing import PurchasingSettings
    from ..workspace import Workspace

JOB = "orders.make"


def settings(ws: Workspace) -> PurchasingSettings:
    return ws.config.purchasing


def write_order(
    ws: Workspace,
    plan: ordering.PlannedOrder,
    header: OrderHeader,
    suppliers: Suppliers,
    company: Company,
    on: date,
    now: datetime,
    *,
    replacing: int | None = None,
    job: str = JOB,
) -> dict:
    """One order in one transaction (see the module docstring); ``replacing`` is the store id of
    the order a change order replaces. Returns the order's summary for the job's result."""
    staged = outbox.Staged()
    try:
        info_ = _commit(ws, plan, header, suppliers, company, on, now, staged, replacing, job)
    except BaseException:
        staged.discard()
        raise
    staged.promote()
    return info_


def _ordered(pl: ordering.PlannedLine) -> Decimal:
    """The line's quantity: planning refuses entry lines without one (``ordering.REASONS["quantity"]``)."""
    assert pl.entry.quantity is not None
    return pl.entry.quantity


def _order(
    plan: ordering.PlannedOrder, header: OrderHeader, company, number: str, on: date, name: str
) -> Order:
    buyer = PartyRef(
        gln=company.gln or None,
        orgnr=company.orgnr or None,
        name=company.name,
        vat_no=f"NO{company.orgnr}MVA" if company.orgnr else None,
    )
    lines = [
        OrderLine(
            pl.line_no,
            _ordered(pl),
            pl.article.unit or pl.entry.unit,
            pl.article.gtin,
            pl.article.article_no,
            pl.article.nobb,
            pl.article.name,
            delivery=pl.delivery if pl.delivery != plan.requested_delivery else None,
        )
        for pl in plan.lines
    ]
    return Order(
        number,
        on,
        buyer,
        PartyRef(gln=plan.supplier_gln, name=name),
        tuple(lines),
        purpose=OrderPurpose.REPLACE if header.replaces else OrderPurpose.ORIGINAL,
        requested_delivery=plan.requested_delivery,
        delivery_party=None
        if plan.pickup or plan.delivery_gln == company.gln
        else PartyRef(gln=plan.delivery_gln),
        ultimate_customer=PartyRef(name=plan.end_customer) if plan.end_customer else None,
        pickup=plan.pickup,
        pickup_place=header.pickup_place if plan.pickup else None,
        agreement_ref=header.agreement_ref,
        price_list_ref=header.price_list_ref,
        previous_order_no=header.replaces,
        project_ref=plan.project,
        currency="NOK",
    )


def _commit(
    ws: Workspace,
    plan,
    header: OrderHeader,
    suppliers: Suppliers,
    company: Company,
    on,
    now,
    staged,
    replacing,
    job,
) -> dict:
    from ..edi.mappings import orders as orders_map
    from ..edi.writer import write_interchange

    cfg = settings(ws)
    edi = suppliers.edi(plan.supplier_gln)
    with ws.store.transaction() as conn:
        number = f"{cfg.order_number_prefix}{next_value(conn, 'order_no', cfg.order_number_start)}"
        order = _order(plan, header, company, number, on, suppliers.name(plan.supplier_gln))
        amount = to_ore(sum((pl.entry.quantity * pl.article.net_price for pl in plan.lines), 0))
        places = {"SF": header.pickup_party} if plan.pickup and header.pickup_party else {}
        if edi:
            ref = str(next_value(conn, "interchange_ref"))
            target = inside(ws.outbox, f"ORDERS_{name_part(plan.supplier_gln)}_{name_part(number)}.edi")
            codes = partner_item_codes(ws, plan.supplier_gln, target.name)
            body = orders_map.to_segments(order, codes=codes, places=places)
            staged.write(
                target, write_interchange(company.gln, plan.supplier_gln, [("ORDERS", body)], ref, now)
            )
        else:
            target = _printable(ws, conn, order, plan, header, company, amount, cfg.pdf, staged)
        req = plan.requested_delivery
        order_id = repo.insert_order(
            conn,
            [
                LineState(
                    pl.line_no,
                    pl.entry.quantity,
                    pl.article.article_no,
                    pl.article.gtin,
                    pl.article.nobb,
                    pl.article.name,
                    pl.article.unit or pl.entry.unit,
                    pl.article.net_price,
                    _day(pl.delivery or req),
                )
                for pl in plan.lines
            ],
            status_of=line_status,
            supplier_gln=plan.supplier_gln,
            number=number,
            source="own",
            order_date=on,
            delivery_gln=plan.delivery_gln,
            requested_delivery=req
            if isinstance(req, datetime) or req is None
            else datetime.combine(req, datetime.min.time()),
            pickup=plan.pickup,
            pickup_gln=plan.delivery_gln if plan.pickup else None,
            project=plan.project,
            end_customer=plan.end_customer,
            status="sent",
            format="edifact" if edi else "pdf",
            file=ws.relative(target),
            sent_at=now,
            amount=amount,
            agreement_ref=header.agreement_ref,
            price_list_ref=header.price_list_ref,
            replaces=header.replaces,
        )
        if replacing is not None:
            from ..store.order_changes import close_replaced

            if not close_replaced(conn, replacing, order_id):
                raise VareflytError(
                    f"Ordre {header.replaces} ble lukket eller endret mens endringen ble laget; "
                    f"ingen endringsordre er laget. Se status med «vareflyt orders list»."
                )
        repo.add_entry_keys(
            conn,
            [repo.EntryKey(pl.key, order_id, pl.line_no) for pl in plan.lines if pl.key],
        )
        log.record(
            conn,
            job=job,
            status="ok",
            direction="out",
            file_name=target.name,
            partner=plan.supplier_gln,
            doc_type="ORDERS" if edi else "ORDERS-PDF",
            doc_number=number,
            at=now,
            counts={"lines": len(plan.lines)},
        )
    return {
        "number": number,
        "supplier_gln": plan.supplier_gln,
        "delivery_gln": plan.delivery_gln,
        "lines": len(plan.lines),
        "format": "edifact" if edi else "pdf",
        "file": str(target),
    }


def _day(value):
    return value.date() if isinstance(value, datetime) else value


def _printable(
    ws: Workspace,
    conn,
    order: Order,
    plan,
    header: OrderHeader,
    company: Company,
    amount,
    pdf: bool,
    staged: outbox.Staged,
) -> Path:
    """The order as HTML and (with ``pdf``) as a PDF on the shared document layout: the supplier's
    stored address in the envelope window, the delivery place by name and address when stored."""
    from ..letters.logo import workspace_logo
    from ..letters.supplier_pdf import purchase_order
    from ..store.parties import party_by_gln

    prices = {pl.line_no: pl.article.net_price for pl in plan.lines}
    assert order.supplier.name is not None  # ``_order`` names the supplier (its GLN when unknown)
    delivery = order.delivery_party.gln if order.delivery_party else None
    html, document = purchase_order(
        order,
        company,
        prices=prices,
        amount=amount,
        supplier_name=order.supplier.name,
        supplier=party_by_gln(conn, plan.supplier_gln),
        pickup_address=header.pickup_party if plan.pickup else None,
        delivery_place=party_by_gln(conn, delivery) if delivery else None,
        logo=workspace_logo(ws.root),  # on the PDF and at the top of the HTML
        with_pdf=pdf,
    )
    stem = f"Bestilling_{name_part(order.number)}"
    staged.write(inside(ws.outbox, f"{stem}.html"), html.encode("utf-8"))
    if not pdf:
        return inside(ws.outbox, f"{stem}.html")
    target = inside(ws.outbox, f"{stem}.pdf")
    staged.write(target, document)
    return target
