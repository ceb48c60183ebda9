"""The purchasing documents of ``edi read``: order responses (ORDRSP) and packing slips (DESADV).

Each handler applies one document to the order it refers to (or makes an unsolicited order
for it, seed 004 §8), records deviations for the buyer, and returns ``Accepted``; a formal
problem raises ``Rejected`` so nothing of the document is stored.
"""

from __future__ import annotations

from ..domain.issues import Issue, Source, error, info, warning
from .inbox_documents import Accepted, Handler, InboxFile, Rejected, checked_partner, parse_message


def _order(ctx: InboxFile, conn, supplier: str, number: str, doc_no: str):
    """The known order from this supplier; None means unsolicited (rejected when not accepted)."""
    from ..store.purchase_orders import find_order, own_order_supplier

    order = find_order(conn, supplier, number)
    if order is None and not ctx.accept_unsolicited:
        other = own_order_supplier(conn, number)
        why = (
            f"Ordre {number} er sendt til {ctx.party(other)}, ikke til {ctx.party(supplier)}"
            if other
            else f"Ordre {number} er ukjent (ikke sendt av oss)"
        )
        raise Rejected(
            [error("edi.wrong_supplier" if other else "edi.unknown_order", why, Source(file=ctx.file))],
            doc_no,
            supplier,
        )
    return order


def _unsolicited(ctx: InboxFile, conn, supplier: str, number: str, lines, kind: str):
    """A new order marked unsolicited under the supplier's number, and the deviation saying so."""
    from ..rules.order_status import Deviation, line_status
    from ..store.purchase_orders import own_order_supplier
    from ..store.unsolicited_orders import create_unsolicited

    order = create_unsolicited(conn, supplier, number, ctx.today, lines, status_of=line_status)
    other = own_order_supplier(conn, number)
    what = "Ordresvar" if kind == "ordresvar" else "Pakkseddel"
    text = (
        f"{what} for ordre {number} som vi ikke har sendt "
        "(telefon-/henteordre): registrert som uoppfordret ordre"
    )
    if other:
        text += f"; NB: vår egen ordre {number} gikk til {ctx.party(other)} – sjekk at dokumentet er riktig"
    code = "order_response.unsolicited" if kind == "ordresvar" else "packing_slip.unsolicited"
    return order, Deviation(code, text)


def _deviations(ctx, conn, devs, order, supplier, kind, document) -> list[Issue]:
    from ..store.supplier_documents import DeviationSource, add_deviations

    found_in = DeviationSource(
        supplier_gln=supplier,
        kind=kind,
        document=document,
        order_id=order.id if order else None,
        order_no=order.number if order else None,
    )
    add_deviations(conn, [(d, found_in) for d in devs], ctx.today)
    made = {"warning": warning, "error": warning, "info": info}
    return [
        made[d.severity](
            d.code,
            f"Ordre {order.number if order else '?'}: {d.message}",
            Source(file=ctx.file, line=d.line_no),
        )
        for d in devs
    ]


def handle_ordrsp(ctx: InboxFile, conn, msg, ic) -> Accepted:
    from ..edi.mappings import ordrsp
    from ..rules.confirmation import apply_response
    from ..store.purchase_orders import load_lines
    from ..store.supplier_documents import add_response
    from ..store.unsolicited_orders import lines_from_response
    from .order_lines import save_order

    doc, notes = parse_message(ordrsp, msg, ctx)
    supplier = checked_partner(ctx, conn, ic, doc.supplier, doc.buyer, doc.number)
    number = doc.order_no or doc.number  # a telephone order may have only the supplier's number
    order, first = _order(ctx, conn, supplier, number, doc.number), []
    if order is None:
        order, dev = _unsolicited(ctx, conn, supplier, number, lines_from_response(doc), "ordresvar")
        first.append(dev)
    before = load_lines(conn, order.id)
    new, devs = apply_response(before, doc, order.requested_delivery)
    devs = first + devs
    dates = [ln.confirmed_date for ln in new if ln.confirmed_date and not ln.rejected]
    save_order(
        conn,
        order.id,
        order.closed,
        new,
        before,
        response_no=doc.number,
        response_at=ctx.now,
        confirmed_date=max(dates) if dates else None,
    )
    add_response(
        conn,
        order_id=order.id,
        supplier_gln=supplier,
        number=doc.number,
        issue_date=doc.issue_date,
        status=doc.status.value,
        complete=not any(d.code == "order_response.lines_missing" for d in devs),
        received_at=ctx.now,
        file_hash=ctx.sha256,
    )
    notes += _deviations(ctx, conn, devs, order, supplier, "ordresvar", doc.number)
    return Accepted(doc.number, supplier, notes, {"lines": len(doc.lines), "deviations": len(devs)})


def handle_desadv(ctx: InboxFile, conn, msg, ic) -> Accepted:
    from ..edi.mappings import desadv
    from ..rules.receiving import KnownOrder, apply_despatch, check_formal, order_refs
    from ..store.purchase_orders import load_lines
    from ..store.supplier_documents import earlier_despatch, record_despatch
    from ..store.unsolicited_orders import lines_from_despatch
    from .order_lines import save_order

    doc, notes = parse_message(desadv, msg, ctx)
    supplier = checked_partner(ctx, conn, ic, doc.supplier, doc.buyer, doc.number)
    problems = check_formal(doc, ctx.our_gln, ctx.file)
    if earlier_despatch(conn, supplier, doc.number) is not None:
        problems.append(
            error(
                "packing_slip.number_used",
                f"Pakkseddelnummer {doc.number} er brukt før av leverandøren",
                Source(file=ctx.file),
            )
        )
    refs = order_refs(doc)
    if not refs:
        problems.append(
            error(
                "packing_slip.no_order",
                "Pakkseddelen viser ikke til noen ordre (RFF+ON)",
                Source(file=ctx.file),
            )
        )
    if problems:
        raise Rejected(problems, doc.number, supplier)
    known = {no: o for no in refs if (o := _order(ctx, conn, supplier, no, doc.number)) is not None}
    first = []
    if not known:
        for no in refs:
            known[no], dev = _unsolicited(ctx, conn, supplier, no, lines_from_despatch(doc, no), "pakkseddel")
            first.append((no, dev))
    before = {
        no: KnownOrder(no, tuple(load_lines(conn, o.id)), o.delivery_gln, o.closed) for no, o in known.items()
    }
    settings = ctx.ws.config.purchasing
    res = apply_despatch(
        doc, before, variable_units=settings.variable_units, tolerance_pct=settings.variable_tolerance_pct
    )
    for no, lines in res.lines.items():
        closed = known[no].closed or no in res.closed
        save_order(conn, known[no].id, closed, lines, before[no].lines, closed=closed)
    record_despatch(
        conn, doc, supplier, res.receipts, {no: o.id for no, o in known.items()}, ctx.now, ctx.sha256
    )
    for order_no, dev in first + res.deviations:  # order_no None: on no order vareflyt knows
        order = known.get(order_no) if order_no is not None else None
        notes += _deviations(ctx, conn, [dev], order, supplier, "pakkseddel", doc.number)
    return Accepted(doc.number, supplier, notes, {"lines": len(doc.lines), "deviations": len(res.deviations)})


HANDLERS: dict[str, Handler] = {"ORDRSP": handle_ordrsp, "DESADV": handle_desadv}
