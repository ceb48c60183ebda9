"""Order responses: every line action and every deviation kind of DOMAIN.md §2.3."""

from datetime import date
from decimal import Decimal as D

from vareflyt.domain.orders import LineAction as A
from vareflyt.domain.orders import OrderResponse, PartyRef, ResponseLine, ResponseStatus
from vareflyt.rules.confirmation import apply_response
from vareflyt.rules.order_status import LineState, line_status, order_status

WANT = date(2026, 3, 10)


def lines(n=3):
    return [
        LineState(line_no=i, ordered_qty=D(10), article_no=f"A{i}", requested_date=WANT)
        for i in range(1, n + 1)
    ]


def resp(*rls, status=ResponseStatus.CHANGED, delivery=None, note=None):
    return OrderResponse(
        "R1",
        "100001",
        date(2026, 3, 2),
        status,
        PartyRef(gln="S"),
        PartyRef(gln="B"),
        tuple(rls),
        delivery_date=delivery,
        note=note,
    )


def codes(devs):
    return sorted(d.code for d in devs)


def test_all_accepted_confirms_without_deviations():
    new, devs = apply_response(
        lines(2),
        resp(ResponseLine(1, A.ACCEPTED), ResponseLine(2, A.ACCEPTED), status=ResponseStatus.ACCEPTED),
        WANT,
    )
    assert devs == []
    assert [ln.confirmed_qty for ln in new] == [D(10), D(10)]
    assert [ln.confirmed_date for ln in new] == [WANT, WANT]
    assert order_status(new) == "confirmed"
    assert line_status(new[0]) == "confirmed"


def test_changed_quantity_without_backorder_is_partial():
    new, devs = apply_response(lines(1), resp(ResponseLine(1, A.CHANGED, confirmed_qty=D(6))), WANT)
    assert codes(devs) == ["order_response.partial"]
    assert new[0].confirmed_qty == D(6) and new[0].backorder_qty is None
    assert line_status(new[0]) == "changed"


def test_backorder_with_date():
    rl = ResponseLine(1, A.CHANGED, confirmed_qty=D(4), backorder_qty=D(6), backorder_date=date(2026, 4, 1))
    new, devs = apply_response(lines(1), resp(rl), WANT)
    assert codes(devs) == ["order_response.backordered"]
    assert "01.04.2026" in devs[0].message
    assert new[0].backorder_qty == D(6) and new[0].backorder_date == date(2026, 4, 1)


def test_backorder_without_date_is_flagged_too():
    rl = ResponseLine(1, A.CHANGED, confirmed_qty=D(4), backorder_qty=D(6))
    _, devs = apply_response(lines(1), resp(rl), WANT)
    assert codes(devs) == ["order_response.backorder_without_date", "order_response.backordered"]


def test_changed_date_for_one_line_and_split_delivery():
    new, devs = apply_response(
        lines(2),
        resp(ResponseLine(1, A.ACCEPTED), ResponseLine(2, A.CHANGED, delivery_date=date(2026, 3, 20))),
        WANT,
    )
    assert codes(devs) == ["order_response.new_date", "order_response.split_delivery"]
    assert new[1].confirmed_date == date(2026, 3, 20) and new[1].changed
    assert not new[0].changed


def test_new_date_for_the_whole_order():
    new, devs = apply_response(
        lines(2),
        resp(ResponseLine(1, A.ACCEPTED), ResponseLine(2, A.ACCEPTED), delivery=date(2026, 3, 17)),
        WANT,
    )
    assert codes(devs) == ["order_response.new_order_date"]
    assert {ln.confirmed_date for ln in new} == {date(2026, 3, 17)}
    assert order_status(new) == "changed"


def test_not_accepted_line_with_reason():
    new, devs = apply_response(
        lines(2),
        resp(ResponseLine(1, A.ACCEPTED), ResponseLine(2, A.NOT_ACCEPTED, reason="Utgått av sortiment")),
        WANT,
    )
    assert codes(devs) == ["order_response.line_rejected"]
    assert "Utgått av sortiment" in devs[0].message
    assert new[1].rejected and new[1].confirmed_qty == 0
    assert line_status(new[1]) == "rejected"


def test_deleted_line():
    new, devs = apply_response(lines(1), resp(ResponseLine(1, A.DELETED)), WANT)
    assert codes(devs) == ["order_response.line_deleted"] and new[0].rejected


def test_added_freight_line():
    freight = ResponseLine(
        3,
        A.ADDED,
        seller_article_no="FRAKT",
        name="Frakt",
        confirmed_qty=D(1),
        unit="EA",
        net_price=D("850.00"),
    )
    new, devs = apply_response(
        lines(2), resp(ResponseLine(1, A.ACCEPTED), ResponseLine(2, A.ACCEPTED), freight), WANT
    )
    assert codes(devs) == ["order_response.new_line"]
    assert new[2].added and new[2].ordered_qty == D(1) and new[2].net_price == D("850.00")
    assert new[2].confirmed_date == WANT


def test_more_confirmed_than_ordered():
    _, devs = apply_response(lines(1), resp(ResponseLine(1, A.ACCEPTED, confirmed_qty=D(12))), WANT)
    assert codes(devs) == ["order_response.quantity_increased"]


def test_missing_lines_are_flagged_and_stay_unconfirmed():
    new, devs = apply_response(lines(3), resp(ResponseLine(1, A.ACCEPTED)), WANT)
    assert codes(devs) == ["order_response.lines_missing"]
    assert "2, 3" in devs[0].message
    assert not new[1].responded and line_status(new[1]) == "sent"


def test_unknown_line_number_is_flagged_and_kept_as_new_line():
    new, devs = apply_response(
        lines(1), resp(ResponseLine(1, A.ACCEPTED), ResponseLine(9, A.ACCEPTED, confirmed_qty=D(1))), WANT
    )
    assert "order_response.unknown_line" in codes(devs)
    assert new[-1].line_no == 9 and new[-1].added


def test_whole_order_rejected_without_lines():
    new, devs = apply_response(lines(2), resp(status=ResponseStatus.REJECTED, note="Kunden er sperret"), WANT)
    assert codes(devs) == ["order_response.order_rejected"]
    assert all(ln.rejected for ln in new) and order_status(new) == "rejected"


def test_applying_the_same_response_twice_gives_the_same_state():
    r = resp(
        ResponseLine(1, A.CHANGED, confirmed_qty=D(4), backorder_qty=D(6), backorder_date=date(2026, 4, 1))
    )
    once, _ = apply_response(lines(1), r, WANT)
    twice, _ = apply_response(once, r, WANT)
    assert once == twice
