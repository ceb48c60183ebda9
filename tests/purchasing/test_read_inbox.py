"""edi read: order responses and packing slips applied to orders, rejected whole, replays."""

from datetime import date, datetime
from decimal import Decimal as D

import sqlalchemy as sa

from vareflyt.domain.despatch import DespatchLine, Package
from vareflyt.domain.orders import LineAction as A
from vareflyt.domain.orders import ResponseLine, ResponseStatus
from vareflyt.jobs.make_orders import make_orders
from vareflyt.jobs.read_inbox import read_inbox
from vareflyt.rules.ordering import EntryLine
from vareflyt.store import purchase_orders as repo
from vareflyt.store.tables.core import processing_log
from vareflyt.store.tables.purchasing import purchase_deviations

from .conftest import EDI_SUPPLIER, PAPER_SUPPLIER, lookup
from .docs import despatch, drop, response

ON = date(2026, 3, 2)
SSCC = "370123450000000014"


def RL(no, action, **kw):
    """A response line with the quantity the NeB guide requires (QTY+21)."""
    kw.setdefault("ordered_qty", D(1))
    return ResponseLine(no, action, **kw)


def setup_order(ws, *lines):
    entries = [EntryLine(EDI_SUPPLIER, art, D(q), delivery_date=date(2026, 3, 10)) for art, q in lines]
    res = make_orders(ws, entries=entries, on=ON, now=datetime(2026, 3, 2, 8), catalogue=lookup)
    return res.extra["orders"][0]["number"]


def state(ws, number, supplier=EDI_SUPPLIER):
    with ws.store.connect() as conn:
        order = repo.find_order(conn, supplier, number)
        return order, repo.load_lines(conn, order.id)


def codes(res):
    return sorted(i["code"] for d in res.extra["documents"] for i in d["issues"])


def test_response_with_every_action(ws):
    no = setup_order(ws, ("T100", 120), ("T200", 30), ("T100", 10), ("T200", 5))
    drop(
        ws,
        response(
            no,
            RL(1, A.ACCEPTED),
            RL(2, A.CHANGED, confirmed_qty=D(20), backorder_qty=D(10), backorder_date=date(2026, 4, 1)),
            RL(3, A.NOT_ACCEPTED, reason="Utgått"),
            RL(4, A.CHANGED, delivery_date=date(2026, 3, 12)),
            RL(
                5,
                A.ADDED,
                seller_article_no="MILJO",
                name="Miljøavgift",
                confirmed_qty=D(1),
                net_price=D("45"),
            ),
        ),
    )
    res = read_inbox(ws, now=datetime(2026, 3, 2, 12))
    doc = res.extra["documents"][0]
    assert (doc["type"], doc["number"], doc["status"]) == ("ORDRSP", "R-1", "accepted")
    assert codes(res) == [
        "order_response.backordered",
        "order_response.line_rejected",
        "order_response.new_date",
        "order_response.new_line",
        "order_response.split_delivery",
    ]
    order, lines = state(ws, no)
    assert order.status == "changed" and order.response_no == "R-1"
    assert [ln.confirmed_qty for ln in lines] == [D(120), D(20), D(0), D(5), D(1)]
    assert lines[1].backorder_qty == D(10) and lines[2].rejected and lines[4].added
    with ws.store.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(purchase_deviations)).scalar_one() == 5
    assert not list(ws.inbox.iterdir()) and list(ws.archive.rglob("*ORDRSP_R-1.edi"))


def test_replayed_file_changes_nothing(ws):
    no = setup_order(ws, ("T100", 10))
    path = drop(ws, response(no, RL(1, A.CHANGED, confirmed_qty=D(4))))
    data = path.read_bytes()
    read_inbox(ws)
    path.write_bytes(data)
    again = read_inbox(ws)
    assert again.extra["documents"][0]["status"] == "accepted"
    assert codes(again) == ["edi.already_read"]
    with ws.store.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(purchase_deviations)).scalar_one() == 1


def test_response_with_missing_lines_is_flagged(ws):
    no = setup_order(ws, ("T100", 10), ("T200", 2))
    drop(ws, response(no, RL(1, A.ACCEPTED), status=ResponseStatus.ACCEPTED))
    res = read_inbox(ws)
    assert codes(res) == ["order_response.lines_missing"]
    assert state(ws, no)[1][1].responded is False


def test_response_for_unknown_order_becomes_unsolicited_order(ws):
    drop(
        ws,
        response(
            "TLF-991",
            RL(1, A.ACCEPTED, seller_article_no="T100", ordered_qty=D(8), confirmed_qty=D(8)),
            number="R-9",
        ),
    )
    res = read_inbox(ws)
    assert res.extra["documents"][0]["status"] == "accepted"
    assert "order_response.unsolicited" in codes(res)
    order, lines = state(ws, "TLF-991")
    assert order.source == "unsolicited" and lines[0].confirmed_qty == D(8)


