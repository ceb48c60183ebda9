"""Checks k–o, line by line: article number, unit price on the order date, quantity (and unit)
against what was received, discounts and fees against the agreement, VAT rate against master data.

Lines that do not resolve to an order line are left to checks d and i; lines the supplier
added in the order response (freight, fees) are judged by check f, not by price or quantity.

Check l compares the unit price and, since a tolerance of one øre per unit is 200 kr on 20 000
units, also what the price difference makes on the line (tolerance ``line_amount``: kroner per
line, and l's percentage).

Check m also finds an invoiced unit that is not the ordered one: the quantities cannot agree
then (seed 004 §7: «Fakturering skal skje i overenskomst med bestillingsenheter, og skal ikke
avvike fra den enheten som er brukt i bestillingen»). Units are compared without regard to case;
a missing unit on either side is unknown, never a finding; the codes ``EQUIVALENT_UNITS`` groups
count as equal.
"""

from __future__ import annotations

from decimal import Decimal

from ...domain.money import to_ore
from .freight import allowed_charge, is_freight
from .model import LINE_AMOUNT, ZERO, ControlContext, Finding, Tolerance, as_int, kr, nb, show

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


def check_k(ctx: ControlContext) -> list[Finding]:
    """k: the invoiced article is the ordered one (supplier article no., GTIN or NOBB no.)."""
    out = []
    for line, _, _, ol in ctx.resolved:
        if ol is None or (ol.article_no is not None and line.seller_article_no == ol.article_no):
            continue
        theirs = {v for v in (line.seller_article_no, line.gtin, line.nobb) if v}
        ours = {v for v in (ol.article_no, ol.gtin, ol.nobb) if v}
        if theirs and ours and not theirs & ours:
            out.append(
                Finding(
                    "k",
                    f"Artikkel {line.seller_article_no or line.gtin} er ikke den som er bestilt "
                    f"på ordrelinje {ol.line_no}",
                    line=line.line_no,
                    expected=ol.article_no or ol.gtin,
                    actual=line.seller_article_no or line.gtin or line.nobb,
                )
            )
        elif not theirs:
            out.append(
                Finding("k", "Linjen mangler artikkelnummer", line=line.line_no, expected=ol.article_no)
            )
    return out


def unit_price(price: Decimal | None, basis: Decimal | None) -> Decimal | None:
    if price is None:
        return None
    return price if not basis or basis == ONE else price / basis


def check_l(ctx: ControlContext) -> list[Finding]:
    """l: the unit price equals the master-data price on the order date (campaign price while a
    campaign ran); an article without a price row falls back to the price agreed on the order.
    Within l's tolerance per unit, the difference on the whole line must also be within the
    line-amount tolerance."""
    out = []
    tol = ctx.settings.tolerance("l")
    line_tol = None
    for line, _, _, ol in ctx.resolved:
        if ol is None or ol.added:
            continue
        row = ctx.prices.get(line.line_no)
        expected = unit_price(row.net, row.basis) if row is not None else ol.net_price
        actual = unit_price(line.net_price, line.price_base_qty)
        if actual is None and line.quantity:
            actual = line.line_amount / line.quantity
        if expected is None:
            out.append(
                Finding(
                    "l",
                    f"Artikkel {ol.article_no} har ingen pris i prislisten på ordredatoen",
                    line=line.line_no,
                    expected="pris i prisliste",
                    actual=show(actual),
                )
            )
            continue
        if actual is None or actual == expected:
            continue
        what = "kampanjepris" if row is not None and row.campaign else "avtalt pris"
        if not tol.allows(expected, actual):
            out.append(
                Finding(
                    "l",
                    f"Enhetspris {nb(actual)} avviker fra {what} {nb(expected)} på ordredatoen",
                    line=line.line_no,
                    expected=show(expected),
                    actual=show(actual),
                    difference=to_ore((actual - expected) * line.quantity),
                )
            )
            continue
        if line_tol is None:
            own = ctx.settings.tolerance(LINE_AMOUNT)
            line_tol = Tolerance(own.amount, max(own.pct, tol.pct))
        agreed, invoiced = to_ore(expected * line.quantity), to_ore(actual * line.quantity)
        if not line_tol.allows(agreed, invoiced):
            more = "for mye" if invoiced > agreed else "for lite"
            out.append(
                Finding(
                    "l",
                    f"Enhetspris {nb(actual)} avviker fra {what} {nb(expected)} på ordredatoen: for "
                    f"{nb(line.quantity)} {line.unit or ''} er linjen {kr(invoiced)}, ikke "
                    f"{kr(agreed)} ({kr(abs(invoiced - agreed))} {more})",
                    line=line.line_no,
                    expected=show(expected),
                    actual=show(actual),
                    difference=invoiced - agreed,
                )
            )
    return out


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


