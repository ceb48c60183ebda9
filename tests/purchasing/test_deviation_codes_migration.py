"""A store written before the English issue codes: its order-response and packing-slip
deviations get today's codes (migration 0016), so a re-sent response is still recognised as
recorded and the workbook's deviation table shows one scheme."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import command

from vareflyt.store.db import _alembic_config, sqlite_url

INSERT = sa.text(
    "INSERT INTO purchase_deviations (date, kind, code, severity, message) "
    "VALUES ('2026-11-19', :kind, :code, 'warning', :message)"
)


def test_deviations_stored_with_norwegian_codes_are_renamed(tmp_path):
    engine = sa.create_engine(sqlite_url(tmp_path / "old.db"))
    cfg = _alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0015")
        conn.execute(
            INSERT,
            [
                {"kind": "ordresvar", "code": "ordresvar.delvis", "message": "Linje 1: bare 2 av 4"},
                {"kind": "pakkseddel", "code": "pakkseddel.overlevering", "message": "Linje 2: levert 5"},
                {"kind": "ordresvar", "code": "ordresvar.uoppfordret", "message": "Ordre 77 ukjent"},
            ],
        )
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
        codes = conn.execute(sa.text("SELECT code FROM purchase_deviations ORDER BY id")).scalars().all()
    assert codes == ["order_response.partial", "packing_slip.over_delivery", "order_response.unsolicited"]
    engine.dispose()
