"""Checks a–j: the invoice as a document — number, due date, agreement, order, parties,
freight, currency, exchange rate, order-line and packing-slip references (seed 004 §7).

Each check is ``(ctx) -> list[Finding]``; an empty list means the check passed.
"""

from __future__ import annotations

from datetime import timedelta

from .model import ControlContext, Finding, as_int, show

FREIGHT_CODES = {"FC", "DL", "FRAKT"}


def check_a(ctx: ControlContext) -> list[Finding]:
    """a: the invoice number has not been used before by this supplier (any format)."""
    if ctx.duplicate_of is None:
        return []
    inv = ctx.invoice
    return [Finding("a", f"Faktura {inv.number} er mottatt før ({ctx.duplicate_of}); dette er en dublett",
                    expected="nytt fakturanummer", actual=inv.number)]


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
        return [Finding("b", f"Forfall {inv.due_date:%d.%m.%Y} er tidligere enn avtalt {days} dager netto "
                        f"({expected:%d.%m.%Y})", expected=show(expected), actual=show(inv.due_date))]
    return []


def check_c(ctx: ControlContext) -> list[Finding]:
    """c: refers to a valid agreement / price list, and it exists."""
    inv, agr = ctx.invoice, ctx.agreement
    out = []
    if agr.price_list_required and not ctx.has_price_list:
        out.append(Finding("c", "Leverandøren har ingen godkjent prisliste som gjaldt på ordredatoen",
                           expected="prisliste", actual="ingen"))
    ref = inv.contract_ref
    known = set(agr.contract_refs) | {o.agreement_ref for o in ctx.orders.values() if o.agreement_ref}
    if ref and known and ref not in known:
        out.append(Finding("c", f"Fakturaen viser til avtale {ref}, som ikke er avtalen med leverandøren",
                           expected=", ".join(sorted(known)), actual=ref))
    return out


def check_d(ctx: ControlContext) -> list[Finding]:
    """d: refers to an order we sent, and goods on it have been received (else the invoice waits).
    A credit note may instead refer to the invoice it credits."""
    inv = ctx.invoice
    refs = set(inv.order_refs) | {ln.order_no for ln in inv.lines if ln.order_no}
    if ctx.is_credit:
        if inv.credited_invoice and not ctx.credited_known:
            return [Finding("d", f"Kreditnotaen krediterer faktura {inv.credited_invoice}, som ikke er mottatt",
                            expected=inv.credited_invoice, actual="ukjent", waits=True)]
        if not refs and not inv.credited_invoice:
            return [Finding("d", "Kreditnotaen viser verken til ordre eller faktura", expected="ordre/faktura")]
        refs = {r for r in refs if r not in ctx.orders} if inv.credited_invoice else refs
    if not refs and not ctx.is_credit:
        return [Finding("d", "Fakturaen viser ikke til noen ordre (ordrenummer mangler)", expected="ordrenummer")]
    out = []
    for number in sorted(refs):
        order = ctx.orders.get(number)
        if order is None:
            if not ctx.is_credit:
                out.append(Finding("d", f"Ordre {number} er ukjent (ikke sendt av oss til denne leverandøren)",
                                   expected="kjent ordre", actual=number))
        elif not ctx.is_credit and not order.pickup and not order.received_any:
            out.append(Finding("d", f"Ingen varer på ordre {number} er mottatt ennå; fakturaen venter",
                               expected="varemottak", actual="ikke mottatt", waits=True))
    return out


def check_e(ctx: ControlContext) -> list[Finding]:
    """e: buyer and supplier (and the invoicee, when named) agree with the order. A different
    delivery place is not a party error: goods that did not come show up in d, j and m."""
    inv = ctx.invoice
    out = []
    buyer = inv.buyer.gln
    if ctx.our_gln and buyer != ctx.our_gln:
        out.append(Finding("e", f"Kjøper på fakturaen ({buyer or 'mangler'}) er ikke oss", expected=ctx.our_gln,
                           actual=buyer))
    if inv.invoicee and inv.invoicee.gln and ctx.our_gln and inv.invoicee.gln != ctx.our_gln:
        out.append(Finding("e", "Fakturamottaker er ikke oss", expected=ctx.our_gln, actual=inv.invoicee.gln))
    for order in ctx.orders.values():
        if inv.supplier.gln != order.supplier_gln:
            out.append(Finding("e", f"Ordre {order.number} er sendt til {order.supplier_gln}, ikke til "
                               f"fakturautsteder", expected=order.supplier_gln, actual=inv.supplier.gln))
    return out


def _allowed(ctx: ControlContext, keys, amount) -> bool:
    for key in keys:
        if key and key in ctx.agreement.allowed_charges:
            limit = ctx.agreement.allowed_charges[key]
            return limit is None or amount <= limit + ctx.settings.tolerance("f").amount
    return False


def is_freight(code: str | None, text: str | None) -> bool:
    return (code or "").upper() in FREIGHT_CODES or "frakt" in (text or "").lower()


