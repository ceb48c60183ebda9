"""The store: migrations to head, Decimal exactness, sequences, processing log."""

from __future__ import annotations

from decimal import Decimal

import sqlalchemy as sa

from vareflyt.store import log
from vareflyt.store.db import open_store, sqlite_url
from vareflyt.store.sequences import next_value, peek
from vareflyt.store.types import DecimalType


def test_new_store_is_migrated_to_head(tmp_path):
    store = open_store(sqlite_url(tmp_path / "s.db"))
    assert store.current_revision() == store.head_revision()
    tables = set(sa.inspect(store.engine).get_table_names())
    assert {"processing_log", "archived_files", "sequences", "alembic_version"} <= tables
    store.dispose()
    # opening again is a no-op and keeps data
    again = open_store(sqlite_url(tmp_path / "s.db"))
    assert again.current_revision() == again.head_revision()
    again.dispose()


def test_decimal_type_is_exact_on_sqlite(tmp_path):
    engine = sa.create_engine(sqlite_url(tmp_path / "d.db"))
    meta = sa.MetaData()
    t = sa.Table("t", meta, sa.Column("id", sa.Integer, primary_key=True), sa.Column("amount", DecimalType()))
    meta.create_all(engine)
    values = [Decimal("0.1"), Decimal("1234567890.123456"), Decimal("-0.01"), Decimal("99.90")]
    with engine.begin() as conn:
        conn.execute(t.insert(), [{"amount": v} for v in values])
        back = [r.amount for r in conn.execute(sa.select(t).order_by(t.c.id))]
    assert back == values
    assert all(isinstance(v, Decimal) for v in back)


def test_column_binding_matches_one_value_binding(tmp_path):
    engine = sa.create_engine(sqlite_url(tmp_path / "d.db"))
    dialect, kind = engine.dialect, DecimalType()
    values = [Decimal("0.1"), Decimal("1E+3"), None, Decimal("-0.010"), 7, 2.5, "12.50"]
    assert kind.bind_column(values, dialect) == [kind.process_bind_param(v, dialect) for v in values]
    assert kind.bind_column(values, dialect)[1] == "1000"


def test_sequences_never_reuse_a_number(workspace):
    with workspace.store.transaction() as conn:
        assert peek(conn, "order") is None
        assert [next_value(conn, "order", start=1000) for _ in range(3)] == [1000, 1001, 1002]
    try:
        with workspace.store.transaction() as conn:
            assert next_value(conn, "order") == 1003
            raise RuntimeError("document failed")
    except RuntimeError:
        pass
    with workspace.store.transaction() as conn:
        # the failed document's number was rolled back with it: no gaps, no reuse of committed numbers
        assert next_value(conn, "order") == 1003
        assert next_value(conn, "other") == 1


def test_processing_log_finds_successful_runs_only(workspace):
    with workspace.store.transaction() as conn:
        log.record(conn, job="prices.import", status="rejected", file_hash="abc", params_key="x")
        assert log.already_done(conn, "prices.import", "abc", "x") is None
        log.record(
            conn, job="prices.import", status="ok", file_hash="abc", params_key="x", counts={"read": 3}
        )
        done = log.already_done(conn, "prices.import", "abc", "x")
        assert done is not None and done.status == "ok"
        assert log.already_done(conn, "prices.import", "abc", "other-params") is None
        assert log.recent(conn)[0].counts == '{"read": 3}'


def test_issue_places_render_as_a_user_reads_them():
    from vareflyt.domain.issues import Source

    assert Source(file="p.xlsx", sheet="Ark1", row=14, column=4).render() == "p.xlsx:Ark1!D14"
    assert Source(file="p.xlsx", sheet="Ark1", row=6).render() == "p.xlsx:Ark1 rad 6"
    assert Source(file="p.csv", row=7, column=28).render() == "p.csv:AB7"
    assert Source(file="o.edi", message=2, segment=14, tag="QTY").render() == "o.edi:melding 2 segment 14 QTY"
    assert Source(file="f.xml", line=3).render() == "f.xml:linje 3"
