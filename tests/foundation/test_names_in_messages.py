"""Messages a person reads name the parties ("Trelast Vest Norge AS (7080000000029)"), not only
the 13 digits (issue 16 item 4): invoice control's check e, a rejected EDI file's sender and
buyer, an order response for another supplier's order, a change order whose number two
suppliers share, and the nightly run's partner with a broken setting."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from vareflyt.domain.orders import PartyRef
from vareflyt.jobs.import_parties import import_parties
from vareflyt.jobs.invoices.contexts import RunFacts
from vareflyt.rules.invoice_control.header import check_e
from vareflyt.rules.order_status import LineState, line_status
from vareflyt.store import purchase_orders
from vareflyt.workspace import Workspace

from ..invoice_control import base, flow

SUPPLIER, OUR = flow.SUPPLIER, flow.OUR
OTHER = "7080000000036"
STRANGER = "7080000000043"  # in no register: shown bare
REGISTER = "Trelast Vest Norge AS"
OTHER_NAME = "Byggvarehuset Sør AS"
PARTIES = (
    "Partnernr;Navn;GLN;Org.nr.;Roller\r\n"
    f"1002;{REGISTER};{SUPPLIER};987654325;Leverandør\r\n"
    f"1003;{OTHER_NAME};{OTHER};998877660;Leverandør\r\n"
)
LABEL, OTHER_LABEL = f"{REGISTER} ({SUPPLIER})", f"{OTHER_NAME} ({OTHER})"
OURS = f"Byggmester Test AS ({OUR})"  # [company] name: we are in no party list
NOW = datetime(2026, 3, 2, 12, 0)


@pytest.fixture
def ws(tmp_path):
    with flow.workspace(tmp_path / "ws", delivered=False) as workspace:
        (tmp_path / "parter.csv").write_bytes(PARTIES.encode("utf-8"))
        assert import_parties(workspace, tmp_path / "parter.csv", now=NOW).ok
        yield workspace


def test_check_e_names_the_parties_it_got_from_the_directory():
    labels = {SUPPLIER: LABEL, OTHER: OTHER_LABEL}
    inv = base.invoice(buyer=PartyRef(gln=OTHER), invoicee=PartyRef(gln=STRANGER))
    found = check_e(
        base.context(inv, orders={base.ORDER: base.order(supplier_gln=OTHER)}, party_labels=labels)
    )
    messages = [f.message for f in found]
    assert messages == [
        f"Kjøper på fakturaen ({OTHER_LABEL}) er ikke oss",
        f"Fakturamottaker ({STRANGER}) er ikke oss",
        f"Ordre {base.ORDER} er sendt til {OTHER_LABEL}, ikke til fakturautsteder {LABEL}",
    ]
    assert (found[2].expected, found[2].actual) == (OTHER, SUPPLIER)  # machines keep the GLNs


def test_invoice_control_gets_the_names_from_the_supplier_directory(ws):
    facts = RunFacts.of(ws, [], date(2026, 3, 4))
    assert facts.party_labels[SUPPLIER] == LABEL and facts.party_labels[OTHER] == OTHER_LABEL


def _rejected(result) -> str:
    rejected = [d for d in result.extra["documents"] if d["status"] == "rejected"]
    assert len(rejected) == 1, result.extra["documents"]
    return " ".join(i["message"] for i in rejected[0]["issues"])


def test_a_file_from_another_sender_names_the_sender_and_the_supplier(ws):
    text = flow.invoic_text("F-9", flow.ORDER, [(1, "T100", "10", "MTR", "45.50")], slip="PS1")
    said = _rejected(
        flow.drop(
            ws, "INVOIC_F-9.edi", text.replace(f"UNOC:3+{SUPPLIER}".encode(), f"UNOC:3+{OTHER}".encode())
        )
    )
    assert f"Avsenderen {OTHER_LABEL} er ikke leverandøren {LABEL}" in said


def test_a_file_for_another_buyer_names_the_buyer_and_us(ws):
    text = flow.invoic_text("F-8", flow.ORDER, [(1, "T100", "10", "MTR", "45.50")], slip="PS1")
    said = _rejected(
        flow.drop(ws, "INVOIC_F-8.edi", text.replace(f"NAD+BY+{OUR}".encode(), f"NAD+BY+{OTHER}".encode()))
    )
    assert f"Kjøperen {OTHER_LABEL} er ikke oss ({OURS})" in said


ORDRSP = (
    "UNA:+.? 'UNB+UNOC:3+{sup}:14+{our}:14+260302:1300+R1'UNH+1+ORDRSP:D:03A:UN:EAN008'"
    "BGM+231+SV-1+29'DTM+137:20260302:102'RFF+ON:{order}'NAD+SU+{sup}::9'NAD+BY+{our}::9'"
    "LIN+1+5+7040000000016:SRV'QTY+21:10:MTR'UNS+S'UNT+10+1'UNZ+1+R1'"
)


def test_an_order_response_for_another_suppliers_order_names_that_supplier(ws):
    text = ORDRSP.format(sup=OTHER, our=OUR, order=flow.ORDER).encode(
        "latin-1"
    )  # order 100001 went to SUPPLIER
    taken = flow.drop(ws, "ORDRSP_SV-1.edi", text)  # unsolicited orders accepted
    said = " ".join(i.message for i in taken.issues if i.code == "order_response.unsolicited")
    assert f"NB: vår egen ordre {flow.ORDER} gikk til {LABEL} – sjekk" in said


def test_an_order_response_refused_for_another_suppliers_order_names_both(ws):
    with ws.config_path.open("a", encoding="utf-8") as toml:
        toml.write("\n[purchasing]\naccept_unsolicited = false\n")
    shop = Workspace(ws.root)
    try:
        refused = flow.drop(
            shop, "ORDRSP_SV-1.edi", ORDRSP.format(sup=OTHER, our=OUR, order=flow.ORDER).encode()
        )
    finally:
        shop.close()
    assert f"Ordre {flow.ORDER} er sendt til {LABEL}, ikke til {OTHER_LABEL}" in _rejected(refused)


def test_a_change_order_whose_number_two_suppliers_share_names_them(ws):
    from vareflyt.jobs.change_orders import ChangeRefused, change_order
    from vareflyt.rules.order_change import Wanted

    with ws.store.transaction() as conn:
        line = LineState(1, Decimal(3), "T100", "7040000000016", None, "Vare T100", "MTR", Decimal("45.50"))
        purchase_orders.insert_order(
            conn,
            [line],
            status_of=line_status,
            supplier_gln=OTHER,
            number=flow.ORDER,
            order_date=date(2026, 3, 1),
            status="sent",
            format="edifact",
            sent_at=datetime(2026, 3, 1, 10),
        )
    with pytest.raises(ChangeRefused) as refused:
        change_order(ws, flow.ORDER, [Wanted("T100", Decimal(20))], on=NOW.date(), now=NOW)
    assert str(refused.value) == (
        f"Flere ordrer har nummer {flow.ORDER} (til {LABEL}, {OTHER_LABEL}); "
        f"endre den med leverandøren direkte."
    )


def test_the_nightly_run_names_a_partner_whose_setting_is_broken(ws):
    from vareflyt.jobs.nightly import run_batch

    with ws.config_path.open("a", encoding="utf-8") as toml:
        toml.write(f'\n[partners."{OTHER}"]\nresponse_hours = "i morgen"\n')
    shop = Workspace(ws.root)
    try:
        attention = run_batch(shop, on=NOW.date(), now=NOW, force=True).extra["attention"]
    finally:
        shop.close()
    said = [a["message"] for a in attention if a["kind"] == "partner.setting"]
    assert (
        len(said) == 1 and said[0].startswith(f"Leverandør {OTHER_LABEL}: ") and "response_hours" in said[0]
    )


def test_the_nightly_inbox_names_the_partners_a_waiting_file_is_about(ws):
    from vareflyt.jobs.nightly.inbox import scan

    text = ws.config_path.read_text(encoding="utf-8").replace(
        f'[partners."{SUPPLIER}"]\n', f'[partners."{SUPPLIER}"]\nprice_files = "priser_*.csv"\n'
    )
    ws.config_path.write_text(
        text + f'\n[partners."{OTHER}"]\nprice_files = "priser_*.csv"\n', encoding="utf-8"
    )
    (ws.inbox / "priser_mars.csv").write_text("Varenr;Nettopris\r\nT100;45,50\r\n", encoding="utf-8")
    invoice = flow.invoic_text("F-7", flow.ORDER, [(1, "T100", "10", "MTR", "45.50")], slip="PS1")
    (ws.inbox / "INVOIC_F-7.edi").write_bytes(invoice)
    shop = Workspace(ws.root)
    try:
        files, _ = scan(shop, {SUPPLIER: "[partners] response_hours er ikke et tall"})
    finally:
        shop.close()
    problems = {f.path.name: f.problem for f in files}
    assert f"flere leverandører ({LABEL}, {OTHER_LABEL})" in problems["priser_mars.csv"]
    assert problems["INVOIC_F-7.edi"].startswith(f"leverandøren {LABEL} har feil innstilling")