def check_n(ctx: ControlContext) -> list[Finding]:
    """n: discounts and fees agree with the agreement: a line discount not below the agreed one,
    line fees not above the price list's fees, other header charges only when agreed."""
    out = []
    tol = ctx.settings.tolerance("n")
    for line in ctx.invoice.lines:
        row = ctx.prices.get(line.line_no)
        for ac in line.allowances_charges:
            if ac.is_charge:
                limit = row.fees * line.quantity if row is not None and row.fees else None
                if limit is None and allowed_charge(ctx, (ac.reason_code, line.seller_article_no), ac.amount):
                    continue
                if limit is None or ac.amount > limit and not tol.allows(limit, ac.amount):
                    out.append(
                        Finding(
                            "n",
                            f"Gebyr {nb(ac.amount)} kr på linjen er ikke avtalt",
                            line=line.line_no,
                            expected=show(limit) if limit is not None else "ingen",
                            actual=show(ac.amount),
                            difference=ac.amount - (limit or ZERO),
                        )
                    )
            elif (
                ac.percent is not None
                and row is not None
                and row.discount_pct is not None
                and line.gross_price is not None
                and ac.percent < row.discount_pct - tol.pct
            ):
                out.append(
                    Finding(
                        "n",
                        f"Rabatt {nb(ac.percent)} % er lavere enn avtalt {nb(row.discount_pct)} %",
                        line=line.line_no,
                        expected=show(row.discount_pct),
                        actual=show(ac.percent),
                    )
                )
    for ac in ctx.invoice.allowances_charges:
        if (
            ac.is_charge
            and not is_freight(ac.reason_code, ac.reason)
            and not allowed_charge(ctx, (ac.reason_code, ac.reason), ac.amount)
        ):
            out.append(
                Finding(
                    "n",
                    f"Tillegg «{ac.reason or ac.reason_code}» {nb(ac.amount)} kr er ikke avtalt",
                    expected="0.00",
                    actual=show(ac.amount),
                    difference=ac.amount,
                )
            )
    return out


def check_o(ctx: ControlContext) -> list[Finding]:
    """o: the VAT rate of every line is the article's rate in master data (default rate when the
    price list gives none; supplier-added lines use the default rate)."""
    out = []
    for line, _, order, _ in ctx.resolved:
        if order is None and not ctx.is_credit:
            continue
        row = ctx.prices.get(line.line_no)
        expected = row.vat_pct if row is not None and row.vat_pct is not None else ctx.agreement.default_vat
        actual = line.vat_rate
        if (
            line.vat_category in ("E", "AE", "Z", "O", "K", "G")
            and actual in (None, ZERO)
            and expected == ZERO
        ):
            continue
        if actual is None or actual != expected:
            out.append(
                Finding(
                    "o",
                    f"Momssats {nb(actual) or 'mangler'} % er ikke {nb(expected)} % som i varedata",
                    line=line.line_no,
                    expected=show(expected),
                    actual=show(actual),
                )
            )
    return out


__all__ = ["check_k", "check_l", "check_m", "check_n", "check_o", "unit_price", "as_int"]
