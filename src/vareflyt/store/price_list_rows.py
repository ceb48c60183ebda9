"""Price-list rows in the store: a version's rows written in bulk, and read back as articles.

Its own module because the rows are where the volume is (100 000 rows a list) and both ways
go around SQLAlchemy's per-value work, while the versions (``store.prices``) are a handful of
rows read and stamped the ordinary way.

Rows are inserted in bulk (executemany in chunks, ``add_rows``) in the caller's transaction.
Article rows are read through the DB-API cursor (``invoice_rows.fetch``) and converted a
column at a time by the column's type (``_ARTICLE_READERS``): Decimal from SQLite's exact text,
dates from ISO text, booleans from 0/1; PostgreSQL's driver already gives Decimal, date and
bool, which pass through. The result is what SQLAlchemy's per-value result processing gives
(``tests/prices/test_price_rows_raw.py`` compares both), at a fraction of the calls.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import fields
from datetime import date
from decimal import Decimal
from itertools import repeat
from operator import attrgetter
from typing import Any

import sqlalchemy as sa

from ..domain.article_rows import ArticleRows
from ..domain.catalogue import Candidates, CatalogueArticle, PriceVersion, articles_from_columns
from .invoice_rows import fetch
from .prices import versions
from .raw_columns import date_column, decimal_column, flag_column
from .tables.prices import price_rows
from .types import DecimalType

CHUNK = 5000
ARTICLE_COLUMNS = tuple(f.name for f in fields(CatalogueArticle))  # price_rows has a column for each


def article_columns() -> list[sa.ColumnElement[object]]:
    """Columns in ``CatalogueArticle`` field order, so a fetched tuple builds the article directly."""
    return [
        sa.func.coalesce(price_rows.c.name, "").label("name") if c == "name" else price_rows.c[c]
        for c in ARTICLE_COLUMNS
    ]


def _column_reader(column_type) -> Callable[[Sequence], list] | None:
    """Raw driver values of a column -> Python values, by the column's type; None: as they are."""
    if isinstance(column_type, DecimalType):
        return decimal_column
    if isinstance(column_type, sa.Date):
        return date_column
    if isinstance(column_type, sa.Boolean):
        return flag_column
    return None


# One reader per ``CatalogueArticle`` field (the ``price_rows`` column of that name).
_ARTICLE_READERS = tuple(_column_reader(price_rows.c[name].type) for name in ARTICLE_COLUMNS)


def _read_columns(conn: sa.Connection, query) -> tuple[Sequence[int], list[Sequence[Any]]]:
    """(version ids, the article columns) of ``query``'s rows (version_id, then
    ``article_columns()``), each column converted by its type; empty when no row."""
    rows = fetch(conn, query)
    if not rows:
        return (), []
    columns = list(zip(*rows))
    values: list[Sequence[Any]] = [
        column if read is None else read(column) for column, read in zip(columns[1:], _ARTICLE_READERS)
    ]
    return columns[0], values


def _read_articles(conn: sa.Connection, query) -> list[tuple[int, CatalogueArticle]]:
    """(version id, article) for each row of ``query`` (version_id, then ``article_columns()``)."""
    version_ids, values = _read_columns(conn, query)
    if not values:
        return []
    return list(zip(version_ids, articles_from_columns(values)))  # the columns are whole: no init per row


def add_rows(
    conn: sa.Connection, version: PriceVersion, articles: Sequence[tuple[int | None, CatalogueArticle]]
) -> int:
    """Insert a version's rows in chunks with the driver's executemany; returns the number inserted.
    Rows kept as columns (``ArticleRows``) are bound from their columns.

    The INSERT is compiled by SQLAlchemy for the connection's dialect and each value goes through
    its column type's own bind processor (so Decimal/Date/Boolean are stored exactly as
    ``conn.execute`` would store them); only SQLAlchemy's per-row parameter bookkeeping is skipped,
    which is most of the time for 100 000 rows.
    """
    dialect = conn.dialect
    names = ("version_id", "supplier_gln", "source_row", *ARTICLE_COLUMNS)
    compiled = price_rows.insert().compile(dialect=dialect, column_keys=list(names))
    order = list(compiled.positiontup or names) if compiled.positional else list(names)
    procs = [_column_binder(price_rows.c[n].type, dialect) for n in order]
    sql = str(compiled)
    getter = attrgetter(*ARTICLE_COLUMNS)
    kept = articles if isinstance(articles, ArticleRows) else None
    for start in range(0, len(articles), CHUNK):
        end = min(start + CHUNK, len(articles))
        n = end - start
        if kept is not None:  # rows kept as columns: a slice of each, no article made
            by_name = {name: kept.column(name)[start:end] for name in ARTICLE_COLUMNS}
            sources: Sequence[int | None] = kept.row_numbers[start:end]
        else:
            chunk = articles[start:end]
            by_name = dict(zip(ARTICLE_COLUMNS, zip(*(getter(a) for _, a in chunk))))
            sources = tuple(r for r, _ in chunk)
        by_name.update(
            version_id=(version.id,) * n, supplier_gln=(version.supplier_gln,) * n, source_row=sources
        )
        columns = []  # column-wise: one processor loop per column
        for name, proc in zip(order, procs):
            col = by_name[name]
            columns.append(col if proc is None else proc(col))
        batch: list[Any] = list(zip(*columns))
        if not compiled.positional:
            batch = [dict(zip(order, row)) for row in batch]
        conn.exec_driver_sql(sql, batch)
    return len(articles)