def check_f(ctx: ControlContext) -> list[Finding]:
    """f: freight and other supplier-added lines and header charges are accepted only as the order
    response announced them or as the agreement allows (franko: no freight at all)."""
    out = []
    tol = ctx.settings.tolerance("f")
    for ac in ctx.invoice.allowances_charges:
        if not ac.is_charge or not is_freight(ac.reason_code, ac.reason):
            continue
        if ctx.agreement.free_freight or not _allowed(ctx, (ac.reason_code, "FRAKT"), ac.amount):
            terms = "franko levert" if ctx.agreement.free_freight else "ikke avtalt"
            out.append(Finding("f", f"Frakttillegg {show(ac.amount)} kr på fakturanivå er {terms}",
                               expected="0.00", actual=show(ac.amount), difference=ac.amount))
    for line, _, _, ol in ctx.resolved:
        keys = (line.seller_article_no, line.nobb, line.gtin)
        if ctx.is_credit or ol is not None and not ol.added:
            continue
        if ol is None:                              # a service line not on the order (seed 004 §9)
            service = is_freight(None, line.name) or any(k in ctx.agreement.allowed_charges for k in keys if k)
            if service and (ctx.agreement.free_freight and is_freight(None, line.name)
                            or not _allowed(ctx, keys, line.line_amount)):
                out.append(Finding("f", f"Tjenestelinje {line.name or line.seller_article_no or ''} er verken varslet "
                                   "i ordresvaret eller avtalt", line=line.line_no, expected="0.00",
                                   actual=show(line.line_amount), difference=line.line_amount))
            continue
        if ol.net_price is not None:
            allowed = ol.net_price * min(line.quantity, ol.expected_qty or line.quantity)
        elif _allowed(ctx, keys, line.line_amount):
            continue
        else:
            allowed = None
        if allowed is None or not tol.allows(allowed, line.line_amount) and line.line_amount > allowed:
            out.append(Finding("f", f"Tilleggslinje {line.name or line.seller_article_no or ''} fra leverandøren "
                               "er ikke varslet med denne prisen i ordresvaret eller avtalt",
                               line=line.line_no, expected=show(allowed) if allowed is not None else "ikke avtalt",
                               actual=show(line.line_amount),
                               difference=None if allowed is None else line.line_amount - allowed))
    return out


def check_g(ctx: ControlContext) -> list[Finding]:
    """g: the invoice currency is the agreed one."""
    cur = ctx.invoice.currency or "NOK"
    if cur.upper() != ctx.agreement.currency.upper():
        return [Finding("g", f"Fakturaen er i {cur}, avtalt valuta er {ctx.agreement.currency}",
                        expected=ctx.agreement.currency, actual=cur)]
    return []


def check_h(ctx: ControlContext) -> list[Finding]:
    """h: an exchange rate to NOK is given and plausible when the currency is not NOK."""
    cur = (ctx.invoice.currency or "NOK").upper()
    if cur == "NOK":
        return []
    rate = ctx.invoice.exchange_rate
    span = ctx.agreement.exchange_rates.get(cur)
    expected = f"{show(span[0])}–{show(span[1])}" if span else "kurs > 0"
    if rate is None or rate <= 0 or (span and not span[0] <= rate <= span[1]):
        return [Finding("h", f"Valutakurs {cur}/NOK {'mangler' if rate is None else show(rate)} er ikke rimelig",
                        expected=expected, actual=show(rate))]
    return []


def check_i(ctx: ControlContext) -> list[Finding]:
    """i: every line refers to an order number and a line of that order."""
    out = []
    for line, number, order, _ in ctx.resolved:
        if number is not None and order is None:
            continue                                    # unknown order: check d
        if ctx.is_credit and number is None and ctx.invoice.credited_invoice:
            continue
        if line.order_line is None and any(k in ctx.agreement.allowed_charges
                                           for k in (line.seller_article_no, line.nobb, line.gtin) if k):
            continue                                    # an agreed service line (freight): check f
        no = as_int(line.order_line)
        if number is None or no is None:
            out.append(Finding("i", "Linjen viser ikke til ordrenummer og ordrelinje", line=line.line_no,
                               expected="ordre og linje", actual=f"{number or '-'}/{line.order_line or '-'}"))
        elif no not in ctx.orders[number].lines:
            out.append(Finding("i", f"Ordre {number} har ingen linje {no}", line=line.line_no,
                               expected="kjent ordrelinje", actual=f"{number}/{no}"))
    return out


def check_j(ctx: ControlContext) -> list[Finding]:
    """j: refers to a packing slip we have (an unknown one may still arrive: the invoice waits)."""
    inv = ctx.invoice
    if ctx.is_credit or (ctx.orders and all(o.pickup for o in ctx.orders.values())):
        return []
    refs = set(inv.despatch_refs) | {ln.despatch_ref for ln in inv.lines if ln.despatch_ref}
    if not refs:
        return [Finding("j", "Fakturaen viser ikke til pakkseddel eller følgeseddel", expected="pakkseddelnummer")]
    unknown = sorted(refs - ctx.known_despatches)
    if unknown:
        return [Finding("j", f"Pakkseddel {', '.join(unknown)} er ikke mottatt ennå; fakturaen venter",
                        expected="mottatt pakkseddel", actual=", ".join(unknown), waits=True)]
    return []
