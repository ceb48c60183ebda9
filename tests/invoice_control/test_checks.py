"""Checks a–w on literal contexts: the base invoice passes everything; each variant fails
exactly one check (and passes all the others)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest

from vareflyt.domain.invoices import AllowanceCharge
from vareflyt.domain.orders import PartyRef
from vareflyt.rules.invoice_control import (
    APPROVED,
    CHECK_LETTERS,
    CHECKS,
    DEVIATION,
    REJECTED,
    Agreement,
    complete,
    control,
    outcome,
)

from .base import ORDER, OUR, base_lines, context, invoice, line, plus, totals


def lines_with(n, **changes):
    base = list(base_lines())
    base[n - 1] = replace(base[n - 1], **changes)
    return tuple(base)


def _a():
    return context(duplicate_of="F-1 (edifact, 10.03.2026)")


def _b():
    return context(invoice(due_date=date(2026, 3, 20)))


def _c():
    return context(has_price_list=False)


def _d():
    inv = invoice(
        order_refs=("999999",), lines=tuple(replace(ln, order_no="999999") for ln in invoice().lines)
    )
    return context(inv)


def _e():
    return context(invoice(buyer=PartyRef(gln="7080000000043")))


def _f():
    freight = AllowanceCharge(True, D("350.00"), "FC", "Frakt", vat_category="S", vat_rate=D(25))
    return context(invoice(allowances_charges=(freight,)))


def _g():
    return context(agreement=Agreement(currency="SEK"))


def _h():
    return context(invoice(currency="EUR"), agreement=Agreement(currency="EUR"))


def _i():
    return context(invoice(*lines_with(1, order_line=None)))


def _j():
    return context(invoice(despatch_refs=()))


def _k():
    return context(invoice(*lines_with(1, seller_article_no="X-999")))


def _l():
    return context(invoice(*lines_with(2, net_price=D("95.00"))))


def _m():
    return context(invoice(*lines_with(1, quantity=D(12))))


def _n():
    fee = AllowanceCharge(True, D("20.00"), "ABL", "Miljøgebyr")
    return context(invoice(*lines_with(2, allowances_charges=(fee,))))


def _o():
    return context(invoice(*lines_with(3, vat_rate=D(25))))


def _p():
    inv = invoice()
    bad = replace(inv, lines=(replace(inv.lines[0], line_amount=D("465.00")),) + inv.lines[1:])
    return context(complete(bad, line_amounts=False))


def _q():
    t = invoice().totals
    return context(
        totals(
            invoice(),
            line_total=plus(t.line_total),
            tax_exclusive=plus(t.tax_exclusive),
            tax_inclusive=plus(t.tax_inclusive),
            payable=plus(t.payable),
        )
    )


def _r():
    discount = AllowanceCharge(False, D("100.00"), "95", "Rabatt", vat_category="S", vat_rate=D(25))
    inv = invoice(allowances_charges=(discount,))
    t = inv.totals
    return context(
        totals(
            inv,
            allowance_total=D("90.00"),
            tax_exclusive=plus(t.tax_exclusive),
            tax_inclusive=plus(t.tax_inclusive),
            payable=plus(t.payable),
        )
    )


def _s():
    t = invoice().totals
    return context(
        totals(
            invoice(),
            vat_total=plus(t.vat_total),
            tax_inclusive=plus(t.tax_inclusive),
            payable=plus(t.payable),
        )
    )


def _t():
    t = invoice().totals
    return context(totals(invoice(), rounding=D("0.40"), payable=t.tax_inclusive + D("0.40")))


def _u():
    t = invoice().totals
    return context(totals(invoice(), tax_exclusive=plus(t.tax_exclusive)))


def _v():
    t = invoice().totals
    return context(totals(invoice(), payable=plus(t.payable, "1.00")))


def _w():
    inv = invoice()
    first = inv.vat_breakdown[0]
    return context(
        replace(
            inv,
            vat_breakdown=(replace(first, taxable_amount=plus(first.taxable_amount)),)
            + inv.vat_breakdown[1:],
        )
    )


VARIANTS = {
    name[1]: fn for name, fn in globals().items() if len(name) == 2 and name[0] == "_" and callable(fn)
}


def test_every_check_has_a_variant():
    assert "".join(sorted(VARIANTS)) == CHECK_LETTERS == "".join(CHECKS)


def test_base_invoice_passes_every_check_and_is_approved():
    ctx = context()
    assert control(ctx) == []
    assert outcome(ctx)[0] == APPROVED
    assert ctx.invoice.totals.vat_total == D("257.94")  # 25 % of 900.00 + 15 % of 219.60 (32.94)
    assert ctx.invoice.totals.payable == D("1378.00")  # 1377.54 rounded to the krone


@pytest.mark.parametrize("letter", list(CHECK_LETTERS))
def test_variant_fails_exactly_its_check(letter):
    findings = control(VARIANTS[letter]())
    assert {f.check for f in findings} == {letter}, [f.to_dict() for f in findings]
    for f in findings:
        assert f.message and f.check == letter
        assert set(f.to_dict()) == {"check", "line", "expected", "actual", "message"}


def test_findings_name_line_expected_and_actual():
    (price,) = control(_l())
    assert (price.line, price.expected, price.actual) == ("2", "89.00", "95.00")
    assert price.difference == D("30.00")
    (qty,) = control(_m())
    assert (qty.line, qty.expected, qty.actual, qty.waits) == ("1", "10", "12", False)


@pytest.mark.parametrize(
    "letter,status",
    [("a", REJECTED), ("d", REJECTED), ("e", REJECTED), ("l", DEVIATION), ("m", DEVIATION), ("w", DEVIATION)],
)
def test_outcome_per_kind_of_failure(letter, status):
    assert outcome(VARIANTS[letter]())[0] == status


def test_buyer_gln_check_uses_our_gln():
    assert {f.check for f in control(context(our_gln="7080000000043"))} == {"e"}
    assert OUR in {f.expected for f in control(_e())}
    assert ORDER


def _with_added_freight(price):
    from .base import order, order_lines

    lines = dict(order_lines())
    lines[4] = replace(
        lines[1],
        line_no=4,
        article_no="FRAKT",
        gtin=None,
        unit="EA",
        ordered_qty=D(1),
        expected_qty=D(1),
        received_qty=D(1),
        net_price=D("650.00"),
        added=True,
    )
    freight = replace(line(4, 1, price, "FRAKT"), order_line="4")
    inv = invoice(*lines_with(1), freight)
    return context(inv, orders={ORDER: order(lines=lines)})


def test_freight_line_announced_in_the_order_response_is_accepted_at_that_price():
    assert control(_with_added_freight("650.00")) == []
    (f,) = control(_with_added_freight("700.00"))
    assert (f.check, f.line, f.expected, f.actual) == ("f", "4", "650.00", "700.00")


def test_header_freight_is_accepted_when_the_agreement_allows_it_and_never_when_franko():
    ctx = _f()
    allowed = replace(ctx, agreement=Agreement(allowed_charges={"FC": D("400")}))
    assert control(allowed) == []
    franko = replace(ctx, agreement=Agreement(allowed_charges={"FC": None}, free_freight=True))
    assert [f.check for f in control(franko)] == ["f"]


def test_line_fee_within_the_price_list_fees_passes_n():
    from .base import PRICES

    ctx = _n()
    prices = dict(PRICES, **{"2": replace(PRICES["2"], fees=D("4.00"))})
    assert control(replace(ctx, prices=prices)) == []  # 5 × 4.00 = 20.00 allowed


def test_price_per_basis_quantity_is_compared_per_unit():
    from .base import PRICES

    inv = invoice(*lines_with(1, net_price=D("455.00"), price_base_qty=D(10)))
    assert inv.lines[0].line_amount == D("455.00")
    assert control(context(inv)) == []
    per_ten = dict(PRICES, **{"1": replace(PRICES["1"], net=D("455.00"), basis=D(10))})
    assert control(context(invoice(), prices=per_ten)) == []


def test_a_non_blocking_finding_does_not_hold_approval():
    from vareflyt.rules.invoice_control import ControlSettings

    relaxed = ControlSettings(blocking=frozenset(CHECK_LETTERS) - {"b"})
    ctx = replace(_b(), settings=relaxed)
    (f,) = control(ctx)
    assert not f.blocking and outcome(ctx)[0] == APPROVED


def test_tolerance_absolute_and_percent():
    from vareflyt.rules.invoice_control import ControlSettings, Tolerance

    ctx = _l()  # 95.00 against 89.00 (6.7 %)
    per_unit = {"l": Tolerance(D("6.00"))}  # 5 × 6.00 = 30.00 on the line
    assert outcome(replace(ctx, settings=ControlSettings(tolerances=per_unit)))[0] == DEVIATION
    lenient = dict(per_unit, line_amount=Tolerance(D("30.00")))
    assert outcome(replace(ctx, settings=ControlSettings(tolerances=lenient)))[0] == APPROVED
    assert (
        outcome(replace(ctx, settings=ControlSettings(tolerances={"l": Tolerance(pct=D("5"))})))[0]
        == DEVIATION
    )
    assert (
        outcome(replace(ctx, settings=ControlSettings(tolerances={"l": Tolerance(pct=D("7"))})))[0]
        == APPROVED
    )


def test_agreed_service_line_without_order_line_is_judged_by_f_only():
    freight = replace(line(4, 1, "450.00", "FRAKT"), order_line=None, name="Frakt")
    ctx = context(invoice(*lines_with(1), freight), agreement=Agreement(allowed_charges={"FRAKT": D("500")}))
    assert control(ctx) == []
    over = replace(ctx, agreement=Agreement(allowed_charges={"FRAKT": D("400")}))
    assert [(f.check, f.line) for f in control(over)] == [("f", "4")]
    unknown = replace(ctx, agreement=Agreement())
    assert sorted(f.check for f in control(unknown)) == ["f", "i"]
