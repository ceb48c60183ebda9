"""Checks p–w: the invoice's amounts recomputed with Decimal and the rounding rules, per VAT rate.

Each check compares one stated amount with what it must be, so one wrong amount fails one
check: p line amounts; q the line total; r header allowances and charges (a percentage one
recomputed from its base, and their sums); s the VAT total (recomputed per rate); t øreavrunding
of the amount due after prepaid; u the tax-exclusive and tax-inclusive totals; v the
sum of the stated parts (line total − allowances + charges + VAT + rounding − prepaid)
against the amount to pay; w the VAT breakdown per rate.
"""

from __future__ import annotations

from decimal import Decimal

from ...domain.invoices import AllowanceCharge
from ...domain.money import to_ore
from .arithmetic import header_sums, line_amount, nearest_krone, rate_key, rounding_ok
from .model import ZERO, ControlContext, Finding, Tolerance, kr, nb, show


def _money(value: Decimal | None) -> Decimal:
    return ZERO if value is None else value


def check_p(ctx: ControlContext) -> list[Finding]:
    """p: net line amount = quantity × price / basis − allowances + charges, rounded to øre."""
    tol = ctx.settings.tolerance("p")
    out = []
    for line in ctx.invoice.lines:
        expected = line_amount(line)
        if expected is not None and not tol.allows(expected, line.line_amount):
            out.append(
                Finding(
                    "p",
                    f"Linjebeløp {nb(line.line_amount)} er ikke antall × pris ± rabatter og "
                    f"gebyrer ({nb(expected)})",
                    line=line.line_no,
                    expected=show(expected),
                    actual=show(line.line_amount),
                    difference=line.line_amount - expected,
                )
            )
    return out


def check_q(ctx: ControlContext) -> list[Finding]:
    """q: the sum of the net line amounts equals the invoice's line total."""
    expected = sum((ln.line_amount for ln in ctx.invoice.lines), ZERO)
    stated = ctx.invoice.totals.line_total
    if stated is None or not ctx.settings.tolerance("q").allows(expected, stated):
        return [
            Finding(
                "q",
                f"Sum linjebeløp {nb(stated) or 'mangler'} er ikke summen av linjene {nb(expected)}",
                expected=show(expected),
                actual=show(stated),
                difference=None if stated is None else stated - expected,
            )
        ]
    return []


def _percent_wrong(ac: AllowanceCharge, tol: Tolerance) -> Finding | None:
    """A header allowance or charge given as a percentage of a base whose amount is not that
    percentage, rounded to øre (PEPPOL-EN16931-R040; EDIFACT ALC with PCD+3 and MOA+25)."""
    if ac.percent is None or ac.base_amount is None:
        return None
    expected = to_ore(ac.percent * ac.base_amount / 100)
    if tol.allows(expected, ac.amount):
        return None
    what = "Tillegget" if ac.is_charge else "Fradraget"
    return Finding(
        "r",
        f"{what} «{ac.reason or ac.reason_code or ''}» er {kr(ac.amount)}, men {nb(ac.percent)} % av "
        f"{kr(ac.base_amount)} er {kr(expected)}",
        expected=show(expected),
        actual=show(ac.amount),
        difference=ac.amount - expected if ac.is_charge else expected - ac.amount,
    )


def check_r(ctx: ControlContext) -> list[Finding]:
    """r: each header allowance or charge given as a percentage is that percentage of its base,
    and they add up to the stated allowance and charge totals."""
    acs = ctx.invoice.allowances_charges
    tol = ctx.settings.tolerance("r")
    out = [f for f in (_percent_wrong(ac, tol) for ac in acs) if f is not None]
    allowances, charges = header_sums(acs)
    totals = ctx.invoice.totals
    stated_a, stated_c = _money(totals.allowance_total), _money(totals.charge_total)
    if tol.allows(allowances, stated_a) and tol.allows(charges, stated_c):
        return out
    return out + [
        Finding(
            "r",
            "Sum tillegg/fradrag på fakturanivå stemmer ikke",
            expected=f"−{show(allowances)} +{show(charges)}",
            actual=f"−{show(stated_a)} +{show(stated_c)}",
            difference=(stated_c - stated_a) - (charges - allowances),
        )
    ]


def check_s(ctx: ControlContext) -> list[Finding]:
    """s: the VAT amount equals the VAT computed per rate from lines and header charges."""
    expected = sum((vat for _, vat in ctx.vat.values()), ZERO)
    stated = ctx.invoice.totals.vat_total
    if stated is None or not ctx.settings.tolerance("s").allows(expected, stated):
        return [
            Finding(
                "s",
                f"Momsbeløp {nb(stated) or 'mangler'} skal være {nb(expected)}",
                expected=show(expected),
                actual=show(stated),
                difference=None if stated is None else stated - expected,
            )
        ]
    return []


