"""Pure price-list rules with literal inputs: row checks, units, versions on dates, campaigns, counts."""

from datetime import date
from decimal import Decimal as D

import pytest

from vareflyt.config.prices import unit_table
from vareflyt.domain.catalogue import CatalogueArticle, CatalogueKind, PriceVersion
from vareflyt.rules.prices import best_match, chain_on, check_row, compare, effective, map_unit, quote

UNITS = unit_table()
NEW, CHANGE, REPLACE = CatalogueKind.NEW, CatalogueKind.CHANGE, CatalogueKind.REPLACE


def row(**values):
    base = {
        "article_no": "A1",
        "gtin": "7031234000019",
        "gross": D("100.00"),
        "discount": D("25"),
        "net": D("75.00"),
    }
    base.update(values)
    return base


def codes(issues):
    return [i.code for i in issues]


def test_good_row():
    article, issues = check_row(row(unit="stk", vat=D("25")), {}, units=UNITS)
    assert issues == [] and article.net == D("75.00") and article.unit == "EA" and article.vat_pct == D(25)


@pytest.mark.parametrize(
    "values, problems, code",
    [
        ({"gtin": "7031234000018"}, {}, "price.gtin"),
        ({"gtin": "70312340"}, {}, "price.gtin"),  # 8 digits, bad check digit
        ({"gtin": "123"}, {}, "price.gtin"),
        ({"article_no": None}, {}, "price.no_article"),
        ({"gross": None, "net": None}, {}, "price.no_price"),
        ({"gross": None}, {"gross": "«ring oss» er ikke et tall"}, "price.unreadable_gross"),
        ({"net": D("-1")}, {}, "price.negative"),
        ({"discount": D("120")}, {}, "price.discount_range"),
        ({"article_no": "X" * 71}, {}, "price.article_no"),
        ({"gross": D("1e13")}, {}, "price.too_large"),
    ],
)
def test_rejected_rows(values, problems, code):
    article, issues = check_row(row(**values), problems, units=UNITS)
    assert article is None and code in codes(issues)
    assert all(i.source.field for i in issues)


def test_inconsistent_price_is_imported_with_warning():
    article, issues = check_row(row(net=D("80.00")), {}, units=UNITS)
    assert article.net == D("80.00") and codes(issues) == ["price.inconsistent"]
    assert issues[0].severity.value == "warning" and issues[0].source.field == "net"


def test_tolerance_absolute_and_relative():
    assert check_row(row(net=D("75.02")), {}, units=UNITS)[1] == []
    assert codes(check_row(row(net=D("75.03")), {}, units=UNITS, tolerance_pct=D(0))[1]) == [
        "price.inconsistent"
    ]
    big = row(gross=D("10000"), discount=D("0"), net=D("10040"))
    assert check_row(big, {}, units=UNITS)[1] == []  # 0.5 % of 10000 = 50 kr


def test_net_computed_from_gross_and_discount():
    article, _ = check_row(row(net=None, gross=D("48.90"), discount=D("25")), {}, units=UNITS)
    assert article.net == D("36.68")
    article, _ = check_row(row(net=None, gross=D("0.1234"), discount=None), {}, units=UNITS)
    assert article.net == D("0.1234")


def test_warnings_keep_the_row():
    article, issues = check_row(
        row(
            nobb="1234567",
            unit="plate",
            vat=D("30"),
            pack_level="X",
            campaign_net=D("50"),
            campaign_from=None,
            campaign_to=date(2026, 3, 1),
        ),
        {"weight": "«tung» er ikke et tall"},
        units=UNITS,
    )
    assert (
        article is not None
        and article.nobb is None
        and article.unit == "plate"
        and article.campaign_net is None
    )
    assert sorted(codes(issues)) == [
        "price.campaign",
        "price.nobb",
        "price.pack_level",
        "price.unit",
        "price.unreadable",
        "price.vat",
    ]


@pytest.mark.parametrize(
    "basis, kept", [(D("100"), D("100")), (D("0"), None), (D("-10"), None), (None, None)]
)
def test_price_basis_must_be_positive(basis, kept):
    article, issues = check_row(row(price_basis=basis), {}, units=UNITS)
    assert article is not None and article.price_basis == kept
    assert codes(issues) == (["price.basis"] if basis is not None and basis <= 0 else [])


@pytest.mark.parametrize(
    "word, code",
    [
        ("stk", "EA"),
        ("Stykk", "EA"),
        ("st.", "EA"),
        ("PCE", "EA"),
        ("m", "MTR"),
        ("meter", "MTR"),
        ("lm", "MTR"),
        ("m2", "MTK"),
        ("kvm", "MTK"),
        ("m³", "MTQ"),
        ("kg", "KGM"),
        ("liter", "LTR"),
        ("l", "LTR"),
        ("pk", "PK"),
        ("Pakke", "PK"),
        ("pkt", "PK"),
        ("förp", "PK"),
        ("sekk", "SA"),
        ("säck", "SA"),
        ("rull", "RL"),
        ("pall", "PF"),
        ("boks", "CA"),
        ("burk", "CA"),
        ("eske", "BX"),
        ("par", "PR"),
        ("sett", "SET"),
        ("sats", "SET"),
        ("MTR", "MTR"),
    ],
)
def test_units(word, code):
    assert map_unit(word, UNITS) == (code, None)


def test_unknown_unit():
    code, problem = map_unit("plate", UNITS)
    assert code == "plate" and "ukjent enhet" in problem
    assert map_unit(None, UNITS) == (None, None)


