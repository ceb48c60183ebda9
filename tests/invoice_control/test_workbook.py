"""The invoice tables in Innkjop.xlsx, people's decisions there, deviation notices, the
[invoice_control] settings, the scorecard and the CLI contract."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal as D

import openpyxl
import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from vareflyt.config import ConfigError
from vareflyt.config import invoice_control as settings
from vareflyt.excel.openpyxl_adapter import OpenpyxlWorkbook
from vareflyt.jobs.invoices.run import reconcile_invoices
from vareflyt.rules.scorecard import Confirmation, ControlledInvoice, Delivery, price_change_pct, scorecard
from vareflyt.store.tables.core import processing_log
from vareflyt.store.tables.invoices import invoice_decisions

from . import flow
from .flow import invoice, send

RUN = date(2026, 3, 4)


@pytest.fixture
def ws(tmp_path):
    with flow.workspace(tmp_path / "ws") as workspace:
        yield workspace


def run(ws, on=RUN):
    return reconcile_invoices(ws, on=on, now=datetime.combine(on, datetime.min.time()))


def table(ws, key):
    book = OpenpyxlWorkbook(ws.purchasing_workbook)
    try:
        return book.read_table(key)
    finally:
        book.close()


def priced_wrong(ws):
    from dataclasses import replace

    inv = invoice("F-1")
    send(ws, invoice("F-1", lines=(replace(inv.lines[0], net_price=D("49.00")),) + inv.lines[1:]))


def test_table_has_a_row_per_invoice_and_per_finding_coloured(ws):
    priced_wrong(ws)
    send(ws, invoice("F-2", {3: D(0)}, slips=()), ehf=True)  # a second, clean-but-empty-quantity invoice
    run(ws)
    rows = table(ws, "invoice_control")
    head = rows[rows["check"].isna()]
    assert list(head["invoice_no"]) == ["F-1", "F-2"] and list(head["result"])[0] == "avvik"
    finding = rows[rows["check"] == "l"].iloc[0]
    assert (finding["line_no"], finding["expected"], finding["actual"], finding["difference"]) == (
        1,
        D("45.50"),
        D("49.00"),
        D("35"),
    )
    sheet = openpyxl.load_workbook(ws.purchasing_workbook)["Fakturakontroll"]
    fills = {c.fill.fgColor.rgb[-6:] for c in sheet["K"][1:3]}
    assert "FFEB9C" in fills  # deviation: yellow
    invoices = table(ws, "supplier_invoices")
    assert list(invoices["invoice_no"]) == ["F-1", "F-2"] and invoices.iloc[0]["total"] == D("1533.00")
    assert "Leverandørscore" in openpyxl.load_workbook(ws.purchasing_workbook).sheetnames


def decide(ws, word, comment, who):
    book = OpenpyxlWorkbook(ws.purchasing_workbook)
    try:
        frame = book.read_table("invoice_control")
        index = frame[frame["check"].isna()].index[0]
        book.set_values(
            "invoice_control", int(index), {"decision": word, "decision_comment": comment, "decided_by": who}
        )
        book.save()
    finally:
        book.close()


def test_a_person_approves_a_deviation_and_the_next_run_respects_it(ws):
    priced_wrong(ws)
    assert run(ws).extra["invoices"][0]["status"] == "deviation"
    decide(ws, "Godkjenn", "Prisøkning avtalt på telefon", "kari")
    again = run(ws, date(2026, 3, 5))
    assert again.counts["decisions"] == 1 and again.extra["invoices"][0]["status"] == "approved"
    with ws.store.connect() as conn:
        (d,) = conn.execute(sa.select(invoice_decisions)).all()
        logged = conn.execute(
            sa.select(processing_log).where(processing_log.c.job == "invoices.decision")
        ).all()
    assert (d.decision, d.decided_by, d.comment) == ("approved", "kari", "Prisøkning avtalt på telefon")
    assert len(logged) == 1 and "kari" in logged[0].message
    third = run(ws, date(2026, 3, 6))
    assert third.counts["decisions"] == 0 and third.counts["checked"] == 0
    row = table(ws, "invoice_control").iloc[0]
    assert (row["decision"], row["decided_by"]) == ("godkjenn", "kari")


def test_a_person_rejects_an_invoice(ws):
    send(ws, invoice("F-1"))
    run(ws)
    decide(ws, "avvis", "Feil leveringsadresse", "ola")
    result = run(ws, date(2026, 3, 5))
    assert result.extra["invoices"][0]["status"] == "rejected"


def test_deviation_notice_per_supplier_in_html_and_pdf(ws):
    priced_wrong(ws)
    result = run(ws)
    html = ws.letters / "2026-03-04" / f"fakturaavvik-{flow.SUPPLIER}.html"
    assert str(html) in result.outputs and html.with_suffix(".pdf").read_bytes()[:4] == b"%PDF"
    text = html.read_text(encoding="utf-8")
    assert (
        "Faktura F-1" in text
        and "45,50" in text
        and "49,00" in text
        and "45.50" not in text
        and "Avvik i fakturaer" in text
    )
    again = run(ws, date(2026, 3, 5))  # still a deviation: not told twice
    assert not (ws.letters / "2026-03-05").exists() and again.counts.get("notices", 0) == 0


def test_settings_defaults_and_overrides():
    parsed = settings.parse(
        {
            "payment_days": 20,
            "tolerances": {"l": {"amount": "0.50", "pct": "1"}},
            "suppliers": {
                flow.SUPPLIER: {"payment_days": 45, "free_freight": True, "allowed_charges": {"FC": "650"}}
            },
        }
    )
    agreement, control = parsed.for_supplier(flow.SUPPLIER)
    assert (agreement.payment_days, agreement.free_freight, agreement.allowed_charges) == (
        45,
        True,
        {"FC": D(650)},
    )
    assert control.tolerance("l").amount == D("0.50") and control.tolerance("p").amount == D("0.01")
    assert parsed.for_supplier("7080000000036")[0].payment_days == 20


@pytest.mark.parametrize(
    "raw,key",
    [
        ({"blocking": "abz"}, "invoice_control.blocking"),
        ({"tolerances": {"x": {"amount": "1"}}}, "invoice_control.tolerances.x"),
        ({"rounding": "opp"}, "invoice_control.rounding"),
        ({"suppliers": {"123": {}}}, 'invoice_control.suppliers."123"'),
        ({"payment_dayz": 3}, "invoice_control.payment_dayz"),
    ],
)
def test_bad_settings_name_key_and_fix(raw, key):
    with pytest.raises(ConfigError) as err:
        settings.parse(raw)
    assert err.value.key == key and err.value.fix


def test_scorecard_figures():
    deliveries = [
        Delivery("A", date(2026, 3, 5), date(2026, 3, 5)),
        Delivery("A", date(2026, 3, 5), date(2026, 3, 6)),
    ]
    sent = [
        Confirmation("A", datetime(2026, 3, 1, 8), datetime(2026, 3, 1, 20)),
        Confirmation("A", datetime(2026, 3, 2, 8), datetime(2026, 3, 2, 14)),
        Confirmation("A", datetime(2026, 3, 3), None),
    ]
    invoices = [
        ControlledInvoice("A", "approved", 0),
        ControlledInvoice("A", "deviation", 1),
        ControlledInvoice("A", "approved", 1),
        ControlledInvoice("A", "waiting", 1),
    ]
    (score,) = scorecard(
        deliveries,
        sent,
        invoices,
        {"A": price_change_pct({"x": D(1), "y": D(2)}, {"x": D(1), "y": D(3)}, 365)},
    )
    assert (
        score.precision_pct,
        score.confirm_hours,
        score.invoices,
        score.accuracy_pct,
        score.price_change_pct,
    ) == (D("50.0"), D("9.0"), 3, D("33.3"), D("50.0"))


def test_cli_reconcile_json_contract(ws):
    from vareflyt.cli.app import app

    priced_wrong(ws)
    out = CliRunner().invoke(
        app, ["invoices", "reconcile", "--date", "2026-03-04", "--workspace", str(ws.root), "--json"]
    )
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    (inv,) = data["invoices"]
    assert {k: inv[k] for k in ("supplier_gln", "number", "kind", "status")} == {
        "supplier_gln": flow.SUPPLIER,
        "number": "F-1",
        "kind": "invoice",
        "status": "deviation",
    }
    assert inv["findings"] == [
        {
            "check": "l",
            "line": "1",
            "expected": "45.50",
            "actual": "49.00",
            "message": "Enhetspris 49,00 avviker fra avtalt pris 45,50 på ordredatoen",
        }
    ]
    card = CliRunner().invoke(
        app, ["invoices", "scorecard", "--to", "2026-03-31", "--workspace", str(ws.root), "--json"]
    )
    assert card.exit_code == 0 and json.loads(card.output)["suppliers"][0]["supplier_gln"] == flow.SUPPLIER


def test_price_changes_are_not_scaled_up_for_a_short_period():
    before, after = {"x": D(1), "y": D(2)}, {"x": D(1), "y": D(3)}
    assert price_change_pct(before, after, 73) == D("50.0")
    assert price_change_pct(before, after, 730) == D("25.0")
    assert price_change_pct({}, after, 30) is None
