"""The store works on PostgreSQL by setting a URL: migrations, Decimal, sequences, log."""

from __future__ import annotations

from decimal import Decimal

import sqlalchemy as sa

from vareflyt.store import log
from vareflyt.store.db import open_store
from vareflyt.store.sequences import next_value
from vareflyt.workspace import init_workspace

from ..pg import pg_url  # noqa: F401  (fixture)


def test_migrations_and_core_tables_on_postgres(pg_url):  # noqa: F811
    store = open_store(pg_url)
    assert store.engine.dialect.name == "postgresql"
    assert store.current_revision() == store.head_revision()
    with store.transaction() as conn:
        assert [next_value(conn, "order") for _ in range(2)] == [1, 2]
        log.record(conn, job="t", status="ok", file_hash="h", counts={"read": 1})
        assert log.already_done(conn, "t", "h") is not None
    store.dispose()


def test_workspace_with_postgres_url(tmp_path, pg_url):  # noqa: F811
    ws = init_workspace(tmp_path / "w")
    ws.close()
    cfg = ws.config_path.read_text(encoding="utf-8").replace('url = ""', f'url = "{pg_url}"', 1)
    ws.config_path.write_text(cfg, encoding="utf-8")
    ws2 = init_workspace(tmp_path / "w")
    assert ws2.store.engine.dialect.name == "postgresql"
    meta = sa.MetaData()
    from vareflyt.store.types import DecimalType

    t = sa.Table(
        "decimal_probe", meta, sa.Column("id", sa.Integer, primary_key=True), sa.Column("v", DecimalType())
    )
    meta.create_all(ws2.store.engine)
    with ws2.store.transaction() as conn:
        conn.execute(t.insert(), [{"v": Decimal("1234.567891")}, {"v": Decimal("0.1")}])
        assert [r.v for r in conn.execute(sa.select(t).order_by(t.c.id))] == [
            Decimal("1234.567891"),
            Decimal("0.100000"),
        ]
    ws2.close()
