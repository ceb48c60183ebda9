"""Issue 15: invoices the checks used to approve (or hold) against the guide (seed 004 §7) — the
header and totals cases. Each invoice is EDIFACT typed out as a supplier's system writes it,
checked against order 100001 with the settings a new workspace ships, and fails exactly the one
check its case is about; its twin passes.

c: an agreement and price list nobody knows; h: an EUR rate of 1.00 or inverted; r: a
percentage allowance whose amount is not the percentage of its base; t: øreavrunding of the
amount due after a prepaid amount.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from vareflyt.rules.invoice_control import APPROVED, DEVIATION, control, outcome

from .base import ORDER, context, order
from .guide_invoices import configured, read_invoice

OLD_REFS = "RFF+CT:AVT-2019-GAMMEL'RFF+PL:PL-2019'"


def test_c_unknown_agreement_and_price_list_are_deviations_that_say_how_to_accept_them():
    ctx = context(read_invoice(refs=OLD_REFS), **configured())
    agreement, price_list = control(ctx)
    assert (agreement.check, agreement.actual, agreement.expected) == ("c", "AVT-2019-GAMMEL", "kjent avtale")
    assert 'contract_refs under [invoice_control.suppliers."7080000000029"]' in agreement.message
    assert (price_list.check, price_list.actual) == ("c", "PL-2019")
    assert 'price_list_refs under [invoice_control.suppliers."7080000000029"]' in price_list.message
    assert outcome(ctx)[0] == DEVIATION


def test_c_an_agreement_other_than_the_one_the_order_carried_is_a_deviation():
    ctx = context(
        read_invoice(refs="RFF+CT:AVT-2019-GAMMEL'"),
        orders={ORDER: order(agreement_ref="AVT-2026-01")},
        **configured(),
    )
    assert [(f.check, f.expected, f.actual) for f in control(ctx)] == [
        ("c", "AVT-2026-01", "AVT-2019-GAMMEL")
    ]


@pytest.mark.parametrize("known", ["order", "settings", "approved list"])
def test_c_twins_references_we_know_pass(known):
    inv = read_invoice(refs=OLD_REFS)
    if known == "order":  # the RFF+CT / RFF+PL our order carried
        ctx = context(
            inv,
            orders={ORDER: order(agreement_ref="AVT-2019-GAMMEL", price_list_ref="PL-2019")},
            **configured(),
        )
    elif known == "settings":
        ctx = context(
            inv,
            **configured(
                '[invoice_control.suppliers."7080000000029"]\n'
                'contract_refs = ["AVT-2019-GAMMEL"]\nprice_list_refs = ["PL-2019"]\n'
            ),
        )
    else:  # an approved list's own reference, any case
        ctx = context(
            inv,
            orders={ORDER: order(agreement_ref="avt-2019-gammel")},
            price_list_refs=frozenset({"pl-2019"}),
            **configured(),
        )
    assert control(ctx) == []


EUR = '[invoice_control]\ncurrency = "EUR"\n'


@pytest.mark.parametrize("rate,why", [("1.00", "utenfor det rimelige området"), ("0.085", "snudd")])
def test_h_implausible_eur_rate_is_a_deviation(rate, why):
    ctx = context(read_invoice(currency=f"CUX+2:EUR:4+3:NOK:11+{rate}'"), **configured(EUR))
    assert ctx.invoice.exchange_rate == D(rate)
    (found,) = control(ctx)
    assert (found.check, found.actual, found.expected) == ("h", rate, "9.00–13.50")
    assert why in found.message and "[invoice_control.exchange_rates]" in found.message
    if why == "snudd":
        assert "1 EUR er da 11,7647 NOK" in found.message
    assert outcome(ctx)[0] == DEVIATION


def test_h_twin_a_normal_eur_rate_passes():
    assert control(context(read_invoice(currency="CUX+2:EUR:4+3:NOK:11+11.49'"), **configured(EUR))) == []


def test_h_a_sek_rate_per_100_is_named_as_such():
    ctx = context(
        read_invoice(currency="CUX+2:SEK:4+3:NOK:11+98.50'"),
        **configured('[invoice_control]\ncurrency = "SEK"\n'),
    )
    (found,) = control(ctx)
    assert found.check == "h" and "100 SEK" in found.message


def test_h_the_shop_owner_can_widen_a_range():
    toml = EUR + '[invoice_control.exchange_rates]\nEUR = ["0.50", "13.50"]\n'
    assert control(context(read_invoice(currency="CUX+2:EUR:4+3:NOK:11+1.00'"), **configured(toml))) == []


def percent_discount(amount: str, summary: str):
    return read_invoice(
        charges=f"ALC+A++++95:::Fakturarabatt 2 %'PCD+3:2'MOA+204:{amount}'MOA+25:1277.00'"
        "TAX+7+VAT+++:::25+S'",
        summary=summary,
    )


def test_r_two_percent_of_1277_stated_as_10_kr_is_a_deviation():
    inv = percent_discount(
        "10.00",
        "UNS+S'CNT+2:3'MOA+79:1119.60'MOA+260:10.00'MOA+125:1109.60'MOA+176:255.44'"
        "MOA+77:1365.04'MOA+165:-0.04'MOA+9:1365.00'TAX+7+VAT+++:::25+S'MOA+125:890.00'"
        "MOA+124:222.50'TAX+7+VAT+++:::15+S'MOA+125:219.60'MOA+124:32.94'",
    )
    assert (inv.allowances_charges[0].percent, inv.allowances_charges[0].base_amount) == (D(2), D("1277.00"))
    ctx = context(inv, **configured())
    (found,) = control(ctx)
    assert (found.check, found.expected, found.actual, found.difference) == (
        "r",
        "25.54",
        "10.00",
        D("15.54"),
    )
    assert "2 % av 1 277,00 kr er 25,54 kr" in found.message
    assert outcome(ctx)[0] == DEVIATION


def test_r_twin_two_percent_stated_as_25_54_passes():
    inv = percent_discount(
        "25.54",
        "UNS+S'CNT+2:3'MOA+79:1119.60'MOA+260:25.54'MOA+125:1094.06'MOA+176:251.56'"
        "MOA+77:1345.62'MOA+165:0.38'MOA+9:1346.00'TAX+7+VAT+++:::25+S'MOA+125:874.46'"
        "MOA+124:218.62'TAX+7+VAT+++:::15+S'MOA+125:219.60'MOA+124:32.94'",
    )
    assert control(context(inv, **configured())) == []


def prepaid(rounding: str, payable: str):
    mark = f"MOA+165:{rounding}'" if rounding else ""
    return read_invoice(
        summary=f"UNS+S'CNT+2:3'MOA+79:1119.60'MOA+125:1119.60'MOA+176:257.94'MOA+77:1377.54'"
        f"MOA+113:100.50'{mark}MOA+9:{payable}'TAX+7+VAT+++:::25+S'MOA+125:900.00'"
        "MOA+124:225.00'TAX+7+VAT+++:::15+S'MOA+125:219.60'MOA+124:32.94'"
    )


@pytest.mark.parametrize(
    "rounding,payable",
    [
        ("-0.04", "1277.00"),  # 1 377.54 − 100.50 = 1 277.04 → 1 277
        ("", "1277.04"),
    ],
)  # no rounding at all
def test_t_rounding_of_the_amount_due_after_prepaid_is_approved(rounding, payable):
    ctx = context(prepaid(rounding, payable), **configured())
    assert ctx.invoice.totals.prepaid == D("100.50")
    assert control(ctx) == [] and outcome(ctx)[0] == APPROVED


def test_t_wrong_rounding_with_prepaid_is_still_a_deviation():
    ctx = context(prepaid("0.46", "1277.50"), **configured())  # rounded as if nothing was prepaid
    (found,) = control(ctx)
    assert (found.check, found.expected, found.actual) == ("t", "-0.04", "0.46")
    assert "1 277,04 kr" in found.message and "forskudd 100,50 kr" in found.message
    assert outcome(ctx)[0] == DEVIATION
