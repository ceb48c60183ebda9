"""EHF and EDIFACT versions of the same invoice (the golden files) give the same findings, also
after a round trip through the store; VAT at 25 % and 15 % on one invoice; øreavrunding."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal as D
from pathlib import Path

import pytest

from vareflyt.edi.mappings import invoic
from vareflyt.edi.reader import read_interchanges
from vareflyt.edi.ubl import read_ehf
from vareflyt.rules.invoice_control import (
    Agreement,
    ControlContext,
    OrderInfo,
    OrderLineInfo,
    PriceRow,
    control,
)
from vareflyt.rules.invoice_control.arithmetic import rounding_ok, vat_buckets
from vareflyt.store import invoice_reading, invoice_storage

from .base import context, invoice, totals

DATA = Path(__file__).resolve().parents[1] / "data"
ORDER = "4500012345"
SUPPLIER, BUYER = "7080007654324", "7080001234560"


def golden(kind: str):
    name = {
        "invoice": ("invoic.edi", "invoice_F-100233.xml"),
        "credit": ("invoic_credit_note.edi", "creditnote_K-100301.xml"),
    }[kind]
    msg = read_interchanges((DATA / "edi_golden" / name[0]).read_bytes()).messages[0]
    edi, issues = invoic.from_segments(msg.body, message_ref=msg.number)
    ehf, issues2 = read_ehf((DATA / "ehf" / name[1]).read_bytes())
    assert edi is not None and ehf is not None, (issues, issues2)
    return edi, ehf


def golden_context(inv, **kw) -> ControlContext:
    lines = {
        1: OrderLineInfo(1, "GP-1224", "7012345000013", "41234567", "EA", D(20), D(20), D(20)),
        2: OrderLineInfo(2, "SK-3925", "7012345000020", "22345678", "PA", D(3), D(3), D(3)),
        3: OrderLineInfo(3, "LK-4848", "7012345000037", "53456789", "MTR", D("36.6"), D("36.6"), D("36.6")),
        4: OrderLineInfo(4, "KF-500", "7012345000044", None, "EA", D(4), D(4), D(4)),
    }
    order = OrderInfo(
        ORDER, SUPPLIER, date(2026, 11, 2), lines, BUYER, "7080001234577", agreement_ref="AVT-2026-01"
    )  # the RFF+CT our order carried (check c)
    prices = {
        "1": PriceRow(D("89.90"), D(25)),
        "2": PriceRow(D("245.00"), D(25)),
        "3": PriceRow(D("129.00"), D(25), basis=D(10)),
        "4": PriceRow(D("54.90"), D(15)),
    }
    if inv.kind.value == "credit_note":
        prices = {ln.line_no: prices[ln.order_line] for ln in inv.lines}
    values = dict(
        invoice=inv,
        our_gln=BUYER,
        today=date(2026, 11, 21),
        orders={ORDER: order},
        prices=prices,
        known_despatches=frozenset({"DS-77001"}),
        received_by_despatch={("DS-77001", ORDER, n): ln.received_qty for n, ln in lines.items()},
        agreement=Agreement(payment_days=30, allowed_charges={"FC": D("350.00")}),
    )
    values.update(kw)
    return ControlContext(**values)


@pytest.mark.parametrize("kind", ["invoice", "credit"])
def test_golden_edifact_and_ehf_give_the_same_findings(kind):
    edi, ehf = golden(kind)
    a, b = control(golden_context(edi)), control(golden_context(ehf))
    assert a == b
    assert a == []  # both golden documents pass every check against their order


def test_golden_findings_survive_the_store(tmp_path):
    from vareflyt.workspace import init_workspace

    ws = init_workspace(tmp_path / "ws")
    try:
        edi, ehf = golden("invoice")
        wrong = replace(golden_context(edi).agreement, allowed_charges={})
        with ws.store.transaction() as conn:
            ids = [
                invoice_storage.add_invoice(conn, inv, fmt=fmt, received_at=datetime(2026, 11, 20))
                for inv, fmt in ((edi, "edifact"), (ehf, "ehf"))
            ]
        with ws.store.connect() as conn:
            loaded = invoice_reading.load_invoices(conn, invoice_reading.headers(conn))
        found = [control(golden_context(loaded[i], agreement=wrong)) for i in ids]
        assert found[0] == found[1] == control(golden_context(edi, agreement=wrong))
        assert [f.check for f in found[0]] == ["f"]  # freight not agreed
    finally:
        ws.close()


def test_vat_at_25_and_15_percent_on_one_invoice():
    edi, _ = golden("invoice")
    buckets = vat_buckets(edi)
    assert buckets[("S", D(25))] == (D("3218.39"), D("804.60"))  # header discount and freight at 25 %
    assert buckets[("S", D(15))] == (D("219.60"), D("32.94"))
    wrong = replace(
        edi, vat_breakdown=(edi.vat_breakdown[0], replace(edi.vat_breakdown[1], tax_amount=D("54.90")))
    )
    assert [f.check for f in control(golden_context(wrong))] == ["w"]


@pytest.mark.parametrize(
    "rounding,credit,ok",
    [
        ("0.46", False, True),  # 1377.54 -> 1378 (nearest krone)
        ("-0.54", False, True),  # -> 1377, in the buyer's favour
        ("0.40", False, False),  # not a whole krone
        ("1.46", False, False),  # a krone or more
        ("-0.54", True, False),  # a credit note rounded against the buyer
        ("0", False, True),  # no rounding
    ],
)
def test_oreavrunding(rounding, credit, ok):
    assert rounding_ok(D("1377.54"), D(rounding), credit) is ok


def test_rounding_mode_none_allows_no_rounding():
    from vareflyt.rules.invoice_control import ControlSettings

    inv = invoice()
    assert inv.totals.rounding == D("0.46")
    (f,) = control(context(inv, settings=ControlSettings(rounding="none")))
    assert (f.check, f.expected, f.actual) == ("t", "0", "0.46")
    assert (
        control(
            context(
                totals(inv, rounding=None, payable=inv.totals.tax_inclusive),
                settings=ControlSettings(rounding="none"),
            )
        )
        == []
    )
