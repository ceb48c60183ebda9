"""Sending fixtures: a workspace with two suppliers (one EDI, one on paper), two customers (one
with e-mail in the accounting program's export, one without), orders and dunning letters made by
the jobs, and a real SMTP server (aiosmtpd) on 127.0.0.1 that keeps what it receives."""

from __future__ import annotations

import socket
from datetime import date, datetime
from decimal import Decimal as D
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller

from vareflyt.domain.catalogue import CatalogueArticle
from vareflyt.jobs.import_receivables import import_receivables
from vareflyt.jobs.make_orders import make_orders
from vareflyt.jobs.run_dunning import run_dunning
from vareflyt.rules.ordering import EntryLine
from vareflyt.workspace import init_workspace

OUR, EDI_SUPPLIER, PAPER_SUPPLIER = "7080000000012", "7080000000029", "7080000000036"
ON = date(2026, 3, 2)
NOW = datetime(2026, 3, 2, 22, 0)
ARTICLES = {
    EDI_SUPPLIER: [CatalogueArticle("T100", "Konstruksjonsvirke 48x198", unit="MTR", net=D("45.50"))],
    PAPER_SUPPLIER: [CatalogueArticle("P1", "Skruer 5x50", unit="PK", net=D("129.90"))],
}
# as the accounting program exports open items: one customer with e-mail, one without
OPEN_ITEMS = (
    "Kundenr;Kundenavn;Kundetype;Orgnr;Adresse;E-post;Fakturanr;Fakturadato;Forfallsdato;Beløp;Betalt;KID;Valuta\r\n"
    "10001;Ødegård Bygg AS;B2B;923609016;Storgata 1, 0155 Oslo;post@odegard.no;5001;01.01.2026;01.02.2026;"
    "10 000,00;0,00;0005001003;NOK\r\n"
    "10002;Kari Nordmann;B2C;;Lia 2, 3000 Drammen;;5002;01.01.2026;01.02.2026;2 "
    "500,00;0,00;0005002001;NOK\r\n"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def config(smtp_port: int, extra: str = "", edi_channel: str = "") -> str:
    return f'''
[company]
name = "Byggmester Test AS"
gln = "{OUR}"
orgnr = "923609016"
email = "post@byggmester.no"
bank_account = "12345678903"

[partners."{EDI_SUPPLIER}"]
name = "Trelast Vest AS"
edi = true
{edi_channel}

[partners."{PAPER_SUPPLIER}"]
name = "Papir Leverandør AS"
edi = false
email = "ordre@papir.no"

[sending]
enabled = true
smtp_host = "127.0.0.1"
smtp_port = {smtp_port}
smtp_security = "none"
reply_to = "innkjop@byggmester.no"
{extra}
'''


def lookup(gln: str, key: str, on: date):
    return [a for a in ARTICLES.get(gln, []) if key == a.article_no]


class Inbox:
    """aiosmtpd handler: keeps every message; ``refuse``/``cut`` make the next ones fail."""

    def __init__(self):
        self.messages, self.refuse, self.cut = [], None, False

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse:
            return self.refuse
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.cut:  # the server goes away halfway through the mail
            server.transport.close()
            return "421 closing"
        self.messages.append(
            (envelope.rcpt_tos[:], message_from_bytes(envelope.content, policy=policy.default))
        )
        return "250 Message accepted"


@pytest.fixture
def smtp():
    port = free_port()
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    inbox.port = port
    yield inbox
    controller.stop()


@pytest.fixture
def make_ws(tmp_path):
    made = []

    def make(text: str, *, orders: bool = True, letters: bool = True):
        ws = init_workspace(tmp_path / f"ws{len(made)}", config_text=text)
        made.append(ws)
        if orders:
            make_orders(
                ws,
                entries=[EntryLine(EDI_SUPPLIER, "T100", D(12)), EntryLine(PAPER_SUPPLIER, "P1", D(3))],
                on=ON,
                now=datetime(2026, 3, 2, 8),
                catalogue=lookup,
            )
        if letters:
            export = tmp_path / f"apne_poster{len(made)}.csv"
            export.write_text(OPEN_ITEMS, encoding="utf-8")
            import_receivables(ws, export, as_of=ON)
            run_dunning(ws, on=ON, write_workbook=False)
        return ws

    yield make
    for ws in made:
        ws.close()