def _column_binder(column_type, dialect):
    """Column values -> bind values, by the column type's own rules; None when the driver takes
    the values as they are. A column of one plain type (the usual: no NULLs) is bound by one
    C-level ``map``: Decimals as their exact text on SQLite (what ``DecimalType`` stores), dates
    as ISO text (SQLAlchemy's SQLite ``DATE`` format), booleans through a two-entry table of the
    type's own processor; an all-NULL column as it is. Anything else goes value by value."""
    if isinstance(column_type, DecimalType):
        plain = _decimal_texts if dialect.name == "sqlite" else list
        return _by_type(Decimal, plain, lambda values: column_type.bind_column(values, dialect))
    proc = column_type.dialect_impl(dialect).bind_processor(dialect)
    if proc is None:
        return None
    one_by_one = lambda values: [None if x is None else proc(x) for x in values]  # noqa: E731
    if isinstance(column_type, sa.Date) and dialect.name == "sqlite":
        return _by_type(date, lambda values: list(map(date.isoformat, values)), one_by_one)
    if isinstance(column_type, sa.Boolean):
        table = {False: proc(False), True: proc(True)}
        return _by_type(bool, lambda values: list(map(table.__getitem__, values)), one_by_one)
    return one_by_one


def _decimal_texts(values: Sequence[Decimal]) -> list[str]:
    """Each Decimal's exact plain text (``format(d, "f")``, what ``DecimalType`` stores on
    SQLite): ``str`` gives the same text twice as fast unless it chose exponent notation
    (``1E+2``, ``1E-7``), which the column is then written without."""
    texts = list(map(str, values))
    if "E" in "".join(texts):
        return list(map(format, values, repeat("f")))
    return texts


def _by_type(kind: type, plain: Callable[[Sequence], list], one_by_one: Callable[[Sequence], list]):
    """``plain`` for a column whose values are all exactly ``kind``; the values themselves when
    all are NULL; else ``one_by_one``."""

    def bind(values: Sequence) -> Sequence:
        kinds = set(map(type, values))
        if kinds == {kind}:
            return plain(values)
        return values if kinds <= {type(None)} else one_by_one(values)

    return bind


def rows_of(
    conn: sa.Connection, version_ids: Iterable[int], where: sa.ColumnElement[bool] | None = None
) -> dict[int, list[CatalogueArticle]]:
    ids = list(version_ids)
    out: dict[int, list[CatalogueArticle]] = {i: [] for i in ids}
    if not ids:
        return out
    query = sa.select(price_rows.c.version_id, *article_columns()).where(price_rows.c.version_id.in_(ids))
    if where is not None:
        query = query.where(where)
    for version_id, article in _read_articles(conn, query.order_by(price_rows.c.id)):
        out[version_id].append(article)
    return out


def columns_of(conn: sa.Connection, version_ids: Iterable[int]) -> dict[int, list[Sequence[Any]]]:
    """Version id -> its rows as columns in ``ARTICLE_FIELDS`` order and row order, for
    ``rules.prices.in_effect`` (what ``rows_of`` gives, without an article per row). A version
    without rows is left out."""
    ids = list(version_ids)
    if not ids:
        return {}
    query = sa.select(price_rows.c.version_id, *article_columns()).where(price_rows.c.version_id.in_(ids))
    version_of, values = _read_columns(conn, query.order_by(price_rows.c.id))
    if not values:
        return {}
    first = version_of[0]
    if version_of.count(first) == len(version_of):  # the usual: one version makes the prices
        return {first: values}
    where: dict[int, list[int]] = {}
    for i, v in enumerate(version_of):
        where.setdefault(v, []).append(i)
    return {v: [[column[i] for i in rows] for column in values] for v, rows in where.items()}


def candidates(conn: sa.Connection, supplier: str, article: str) -> Candidates:
    """The versions of ``supplier`` and the rows whose article no., GTIN or NOBB no. is ``article``."""
    vers = versions(conn, supplier)
    match = sa.or_(
        price_rows.c.article_no == article, price_rows.c.gtin == article, price_rows.c.nobb == article
    )
    query = sa.select(price_rows.c.version_id, *article_columns()).where(
        price_rows.c.supplier_gln == supplier, match
    )
    rows: dict[int, list[CatalogueArticle]] = {}
    for version_id, found in _read_articles(conn, query.order_by(price_rows.c.id)):
        rows.setdefault(version_id, []).append(found)
    return Candidates(vers, rows)
