"""Per-partner settings on received interchanges: CONTRL receipts and guide settings."""

from __future__ import annotations

from decimal import Decimal as D

from vareflyt.domain.orders import LineAction as A
from vareflyt.edi.reader import read_interchanges
from vareflyt.jobs.read_inbox import read_inbox

from .conftest import EDI_SUPPLIER, PAPER_SUPPLIER
from .docs import drop, response
from .test_read_inbox import RL, setup_order


def _configure(ws, extra: str) -> None:
    ws.config_path.write_text(ws.config_path.read_text(encoding="utf-8") + extra, encoding="utf-8")
    ws.__dict__.pop("config", None)


def _set(ws, gln: str, line: str) -> None:
    text = ws.config_path.read_text(encoding="utf-8")
    head = f'[partners."{gln}"]\n'
    ws.config_path.write_text(text.replace(head, head + line + "\n"), encoding="utf-8")
    ws.__dict__.pop("config", None)


def _contrls(ws, gln=EDI_SUPPLIER):
    return sorted((ws.outbox / gln).glob("CONTRL_*.edi")) if (ws.outbox / gln).is_dir() else []


def test_contrl_sent_when_the_partner_asks_and_only_once(ws):
    _set(ws, EDI_SUPPLIER, "contrl = true")
    no = setup_order(ws, ("T100", 10))
    path = drop(ws, response(no, RL(1, A.ACCEPTED, confirmed_qty=D(10))))
    data = path.read_bytes()
    res = read_inbox(ws)
    assert res.extra["documents"][0]["status"] == "accepted"
    (sent,) = _contrls(ws)
    read = read_interchanges(sent.read_bytes(), file=sent.name)
    assert read.ok and read.messages[0].type == "CONTRL"
    uci = read.messages[0].body[0]
    assert uci.tag == "UCI" and uci.elements[3] == "7"  # accepted
    assert read.interchanges[0].receiver == EDI_SUPPLIER
    # the same file again: no second receipt
    (ws.inbox / path.name).write_bytes(data)
    read_inbox(ws)
    assert len(_contrls(ws)) == 1


def test_contrl_reports_a_rejected_message(ws):
    _set(ws, EDI_SUPPLIER, "contrl = true")
    _set(ws, EDI_SUPPLIER, "strict_qualifiers = true")
    no = setup_order(ws, ("T100", 10))
    drop(ws, response(no, RL(1, A.ACCEPTED, confirmed_qty=D(10)), currency="NOK", note="x"))
    text = next(ws.inbox.iterdir())
    raw = text.read_bytes().replace(b"RFF+ON:", b"RFF+ZZ:")  # an unknown qualifier, strict partner
    text.write_bytes(raw)
    res = read_inbox(ws)
    assert res.extra["documents"][0]["status"] == "rejected"
    (sent,) = _contrls(ws)
    body = read_interchanges(sent.read_bytes()).messages[0].body
    assert [s.tag for s in body][:2] == ["UCI", "UCM"] and body[1].elements[2] == "4"


def test_no_contrl_by_default(ws):
    no = setup_order(ws, ("T100", 10))
    drop(ws, response(no, RL(1, A.ACCEPTED, confirmed_qty=D(10))))
    read_inbox(ws)
    assert _contrls(ws) == []


def test_broken_partner_setting_rejects_that_partners_file_only(ws):
    no = setup_order(ws, ("T100", 10))
    _set(ws, EDI_SUPPLIER, 'extra_codes = "RFF"')  # must be a table
    drop(ws, response(no, RL(1, A.ACCEPTED, confirmed_qty=D(10))), name="a.edi")
    drop(
        ws,
        response(
            "TLF-5",
            RL(1, A.ACCEPTED, seller_article_no="P1", confirmed_qty=D(1)),
            number="R-P",
            supplier=PAPER_SUPPLIER,
        ),
        name="b.edi",
    )
    res = read_inbox(ws)
    status = {d["file"]: (d["status"], [i["code"] for i in d["issues"]]) for d in res.extra["documents"]}
    assert status["a.edi"] == ("rejected", ["edi.partner_setting"])
    assert status["b.edi"][0] == "accepted"
    broken = next(d for d in res.extra["documents"] if d["file"] == "a.edi")
    assert "extra_codes" in broken["issues"][0]["message"]


def test_broken_partner_setting_stops_that_suppliers_order_only(ws):
    from datetime import date, datetime

    from vareflyt.jobs.make_orders import make_orders
    from vareflyt.rules.ordering import EntryLine

    from .conftest import lookup
    from .test_read_inbox import ON

    _set(ws, EDI_SUPPLIER, 'extra_codes = "RFF"')
    entries = [
        EntryLine(EDI_SUPPLIER, "T100", D(10), delivery_date=date(2026, 3, 10)),
        EntryLine(PAPER_SUPPLIER, "P1", D(2), delivery_date=date(2026, 3, 10)),
    ]
    res = make_orders(ws, entries=entries, on=ON, now=datetime(2026, 3, 2, 8), catalogue=lookup)
    [stopped] = [i for i in res.issues if i.code == "order.not_written"]
    assert EDI_SUPPLIER in stopped.message and "extra_codes" in stopped.message
    assert [o["supplier_gln"] for o in res.extra["orders"]] == [PAPER_SUPPLIER]
