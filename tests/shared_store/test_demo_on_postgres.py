"""Issue 22 "Must hold": the demo gives the same store on PostgreSQL as on SQLite — every row
of every table alike, apart from the moments vareflyt stamps from the wall clock while it runs
(``imported_at``, ``created_at`` …), which differ between any two runs, and a table's own
running ``id`` (PostgreSQL never hands out a number again after a rollback, SQLite may). A
nightly run's own log row keeps its date and outcome; its run id and timing are the clock's."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import sqlalchemy as sa

from vareflyt.demo.run import run_demo
from vareflyt.store.db import open_store, sqlite_url
from vareflyt.store.tables import metadata

from ..pg import pg_url  # noqa: F401  (fixture)

ARGS = dict(
    today=date(2026, 3, 2), articles=300, customers=15, days=4
)  # four nights: invoices and findings too


def _contents(url: str, started: datetime, ended: datetime) -> dict[str, list[tuple]]:
    """Every table's rows but their own ``id``, sorted; a stamp taken while the demos ran reads "nå"."""

    def value(v):
        return "nå" if isinstance(v, datetime) and started <= v <= ended else v

    def row_of(table, row) -> tuple:
        if table.name == "processing_log" and row.job == "batch.run":  # run id, seconds: the clock's
            return (row.job, row.params_key, row.status)
        return tuple(value(v) for name, v in row._mapping.items() if name != "id")

    store = open_store(url, migrate=False)
    try:
        with store.connect() as conn:
            return {
                t.name: sorted((row_of(t, row) for row in conn.execute(sa.select(t))), key=repr)
                for t in metadata.sorted_tables
            }
    finally:
        store.dispose()


@pytest.mark.slow
def test_the_demo_gives_the_same_store_on_postgresql_as_on_sqlite(tmp_path, pg_url, monkeypatch):  # noqa: F811
    started = datetime.now()
    monkeypatch.setattr(
        "vareflyt.workspace.default_store_url", lambda ws: sqlite_url(ws.private / "store.db")
    )
    assert run_demo(tmp_path / "sqlite", **ARGS).ok
    monkeypatch.setattr("vareflyt.workspace.default_store_url", lambda ws: pg_url)
    assert run_demo(tmp_path / "postgres", **ARGS).ok
    ended = datetime.now()
    on_sqlite = _contents(sqlite_url(tmp_path / "sqlite" / ".vareflyt" / "store.db"), started, ended)
    on_postgres = _contents(pg_url, started, ended)
    assert on_sqlite["supplier_invoices"] and on_sqlite["invoice_findings"] and on_sqlite["purchase_orders"]
    assert on_sqlite["dunning_events"] and on_sqlite["price_rows"]
    for table, rows in on_sqlite.items():
        assert [tuple(map(repr, r)) for r in on_postgres[table]] == [tuple(map(repr, r)) for r in rows], table
