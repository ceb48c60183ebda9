"""Checks k, l, n and o, line by line: article number, unit price on the order date, discounts
and fees against the agreement, VAT rate against master data. Check m (quantity and unit against
what was received) is in ``quantity``.

Lines that do not resolve to an order line are left to checks d and i; lines the supplier
added in the order response (freight, fees) are judged by check f, not by price or quantity.

Check l compares the unit price and, since a tolerance of one øre per unit is 200 kr on 20 000
units, also what the price difference makes on the line (tolerance ``line_amount``: kroner per
line, and l's percentage).
"""

from __future__ import annotations

from decimal import Decimal

from ...domain.money import to_ore
from .freight import allowed_charge, is_freight
from .model import LINE_AMOUNT, ZERO, ControlContext, Finding, Tolerance, kr, nb, show

ONE = Decimal(1)


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


__all__ = ["check_k", "check_l", "check_n", "check_o", "unit_price"]