def check_t(ctx: ControlContext) -> list[Finding]:
    """t: øreavrunding — none, or to a whole krone (nearest, or in the buyer's favour) of the
    amount due: the total with VAT less what was prepaid (EHF BR-CO-16: payable = tax inclusive −
    prepaid + rounding; EDIFACT MOA+165)."""
    totals = ctx.invoice.totals
    rounding = _money(totals.rounding)
    inclusive = totals.tax_inclusive
    if inclusive is None:
        return []
    due = inclusive - _money(totals.prepaid)
    if rounding_ok(due, rounding, ctx.is_credit, ctx.settings.rounding):
        return []
    expected = ZERO if ctx.settings.rounding == "none" else nearest_krone(due) - due
    rule = "skal ikke avrundes" if ctx.settings.rounding == "none" else f"til nærmeste krone: {nb(expected)}"
    of = (
        f"{kr(due)} (fakturatotal {kr(inclusive)} − forskudd {kr(totals.prepaid)})"
        if totals.prepaid
        else kr(due)
    )
    return [
        Finding(
            "t",
            f"Øreavrunding {nb(rounding)} av {of} er feil ({rule})",
            expected=show(expected),
            actual=show(rounding),
            difference=rounding - expected,
        )
    ]


def check_u(ctx: ControlContext) -> list[Finding]:
    """u: the invoice totals are right: tax exclusive = lines − allowances + charges, and tax
    inclusive = tax exclusive + VAT."""
    totals = ctx.invoice.totals
    tol = ctx.settings.tolerance("u")
    out = []
    base = _money(totals.line_total) - _money(totals.allowance_total) + _money(totals.charge_total)
    if totals.tax_exclusive is not None and not tol.allows(base, totals.tax_exclusive):
        out.append(
            Finding(
                "u",
                f"Sum eks. mva {nb(totals.tax_exclusive)} skal være {nb(base)}",
                expected=show(base),
                actual=show(totals.tax_exclusive),
                difference=totals.tax_exclusive - base,
            )
        )
    exclusive = base if totals.tax_exclusive is None else totals.tax_exclusive
    inclusive = exclusive + _money(totals.vat_total)
    if totals.tax_inclusive is not None and not tol.allows(inclusive, totals.tax_inclusive):
        out.append(
            Finding(
                "u",
                f"Fakturatotal inkl. mva {nb(totals.tax_inclusive)} skal være {nb(inclusive)}",
                expected=show(inclusive),
                actual=show(totals.tax_inclusive),
                difference=totals.tax_inclusive - inclusive,
            )
        )
    return out


def check_v(ctx: ControlContext) -> list[Finding]:
    """v: line total − allowances + charges + VAT + rounding − prepaid equals the amount to pay."""
    t = ctx.invoice.totals
    expected = (
        _money(t.line_total)
        - _money(t.allowance_total)
        + _money(t.charge_total)
        + _money(t.vat_total)
        + _money(t.rounding)
        - _money(t.prepaid)
    )
    if t.payable is None or not ctx.settings.tolerance("v").allows(expected, t.payable):
        return [
            Finding(
                "v",
                f"Å betale {nb(t.payable) or 'mangler'} er ikke summen av delbeløpene {nb(expected)}",
                expected=show(expected),
                actual=show(t.payable),
                difference=None if t.payable is None else t.payable - expected,
            )
        ]
    return []


def check_w(ctx: ControlContext) -> list[Finding]:
    """w: the VAT breakdown has one entry per rate with the right taxable amount and VAT."""
    tol = ctx.settings.tolerance("w")
    computed = ctx.vat
    stated = {rate_key(v.category, v.rate): v for v in ctx.invoice.vat_breakdown}
    out = []
    for key in sorted(set(computed) | set(stated)):
        base, vat = computed.get(key, (ZERO, ZERO))
        given = stated.get(key)
        label = f"{key[0]} {nb(key[1])} %"
        if given is None:
            if base or vat:
                out.append(
                    Finding(
                        "w",
                        f"Momsspesifikasjonen mangler sats {label}",
                        expected=f"{show(base)} / {show(vat)}",
                        actual="mangler",
                        difference=vat,
                    )
                )
        elif not (tol.allows(base, given.taxable_amount) and tol.allows(vat, given.tax_amount)):
            out.append(
                Finding(
                    "w",
                    f"Momsspesifikasjonen for {label} stemmer ikke",
                    expected=f"{show(base)} / {show(vat)}",
                    actual=f"{show(given.taxable_amount)} / {show(given.tax_amount)}",
                    difference=given.tax_amount - vat,
                )
            )
    return out
