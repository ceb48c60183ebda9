"""Migration 0015: money on PostgreSQL comes back exactly as written (``3964.00``, not
``3964.000000``), as from the SQLite file; a store made before it loses only the padding."""

from __future__ import annotations

from decimal import Decimal

import sqlalchemy as sa
from alembic import command

from vareflyt.store.db import Store, _alembic_config, open_store

from ..pg import pg_url  # noqa: F401  (fixture)

SCALE = (
    "SELECT numeric_precision, numeric_scale FROM information_schema.columns "
    "WHERE table_name = 'supplier_invoices' AND column_name = 'payable'"
)


def test_a_padded_store_is_made_exact_and_gives_back_what_was_written(pg_url):  # noqa: F811
    store = Store(pg_url)
    cfg = _alembic_config()
    with store.engine.begin() as conn:  # a store as vareflyt made it before 0015
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0014")
        conn.execute(sa.text("ALTER TABLE supplier_invoices ALTER COLUMN payable TYPE numeric(20, 6)"))
        conn.execute(sa.text("CREATE TABLE probe (v numeric(20, 6))"))
        conn.execute(sa.text("INSERT INTO probe VALUES (3964.00)"))
        assert conn.execute(sa.text(SCALE)).one() == (20, 6)
    store.dispose()
    store = open_store(pg_url)
    with store.transaction() as conn:
        assert conn.execute(sa.text(SCALE)).one() == (None, None)
        assert str(conn.execute(sa.text("SELECT v FROM probe")).scalar()) == "3964"
        conn.execute(sa.text("CREATE TABLE probe2 (v numeric)"))
        conn.execute(
            sa.text("INSERT INTO probe2 VALUES (:v), (:w)"), {"v": Decimal("3964.00"), "w": Decimal("0.125")}
        )
        assert [str(v) for v in conn.execute(sa.text("SELECT v FROM probe2")).scalars()] == [
            "3964.00",
            "0.125",
        ]
    store.dispose()
