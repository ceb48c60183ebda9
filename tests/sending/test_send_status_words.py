"""Status words tell the truth: an order vareflyt only wrote reads "klar til sending"; once the
e-mail server took it, the Bestillinger table reads "sendt"; a send that failed reads "feilet"."""

from __future__ import annotations

from vareflyt.excel.openpyxl_adapter import OpenpyxlWorkbook
from vareflyt.jobs.purchasing_tables import refresh_tables
from vareflyt.jobs.sending import send_documents

from .conftest import NOW, ON, config


def _words(ws) -> dict[str, str]:
    refresh_tables(ws, now=NOW)
    book = OpenpyxlWorkbook(ws.purchasing_workbook)
    try:
        orders = book.read_table("orders")
    finally:
        book.close()
    return dict(zip(orders["order_no"], orders["status"]))


def test_orders_read_sendt_only_after_a_confirmed_send(smtp, make_ws):
    ws = make_ws(config(smtp.port), letters=False)
    assert _words(ws) == {"100001": "klar til sending", "100002": "klar til sending"}
    smtp.refuse = "550 Ukjent mottaker"
    send_documents(ws, on=ON, now=NOW)
    assert _words(ws)["100002"] == "feilet"
    smtp.refuse = None
    send_documents(ws, on=ON, now=NOW.replace(hour=23))
    assert _words(ws) == {
        "100001": "klar til sending",
        "100002": "sendt",
    }  # the EDI file only sits in outbox/
