"""Check m, line by line: the invoiced quantity, in the ordered unit, against what was received.

With packing-slip references the quantity received on those slips must match; otherwise the
invoice may not exceed what was received and not yet invoiced, and a shortfall on a line still
expecting goods makes the invoice wait.

Check m also finds an invoiced unit that is not the ordered one: the quantities cannot agree
then (seed 004 §7: «Fakturering skal skje i overenskomst med bestillingsenheter, og skal ikke
avvike fra den enheten som er brukt i bestillingen»). Units are compared without regard to case;
a missing unit on either side is unknown, never a finding; the codes ``EQUIVALENT_UNITS`` groups
count as equal.

Its own module (beside ``lines``, the other line checks k, l, n and o) because it alone weighs
receipts: packing slips, what other invoices took, pickup orders, and which codes name one unit.
"""

from __future__ import annotations

from decimal import Decimal

from .model import ZERO, ControlContext, Finding, nb, show

ONE = Decimal(1)

# Codes that mean the same unit: UN/ECE Rec. 20 codes (what the price import stores, see
# data/units.toml), EANCOM's PCE and C62, and the Norwegian abbreviations ERP systems write.
EQUIVALENT_UNITS = {
    "stykk": ("EA", "STK", "PCE", "C62", "ST", "STYKK"),
    "meter": ("MTR", "M"),
    "kvadratmeter": ("MTK", "M2"),
    "kubikkmeter": ("MTQ", "M3"),
    "kilo": ("KGM", "KG"),
    "liter": ("LTR", "L"),
    "pakke": ("PK", "PA", "PAK"),
}
_UNIT_OF = {code: name for name, codes in EQUIVALENT_UNITS.items() for code in codes}


def unit_key(unit: str) -> str:
    """What a unit code means: the name of its group of equal codes, else the code in capitals."""
    code = unit.strip().upper()
    return _UNIT_OF.get(code, code)


def same_unit(invoiced: str | None, ordered: str | None) -> bool | None:
    """True when the two codes mean the same unit, False when not, None when either is missing.

    >>> same_unit("stk", "EA"), same_unit("MTR", "PAK"), same_unit(None, "MTR")
    (True, False, None)
    """
    if not invoiced or not invoiced.strip() or not ordered or not ordered.strip():
        return None
    return invoiced == ordered or unit_key(invoiced) == unit_key(ordered)


def check_m(ctx: ControlContext) -> list[Finding]:
    """m: invoiced quantity equals received quantity, in the ordered unit. With packing-slip
    references the quantity received on those slips must match; otherwise the invoice may not
    exceed what was received and not yet invoiced. A shortfall on a line still expecting goods
    makes the invoice wait. An invoiced unit that is not the ordered one is a finding of its own."""
    if ctx.is_credit:
        return []
    out = []
    tol = ctx.settings.tolerance("m")
    head = list(ctx.invoice.despatch_refs)
    head_known = bool(head) and all(r in ctx.known_despatches for r in head)
    for line, number, order, ol in ctx.resolved:
        if ol is None or ol.added or order is None or number is None:  # an order line has its order
            continue
        if line.unit != ol.unit and same_unit(line.unit, ol.unit) is False:
            out.append(
                Finding(
                    "m",
                    f"Fakturert enhet {line.unit} er ikke enheten {ol.unit} som ble bestilt; "
                    f"{nb(line.quantity)} {line.unit} kan ikke sammenlignes med mottatt antall",
                    line=line.line_no,
                    expected=ol.unit,
                    actual=line.unit,
                )
            )
            continue
        refs = [line.despatch_ref] if line.despatch_ref else head
        known = line.despatch_ref in ctx.known_despatches if line.despatch_ref else head_known
        if order.pickup and ol.received_qty == ZERO:
            available, exact = ol.expected_qty - ctx.invoiced_elsewhere.get((number, ol.line_no), ZERO), False
        elif known:
            got = ctx.received_by_despatch
            available = (
                got.get((refs[0], number, ol.line_no), ZERO)
                if len(refs) == 1
                else sum((got.get((r, number, ol.line_no), ZERO) for r in refs), ZERO)
            )
            exact = True
        else:
            available = ol.received_qty - ctx.invoiced_elsewhere.get((number, ol.line_no), ZERO)
            exact = False
        qty = line.quantity
        if tol.allows(available, qty) or (not exact and qty < available):
            continue
        more_coming = not (ol.closed or order.closed) and ol.received_qty < ol.expected_qty
        waits = qty > available and ((more_coming and not exact) or (bool(refs) and not known))
        note = "; fakturaen venter på varemottak" if waits else ""
        out.append(
            Finding(
                "m",
                f"Fakturert antall {nb(qty)} {line.unit or ''} stemmer ikke med mottatt "
                f"{nb(available)}{note}",
                line=line.line_no,
                expected=show(available),
                actual=show(qty),
                difference=None
                if line.net_price is None
                else (qty - available) * (line.net_price / (line.price_base_qty or ONE)),
                waits=waits,
            )
        )
    return out
