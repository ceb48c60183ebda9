"""Issue 19 item 3: the price import's bulk insert binds a column at a time (one ``map`` for a
column of Decimals, dates or booleans, an all-NULL column as it is) and stores exactly what
SQLAlchemy's own insert stores: the same raw text/values in the database for every column,
with columns that are plain, mixed with NULLs, or all NULL. Runs on PostgreSQL too
(``VAREFLYT_TEST_STORE=postgres``)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa

from vareflyt.domain.article_rows import ArticleRows
from vareflyt.domain.catalogue import ARTICLE_FIELDS, CatalogueArticle, CatalogueKind, PriceVersion
from vareflyt.store import price_list_rows as repo
from vareflyt.store.tables.prices import price_rows, price_versions

S = "7080000000029"
D = Decimal
# A chunk where gross, valid_from and expired are plain columns (no NULL), net and campaign_from
# are mixed, and valid_to and price_basis are all NULL; Decimals keep their trailing zeros.
ARTICLES = [
    CatalogueArticle(
        "00101",
        "Plank",
        "7031234000019",
        gross=D("3964.00"),
        net=D("24.3750000001"),
        discount_pct=D("25.125"),
        valid_from=date(2026, 2, 1),
        campaign_from=date(2026, 3, 1),
        campaign_net=D("19.90"),
        weight_kg=D("12345678901234.123456"),
        expired=False,
    ),
    CatalogueArticle(
        "00102", "", None, gross=D("0.000125"), net=None, valid_from=date(999, 1, 2), expired=True
    ),
    CatalogueArticle(
        "00103",
        "Skrue",
        None,
        gross=D("-0"),
        net=D("1E+2"),
        valid_from=date(2026, 12, 31),
        campaign_from=None,
        expired=False,
        not_updated=True,
    ),
]


def _version(conn, number: int) -> PriceVersion:
    version_id = conn.execute(
        price_versions.insert().values(
            supplier_gln=S,
            number=number,
            kind="new",
            valid_from=date(2026, 2, 1),
            file_name="hand.xlsx",
            file_hash="h" * 64,
            imported_at=datetime(2026, 2, 1, 8),
            counts="{}",
            approved_at=datetime(2026, 2, 1, 8),
        )
    ).inserted_primary_key[0]
    return PriceVersion(version_id, S, number, CatalogueKind.NEW, date(2026, 2, 1))


def _raw(conn, version_id: int) -> list[tuple]:
    """The stored values as the driver gives them back (text on SQLite), in insert order."""
    names = ", ".join(("source_row", *repo.ARTICLE_COLUMNS))
    table = price_rows.name
    return [
        tuple(r)
        for r in conn.exec_driver_sql(
            f"SELECT {names} FROM {table} WHERE version_id = {int(version_id)} ORDER BY id"
        )
    ]


def _insert_by_sqlalchemy(
    conn, version: PriceVersion, articles: list[CatalogueArticle], first_row: int
) -> None:
    """The rows inserted one by one through SQLAlchemy's own insert (each value through its
    column type), the reference ``add_rows`` is held to."""
    for row_no, article in enumerate(articles, start=first_row):
        values = {name: getattr(article, name) for name in repo.ARTICLE_COLUMNS}
        conn.execute(
            price_rows.insert().values(version_id=version.id, supplier_gln=S, source_row=row_no, **values)
        )


def test_bulk_insert_stores_what_sqlalchemys_insert_stores(workspace):
    with workspace.store.transaction() as conn:
        by_sqlalchemy, bulk = _version(conn, 1), _version(conn, 2)
        _insert_by_sqlalchemy(conn, by_sqlalchemy, ARTICLES, first_row=2)
        assert repo.add_rows(conn, bulk, list(enumerate(ARTICLES, start=2))) == 3
        expected, stored = _raw(conn, by_sqlalchemy.id), _raw(conn, bulk.id)
    assert stored == expected
    with workspace.store.connect() as conn:
        assert repo.rows_of(conn, [bulk.id])[bulk.id] == ARTICLES
        count = conn.execute(sa.select(sa.func.count()).select_from(price_rows)).scalar()
    assert count == 6


# Columns of Decimals only, where ``str`` would write exponents (1E+2, 1E-7, 5E+3) in one and
# not in the other; given both as (row, article) pairs and as columns (``ArticleRows``).
PLAIN = [
    CatalogueArticle("A1", gross=D("1E+2"), net=D("24.375"), weight_kg=D("0.0000001")),
    CatalogueArticle("A2", gross=D("2.50"), net=D("-0"), weight_kg=D("5E+3")),
    CatalogueArticle("A3", gross=D("0.000125"), net=D("12345678901234.123456"), weight_kg=D("1.10")),
]


def test_bulk_insert_of_plain_decimal_columns_and_of_columns_stores_what_sqlalchemy_stores(workspace):
    rows = ArticleRows([2, 3, 4], [[getattr(a, f) for a in PLAIN] for f in ARTICLE_FIELDS])
    with workspace.store.transaction() as conn:
        by_sqlalchemy, as_pairs, as_columns = _version(conn, 1), _version(conn, 2), _version(conn, 3)
        _insert_by_sqlalchemy(conn, by_sqlalchemy, PLAIN, first_row=2)
        repo.add_rows(conn, as_pairs, list(enumerate(PLAIN, start=2)))
        repo.add_rows(conn, as_columns, rows)
        expected = _raw(conn, by_sqlalchemy.id)
        assert _raw(conn, as_pairs.id) == expected and _raw(conn, as_columns.id) == expected
    assert not rows.made
    with workspace.store.connect() as conn:
        assert repo.rows_of(conn, [as_columns.id])[as_columns.id] == PLAIN


def test_many_rows_are_stored_in_list_order_as_sqlalchemys_insert_stores_them(workspace):
    """Rows of many values, stored by ``add_rows`` as SQLAlchemy's own insert stores them and
    read back in list order."""
    many = [
        CatalogueArticle(
            f"{i:05d}",
            f"Vare {i}",
            gross=D(f"{i}.{i % 100:02d}"),
            net=None if i % 4 else D(i),
            valid_from=date(2026, 2, 1 + i % 28),
            expired=i % 9 == 0,
        )
        for i in range(57)
    ]
    with workspace.store.transaction() as conn:
        by_sqlalchemy, bulk = _version(conn, 1), _version(conn, 2)
        _insert_by_sqlalchemy(conn, by_sqlalchemy, many, first_row=3)
        assert repo.add_rows(conn, bulk, list(enumerate(many, start=3))) == len(many)
        assert _raw(conn, bulk.id) == _raw(conn, by_sqlalchemy.id)
    with workspace.store.connect() as conn:
        assert repo.rows_of(conn, [bulk.id])[bulk.id] == many
