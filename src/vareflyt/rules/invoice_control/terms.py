"""Checks c, g and h: the invoice against the agreement's terms — the agreement and price list
it cites, its currency and its exchange rate (seed 004 §7 c, g, h).

c: the supplier has an approved price list that applied on the order date (when
``price_list_required``); the agreement the invoice cites (RFF+CT / ContractDocumentReference)
is the one the order carried or one configured in ``contract_refs``; the price list it cites
(RFF+PL) is the one the order carried, a supplier reference of one of the supplier's approved,
not withdrawn price lists (``ctx.price_list_refs``) or one configured in ``price_list_refs``. A
reference that matches none is a finding whose message says which setting accepts it;
references are compared without regard to case and surrounding spaces. An invoice that cites
none is not a finding (the order and the price on the order date already tie it to the terms).

h: the rate must be NOK per one unit of the currency (EDIFACT CUX rate, UBL CalculationRate) and
lie in the plausible range for that currency: ``Agreement.exchange_rates``, which holds
``model.PLAUSIBLE_NOK_RATES`` (EUR, SEK, DKK, USD, GBP) unless ``[invoice_control.exchange_rates]``
sets a currency's range. A rate that fits the range once inverted (NOK per EUR written as EUR
per NOK) or divided by 100 (a rate per 100 units, as Norges Bank quotes SEK and DKK) is still a
finding, with a message that says so. For a currency without a range, any positive rate passes.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from .model import ControlContext, Finding, nb, show

WHERE = 'under [invoice_control.suppliers."{gln}"] i vareflyt.toml'


def _key(ref: str) -> str:
    return ref.strip().casefold()


def _unknown(ref: str, known: Iterable[str | None]) -> list[str] | None:
    """What we know (sorted) when ``ref`` matches none of it, else None."""
    known = sorted({k.strip() for k in known if k and k.strip()})
    return None if _key(ref) in {_key(k) for k in known} else known


def check_c(ctx: ControlContext) -> list[Finding]:
    """c: refers to a valid agreement / price list, and it exists."""
    inv, agr = ctx.invoice, ctx.agreement
    out = []
    if agr.price_list_required and not ctx.has_price_list:
        out.append(
            Finding(
                "c",
                "Leverandøren har ingen godkjent prisliste som gjaldt på ordredatoen",
                expected="prisliste",
                actual="ingen",
            )
        )
    contract, price_list = (inv.contract_ref or "").strip(), (inv.price_list_ref or "").strip()
    if not contract and not price_list:
        return out
    where = WHERE.format(gln=inv.supplier.gln or "<leverandørens GLN>")
    orders = ctx.orders.values()
    if (
        contract
        and (known := _unknown(contract, [*agr.contract_refs, *(o.agreement_ref for o in orders)]))
        is not None
    ):
        out.append(
            Finding(
                "c",
                f"Fakturaen viser til avtale {contract}, som verken ordren eller avtalene registrert "
                f"for leverandøren har. Er avtalen gyldig, legg den til i contract_refs {where}",
                expected=", ".join(known) or "kjent avtale",
                actual=contract,
            )
        )
    if (
        price_list
        and (
            known := _unknown(
                price_list, [*agr.price_list_refs, *ctx.price_list_refs, *(o.price_list_ref for o in orders)]
            )
        )
        is not None
    ):
        out.append(
            Finding(
                "c",
                f"Fakturaen viser til prisliste {price_list}, som verken ordren eller en godkjent "
                f"prisliste fra leverandøren har. Godkjenn prislisten (vareflyt prices approve), eller "
                f"legg referansen til i price_list_refs {where}",
                expected=", ".join(known) or "kjent prisliste",
                actual=price_list,
            )
        )
    return out


ONE, HUNDRED = Decimal(1), Decimal(100)


def check_g(ctx: ControlContext) -> list[Finding]:
    """g: the invoice currency is the agreed one."""
    cur = ctx.invoice.currency or "NOK"
    if cur.upper() != ctx.agreement.currency.upper():
        return [
            Finding(
                "g",
                f"Fakturaen er i {cur}, avtalt valuta er {ctx.agreement.currency}",
                expected=ctx.agreement.currency,
                actual=cur,
            )
        ]
    return []


def _why(rate: Decimal, low: Decimal, high: Decimal, cur: str) -> str | None:
    """What is wrong with ``rate`` for a currency whose plausible range is low–high (None: nothing)."""
    if low <= rate <= high:
        return None
    if low <= ONE / rate <= high:
        return (
            f"ser ut til å være snudd ({cur} per NOK i stedet for NOK per {cur}): 1 {cur} er da "
            f"{nb((ONE / rate).quantize(Decimal('0.0001')))} NOK"
        )
    if low <= rate / HUNDRED <= high:
        return f"ser ut til å gjelde 100 {cur}; fakturaen skal oppgi NOK for 1 {cur}"
    return "er utenfor det rimelige området"


def check_h(ctx: ControlContext) -> list[Finding]:
    """h: an exchange rate to NOK is given and plausible when the currency is not NOK."""
    cur = (ctx.invoice.currency or "NOK").upper()
    if cur == "NOK":
        return []
    rate = ctx.invoice.exchange_rate
    span = ctx.agreement.exchange_rates.get(cur)
    expected = f"{show(span[0])}–{show(span[1])}" if span else "kurs > 0"
    if rate is None or rate <= 0:
        what = "mangler" if rate is None else f"{nb(rate)} er ikke en gyldig kurs"
        return [Finding("h", f"Valutakurs {cur}/NOK {what}", expected=expected, actual=show(rate))]
    why = _why(rate, *span, cur) if span else None
    if why is None or span is None:
        return []
    return [
        Finding(
            "h",
            f"Valutakurs {cur}/NOK {nb(rate)} {why}. Rimelig kurs er {nb(span[0])}–{nb(span[1])} NOK per "
            f"{cur}; er kursen riktig, endre {cur} under [invoice_control.exchange_rates] i vareflyt.toml",
            expected=expected,
            actual=show(rate),
        )
    ]