def test_response_without_order_reference_is_keyed_by_the_suppliers_number(ws):
    # a telephone order: the response names no order of ours (no RFF+ON), only its own number
    drop(
        ws,
        response(
            None,
            RL(1, A.ACCEPTED, seller_article_no="T100", ordered_qty=D(3), confirmed_qty=D(3)),
            number="TLF-77",
        ),
    )
    res = read_inbox(ws)
    assert res.extra["documents"][0]["status"] == "accepted"
    assert "order_response.unsolicited" in codes(res)
    order, lines = state(ws, "TLF-77")
    assert order.source == "unsolicited" and lines[0].confirmed_qty == D(3)


def test_unknown_order_rejected_when_unsolicited_not_accepted(ws):
    ws.config_path.write_text(ws.config_path.read_text() + "\n[purchasing]\naccept_unsolicited = false\n")
    ws.__dict__.pop("config", None)
    drop(ws, response("999999", RL(1, A.ACCEPTED)))
    res = read_inbox(ws)
    assert res.extra["documents"][0]["status"] == "rejected" and codes(res) == ["edi.unknown_order"]
    assert list(ws.quarantine.glob("*.reason.txt")) and not list(ws.inbox.iterdir())


def test_response_from_another_supplier_with_our_number_is_kept_apart(ws):
    no = setup_order(ws, ("T100", 10))
    drop(ws, response(no, RL(1, A.ACCEPTED, confirmed_qty=D(1)), supplier=PAPER_SUPPLIER))
    res = read_inbox(ws)
    (doc,) = res.extra["documents"]
    assert doc["status"] == "accepted" and [i["code"] for i in doc["issues"]] == [
        "order_response.unsolicited"
    ]
    assert (
        f"gikk til Trelast Vest AS ({EDI_SUPPLIER}) – sjekk" in doc["issues"][0]["message"]
    )  # named, GLN beside
    ours, theirs = state(ws, no), state(ws, no, PAPER_SUPPLIER)
    assert ours[0].source == "own" and not ours[1][0].responded  # our order untouched
    assert theirs[0].source == "unsolicited" and theirs[0].id != ours[0].id


def test_response_from_wrong_supplier_rejected_when_unsolicited_not_accepted(ws):
    ws.config_path.write_text(ws.config_path.read_text() + "\n[purchasing]\naccept_unsolicited = false\n")
    ws.__dict__.pop("config", None)
    no = setup_order(ws, ("T100", 10))
    drop(ws, response(no, RL(1, A.ACCEPTED), supplier=PAPER_SUPPLIER))
    assert codes(read_inbox(ws)) == ["edi.wrong_supplier"]


def test_partial_split_and_over_delivery(ws):
    no = setup_order(ws, ("T100", 10), ("T200", 4))
    drop(
        ws,
        despatch(
            "P-1",
            DespatchLine(1, D(6), order_no=no, order_line="1", sscc=SSCC),
            order_no=no,
            packages=(Package(SSCC, "PX"),),
        ),
    )
    first = read_inbox(ws)
    assert first.extra["documents"][0]["status"] == "accepted" and codes(first) == ["packing_slip.partial"]
    order, lines = state(ws, no)
    assert order.status == "partly_delivered" and lines[0].delivered_qty == D(6)
    drop(
        ws,
        despatch(
            "P-2",
            DespatchLine(1, D(4), order_no=no, order_line="1"),
            DespatchLine(2, D(5), gtin="7040000000023"),
            order_no=no,
        ),
    )
    second = read_inbox(ws)
    assert codes(second) == ["packing_slip.over_delivery"]
    order, lines = state(ws, no)
    assert [ln.delivered_qty for ln in lines] == [D(10), D(5)] and order.status == "delivered"


def test_final_delivery_closes_and_flags_under_delivery_and_unknown_line(ws):
    no = setup_order(ws, ("T100", 10), ("T200", 4))
    drop(
        ws,
        despatch(
            "P-3",
            DespatchLine(1, D(10), order_line="1"),
            DespatchLine(2, D(1), seller_article_no="XYZ"),
            order_no=no,
            final_delivery=True,
        ),
    )
    res = read_inbox(ws)
    assert codes(res) == ["packing_slip.under_delivery", "packing_slip.unknown_line"]
    order, lines = state(ws, no)
    assert order.closed and order.status == "closed"


