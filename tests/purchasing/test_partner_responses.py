"""Order responses as suppliers' systems write them, read through ``edi read``: a response that
accepts the order without amendment (BGM 1225 = 29) and lists no lines, which UN/EDIFACT's
ORDRSP notes allow ("no segments other than mandatory ones need be used"). The ORDRSP text is
typed out segment by segment."""

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


def test_an_order_accepted_without_amendment_and_without_lines_is_confirmed_as_ordered(ws):
    number = order(ws)
    write(ws.inbox / "ORDRSP_OB-1.edi", response_without_lines(number, "29"))
    result = read_inbox(ws, now=datetime(2026, 3, 2, 12))
    (doc,) = result.extra["documents"]
    assert (doc["status"], doc["issues"]) == ("accepted", [])
    with ws.store.connect() as conn:
        found = repo.find_order(conn, EDI_SUPPLIER, number)
        lines = repo.load_lines(conn, found.id)
    assert [(ln.responded, ln.changed, ln.confirmed_qty) for ln in lines] == [
        (True, False, D(10)),
        (True, False, D(2)),
    ]
    assert found.status == "confirmed"
