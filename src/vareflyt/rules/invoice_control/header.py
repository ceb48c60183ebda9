"""Checks a, b, d, e, i, j: the invoice as a document — number, due date, order, parties,
order-line and packing-slip references (seed 004 §7). The other header checks have modules of
their own: c in ``references``, f in ``freight``, g and h in ``currency``.

Each check is ``(ctx) -> list[Finding]``; an empty list means the check passed.
"""

from __future__ import annotations

from datetime import timedelta

from .model import ControlContext, Finding, as_int, show


def check_a(ctx: ControlContext) -> list[Finding]:
    """a: the invoice number has not been used before by this supplier (any format)."""
    if ctx.duplicate_of is None:
        return []
    inv = ctx.invoice
    return [
        Finding(
            "a",
            f"Faktura {inv.number} er mottatt før ({ctx.duplicate_of}); dette er en dublett",
            expected="nytt fakturanummer",
            actual=inv.number,
        )
    ]


def check_b(ctx: ControlContext) -> list[Finding]:
    """b: the due date follows the agreed payment terms (an earlier due date is a deviation)."""
    inv = ctx.invoice
    if ctx.is_credit:
        return []
    days = ctx.agreement.payment_days
    if days is None:
        days = inv.payment_terms.days if inv.payment_terms else None
    if inv.due_date is None:
        return [Finding("b", "Forfallsdato mangler", expected=f"{days} dager" if days is not None else None)]
    if days is None or inv.issue_date is None:
        return []
    expected = inv.issue_date + timedelta(days=days)
    slack = int(ctx.settings.tolerance("b").amount)
    if inv.due_date < expected - timedelta(days=slack):
        return [
            Finding(
                "b",
                f"Forfall {inv.due_date:%d.%m.%Y} er tidligere enn avtalt {days} dager netto "
                f"({expected:%d.%m.%Y})",
                expected=show(expected),
                actual=show(inv.due_date),
            )
        ]
    return []


def check_d(ctx: ControlContext) -> list[Finding]:
    """d: refers to an order we sent, and goods on it have been received (else the invoice waits).
    A credit note may instead refer to the invoice it credits."""
    inv = ctx.invoice
    refs = set(inv.order_refs) | {ln.order_no for ln in inv.lines if ln.order_no}
    if ctx.is_credit:
        if inv.credited_invoice and not ctx.credited_known:
            return [
                Finding(
                    "d",
                    f"Kreditnotaen krediterer faktura {inv.credited_invoice}, som ikke er mottatt",
                    expected=inv.credited_invoice,
                    actual="ukjent",
                    waits=True,
                )
            ]
        if not refs and not inv.credited_invoice:
            return [
                Finding("d", "Kreditnotaen viser verken til ordre eller faktura", expected="ordre/faktura")
            ]
        refs = {r for r in refs if r not in ctx.orders} if inv.credited_invoice else refs
    if not refs and not ctx.is_credit:
        return [
            Finding("d", "Fakturaen viser ikke til noen ordre (ordrenummer mangler)", expected="ordrenummer")
        ]
    out = []
    for number in sorted(refs):
        order = ctx.orders.get(number)
        if order is None:
            if not ctx.is_credit:
                out.append(
                    Finding(
                        "d",
                        f"Ordre {number} er ukjent (ikke sendt av oss til denne leverandøren)",
                        expected="kjent ordre",
                        actual=number,
                    )
                )
        elif not ctx.is_credit and not order.pickup and not order.received_any:
            out.append(
                Finding(
                    "d",
                    f"Ingen varer på ordre {number} er mottatt ennå; fakturaen venter",
                    expected="varemottak",
                    actual="ikke mottatt",
                    waits=True,
                )
            )
    return out


def check_e(ctx: ControlContext) -> list[Finding]:
    """e: buyer and supplier (and the invoicee, when named) agree with the order. A different
    delivery place is not a party error: goods that did not come show up in d, j and m. The
    message names the parties (``ctx.party``); expected/actual keep the GLNs for machines."""
    inv = ctx.invoice
    out = []
    buyer = inv.buyer.gln
    if ctx.our_gln and buyer != ctx.our_gln:
        out.append(
            Finding(
                "e",
                f"Kjøper på fakturaen ({ctx.party(buyer)}) er ikke oss",
                expected=ctx.our_gln,
                actual=buyer,
            )
        )
    if inv.invoicee and inv.invoicee.gln and ctx.our_gln and inv.invoicee.gln != ctx.our_gln:
        out.append(
            Finding(
                "e",
                f"Fakturamottaker ({ctx.party(inv.invoicee.gln)}) er ikke oss",
                expected=ctx.our_gln,
                actual=inv.invoicee.gln,
            )
        )
    for order in ctx.orders.values():
        if inv.supplier.gln != order.supplier_gln:
            out.append(
                Finding(
                    "e",
                    f"Ordre {order.number} er sendt til {ctx.party(order.supplier_gln)}, ikke til "
                    f"fakturautsteder {ctx.party(inv.supplier.gln)}",
                    expected=order.supplier_gln,
                    actual=inv.supplier.gln,
                )
            )
    return out


def check_i(ctx: ControlContext) -> list[Finding]:
    """i: every line refers to an order number and a line of that order."""
    out = []
    for line, number, order, _ in ctx.resolved:
        if number is not None and order is None:
            continue  # unknown order: check d
        if ctx.is_credit and number is None and ctx.invoice.credited_invoice:
            continue
        if line.order_line is None and any(
            k in ctx.agreement.allowed_charges for k in (line.seller_article_no, line.nobb, line.gtin) if k
        ):
            continue  # an agreed service line (freight): check f
        no = as_int(line.order_line)
        if number is None or no is None:
            out.append(
                Finding(
                    "i",
                    "Linjen viser ikke til ordrenummer og ordrelinje",
                    line=line.line_no,
                    expected="ordre og linje",
                    actual=f"{number or '-'}/{line.order_line or '-'}",
                )
            )
        elif no not in ctx.orders[number].lines:
            out.append(
                Finding(
                    "i",
                    f"Ordre {number} har ingen linje {no}",
                    line=line.line_no,
                    expected="kjent ordrelinje",
                    actual=f"{number}/{no}",
                )
            )
    return out


def check_j(ctx: ControlContext) -> list[Finding]:
    """j: refers to a packing slip we have (an unknown one may still arrive: the invoice waits)."""
    inv = ctx.invoice
    if ctx.is_credit or (ctx.orders and all(o.pickup for o in ctx.orders.values())):
        return []
    refs = set(inv.despatch_refs) | {ln.despatch_ref for ln in inv.lines if ln.despatch_ref}
    if not refs:
        return [
            Finding("j", "Fakturaen viser ikke til pakkseddel eller følgeseddel", expected="pakkseddelnummer")
        ]
    unknown = sorted(refs - ctx.known_despatches)
    if unknown:
        return [
            Finding(
                "j",
                f"Pakkseddel {', '.join(unknown)} er ikke mottatt ennå; fakturaen venter",
                expected="mottatt pakkseddel",
                actual=", ".join(unknown),
                waits=True,
            )
        ]
    return []
