"""A price lookup read straight from the workspace's SQLite file, without SQLAlchemy.

``vareflyt prices lookup`` asks two small questions of the store; importing SQLAlchemy to ask
them costs more than the rest of the command (issue 19 item 4). For a workspace whose store is
a plain SQLite file already at this vareflyt's migration level, ``open_current`` opens it
read-only through the standard library's ``sqlite3`` and the queries below are the same SQL
``store.price_list_rows.candidates`` and ``store.prices.versions`` send, converted the same way
(``store.raw_columns``). Anything else — PostgreSQL, a URL with options, a missing file, a
store that needs migrating, a file sqlite3 cannot open — gives None, and the caller uses the
store as usual (which migrates, or says what is wrong).
"""

from __future__ import annotations

import sqlite3
from dataclasses import fields
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import get_args, get_type_hints

from ..domain.catalogue import Candidates, CatalogueArticle, CatalogueKind, PriceVersion
from .db import HEAD_REVISION
from .raw_columns import date_column, decimal_column, flag_column

SQLITE_PREFIX = "sqlite:///"
BUSY_SECONDS = 30  # as the store's own busy_timeout: wait out a writer's transaction

# Converters by the field's declared type (the price_rows column of the same name has that type).
_CONVERTERS = {Decimal: decimal_column, date: date_column, bool: flag_column}
_ARTICLE_FIELDS = fields(CatalogueArticle)
_HINTS = get_type_hints(CatalogueArticle)


def _converter(hint: object):
    """``Decimal | None`` -> decimal_column, and so on; None for text (taken as it is)."""
    return next((_CONVERTERS[t] for t in (hint, *get_args(hint)) if t in _CONVERTERS), None)


_READERS = tuple(_converter(_HINTS[f.name]) for f in _ARTICLE_FIELDS)
_ARTICLE_SELECT = ", ".join(
    "coalesce(name, '') AS name" if f.name == "name" else f.name for f in _ARTICLE_FIELDS
)

VERSIONS_SQL = (
    "SELECT id, supplier_gln, number, kind, valid_from FROM price_versions "
    "WHERE supplier_gln = ? AND approved_at IS NOT NULL AND withdrawn_at IS NULL ORDER BY number"
)
CANDIDATES_SQL = (
    f"SELECT version_id, {_ARTICLE_SELECT} FROM price_rows "
    "WHERE supplier_gln = ? AND (article_no = ? OR gtin = ? OR nobb = ?) ORDER BY id"
)
PARTY_NAME_SQL = "SELECT name FROM parties WHERE gln = ?"


def sqlite_file(url: str) -> Path | None:
    """The file of a plain ``sqlite:///<path>`` URL (as ``store.db.sqlite_url`` writes it) when
    it exists; None for any other URL (options, escapes, memory) or a missing file."""
    if not url.startswith(SQLITE_PREFIX):
        return None
    name = url[len(SQLITE_PREFIX) :]
    if not name or name == ":memory:" or "?" in name or "%" in name:
        return None
    path = Path(name)
    return path if path.is_file() else None


def open_current(url: str) -> sqlite3.Connection | None:
    """A read-only sqlite3 connection to the store at ``url`` when it is a SQLite file at
    ``HEAD_REVISION``; None otherwise (the caller opens the store the usual way)."""
    path = sqlite_file(url)
    if path is None:
        return None
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_SECONDS)
    except sqlite3.Error:
        return None
    try:
        level = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:  # no tables yet, or not a store
        level = None
    if level is None or level[0] != HEAD_REVISION:
        conn.close()
        return None
    return conn


def versions(conn: sqlite3.Connection, supplier: str) -> list[PriceVersion]:
    """``store.prices.versions``: the supplier's approved, not withdrawn versions by number."""
    rows = conn.execute(VERSIONS_SQL, (supplier,)).fetchall()
    starts = date_column([r[4] for r in rows])
    return [
        PriceVersion(vid, gln, number, CatalogueKind(kind), valid)
        for (vid, gln, number, kind, _), valid in zip(rows, starts)
    ]


def candidates(conn: sqlite3.Connection, supplier: str, article: str) -> Candidates:
    """``store.price_list_rows.candidates``: (versions, rows by version id) of ``supplier`` whose article
    no., GTIN or NOBB no. is ``article``."""
    vers = versions(conn, supplier)
    found = conn.execute(CANDIDATES_SQL, (supplier, article, article, article)).fetchall()
    rows: dict[int, list[CatalogueArticle]] = {}
    if not found:
        return Candidates(vers, rows)
    columns = list(zip(*found))
    values = [column if read is None else read(column) for column, read in zip(columns[1:], _READERS)]
    for version_id, article_values in zip(columns[0], zip(*values)):
        rows.setdefault(version_id, []).append(CatalogueArticle(*article_values))
    return Candidates(vers, rows)


def party_name(conn: sqlite3.Connection, gln: str) -> str | None:
    """The party register's name for ``gln`` (None when the register does not have it)."""
    row = conn.execute(PARTY_NAME_SQL, (gln,)).fetchone()
    return row[0] if row else None


__all__ = ["candidates", "open_current", "party_name", "sqlite_file", "versions"]
