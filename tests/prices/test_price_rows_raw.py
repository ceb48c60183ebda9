"""Price rows read through the DB-API cursor (issue 19 item 5) give exactly what SQLAlchemy's
per-value result processing gives: Decimals with many places, NULLs, dates, booleans, a row
without a name. The rows are written by hand with plain SQLAlchemy inserts (as any other
program writing the table would), not with vareflyt's bulk insert. Runs on PostgreSQL too
(``VAREFLYT_TEST_STORE=postgres``: the workspace's store is a PostgreSQL database then)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
import sqlalchemy as sa

from vareflyt.domain.catalogue import CatalogueArticle
from vareflyt.jobs.effective_prices import effective_on
from vareflyt.store import price_list_rows as repo
from vareflyt.store.tables.prices import price_rows, price_versions
from vareflyt.store.types import DecimalType

S = "7080000000029"
ROWS = [
    dict(
        article_no="00101",
        name="Plank «C24» 48x98",
        gtin="7031234000019",
        nobb="41234567",
        unit="MTR",
        pack_level="F",
        pack_qty="1.000000",
        gross="32.5",
        discount_pct="25.125",
        net="24.3750000001",
        fees="0.000001",
        vat_pct="25",
        valid_from=date(2026, 2, 1),
        valid_to=date(2026, 12, 31),
        campaign_net="19.90",
        campaign_from=date(2026, 3, 1),
        campaign_to=date(2026, 3, 31),
        product_group="0101",
        weight_kg="12345678901234.123456",
        dimensions="48x98x4800",
        price_basis="100",
        expired=False,
        not_updated=False,
    ),
    dict(article_no="00102", name=None, net="0.000125", expired=True, not_updated=False),  # NULLs everywhere
    dict(
        article_no="00103",
        name="Skrue",
        gtin="7031234000026",
        net="3964.00",
        price_basis="1",
        expired=False,
        not_updated=True,
    ),
]


@pytest.fixture
def stored(workspace):
    with workspace.store.transaction() as conn:
        version_id = conn.execute(
            price_versions.insert().values(
                supplier_gln=S,
                number=1,
                kind="new",
                valid_from=date(2026, 2, 1),
                file_name="hand.xlsx",
                file_hash="h" * 64,
                imported_at=datetime(2026, 2, 1, 8),
                counts="{}",
                approved_at=datetime(2026, 2, 1, 8),
            )
        ).inserted_primary_key[0]
        for number, row in enumerate(ROWS, start=2):
            values = {
                k: Decimal(v) if isinstance(v, str) and isinstance(price_rows.c[k].type, DecimalType) else v
                for k, v in row.items()
            }
            conn.execute(
                price_rows.insert().values(version_id=version_id, supplier_gln=S, source_row=number, **values)
            )
    return workspace, version_id


def _through_sqlalchemy(conn, version_id) -> list[CatalogueArticle]:
    query = (
        sa.select(*repo.article_columns())
        .where(price_rows.c.version_id == version_id)
        .order_by(price_rows.c.id)
    )
    return [CatalogueArticle(*row) for row in conn.execute(query)]


def test_raw_rows_equal_sqlalchemys_rows(stored):
    ws, version_id = stored
    with ws.store.connect() as conn:
        raw = repo.rows_of(conn, [version_id])[version_id]
        assert raw == _through_sqlalchemy(conn, version_id)
    first, bare, third = raw
    assert first.net == Decimal("24.3750000001") and str(first.fees) == "0.000001"
    assert first.weight_kg == Decimal("12345678901234.123456") and first.campaign_to == date(2026, 3, 31)
    assert type(first.valid_from) is date and type(first.gross) is Decimal and first.expired is False
    assert bare == CatalogueArticle("00102", "", net=Decimal("0.000125"), expired=True)
    assert str(third.net) == "3964.00" and third.not_updated is True


def test_lookups_read_without_per_value_result_processing(stored, monkeypatch):
    ws, version_id = stored

    def refused(self, value, dialect):
        raise AssertionError("per-value result processing on the lookup path")

    monkeypatch.setattr(DecimalType, "process_result_value", refused)
    with ws.store.connect() as conn:
        assert [a.article_no for a in repo.rows_of(conn, [version_id])[version_id]] == [
            "00101",
            "00102",
            "00103",
        ]
        found = effective_on(conn, S, date(2026, 3, 2))
        vers, rows = repo.candidates(conn, S, "7031234000026")
    assert found[("00101", "F")][1].campaign_net == Decimal("19.90")
    assert ("00102", "F") not in found  # expired in this list: not in effect
    assert [v.number for v in vers] == [1] and rows[version_id][0].net == Decimal("3964.00")
