"""Order responses as suppliers' systems write them, read through ``edi read``: a response that
says the order is accepted without amendment (BGM 1225 = 29) and lists no lines. UN/EDIFACT's
ORDRSP notes allow such a message, but the trade's EDI ERP guide (seed 004 §5.2, DOMAIN.md §1.3)
wants every order line in the response, and lets a response say only that the order was
received, not yet handled. So it confirms nothing: the order stays unconfirmed and the buyer is
told which lines the response leaves out. The ORDRSP text is typed out segment by segment."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal as D

from vareflyt.jobs.make_orders import make_orders
from vareflyt.jobs.read_inbox import read_inbox
from vareflyt.rules.ordering import EntryLine
from vareflyt.store import purchase_orders as repo

from .conftest import EDI_SUPPLIER, OUR, lookup
from .edifact_text import interchange, write


def order(ws) -> str:
    entries = [
        EntryLine(EDI_SUPPLIER, art, D(q), delivery_date=date(2026, 3, 10))
        for art, q in (("T100", 10), ("T200", 2))
    ]
    made = make_orders(
        ws, entries=entries, on=date(2026, 3, 2), now=datetime(2026, 3, 2, 8), catalogue=lookup
    )
    return made.extra["orders"][0]["number"]


def response_without_lines(number: str, function: str) -> str:
    return interchange(
        "ORDRSP",
        [
            f"BGM+231+OB-1+{function}",
            "DTM+137:20260302:102",
            f"RFF+ON:{number}",
            f"NAD+BY+{OUR}::9",
            f"NAD+SU+{EDI_SUPPLIER}::9",
            "UNS+S",
        ],
    )


def test_an_order_accepted_without_amendment_and_without_lines_is_not_taken_as_confirmed(ws):
    number = order(ws)
    write(ws.inbox / "ORDRSP_OB-1.edi", response_without_lines(number, "29"))
    result = read_inbox(ws, now=datetime(2026, 3, 2, 12))
    (doc,) = result.extra["documents"]
    assert doc["status"] == "accepted"  # read and kept, with its deviation
    missing = [i for i in result.issues if i.code == "order_response.lines_missing"]
    assert len(missing) == 1 and "2 av ordrelinjene: 1, 2" in missing[0].message
    with ws.store.connect() as conn:
        found = repo.find_order(conn, EDI_SUPPLIER, number)
        lines = repo.load_lines(conn, found.id)
    assert [(ln.responded, ln.confirmed_qty) for ln in lines] == [(False, None), (False, None)]
    assert found.status != "confirmed"
