"""A deviation notice found by invoice control (an INVOIC written by hand, priced above the list)
goes to the supplier's e-mail with the notice PDF attached, once."""

from __future__ import annotations

from datetime import date, datetime

from vareflyt.jobs.invoices.run import reconcile_invoices
from vareflyt.jobs.sending import send_documents

from ..invoice_control import flow

DAY = date(2026, 3, 4)


def test_deviation_notice_is_mailed_to_the_supplier_once(smtp, tmp_path):
    text = (
        flow.CONFIG.replace("edi = true\n", 'edi = true\nemail = "avvik@trelast.no"\n')
        + f"""
[sending]
enabled = true
smtp_host = "127.0.0.1"
smtp_port = {smtp.port}
smtp_security = "none"
from_address = "innkjop@byggmester.no"
"""
    )
    with flow.workspace(tmp_path / "ws", config_text=text) as ws:
        flow.drop(
            ws,
            "INVOIC_F-1.edi",
            flow.invoic_text("F-1", flow.ORDER, [(1, "T100", "10", "MTR", "49.00")], "PS1"),
        )
        reconcile_invoices(ws, on=DAY, now=datetime(2026, 3, 4, 1))
        notice = ws.letters / DAY.isoformat() / f"fakturaavvik-{flow.SUPPLIER}.pdf"
        assert notice.is_file()
        result = send_documents(ws, on=DAY, now=datetime(2026, 3, 4, 22))
        [(rcpts, msg)] = smtp.messages
        assert rcpts == ["avvik@trelast.no"]
        assert msg["Subject"] == "Avvik på faktura fra Trelast Vest AS (7080000000029) – Byggmester Test AS"
        assert msg["From"] == "Byggmester Test AS <innkjop@byggmester.no>"
        attachment = next(msg.iter_attachments())
        assert attachment.get_filename() == notice.name and attachment.get_content() == notice.read_bytes()
        assert [r["status_nb"] for r in result.extra["sending"]] == ["sendt"]
        send_documents(ws, on=DAY, now=datetime(2026, 3, 5, 22))
        assert len(smtp.messages) == 1
