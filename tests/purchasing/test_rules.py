"""Receiving, ordering and status rules with literal inputs."""

from datetime import date, datetime
from decimal import Decimal as D

from vareflyt.domain.catalogue import CatalogueArticle
from vareflyt.domain.despatch import DespatchAdvice, DespatchLine, Package
from vareflyt.domain.orders import PartyRef
from vareflyt.rules import ordering
from vareflyt.rules.order_status import LineState, is_overdue, line_status, order_status
from vareflyt.rules.receiving import KnownOrder, apply_despatch, check_formal, sscc_valid

SSCC = "370123450000000014"  # valid GS1 check digit


def order(no="100001", n=2, qty=10):
    return KnownOrder(
        no,
        tuple(
            LineState(line_no=i, ordered_qty=D(qty), article_no=f"A{i}", gtin=f"70{i:011d}")
            for i in range(1, n + 1)
        ),
        delivery_gln="7080000000012",
    )


def slip(*lines, final=False, order_no="100001", packages=(), number="P1"):
    return DespatchAdvice(
        number,
        date(2026, 3, 5),
        PartyRef(gln="S"),
        PartyRef(gln="7080000000012"),
        tuple(lines),
        tuple(packages),
        order_no=order_no,
        final_delivery=final,
    )


def test_sscc_check_digit():
    assert sscc_valid(SSCC)
    assert not sscc_valid(SSCC[:-1] + "8")
    assert not sscc_valid("12345")


def test_formal_checks_reject_bad_sscc_and_foreign_buyer():
    doc = slip(DespatchLine(1, D(1), sscc="370123450000000018"), packages=[Package("370123450000000018")])
    codes = [i.code for i in check_formal(doc, "7080000000029")]
    assert codes == ["packing_slip.sscc", "packing_slip.buyer"]
    assert check_formal(slip(DespatchLine(1, D(1), sscc=SSCC)), "7080000000012") == []


def test_partial_delivery_then_rest_in_a_second_slip():
    o = order()
    res = apply_despatch(
        slip(DespatchLine(1, D(4), order_line="1"), DespatchLine(2, D(10), order_line="2")), {o.number: o}
    )
    lines = res.lines[o.number]
    assert [ln.delivered_qty for ln in lines] == [D(4), D(10)]
    assert [d.code for _, d in res.deviations] == ["packing_slip.partial"]
    assert line_status(lines[0]) == "partly_delivered" and order_status(lines) == "partly_delivered"
    o2 = KnownOrder(o.number, tuple(lines), o.delivery_gln)
    res2 = apply_despatch(slip(DespatchLine(1, D(6), order_line="1"), number="P2"), {o.number: o2})
    assert res2.lines[o.number][0].delivered_qty == D(10)
    assert order_status(res2.lines[o.number]) == "delivered" and res2.deviations == []


def test_over_delivery_and_unknown_line_matched_by_gtin_otherwise():
    o = order()
    res = apply_despatch(
        slip(DespatchLine(1, D(12), gtin="7000000000001"), DespatchLine(2, D(1), seller_article_no="ZZZ")),
        {o.number: o},
    )
    assert sorted(d.code for _, d in res.deviations) == [
        "packing_slip.over_delivery",
        "packing_slip.unknown_line",
    ]
    assert res.receipts[0].order_line == 1 and res.receipts[1].order_line is None


def test_final_delivery_closes_order_and_flags_under_delivery():
    o = order()
    res = apply_despatch(slip(DespatchLine(1, D(10), order_line="1"), final=True), {o.number: o})
    assert res.closed == {o.number}
    assert [d.code for _, d in res.deviations] == ["packing_slip.under_delivery"]
    assert order_status(res.lines[o.number], closed=True) == "closed"


def test_weight_and_length_goods_within_tolerance_are_complete():
    from dataclasses import replace

    metres = KnownOrder(
        "100001",
        (
            replace(order(n=1).lines[0], unit="MTR", ordered_qty=D(100)),
            replace(order(n=1).lines[0], line_no=2, unit="EA", ordered_qty=D(100)),
        ),
    )
    variable = dict(variable_units=frozenset({"MTR", "KGM"}), tolerance_pct=D(5))
    res = apply_despatch(
        slip(DespatchLine(1, D("100.8"), order_line="1"), DespatchLine(2, D(101), order_line="2")),
        {metres.number: metres},
        **variable,
    )
    line, pieces = res.lines[metres.number]
    assert line.confirmed_qty == D("100.8") and line_status(line) == "delivered"
    assert sorted(d.code for _, d in res.deviations) == [
        "packing_slip.measured_article",
        "packing_slip.over_delivery",
    ]
    assert "levert med 100,8 MTR av 100" in next(
        d.message for _, d in res.deviations if d.code == "packing_slip.measured_article"
    )
    short = apply_despatch(
        slip(DespatchLine(1, D("96"), order_line="1")), {metres.number: metres}, **variable
    )
    assert short.lines[metres.number][0].confirmed_qty == D("96")  # 4 % short: complete, nothing to wait for
    far = apply_despatch(slip(DespatchLine(1, D("90"), order_line="1")), {metres.number: metres}, **variable)
    assert [d.code for _, d in far.deviations] == [
        "packing_slip.partial"
    ]  # 10 % short: the rest is still expected
    plain = apply_despatch(slip(DespatchLine(1, D("100.8"), order_line="1")), {metres.number: metres})
    assert [d.code for _, d in plain.deviations] == [
        "packing_slip.over_delivery"
    ]  # no variable units configured


