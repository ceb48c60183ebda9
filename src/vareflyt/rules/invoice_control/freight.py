"""Check f: freight and other charges the supplier adds must agree with the delivery terms
(seed 004 §7 f, §9).

* pickup (the order said TOD+4: we fetch the goods): no freight at all, whatever the agreement;
* franko (``free_freight``): no freight, not even a freight line the supplier added in the order
  response;
* otherwise a freight header charge or service line is accepted up to the agreed amount
  (``allowed_charges``), and a line the supplier added in the order response at the price it
  announced there.

Freight is a header charge with code FC or DL, or a line or charge whose article number is FRAKT
or whose text says «frakt». ``allowed_charge`` is shared with check n (other agreed fees).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from ...domain.invoices import InvoiceLine
from .model import ControlContext, Finding, kr, show

FREIGHT_CODES = {"FC", "DL", "FRAKT"}
PICKUP = "ordren er en henteordre (vi henter varene selv), og da skal det ikke faktureres frakt"
FRANKO = "avtalen er franko levert, og da skal det ikke faktureres frakt"


def allowed_charge(ctx: ControlContext, keys: Iterable[str | None], amount: Decimal) -> bool:
    """True when the first of ``keys`` (charge code, article number, ...) the agreement lists
    allows ``amount`` (no limit, or within the limit plus f's tolerance)."""
    for key in keys:
        if key and key in ctx.agreement.allowed_charges:
            limit = ctx.agreement.allowed_charges[key]
            return limit is None or amount <= limit + ctx.settings.tolerance("f").amount
    return False


def is_freight(code: str | None, text: str | None) -> bool:
    return (code or "").upper() in FREIGHT_CODES or "frakt" in (text or "").lower()


def _forbidden(ctx: ControlContext, pickup: bool) -> str | None:
    """Why no freight may be invoiced at all under these delivery terms, or None."""
    return PICKUP if pickup else FRANKO if ctx.agreement.free_freight else None


def _line_name(line: InvoiceLine) -> str:
    return line.name or line.seller_article_no or ""


def check_f(ctx: ControlContext) -> list[Finding]:
    """f: freight agrees with the delivery terms (pickup, franko, agreed, announced)."""
    out = []
    all_pickup = bool(ctx.orders) and all(o.pickup for o in ctx.orders.values())
    for ac in ctx.invoice.allowances_charges:
        if not ac.is_charge or not is_freight(ac.reason_code, ac.reason):
            continue
        why = _forbidden(ctx, all_pickup)
        if why or not allowed_charge(ctx, (ac.reason_code, "FRAKT"), ac.amount):
            out.append(
                Finding(
                    "f",
                    f"Frakttillegg {kr(ac.amount)} på fakturanivå: "
                    f"{why or 'frakt er ikke avtalt med leverandøren'}",
                    expected="0.00",
                    actual=show(ac.amount),
                    difference=ac.amount,
                )
            )
    if ctx.is_credit:
        return out
    for line, _, order, ol in ctx.resolved:
        if ol is not None and not ol.added:
            continue
        freight = (
            is_freight(line.seller_article_no, line.name)
            or ol is not None
            and is_freight(ol.article_no, None)
        )
        why = _forbidden(ctx, all_pickup if order is None else order.pickup) if freight else None
        if why:
            out.append(
                Finding(
                    "f",
                    f"Fraktlinje {_line_name(line)} {kr(line.line_amount)}: {why}",
                    line=line.line_no,
                    expected="0.00",
                    actual=show(line.line_amount),
                    difference=line.line_amount,
                )
            )
        elif ol is None:
            out.extend(_service_line(ctx, line, freight))
        else:
            out.extend(_added_line(ctx, line, ol.net_price, ol.expected_qty))
    return out


def _service_line(ctx: ControlContext, line: InvoiceLine, freight: bool) -> list[Finding]:
    """A service line not on the order (seed 004 §9): accepted as far as the agreement allows."""
    keys = (line.seller_article_no, line.nobb, line.gtin)
    service = freight or any(k in ctx.agreement.allowed_charges for k in keys if k)
    if not service or allowed_charge(ctx, keys, line.line_amount):
        return []
    return [
        Finding(
            "f",
            f"Tjenestelinje {_line_name(line)} er verken varslet i ordresvaret eller avtalt",
            line=line.line_no,
            expected="0.00",
            actual=show(line.line_amount),
            difference=line.line_amount,
        )
    ]


def _added_line(
    ctx: ControlContext, line: InvoiceLine, announced: Decimal | None, expected_qty: Decimal
) -> list[Finding]:
    """A line the supplier added in the order response: at most the announced price for the
    announced quantity, else as the agreement allows."""
    if announced is not None:
        allowed = announced * min(line.quantity, expected_qty or line.quantity)
        if ctx.settings.tolerance("f").allows(allowed, line.line_amount) or line.line_amount <= allowed:
            return []
    elif allowed_charge(ctx, (line.seller_article_no, line.nobb, line.gtin), line.line_amount):
        return []
    else:
        allowed = None
    return [
        Finding(
            "f",
            f"Tilleggslinje {_line_name(line)} fra leverandøren er ikke varslet med denne prisen i "
            "ordresvaret eller avtalt",
            line=line.line_no,
            expected=show(allowed) if allowed is not None else "ikke avtalt",
            actual=show(line.line_amount),
            difference=None if allowed is None else line.line_amount - allowed,
        )
    ]
