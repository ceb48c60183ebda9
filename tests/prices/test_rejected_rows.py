"""Issue 14, item 3: in a new or replacement list, an article whose row is rejected ("Pris på
forespørsel" in the price column, a GTIN with a wrong check digit) keeps its previous price,
flagged "pris ikke oppdatert" in the result, the lookup and the catalogue table; invoice control
sees the previous price. Only articles absent from the list expire."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from vareflyt.domain.catalogue import CatalogueArticle
from vareflyt.excel.openpyxl_adapter import OpenpyxlWorkbook
from vareflyt.jobs.import_prices import import_prices, lookup_price
from vareflyt.rules.price_keep import RejectedRow, bridge_later_rows, carry_rejected
from vareflyt.rules.prices import compare

from .supplier_files import NORDISK, csv_semicolon, make_ws, xlsx_with_title

HEAD = ["Varenr", "EAN", "Varetekst", "Enhet", "Bruttopris", "Rabatt %", "Nettopris"]
V1 = [
    ["A1", "7031234000019", "Plank 48x98", "m", 40, 10, 36],
    ["A2", "7031234000026", "Vindusbeslag", "stk", 250, 20, 200],
    ["A3", "7031234000033", "Spiker 2,8", "pk", 60, 0, 60],
    ["A4", "7031234000040", "Skrue 5x50", "pk", 120, 25, 90],
    ["A5", "7031234000057", "Lekt 23x48", "m", 12, 0, 12],
]
JAN, MAR = date(2026, 1, 1), date(2026, 3, 1)
# The 2026 list as a Norwegian ERP writes it: cp1252 semicolon CSV, decimal comma, a title line.
# A1 dearer, A2 "Pris på forespørsel", A3 gone, A4 unchanged, A5 with a wrong GTIN check digit,
# A6 new, A7 new but without a price.
V2 = [
    ["Nordisk Trelast AS - prisliste", "", "", "", "", "", ""],
    ["Varenr", "EAN", "Varetekst", "Enhet", "Bruttopris", "Rabatt %", "Nettopris"],
    ["A1", "7031234000019", "Plank 48x98", "m", "44,00", "10", "39,60"],
    ["A2", "7031234000026", "Vindusbeslag", "stk", "", "", "Pris på forespørsel"],
    ["A4", "7031234000040", "Skrue 5x50", "pk", "120,00", "25", "90,00"],
    ["A5", "7031234000058", "Lekt 23x48", "m", "13,00", "0", "13,00"],
    ["A6", "7031234000064", "Takpapp", "rull", "899,00", "15", "764,15"],
    ["A7", "7031234000071", "Takstol", "stk", "", "", "Pris på forespørsel"],
]


@pytest.fixture
def ws(tmp_path):
    workspace = make_ws(tmp_path / "ws")
    import_prices(
        workspace,
        xlsx_with_title(tmp_path / "v1.xlsx", [["Nordisk Trelast AS – prisliste 2025"]], HEAD, V1),
        NORDISK,
        "new",
        JAN,
        today=JAN,
    )
    yield workspace
    workspace.close()


def net(ws, article, on=MAR):
    found = lookup_price(ws, NORDISK, article, on)
    return (Decimal(found.extra["net"]), found.extra["not_updated"]) if found.ok else None


def test_price_on_request_in_a_new_list_keeps_the_previous_price(ws, tmp_path):
    result = import_prices(
        ws, csv_semicolon(tmp_path / "prisliste_2026.csv", V2), NORDISK, "new", MAR, today=MAR
    )
    assert result.counts == {
        "rows_read": 6,
        "imported": 3,
        "rejected": 3,
        "new": 1,
        "changed": 1,
        "unchanged": 1,
        "expired": 1,
        "not_updated": 2,
    }
    assert result.extra["not_updated"] == ["A2", "A5"]
    assert "2 varer beholder forrige pris (pris ikke oppdatert)" in result.summary
    kept = {(i.source.row, i.message.split()[0]) for i in result.issues if i.code == "price.not_updated"}
    assert kept == {(4, "A2"), (6, "A5")}  # on the rejected rows of the file (title is row 1)
    assert {(i.code, i.source.row) for i in result.issues if i.is_error} == {
        ("price.unreadable_net", 4),
        ("price.gtin", 6),
        ("price.unreadable_net", 8),
    }
    assert net(ws, "A2") == (Decimal(200), True) and net(ws, "A5") == (Decimal(12), True)
    assert net(ws, "A1") == (Decimal("39.6"), False) and net(ws, "A6") == (Decimal("764.15"), False)
    assert net(ws, "A3") is None and net(ws, "A7") is None  # absent: expired; new without a price: nothing
    assert net(ws, "A2", date(2026, 2, 1)) == (Decimal(200), False)  # before the list, the old row itself
    table = OpenpyxlWorkbook(ws.purchasing_workbook).read_table("catalogue").set_index("article_no")
    assert sorted(table.index) == ["A1", "A2", "A4", "A5", "A6"]
    assert table.at["A2", "price_note"] == "pris ikke oppdatert" and table.at["A2", "net"] == Decimal(200)
    assert table.at["A2", "price_list_version"] == "2"
    assert table.isna().at["A1", "price_note"]
    from vareflyt.jobs.invoices.prices import PriceRows

    prices = PriceRows()
    with ws.store.connect() as conn:
        prices.load(conn, {NORDISK: {"A2", "A3"}})
    assert (
        prices.row(NORDISK, "A2", None, MAR).net == Decimal(200)
        and prices.row(NORDISK, "A3", None, MAR) is None
    )


def test_a_later_list_with_a_price_ends_the_flag(ws, tmp_path):
    import_prices(ws, csv_semicolon(tmp_path / "v2.csv", V2), NORDISK, "new", MAR, today=MAR)
    v3 = [V2[1], ["A2", "7031234000026", "Vindusbeslag", "stk", "260,00", "20", "208,00"]]
    result = import_prices(
        ws,
        csv_semicolon(tmp_path / "v3.csv", v3),
        NORDISK,
        "replace",
        date(2026, 4, 1),
        today=date(2026, 4, 1),
    )
    assert result.counts["changed"] == 1 and result.counts["not_updated"] == 0
    assert net(ws, "A2", date(2026, 4, 1)) == (Decimal(208), False)


def test_a_change_list_carries_nothing_and_changes_nothing_for_a_rejected_row(ws, tmp_path):
    change = [V2[1], V2[3], V2[2]]  # A2 unreadable, A1 dearer
    result = import_prices(
        ws, csv_semicolon(tmp_path / "endring.csv", change), NORDISK, "change", MAR, today=MAR
    )
    assert (result.counts["not_updated"], result.counts["expired"], result.counts["rejected"]) == (0, 0, 1)
    assert net(ws, "A2") == (Decimal(200), False) and net(ws, "A3") == (Decimal(60), False)


def test_carry_rejected_rule():
    old = {
        ("A1", "F"): CatalogueArticle("A1", net=Decimal(1)),
        ("A1", "T"): CatalogueArticle("A1", pack_level="T"),
        ("B2", "F"): CatalogueArticle("B2", gtin="7031234000026"),
    }
    carried = carry_rejected(
        old,
        [
            RejectedRow(3, "A1", "Pall"),
            RejectedRow(4, "A1"),
            RejectedRow(5, "A1"),
            RejectedRow(6, None, gtin="7031234000026"),
            RejectedRow(7, None),
        ],
        {("A1", "F")},
    )
    assert [(r, a.article_no, a.pack_level, a.not_updated) for r, a in carried] == [
        (3, "A1", "T", True),
        (6, "B2", None, True),
    ]  # (A1, F) is listed in another row


def test_bridge_later_rows_rule():
    old = {
        ("A1", "F"): CatalogueArticle("A1", net=Decimal(1), valid_to=date(2026, 2, 20)),
        ("A2", "F"): CatalogueArticle("A2", net=Decimal(2)),
    }
    rows = [
        (1, CatalogueArticle("A1", net=Decimal(5), valid_from=date(2026, 3, 1))),
        (2, CatalogueArticle("A2", net=Decimal(6), valid_from=date(2026, 2, 1))),
        (3, CatalogueArticle("A3", net=Decimal(7), valid_from=date(2026, 3, 1))),
    ]
    bridged = bridge_later_rows(old, rows, date(2026, 2, 1))
    assert [(r, a.article_no, a.net, a.valid_to) for r, a in bridged] == [
        (1, "A1", Decimal(1), date(2026, 2, 20))
    ]


def test_compare_does_not_expire_kept_articles():
    old = {
        ("A1", "F"): CatalogueArticle("A1"),
        ("A2", "F"): CatalogueArticle("A2"),
        ("A3", "F"): CatalogueArticle("A3"),
    }
    from vareflyt.domain.catalogue import CatalogueKind

    counts = compare(old, [CatalogueArticle("A1")], CatalogueKind.NEW, kept={("A2", "F")})
    assert counts == {"new": 0, "changed": 0, "unchanged": 1, "expired": 1}
