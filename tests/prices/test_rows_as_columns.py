"""Issue 19 item 3: a price list whose rows all pass the column checks stays columns from the
checks to the store and the Katalog table (``domain.article_rows.ArticleRows``), and makes no
``CatalogueArticle`` on the way when the supplier has no earlier prices. Whatever way a list
takes, the store and the workbook hold the same: the tests import the same hand-written lists
once as columns and once forced through the article-per-row path and compare the stored rows,
the Katalog cells and the counts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pytest
import sqlalchemy as sa

from vareflyt.domain import article_rows
from vareflyt.domain.article_rows import ArticleRows
from vareflyt.domain.catalogue import ARTICLE_FIELDS, CatalogueArticle, CatalogueKind, PriceVersion
from vareflyt.excel.schemas import table_schema
from vareflyt.jobs import price_reading
from vareflyt.jobs.effective_prices import RowsInEffect
from vareflyt.jobs.import_prices import import_prices
from vareflyt.jobs.price_catalogue import catalogue_rows, kept_rows
from vareflyt.rules.prices import compare, compare_rows, effective, effective_order
from vareflyt.store.tables.prices import price_rows

from .supplier_files import NORDISK, make_ws, xlsx_with_title

# fmt: off
HEAD = ["Varenr", "EAN", "Varenavn", "Enhet", "Pakningsnivå", "Bruttopris", "Rabatt %", "Nettopris", "Mva",
        "Gyldig fra", "Gyldig til", "Kampanjepris", "Kampanje fra", "Kampanje til", "Vekt (kg)"]
# fmt: on
TITLE = [["Nordisk Trelast AS – prisliste"], ["Gyldig fra 01.02.2026"]]
# One row per line, in HEAD's order; _ is an empty cell.
_ = None
# fmt: off
FIRST = [
    ["00101", "7031234000019", "Plank 48x98", "m", "F", 40, 10, 36, 25, "01.02.2026", _, _, _, _, 1.25],
    ["00101", _, "Plank 48x98, bunt", "m", "D", 400, 10, 360, 25, "01.02.2026", _, _, _, _, 12.5],
    ["00102", "7031234000026", "Skrue 5x50", "pk", _, 120.5, 25, _, 25, datetime(2026, 2, 1), _, 80,
     "01.03.2026", "31.03.2026", _],
    ["00099", _, "Lekt (kommer)", "m", "F", 12.9, 0, 12.9, 25, "01.04.2026", _, _, _, _, 0.75],
    ["00103", _, "Utgått beslag", "stk", "F", 9.5, 0, 9.5, 25, "01.01.2026", "31.01.2026", _, _, _, _],
    ["00104", _, "Lim & fug", "stk", "F", "89,90", 5, "85,41", 25, "01.02.2026", _, _, _, _, 0.3],
]
# fmt: on
# The same supplier's replacement list: one price changed, two unchanged, one new, the rest gone.
# fmt: off
SECOND = [
    ["00101", "7031234000019", "Plank 48x98", "m", "F", 42, 10, 37.8, 25, "01.05.2026", _, _, _, _, 1.25],
    ["00102", "7031234000026", "Skrue 5x50", "pk", _, 120.5, 25, _, 25, "01.05.2026", _, 80,
     "01.03.2026", "31.03.2026", _],
    ["00105", _, "Takrenne", "m", "F", 150, 0, 150, 25, "01.05.2026", _, _, _, _, 2],
    ["00104", _, "Lim & fug", "stk", "F", "89,90", 5, "85,41", 25, "01.05.2026", _, _, _, _, 0.3],
]
# fmt: on


@pytest.fixture
def made(monkeypatch) -> list[int]:
    """The number of rows each time ``ArticleRows`` makes articles from its columns."""
    count: list[int] = []
    real = article_rows.articles_from_columns
    monkeypatch.setattr(
        article_rows, "articles_from_columns", lambda cols: count.append(len(cols[0])) or real(cols)
    )
    return count


def _import_both(tmp_path, lists, monkeypatch):
    """Import ``lists`` (kind, rows, today) into two workspaces: as columns, and forced through
    the article-per-row path. Returns both workspaces and results."""
    out = {}
    for way in ("columns", "articles"):
        ws = make_ws(tmp_path / way)
        with monkeypatch.context() as patch:
            if way == "articles":
                patch.setattr(price_reading, "_accepted_whole", lambda *_: None)
            results = []
            for n, (kind, rows, today) in enumerate(lists):
                path = xlsx_with_title(tmp_path / f"{way}{n}.xlsx", TITLE, HEAD, rows)
                results.append(import_prices(ws, path, NORDISK, kind, today=today))
        out[way] = (ws, results)
    return out


def _stored(ws) -> list[tuple]:
    columns = [c for c in price_rows.c if c.name not in ("id", "version_id")]
    with ws.store.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.select(*columns).order_by(price_rows.c.id))]


def _katalog(ws) -> list[list]:
    book = openpyxl.load_workbook(ws.purchasing_workbook)
    sheet = next(s for s in book.worksheets if "Katalog" in s.tables)
    first, last = sheet.tables["Katalog"].ref.split(":")
    return [[c.value for c in row] for row in sheet[first:last]]


def test_a_list_as_columns_stores_and_shows_what_the_article_path_does(tmp_path, monkeypatch, made):
    both = _import_both(tmp_path, [("new", FIRST, date(2026, 2, 2))], monkeypatch)
    (ws_c, [res_c]), (ws_a, [res_a]) = both["columns"], both["articles"]
    assert made == []  # no earlier prices: no article made for the columns' import
    assert res_c.counts == res_a.counts and res_c.counts["new"] == 6 and res_c.counts["rejected"] == 0
    stored = _stored(ws_c)
    assert stored == _stored(ws_a) and len(stored) == 6
    katalog = _katalog(ws_c)
    assert katalog == _katalog(ws_a)
    assert katalog[0] == table_schema("catalogue").headings
    # In effect on 02.02.2026, by article number and level: not 00099 (from April), not 00103 (ended).
    assert [(row[2], row[7]) for row in katalog[1:]] == [
        ("00101", "D"),
        ("00101", "F"),
        ("00102", None),
        ("00104", "F"),
    ]
    lim = katalog[4]
    assert lim[5] == "Lim & fug" and lim[9] == pytest.approx(89.9) and lim[11] == pytest.approx(85.41)


def test_a_replacement_list_is_compared_with_the_prices_before_as_the_article_path_does(
    tmp_path, monkeypatch, made
):
    lists = [("new", FIRST, date(2026, 2, 2)), ("replace", SECOND, date(2026, 5, 2))]
    both = _import_both(tmp_path, lists, monkeypatch)
    (ws_c, res_c), (ws_a, res_a) = both["columns"], both["articles"]
    assert made == []  # compared with the prices before a column at a time
    assert [r.counts for r in res_c] == [r.counts for r in res_a]
    second = res_c[1].counts
    assert (second["new"], second["changed"], second["unchanged"]) == (1, 1, 2)
    assert second["expired"] == 2  # 00101 D and 00099 are gone (00103 had ended before)
    assert _stored(ws_c) == _stored(ws_a)
    assert _katalog(ws_c) == _katalog(ws_a)
    assert [row[2] for row in _katalog(ws_c)[1:]] == ["00101", "00102", "00104", "00105"]


# A replacement list from June where one row starts in August: until then the previous price holds.
# fmt: off
THIRD = [
    ["00101", "7031234000019", "Plank 48x98", "m", "F", 44, 10, 39.6, 25, "01.06.2026", _, _, _, _, 1.25],
    ["00102", "7031234000026", "Skrue 5x50", "pk", _, 130, 25, _, 25, "01.08.2026", _, _, _, _, _],
    ["00104", _, "Lim & fug", "stk", "F", "89,90", 5, "85,41", 25, "01.06.2026", _, _, _, _, 0.3],
]
# fmt: on


def test_a_row_starting_later_keeps_the_previous_price_until_then_made_alone(tmp_path, monkeypatch, made):
    lists = [("new", FIRST, date(2026, 2, 2)), ("replace", THIRD, date(2026, 6, 2))]
    both = _import_both(tmp_path, lists, monkeypatch)
    (ws_c, res_c), (ws_a, res_a) = both["columns"], both["articles"]
    # The row starting later alone became an article to be bridged; the catalogue of a list with
    # a bridged row is made from articles (all three), as before.
    assert made == [1, 3]
    assert [r.counts for r in res_c] == [r.counts for r in res_a]
    assert (res_c[1].counts["changed"], res_c[1].counts["unchanged"]) == (2, 1)
    stored = _stored(ws_c)
    assert stored == _stored(ws_a)
    skrue = [
        row for row in stored if row[1] == "00102"
    ]  # (supplier, article no., ...): first list, bridge, new
    assert len(skrue) == 3
    assert _katalog(ws_c) == _katalog(ws_a)


def _rows(*articles: CatalogueArticle) -> ArticleRows:
    columns = [[getattr(a, f) for a in articles] for f in ARTICLE_FIELDS]
    return ArticleRows(list(range(5, 5 + len(articles))), columns)


ROWS = (
    CatalogueArticle("B2", net=Decimal("2.50")),
    CatalogueArticle("A1", pack_level="T", net=Decimal(9), valid_from=date(2026, 2, 1)),
    CatalogueArticle("A1", net=Decimal(1), valid_to=date(2026, 1, 31)),  # ended the day before
    CatalogueArticle("A1", pack_level="D", net=Decimal(5), valid_to=date(2026, 2, 1)),  # ends that day
    CatalogueArticle("C3", net=Decimal(3), valid_from=date(2026, 2, 2)),  # starts the day after
    CatalogueArticle("A0", net=Decimal(7), expired=True),
    CatalogueArticle("A9", net=Decimal(4), not_updated=True),
)
V = PriceVersion(3, NORDISK, 2, CatalogueKind.NEW, date(2026, 1, 1))


@pytest.mark.parametrize("rows", [ROWS, ROWS[:2], ROWS[:1], ROWS[5:6], ()])
def test_effective_order_is_effective_for_the_version_alone_in_key_order(rows):
    on = date(2026, 2, 1)
    kept = _rows(*rows)
    picked = effective([V], {V.id: list(rows)}, on)
    order = effective_order(kept, on)
    assert not kept.made  # the order comes from the columns alone
    assert [kept[i][1] for i in order] == [picked[k][1] for k in sorted(picked)]


def test_kept_rows_are_catalogue_rows_of_the_pairs():
    kept = _rows(*ROWS)
    part = RowsInEffect(V, kept, effective_order(kept, date(2026, 2, 1)))
    names, keys = {NORDISK: "Nordisk Trelast AS"}, table_schema("catalogue").keys
    assert kept_rows(part, names, keys) == catalogue_rows(part.pairs(), names, keys)
    assert len(kept_rows(part, names, keys)) == 4
    one = RowsInEffect(V, kept, [0])
    assert kept_rows(one, names, keys) == catalogue_rows(one.pairs(), names, keys)
    assert kept_rows(RowsInEffect(V, kept, []), names, keys) == []


def test_article_rows_are_the_pairs_and_compare_counts_from_the_columns():
    kept = _rows(*ROWS)
    assert not kept.made
    assert compare_rows({}, kept, CatalogueKind.NEW) == compare({}, ROWS, CatalogueKind.NEW)
    assert compare_rows({}, kept, CatalogueKind.NEW) == {"new": 6, "changed": 0, "unchanged": 0, "expired": 1}
    assert not kept.made  # counted from the expired column
    assert list(kept) == list(zip(range(5, 12), ROWS)) and kept[1:3] == list(zip((6, 7), ROWS[1:3]))
    assert len(kept) == 7 and kept.made
    fresh = _rows(*ROWS)
    previous = {
        ("B2", "F"): ROWS[0],  # unchanged
        ("A9", "F"): ROWS[6],  # unchanged
        ("A1", "T"): replace(ROWS[1], net=Decimal("9.5")),  # changed
        ("A0", "F"): replace(ROWS[5], expired=False),  # expired by the list
        ("Z9", "F"): CatalogueArticle("Z9", net=Decimal(1)),  # not in the list
        ("Z8", "F"): CatalogueArticle("Z8", net=Decimal(1)),  # not in the list, kept (its row was rejected)
    }
    for kind in CatalogueKind:
        expected = compare(previous, ROWS, kind, kept=[("Z8", "F")])
        assert compare_rows(previous, fresh, kind, kept=[("Z8", "F")]) == expected
    assert compare_rows(previous, fresh, CatalogueKind.NEW, kept=[("Z8", "F")]) == {
        "new": 3,
        "changed": 1,
        "unchanged": 2,
        "expired": 2,
    }
    assert not fresh.made  # compared from the columns
    with pytest.raises(ValueError):
        ArticleRows([1, 2], [[None]] * len(ARTICLE_FIELDS))
