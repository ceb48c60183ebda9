"""Issue 14, item 1: a price list starts on its own date, from its rows, its title or its PRICAT
header; only without any of these on the import day. Files are written as suppliers export them
(``supplier_files``); expectations are worked out by hand from the lists below."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from vareflyt.domain.issues import Source
from vareflyt.jobs.import_prices import import_prices, lookup_price
from vareflyt.jobs.make_orders import make_orders
from vareflyt.rules.ordering import EntryLine
from vareflyt.rules.price_dates import dates_in, list_date, rows_date, title_date

from .supplier_files import NORDISK, csv_semicolon, make_ws, xlsx_plain, xlsx_with_title

REPO = Path(__file__).resolve().parents[2]
HEAD = ["Art.nr", "EAN", "Varetekst", "Enhet", "Nettopris", "Gyldig fra"]
OLD = [
    ["T1", "7031234000019", "Plank 48x98", "m", 100, date(2025, 1, 1)],
    ["T2", "7031234000026", "Lekt 23x48", "m", 50, date(2025, 1, 1)],
    ["T3", "7031234000033", "Spiker 2,8", "pk", 20, date(2025, 1, 1)],
]
# T1 dearer, T2 unchanged, T3 dropped, T4 new; "Gyldig fra 01.02.2026" in every row, as text the
# way an ERP writes it into a cell formatted as text.
NEW = [
    ["T1", "7031234000019", "Plank 48x98", "m", 110, "01.02.2026"],
    ["T2", "7031234000026", "Lekt 23x48", "m", 50, "01.02.2026"],
    ["T4", "7031234000040", "Skrue 5x50", "pk", 30, "01.02.2026"],
]


@pytest.fixture
def ws(tmp_path):
    workspace = make_ws(tmp_path / "ws")
    yield workspace
    workspace.close()


def net(ws, article, on):
    found = lookup_price(ws, NORDISK, article, on)
    return Decimal(found.extra["net"]) if found.ok else None


def refused(ws, on: date) -> dict[str, str]:
    """article -> why it cannot be ordered on ``on`` ("" when it can), through make_orders."""
    wanted = ("T1", "T2", "T3", "T4")
    lines = [EntryLine(NORDISK, a, Decimal(1), project=on.isoformat(), row=i) for i, a in enumerate(wanted)]
    result = make_orders(ws, entries=lines, on=on, now=datetime(on.year, on.month, on.day, 9))
    why = {i.message.rsplit(" ", 1)[-1]: i.code for i in result.issues if i.code.startswith("order.")}
    assert result.counts["lines"] == sum(1 for a in wanted if a not in why)
    return {a: why.get(a, "") for a in wanted}


def _old_and_new(ws, tmp_path, today: date):
    old = xlsx_with_title(
        tmp_path / "nordisk_2025.xlsx", [["Nordisk Trelast AS – prisliste 2025"]], HEAD, OLD
    )
    first = import_prices(ws, old, NORDISK, "new", today=date(2025, 1, 1))
    assert first.extra["valid_from"] == "2025-01-01" and first.extra["valid_from_source"] == "rows"
    new = xlsx_with_title(
        tmp_path / "nordisk_2026.xlsx", [["Nordisk Trelast AS – prisliste 2026"]], HEAD, NEW
    )
    return import_prices(ws, new, NORDISK, "new", today=today)


def test_rows_date_imported_a_month_before_it(ws, tmp_path):
    result = _old_and_new(ws, tmp_path, today=date(2026, 1, 1))
    assert result.extra["valid_from"] == "2026-02-01" and result.extra["valid_from_source"] == "rows"
    assert "gyldig fra 01.02.2026 (datoen alle radene har i gyldig-fra-kolonnen)" in result.summary
    assert result.counts == {
        "rows_read": 3,
        "imported": 3,
        "rejected": 0,
        "new": 1,
        "changed": 1,
        "unchanged": 1,
        "expired": 1,
        "not_updated": 0,
    }
    assert not [i for i in result.issues if i.code.startswith("price.valid_from")]
    # until the list's date the old prices apply; the old list's articles can be ordered, the new one not yet
    assert [net(ws, a, date(2026, 1, 31)) for a in ("T1", "T2", "T3", "T4")] == [100, 50, 20, None]
    assert [net(ws, a, date(2026, 2, 1)) for a in ("T1", "T2", "T3", "T4")] == [110, 50, None, 30]
    assert refused(ws, date(2026, 1, 15)) == {"T1": "", "T2": "", "T3": "", "T4": "order.expired"}
    assert refused(ws, date(2026, 2, 2)) == {"T1": "", "T2": "", "T3": "order.expired", "T4": ""}


def test_rows_date_imported_a_month_after_it(ws, tmp_path):
    result = _old_and_new(ws, tmp_path, today=date(2026, 3, 1))
    assert result.extra["valid_from"] == "2026-02-01" and result.extra["valid_from_source"] == "rows"
    assert (result.counts["changed"], result.counts["expired"], result.counts["new"]) == (1, 1, 1)
    assert [net(ws, a, date(2026, 1, 31)) for a in ("T1", "T3", "T4")] == [100, 20, None]
    # an order placed on 10.02 is controlled against the list that applied then, not the old one
    assert [net(ws, a, date(2026, 2, 10)) for a in ("T1", "T3", "T4")] == [110, None, 30]
    from vareflyt.jobs.invoices.prices import PriceRows

    prices = PriceRows()
    with ws.store.connect() as conn:
        prices.load(conn, {NORDISK: {"T1", "T3"}})
    assert prices.row(NORDISK, "T1", None, date(2026, 2, 10)).net == Decimal(110)
    assert prices.row(NORDISK, "T1", None, date(2026, 1, 20)).net == Decimal(100)
    assert prices.row(NORDISK, "T3", None, date(2026, 2, 10)) is None
    assert refused(ws, date(2026, 3, 1)) == {"T1": "", "T2": "", "T3": "order.expired", "T4": ""}


def test_option_wins_with_a_warning_and_rows_start_on_their_own_date(ws, tmp_path):
    result = import_prices(
        ws, xlsx_with_title(tmp_path / "gammel.xlsx", [], HEAD, OLD), NORDISK, "new", today=date(2025, 1, 1)
    )
    assert result.extra["valid_from"] == "2025-01-01"
    new = xlsx_with_title(tmp_path / "ny.xlsx", [], HEAD, NEW)
    result = import_prices(ws, new, NORDISK, "new", date(2026, 1, 15), today=date(2026, 1, 10))
    assert result.extra["valid_from"] == "2026-01-15" and result.extra["valid_from_source"] == "option"
    [differs] = [i for i in result.issues if i.code == "price.valid_from_differs"]
    assert "01.02.2026" in differs.message and "15.01.2026" in differs.message
    # T1's new row starts 01.02: until then its old price still applies (not "utgått")
    assert net(ws, "T1", date(2026, 1, 20)) == 100 and net(ws, "T1", date(2026, 2, 1)) == 110
    assert net(ws, "T3", date(2026, 1, 20)) is None  # not in the list: expires on the version's date
    assert net(ws, "T4", date(2026, 1, 20)) is None and net(ws, "T4", date(2026, 2, 1)) == 30
    assert any(i.code == "price.later_rows" and "2 varer" in i.message for i in result.issues)


def test_title_row_says_the_date(ws, tmp_path):
    path = xlsx_with_title(
        tmp_path / "vest.xlsx",
        [["Nordisk Trelast AS"], ["Prisliste gyldig fra 1. februar 2026"], ["Alle priser i NOK eks. mva."]],
        HEAD[:5],
        [r[:5] for r in OLD],
    )
    result = import_prices(ws, path, NORDISK, "new", today=date(2026, 1, 10))
    assert result.extra["valid_from"] == "2026-02-01" and result.extra["valid_from_source"] == "title"
    assert "«Prisliste gyldig fra 1. februar 2026»" in result.summary
    assert net(ws, "T1", date(2026, 1, 31)) is None and net(ws, "T1", date(2026, 2, 1)) == 100


def test_title_in_a_semicolon_csv_with_a_two_digit_year(ws, tmp_path):
    path = csv_semicolon(
        tmp_path / "priser.csv",
        [
            ["Nordisk Trelast AS", "", "", "", ""],
            ["Priser fra 01.02.26", "", "", "", ""],
            [],
            ["Varenr", "EAN", "Varetekst", "Enhet", "Nettopris"],
            ["T1", "7031234000019", "Plank 48x98", "m", "100,00"],
            ["T2", "7031234000026", "Lekt 23x48", "m", "50,00"],
        ],
    )
    result = import_prices(ws, path, NORDISK, "new", today=date(2026, 1, 10))
    assert (result.extra["valid_from"], result.extra["valid_from_source"]) == ("2026-02-01", "title")


def test_label_and_date_cell_in_the_title(ws, tmp_path):
    path = xlsx_with_title(
        tmp_path / "portal.xlsx",
        [["Nordisk Trelast AS"], ["Gyldig fra:", date(2026, 3, 1)], ["Utskrevet:", date(2026, 1, 9)]],
        HEAD[:5],
        [r[:5] for r in OLD],
    )
    result = import_prices(ws, path, NORDISK, "new", today=date(2026, 1, 10))
    assert (result.extra["valid_from"], result.extra["valid_from_source"]) == ("2026-03-01", "title")


def test_no_date_anywhere_is_the_import_day_and_said_so(ws, tmp_path):
    path = xlsx_plain(tmp_path / "udatert.xlsx", HEAD[:5], [r[:5] for r in OLD])
    result = import_prices(ws, path, NORDISK, "new", today=date(2026, 1, 10))
    assert (result.extra["valid_from"], result.extra["valid_from_source"]) == ("2026-01-10", "import_day")
    assert "importdagen" in result.summary
    assert any(i.code == "price.valid_from_import_day" for i in result.issues)


def test_pricat_header_date(ws):
    result = import_prices(
        ws, REPO / "tests" / "data" / "edi_golden" / "pricat.edi", NORDISK, None, today=date(2026, 11, 20)
    )
    assert (result.extra["valid_from"], result.extra["valid_from_source"]) == ("2026-12-01", "pricat")


def test_dates_in_text():
    found = lambda text: [d.isoformat() for d, _, _ in dates_in(text)]  # noqa: E731
    assert found("Gjelder fra 1.2.2026") == ["2026-02-01"]
    assert found("Priser fra 01.02.26 – 31/12/26") == ["2026-02-01", "2026-12-31"]
    assert found("Prisliste gyldig fra 1. februar 2026") == ["2026-02-01"]
    assert found("gyldig f.o.m. 15. okt. 2026") == ["2026-10-15"]
    assert found("Giltig från 1 mars 2026, valid from May 25, 2026") == ["2026-03-01", "2026-05-25"]
    assert found("Prisliste desember 2026") == ["2026-12-01"]
    assert found("ISO 2026-02-01") == ["2026-02-01"]
    assert found("Org.nr 912 345 678 MVA, tlf 22 33 44 55, 31.02.2026, Prisliste 2026") == []


def test_title_date_needs_a_from_word():
    assert title_date(["Prisliste 2026", "Utskrevet 15.01.2026"]) is None
    assert title_date(["Gyldig til 31.12.2026"]) is None
    assert title_date(["Dato 15.01.2026 – gyldig fra 01.02.2026"])[0] == date(2026, 2, 1)
    assert title_date(["Prisliste pr. 1. mars 2026"])[0] == date(2026, 3, 1)
    assert title_date(["Gyldig: 01.02.2026–31.12.2026"])[0] == date(2026, 2, 1)


def test_rows_date_is_what_most_rows_give():
    d1, d2 = date(2026, 2, 1), date(2026, 3, 1)
    assert rows_date([d1, d1, d2]) == (d1, 2)
    assert rows_date([d1, d2, None, None]) is None  # no date given by more than half the rows
    assert rows_date([None, None]) is None


def test_list_date_order_and_warnings():
    where = Source(file="x.xlsx")
    d1, d2, today = date(2026, 2, 1), date(2026, 3, 1), date(2026, 1, 10)
    chosen, issues = list_date(None, (d1, 3), (d2, "Gyldig fra 01.03.2026"), None, today, 3, where)
    assert (chosen.on, chosen.source) == (d1, "rows") and [i.code for i in issues] == [
        "price.valid_from_title"
    ]
    chosen, issues = list_date(None, None, None, d2, today, 3, where)
    assert (chosen.on, chosen.source, issues) == (d2, "pricat", [])
    chosen, issues = list_date(d1, None, None, d1, today, 3, where)
    assert (chosen.source, issues) == ("option", [])
    chosen, issues = list_date(d2, (d1, 2), None, None, today, 3, where)
    assert chosen.on == d2 and [i.code for i in issues] == ["price.valid_from_differs"]
