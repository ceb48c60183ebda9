"""E-mail through a real SMTP server on 127.0.0.1: the supplier's printable order and the
customer's letter arrive with recipients, Norwegian subject and body and the PDF attached; the
customer without e-mail goes to the print batch; a second run sends nothing again; refused and
cut-off sends leave the document *feilet* with the reason, and the next run sends it once."""

from __future__ import annotations

from datetime import timedelta

from vareflyt.jobs.sending import send_documents
from vareflyt.store import outbox_ledger

from .conftest import NOW, ON, config


def _by_title(result):
    return {r["title"]: r for r in result.extra["sending"]}


def test_mail_reaches_supplier_and_customer_with_pdf(smtp, make_ws):
    ws = make_ws(config(smtp.port))
    result = send_documents(ws, on=ON, now=NOW)
    got = {tuple(rcpts): msg for rcpts, msg in smtp.messages}
    assert set(got) == {("ordre@papir.no",), ("post@odegard.no",)}
    order = got[("ordre@papir.no",)]
    assert order["Subject"] == "Bestilling 100002 fra Byggmester Test AS"
    assert order["From"] == "Byggmester Test AS <post@byggmester.no>"
    assert order["Reply-To"] == "innkjop@byggmester.no"
    assert "vedlagt er bestilling 100002" in order.get_body(("plain",)).get_content()
    pdf = next(order.iter_attachments())
    assert pdf.get_filename() == "Bestilling_100002.pdf"
    assert pdf.get_content() == (ws.root / "outbox" / "Bestilling_100002.pdf").read_bytes()
    letter = got[("post@odegard.no",)]
    assert letter["Subject"].startswith("Betalingspåminnelse fra Byggmester Test AS")
    assert "Hei Ødegård Bygg AS" in letter.get_body(("plain",)).get_content()
    rows = _by_title(result)
    assert rows["Bestilling 100002 til Papir Leverandør AS (7080000000036)"]["status"] == "sent"
    assert rows["Betalingspåminnelse til Ødegård Bygg AS (10001)"]["status_nb"] == "sendt"
    waiting = rows["Betalingspåminnelse til Kari Nordmann (10002)"]  # no e-mail: print batch
    assert waiting["status_nb"] == "venter på utskrift" and waiting["channel"] == "none"
    printed = list((ws.root / "letters" / "print" / ON.isoformat()).glob("*.pdf"))
    assert [p.name for p in printed] == [waiting["files"][0].rsplit("/", 1)[1]]
    again = send_documents(ws, on=ON, now=NOW + timedelta(hours=1))
    assert len(smtp.messages) == 2 and again.counts["sent"] == 0 and again.counts["print"] == 0


def test_refused_recipient_fails_with_reason_then_sends_once(smtp, make_ws):
    ws = make_ws(config(smtp.port), letters=False)
    smtp.refuse = "550 5.1.1 Ukjent mottaker"
    first = send_documents(ws, on=ON, now=NOW)
    row = _by_title(first)["Bestilling 100002 til Papir Leverandør AS (7080000000036)"]
    assert row["status_nb"] == "feilet" and "avviste mottakeren ordre@papir.no" in row["reason"]
    assert "550" in row["reason"] and smtp.messages == []
    assert any(i.code == "send.failed" for i in first.issues)
    smtp.refuse = None
    early = send_documents(ws, on=ON, now=NOW + timedelta(minutes=5))  # backoff: 15 minutes first
    assert smtp.messages == [] and early.counts["failed"] == 1
    later = send_documents(ws, on=ON, now=NOW + timedelta(minutes=16))
    assert len(smtp.messages) == 1 and later.counts == {**later.counts, "sent": 1, "failed": 0}
    send_documents(ws, on=ON, now=NOW + timedelta(hours=3))
    assert len(smtp.messages) == 1


def test_server_that_disconnects_halfway_leaves_it_failed(smtp, make_ws):
    ws = make_ws(config(smtp.port), letters=False)
    smtp.cut = True
    first = send_documents(ws, on=ON, now=NOW)
    row = _by_title(first)["Bestilling 100002 til Papir Leverandør AS (7080000000036)"]
    assert row["status"] == "failed" and "brøt forbindelsen" in row["reason"]
    smtp.cut = False
    send_documents(ws, on=ON, now=NOW + timedelta(hours=1))
    assert len(smtp.messages) == 1
    with ws.store.connect() as conn:
        assert {r.status for r in outbox_ledger.rows(conn) if r.channel == "email"} == {"sent"}


def test_no_server_listening_and_no_starttls_are_reasons_not_crashes(smtp, make_ws):
    from .conftest import free_port

    ws = make_ws(config(free_port()), letters=False)
    row = _by_title(send_documents(ws, on=ON, now=NOW))[
        "Bestilling 100002 til Papir Leverandør AS (7080000000036)"
    ]
    assert row["status"] == "failed" and row["reason"].startswith(
        "Fikk ikke kontakt med e-postserveren 127.0.0.1"
    )
    ws2 = make_ws(
        config(smtp.port).replace('smtp_security = "none"', 'smtp_security = "starttls"'), letters=False
    )
    row = _by_title(send_documents(ws2, on=ON, now=NOW))[
        "Bestilling 100002 til Papir Leverandør AS (7080000000036)"
    ]
    assert row["status"] == "failed" and "tilbyr ikke STARTTLS" in row["reason"] and smtp.messages == []