def art(no="A1", net="10", **kw):
    return CatalogueArticle(article_no=no, net=D(net), gross=D(net), **kw)


def V(id, kind, start):
    return PriceVersion(id, "7080000000029", id, kind, start)


def price(versions, rows, on, wanted="A1"):
    hit = best_match(effective(versions, rows, on), wanted)
    return None if hit is None else quote(*hit, on)


def test_versions_new_change_replace_on_dates():
    v1, v2, v3 = V(1, NEW, date(2026, 1, 1)), V(2, CHANGE, date(2026, 3, 1)), V(3, REPLACE, date(2026, 6, 1))
    rows = {1: [art(net="10"), art("B", "5")], 2: [art(net="12")], 3: [art(net="15")]}
    vs = [v1, v2, v3]
    assert price(vs, rows, date(2025, 12, 31)) is None
    assert price(vs, rows, date(2026, 2, 1)).net == D(10)
    assert price(vs, rows, date(2026, 3, 1)).net == D(12)
    assert price(vs, rows, date(2026, 3, 1), "B").net == D(5)  # change list leaves other articles
    assert price(vs, rows, date(2026, 6, 1)).net == D(15)
    assert price(vs, rows, date(2026, 6, 1), "B") is None  # replace supersedes all earlier prices
    assert price(vs, rows, date(2026, 6, 1)).version.number == 3


def test_later_full_version_supersedes_earlier_change_with_later_date():
    v1, v2, v3 = V(1, NEW, date(2026, 1, 1)), V(2, CHANGE, date(2026, 5, 1)), V(3, NEW, date(2026, 2, 1))
    rows = {1: [art(net="10")], 2: [art(net="12")], 3: [art(net="11")]}
    assert [v.number for v in chain_on([v1, v2, v3], date(2026, 6, 1))] == [3]
    assert price([v1, v2, v3], rows, date(2026, 6, 1)).net == D(11)
    assert price([v1, v2, v3], rows, date(2026, 1, 15)).net == D(10)


def test_expired_article_and_article_validity():
    v1, v2 = V(1, NEW, date(2026, 1, 1)), V(2, CHANGE, date(2026, 2, 1))
    rows = {1: [art(net="10"), art("B", "5", valid_to=date(2026, 1, 31))], 2: [art(net="10", expired=True)]}
    assert price([v1, v2], rows, date(2026, 1, 20), "B").net == D(5)
    assert price([v1, v2], rows, date(2026, 2, 2), "B") is None
    assert price([v1, v2], rows, date(2026, 2, 2)) is None
    later = {1: rows[1], 2: [art(net="14", valid_from=date(2026, 4, 1))]}
    assert price([v1, v2], later, date(2026, 3, 1)).net == D(10)  # change row not valid yet
    assert price([v1, v2], later, date(2026, 4, 1)).net == D(14)


def test_campaign_overrides_while_valid():
    v1 = V(1, NEW, date(2026, 1, 1))
    a = art(net="10", campaign_net=D("7.50"), campaign_from=date(2026, 3, 1), campaign_to=date(2026, 3, 31))
    rows = {1: [a]}
    assert price([v1], rows, date(2026, 2, 28)).net == D(10)
    q = price([v1], rows, date(2026, 3, 1))
    assert q.net == D("7.50") and q.campaign and q.valid_to == date(2026, 3, 31)
    assert price([v1], rows, date(2026, 3, 31)).campaign
    assert not price([v1], rows, date(2026, 4, 1)).campaign


def test_lookup_by_gtin_nobb_and_pack_level():
    v1 = V(1, NEW, None)
    rows = {
        1: [
            art("A1", "100", gtin="7031234000026", pack_level="D"),
            art("A1", "10", gtin="7031234000019", pack_level="F", nobb="41234567"),
        ]
    }
    assert price([v1], rows, date(2026, 1, 1)).net == D(10)  # by article no.: consumer unit first
    assert price([v1], rows, date(2026, 1, 1), "7031234000026").net == D(100)
    assert price([v1], rows, date(2026, 1, 1), "41234567").net == D(10)


def test_compare_counts():
    previous = {("A", "F"): art("A", "10"), ("B", "F"): art("B", "5"), ("C", "F"): art("C", "7")}
    new = [art("A", "10"), art("B", "6"), art("D", "1")]
    assert compare(previous, new, NEW) == {"new": 1, "changed": 1, "unchanged": 1, "expired": 1}
    changes = [art("B", "6"), art("C", "7", expired=True)]
    assert compare(previous, changes, CHANGE) == {"new": 0, "changed": 1, "unchanged": 0, "expired": 1}


def test_values_too_long_or_large_for_the_store_are_dropped():
    article, issues = check_row(row(unit="u" * 36, product_group="G" * 71, weight=D("1e15")), {}, units=UNITS)
    assert (
        article is not None
        and article.unit is None
        and article.product_group is None
        and article.weight_kg is None
    )
    assert sorted(codes(issues)) == ["price.too_large", "price.too_long", "price.too_long"]


def test_fast_gtin_check_agrees_with_stdnum():
    import random

    from stdnum import ean

    from vareflyt.rules.prices import gs1_sum_ok, gtin_problem

    rnd = random.Random(3)
    for _ in range(20000):
        n = "".join(rnd.choice("0123456789") for _ in range(rnd.choice((8, 12, 13, 14))))
        assert gs1_sum_ok(n) == ean.is_valid(n), n
        assert (gtin_problem(n) is None) == ean.is_valid(n), n
    assert gtin_problem("7031234000019") is None and gtin_problem("7031234000018")
