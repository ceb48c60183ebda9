"""Job level: invoices read from inbox/ (INVOIC and EHF) into the store and reconciled against
orders, packing slips, manual receipts and price versions."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal as D

import pytest
import sqlalchemy as sa

from vareflyt.jobs.invoices.run import reconcile_invoices
from vareflyt.store import log
from vareflyt.store.tables.invoices import supplier_invoice_lines, supplier_invoices
from vareflyt.workspace import init_workspace

from . import flow
from .flow import CONFIG, credit, deliver, invoice, send

RUN = date(2026, 3, 4)


@pytest.fixture
def ws(tmp_path):
    workspace = init_workspace(tmp_path / "ws", config_text=CONFIG)
    flow.setup(workspace)
    yield workspace
    workspace.close()


def reconcile(ws, on=RUN, **kw):
    result = reconcile_invoices(ws, on=on, now=datetime.combine(on, datetime.min.time()), **kw)
    return result, {(i["number"], i.get("format")): i for i in result.extra["invoices"]}


def test_clean_invoice_is_stored_whole_and_approved(ws):
    deliver(ws, "PS1", flow.QTY)
    read = send(ws, invoice("F-1"))
    assert read.counts["accepted"] == 1 and read.counts["rejected"] == 0
    with ws.store.connect() as conn:
        row = conn.execute(sa.select(supplier_invoices)).one()
        assert (row.format, row.kind, row.status, row.payable) == ("edifact", "invoice", "new", D("1489.00"))
        assert len(conn.execute(sa.select(supplier_invoice_lines)).all()) == 3
    result, found = reconcile(ws)
    inv = found[("F-1", "edifact")]
    assert inv == {
        "supplier_gln": flow.SUPPLIER,
        "number": "F-1",
        "kind": "invoice",
        "format": "edifact",
        "status": "approved",
        "findings": [],
    }
    assert result.counts["approved"] == 1 and result.ok


def test_summary_speaks_of_this_run_and_then_of_all(ws):
    deliver(ws, "PS1", flow.QTY)
    send(ws, invoice("F-1"))
    reconcile(ws)
    send(ws, invoice("F-2", {1: D(99), 2: D(6), 3: D(4)}))
    result, _ = reconcile(ws)
    assert result.summary.startswith("1 faktura kontrollert: 0 godkjent, 1 med avvik")
    assert "I alt 2 fakturaer: 1 godkjent, 1 med avvik" in result.summary
    assert result.counts["checked"] == 1 and result.counts["approved"] == 1


def test_same_invoice_as_edifact_and_ehf_is_a_duplicate(ws):
    deliver(ws, "PS1", flow.QTY)
    send(ws, invoice("F-1"))
    send(ws, invoice("F-1"), ehf=True)
    _, found = reconcile(ws)
    assert found[("F-1", "edifact")]["status"] == "approved"
    dup = found[("F-1", "ehf")]
    assert dup["status"] == "rejected" and [f["check"] for f in dup["findings"]] == ["a"]


def test_same_content_under_a_new_number_is_a_duplicate(ws):
    deliver(ws, "PS1", flow.QTY)
    send(ws, invoice("F-1"))
    send(ws, invoice("F-1B"), ehf=True)
    _, found = reconcile(ws)
    assert found[("F-1B", "ehf")]["status"] == "rejected"


def test_ehf_and_edifact_of_one_invoice_give_the_same_findings(ws):
    deliver(ws, "PS1", {1: D(10), 2: D(6), 3: D(4)})
    wrong = invoice("F-1", {1: D(12), 2: D(6), 3: D(4)})
    send(ws, wrong)
    _, first = reconcile(ws)
    with ws.store.transaction() as conn:
        conn.execute(sa.delete(supplier_invoices))
    send(ws, wrong, ehf=True)
    _, second = reconcile(ws)
    a, b = first[("F-1", "edifact")], second[("F-1", "ehf")]
    assert a["findings"] == b["findings"] and a["status"] == b["status"] == "deviation"
    assert [f["check"] for f in a["findings"]] == ["m"]


def test_invoice_for_goods_not_received_waits_and_is_reconsidered(ws):
    send(ws, invoice("F-1"))
    _, found = reconcile(ws)
    waiting = found[("F-1", "edifact")]
    assert waiting["status"] == "waiting" and {"d", "j"} <= {f["check"] for f in waiting["findings"]}
    deliver(ws, "PS1", flow.QTY)
    _, found = reconcile(ws)
    assert found[("F-1", "edifact")] == {**waiting, "status": "approved", "findings": []}


def test_waiting_too_long_becomes_a_deviation(ws):
    send(ws, invoice("F-1"))
    _, found = reconcile(ws, on=date(2026, 5, 1))
    assert found[("F-1", "edifact")]["status"] == "deviation"


def test_partial_deliveries_invoiced_together(ws):
    deliver(ws, "PS1", {1: D(4), 2: D(6), 3: D(4)}, final=False)
    deliver(ws, "PS2", {1: D(6)})
    send(ws, invoice("F-1", slips=("PS1", "PS2")))
    _, found = reconcile(ws)
    assert found[("F-1", "edifact")]["status"] == "approved"


def test_partial_deliveries_invoiced_separately(ws):
    deliver(ws, "PS1", {1: D(4), 2: D(6), 3: D(4)}, final=False)
    send(ws, invoice("F-1", {1: D(4), 2: D(6), 3: D(4)}, slips=("PS1",)))
    send(ws, invoice("F-2", {1: D(6)}, slips=("PS2",)))
    _, found = reconcile(ws)
    assert found[("F-1", "edifact")]["status"] == "approved"
    assert found[("F-2", "edifact")]["status"] == "waiting"  # PS2 not here yet
    deliver(ws, "PS2", {1: D(6)})
    _, found = reconcile(ws)
    assert found[("F-2", "edifact")]["status"] == "approved"


def test_second_invoice_for_the_same_goods_fails_m(ws):
    deliver(ws, "PS1", flow.QTY)
    send(ws, invoice("F-1", slips=()))
    send(ws, invoice("F-2", {1: D(10)}, slips=(), due_date=date(2026, 4, 3)))
    _, found = reconcile(ws)
    checks = {f["check"] for f in found[("F-2", "edifact")]["findings"]}
    assert "m" in checks and found[("F-2", "edifact")]["status"] == "deviation"


def test_manual_receipt_is_what_m_compares_with(ws):
    from vareflyt.jobs.order_lines import set_manual_receipt

    deliver(ws, "PS1", flow.QTY)
    with ws.store.transaction() as conn:
        assert set_manual_receipt(conn, "PS1", flow.ORDER, 1, D(8), RUN)
    send(ws, invoice("F-1"))
    _, found = reconcile(ws)
    (m,) = found[("F-1", "edifact")]["findings"]
    assert (m["check"], m["expected"], m["actual"]) == ("m", "8", "10")


def test_price_is_the_campaign_price_on_the_order_date(tmp_path):
    ws = init_workspace(tmp_path / "c", config_text=CONFIG)
    try:
        flow.setup(ws, campaign=D("40.00"))
        deliver(ws, "PS1", flow.QTY)
        send(ws, invoice("F-1"))
        _, found = reconcile(ws)
        (f,) = found[("F-1", "edifact")]["findings"]
        assert (f["check"], f["line"], f["expected"], f["actual"]) == ("l", "1", "40.00", "45.50")
    finally:
        ws.close()


def test_credit_note_is_linked_and_checked(ws):
    deliver(ws, "PS1", flow.QTY)
    send(ws, invoice("F-1"))
    send(ws, credit("K-1", "F-1", {2: D(1)}), ehf=True)
    _, found = reconcile(ws)
    note = found[("K-1", "ehf")]
    assert note["kind"] == "credit_note" and note["status"] == "approved", note
    with ws.store.connect() as conn:
        rows = {r.number: r for r in conn.execute(sa.select(supplier_invoices))}
    assert rows["K-1"].credited_id == rows["F-1"].id


def test_credit_note_for_an_unknown_invoice_waits(ws):
    deliver(ws, "PS1", flow.QTY)
    send(ws, credit("K-1", "F-9", {2: D(1)}))
    _, found = reconcile(ws)
    note = found[("K-1", "edifact")]
    assert note["status"] == "waiting" and [f["check"] for f in note["findings"]] == ["d"]


def test_invoice_for_an_unknown_order_is_rejected(ws):
    deliver(ws, "PS1", flow.QTY)
    from dataclasses import replace

    inv = invoice("F-1", order_refs=("999999",))
    send(ws, replace(inv, lines=tuple(replace(ln, order_no="999999") for ln in inv.lines)))
    _, found = reconcile(ws)
    assert found[("F-1", "edifact")]["status"] == "rejected"


def test_unknown_supplier_is_rejected_at_reading(ws):
    from vareflyt.domain.orders import PartyRef

    read = send(ws, invoice("F-1", supplier=PartyRef(gln="7080000000036")), ehf=True)
    assert read.counts["rejected"] == 1 and list(ws.quarantine.glob("*.reason.txt"))
    with ws.store.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(supplier_invoices)).scalar() == 0
        [logged] = [r for r in log.recent(conn) if r.job == "edi.read"]
    # the EHF file is logged as the EDIFACT messages are: whose, which document, the problem
    assert (logged.status, logged.doc_type, logged.doc_number) == ("rejected", "EHF", "F-1")
    assert logged.file_name.startswith("EHF_") and "7080000000036" in logged.message


def test_replayed_file_changes_nothing(ws):
    deliver(ws, "PS1", flow.QTY)
    send(ws, invoice("F-1"), ehf=True, read=False)
    data = next(ws.inbox.glob("EHF_*")).read_bytes()
    flow.read_inbox(ws, on=flow.ON, now=flow.NOW)
    (ws.inbox / "again.xml").write_bytes(data)
    again = flow.read_inbox(ws, on=flow.ON, now=flow.NOW)
    assert again.counts["accepted"] == 1
    with ws.store.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(supplier_invoices)).scalar() == 1


def test_edi_read_on_the_command_line_takes_invoic_and_ehf(ws):
    import json

    from typer.testing import CliRunner

    from vareflyt.cli.app import app
    from vareflyt.demo.ehf_writer import ehf_xml

    deliver(ws, "PS1", flow.QTY)
    (ws.inbox / "F-1.xml").write_bytes(ehf_xml(invoice("F-1")))
    (ws.inbox / "bank.xml").write_bytes(b'<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022"/>')
    send(ws, invoice("F-2", {1: D(1)}, slips=()), read=False)
    out = CliRunner().invoke(
        app, ["edi", "read", "--workspace", str(ws.root), "--json", "--date", "2026-03-03"]
    )
    docs = {d["number"]: d for d in json.loads(out.output)["documents"]}
    assert docs["F-1"]["type"] == "EHF" and docs["F-1"]["status"] == "accepted"
    assert docs["F-2"]["type"] == "INVOIC" and docs["F-2"]["status"] == "accepted"
    assert (ws.inbox / "bank.xml").exists() and not (ws.inbox / "F-1.xml").exists()


def test_price_list_version_valid_on_the_order_date_applies(ws):
    from vareflyt.domain.catalogue import CatalogueArticle, CatalogueKind
    from vareflyt.store import price_list_rows, prices

    with ws.store.transaction() as conn:  # a change list from the day after the order date
        later = prices.add_version(
            conn,
            supplier=flow.SUPPLIER,
            kind=CatalogueKind.CHANGE,
            valid_from=date(2026, 3, 2),
            file_name=None,
            file_hash=None,
            counts={},
            at=flow.NOW,
        )
        price_list_rows.add_rows(
            conn,
            later,
            [(None, CatalogueArticle("T100", "Vare T100", unit="MTR", net=D("48.00"), vat_pct=D(25)))],
        )
    deliver(ws, "PS1", flow.QTY)
    send(ws, invoice("F-1"))
    from dataclasses import replace

    new_price = invoice("F-2", {1: D(10)}, slips=())
    send(ws, flow.complete(replace(new_price, lines=(replace(new_price.lines[0], net_price=D("48.00")),))))
    _, found = reconcile(ws)
    assert found[("F-1", "edifact")]["status"] == "approved"
    checks = [(f["check"], f["expected"], f["actual"]) for f in found[("F-2", "edifact")]["findings"]]
    assert ("l", "45.50", "48.00") in checks


def test_credit_note_before_its_invoice_is_linked_when_the_invoice_comes(ws):
    deliver(ws, "PS1", flow.QTY)
    send(ws, credit("K-1", "F-1", {2: D(1)}))
    assert reconcile(ws)[1][("K-1", "edifact")]["status"] == "waiting"
    send(ws, invoice("F-1"), ehf=True)
    _, found = reconcile(ws)
    assert found[("K-1", "edifact")]["status"] == "approved"
    with ws.store.connect() as conn:
        rows = {r.number: r for r in conn.execute(sa.select(supplier_invoices))}
    assert rows["K-1"].credited_id == rows["F-1"].id


def test_ehf_naming_us_by_organisation_number_only(ws):
    from vareflyt.domain.orders import PartyRef

    deliver(ws, "PS1", flow.QTY)
    send(ws, invoice("F-1", buyer=PartyRef(orgnr="923609016", name="Byggmester Test AS")), ehf=True)
    _, found = reconcile(ws)
    assert found[("F-1", "ehf")]["status"] == "approved"
    wrong = send(ws, invoice("F-2", buyer=PartyRef(orgnr="974760673")), ehf=True)
    assert wrong.counts["rejected"] == 1


def test_an_older_waiting_invoice_counts_a_newer_approved_one_for_the_same_goods(ws):
    send(ws, invoice("F-1", {1: D(10)}, slips=()))  # nothing received yet: waits
    assert reconcile(ws)[1][("F-1", "edifact")]["status"] == "waiting"
    deliver(ws, "PS1", flow.QTY)
    send(ws, invoice("F-2", slips=("PS1",)))
    reconcile(ws)  # F-2 approved (F-1 was checked first)
    _, found = reconcile(ws, on=date(2026, 3, 5))  # the next run counts F-2 for F-1
    assert found[("F-2", "edifact")]["status"] == "approved"
    f1 = found[("F-1", "edifact")]
    assert f1["status"] == "deviation" and "m" in {f["check"] for f in f1["findings"]}


@pytest.mark.parametrize(
    "encode",
    [
        lambda x: b"\xef\xbb\xbf" + x,
        lambda x: x.decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16"),
    ],
    ids=["utf8-bom", "utf16"],
)
def test_ehf_with_byte_order_mark_or_utf16_is_read_as_ehf(ws, encode):
    from vareflyt.demo.ehf_writer import ehf_xml
    from vareflyt.jobs.read_inbox import read_inbox

    deliver(ws, "PS1", flow.QTY)
    data = ehf_xml(invoice("F-9"))
    (ws.inbox / "EHF_F-9.xml").write_bytes(encode(data if isinstance(data, bytes) else data.encode("utf-8")))
    read = read_inbox(ws)
    assert read.counts["accepted"] == 1, read.extra["documents"]
    _, found = reconcile(ws)
    assert found[("F-9", "ehf")]["status"] == "approved"