def test_two_orders_packed_together():
    a, b = order("100001", 1), order("100002", 1)
    res = apply_despatch(
        slip(
            DespatchLine(1, D(10), order_no="100001", order_line="1"),
            DespatchLine(2, D(10), order_no="100002", order_line="1"),
            order_no=None,
        ),
        {a.number: a, b.number: b},
    )
    assert res.lines["100001"][0].delivered_qty == D(10) and res.lines["100002"][0].delivered_qty == D(10)
    assert res.deviations == []


def test_resolve_picks_valid_article_and_price_on_date():
    on = date(2026, 3, 1)
    old = CatalogueArticle("A1", net=D("10"), valid_to=date(2026, 2, 1))
    assert ordering.resolve([], on) == "article"
    assert ordering.resolve([old], on) == "expired"
    assert ordering.resolve([CatalogueArticle("A1", expired=True, net=D(1))], on) == "expired"
    assert ordering.resolve([CatalogueArticle("A1")], on) == "price"
    camp = CatalogueArticle(
        "A1", net=D("10"), campaign_net=D("8"), campaign_from=date(2026, 2, 20), campaign_to=date(2026, 3, 5)
    )
    assert ordering.resolve([camp], on).net_price == D("8")
    gross = CatalogueArticle("A1", gross=D("200"), discount_pct=D("25"), price_basis=D("100"))
    assert ordering.resolve([gross], on).net_price == D("1.5")


def test_reorder_suggestions_subtract_open_orders():
    s = [
        ordering.ArticleSetting("A1", "S", D(3), D(5), D(20)),
        ordering.ArticleSetting("A2", "S", D(9), D(5), D(20)),
        ordering.ArticleSetting("A3", "S", D(0), D(5), D(20)),
    ]
    out = ordering.reorder_suggestions(s, {("7080000000029", "A3"): D(20)}, lambda s: "7080000000029")
    assert [(e.article, e.quantity, e.origin) for e in out] == [("A1", D(20), "reorder")]


def test_grouping_by_supplier_and_place_and_pickup():
    art = ordering.Resolved("A1", D(1))
    e = ordering.EntryLine("S", "A1", D(1))
    rows = [
        (e, art, "S1", "P1", date(2026, 3, 9), "k1"),
        (e, art, "S1", "P1", datetime(2026, 3, 8, 7, 0), "k2"),
        (e, art, "S1", "P2", None, "k3"),
        (e, art, "S2", "P1", None, "k4"),
        (ordering.EntryLine("S", "A1", D(1), pickup=True), art, "S1", "P1", None, "k5"),
    ]
    orders = ordering.group(rows)
    assert [(o.supplier_gln, o.delivery_gln, o.pickup, len(o.lines)) for o in orders] == [
        ("S1", "P1", False, 2),
        ("S1", "P2", False, 1),
        ("S2", "P1", False, 1),
        ("S1", "P1", True, 1),
    ]
    assert orders[0].requested_delivery == datetime(2026, 3, 8, 7, 0)
    assert [ln.line_no for ln in orders[0].lines] == [1, 2]


def test_entry_key_and_time_parsing():
    e = ordering.EntryLine("S", "A1", D("2.0"))
    assert e.key() == ordering.EntryLine("s ", "a1", D("2")).key() and e.key(0) != e.key(1)
    assert ordering.parse_time("7.30").hour == 7 and ordering.parse_time("0730").minute == 30
    assert ordering.parse_time("") is None and ordering.parse_time("snart") == "time"


def test_overdue():
    sent = datetime(2026, 3, 1, 8, 0)
    assert is_overdue(sent, False, 24, datetime(2026, 3, 2, 9, 0))
    assert not is_overdue(sent, False, 24, datetime(2026, 3, 2, 7, 0))
    assert not is_overdue(sent, True, 24, datetime(2026, 3, 9))


def test_variable_units_setting():
    import pytest

    from vareflyt.config import ConfigError
    from vareflyt.config.purchasing import parse

    assert parse({}).variable_units >= {"KGM", "MTR"} and parse({}).variable_tolerance_pct == D(5)
    assert parse({"variable_units": ["kgm", " mtr "]}).variable_units == {"KGM", "MTR"}
    with pytest.raises(ConfigError, match="variable_units"):
        parse({"variable_units": "KGM"})