def test_packing_slip_number_reused_and_bad_sscc_are_rejected(ws):
    no = setup_order(ws, ("T100", 10))
    drop(ws, despatch("P-5", DespatchLine(1, D(1), order_line="1"), order_no=no))
    read_inbox(ws)
    drop(ws, despatch("P-5", DespatchLine(1, D(2), order_line="1"), order_no=no), name="other.edi")
    drop(
        ws,
        despatch(
            "P-6",
            DespatchLine(1, D(2), order_line="1", sscc="370123450000000015"),
            order_no=no,
            packages=(Package("370123450000000015"),),
        ),
    )
    res = read_inbox(ws)
    assert [d["status"] for d in res.extra["documents"]] == ["rejected", "rejected"]
    first, second = res.extra["documents"]  # files are read in order of arrival
    assert [i["code"] for i in first["issues"]] == ["packing_slip.number_used"]
    assert second["issues"] and all("SSCC" in i["message"] for i in second["issues"])  # guide or our check
    assert state(ws, no)[1][0].delivered_qty == D(1)
    with ws.store.connect() as conn:
        statuses = [
            r.status
            for r in conn.execute(
                sa.select(processing_log)
                .where(processing_log.c.job == "edi.read")
                .order_by(processing_log.c.id)
            )
        ]
    assert statuses == ["ok", "rejected", "rejected"]


def test_two_orders_packed_together_and_unsolicited_packing_slip(ws):
    a = setup_order(ws, ("T100", 10))
    b = make_orders(ws, entries=[EntryLine(EDI_SUPPLIER, "T200", D(3))], on=ON, catalogue=lookup).extra[
        "orders"
    ][0]["number"]
    drop(
        ws,
        despatch(
            "P-7",
            DespatchLine(1, D(10), order_no=a, order_line="1"),
            DespatchLine(2, D(3), order_no=b, order_line="1"),
        ),
    )
    drop(ws, despatch("P-8", DespatchLine(1, D(2), seller_article_no="T100"), order_no="HENT-12"))
    res = read_inbox(ws)
    assert [d["status"] for d in res.extra["documents"]] == ["accepted", "accepted"]
    assert state(ws, a)[0].status == "delivered" and state(ws, b)[0].status == "delivered"
    order, lines = state(ws, "HENT-12")
    assert order.source == "unsolicited" and lines[0].delivered_qty == D(2)


def test_wrong_receiver_and_garbage_file_are_quarantined(ws):
    no = setup_order(ws, ("T100", 10))
    drop(ws, response(no, RL(1, A.ACCEPTED)), receiver="7080000000050")
    (ws.inbox / "junk.edi").write_bytes(b"hello")
    res = read_inbox(ws)
    assert sorted(d["status"] for d in res.extra["documents"]) == ["rejected", "rejected"]
    assert len(list(ws.quarantine.glob("*.reason.txt"))) == 2


def test_resent_response_in_a_new_file_does_not_double_deviations(ws):
    no = setup_order(ws, ("T100", 10))
    doc = response(no, RL(1, A.CHANGED, confirmed_qty=D(4)))
    drop(ws, doc, name="a.edi")
    read_inbox(ws)
    drop(ws, doc, name="b.edi", ref="2")  # same response, new interchange: other bytes
    res = read_inbox(ws)
    assert res.extra["documents"][0]["status"] == "accepted"
    with ws.store.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(purchase_deviations)).scalar_one() == 1


def test_invoiced_quantities_close_the_loop(ws):
    from vareflyt.jobs.order_lines import record_invoiced

    no = setup_order(ws, ("T100", 10))
    drop(ws, despatch("P-1", DespatchLine(1, D(10), order_line="1"), order_no=no))
    read_inbox(ws)
    with ws.store.transaction() as conn:
        assert repo.received_quantities(conn, EDI_SUPPLIER, no) == {1: D(10)}
        assert record_invoiced(conn, EDI_SUPPLIER, no, 1, D(10))
        assert not record_invoiced(conn, EDI_SUPPLIER, no, 7, D(1))
    order, lines = state(ws, no)
    assert order.status == "invoiced" and lines[0].invoiced_qty == D(10)


def test_the_dispatcher_names_every_handler_in_its_own_tables(ws, monkeypatch):
    from vareflyt.jobs import read_inbox as module
    from vareflyt.jobs.inbox_documents import Accepted
    from vareflyt.jobs.read_invoices import handle_ehf_file, handle_invoic

    assert module.HANDLERS["INVOIC"] is handle_invoic and module.FILE_HANDLERS["xml"] is handle_ehf_file
    seen = []
    monkeypatch.setitem(
        module.HANDLERS, "ORDRSP", lambda ctx, conn, msg, ic: seen.append(msg.type) or Accepted("X", "S")
    )
    drop(ws, response("1", RL(1, A.ACCEPTED)))
    assert read_inbox(ws).extra["documents"][0]["number"] == "X" and seen == ["ORDRSP"]
