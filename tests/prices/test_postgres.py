"""The price store on PostgreSQL: migration 0003, the driver-level bulk insert and the reads
give back exactly what was stored (Decimal, dates, booleans)."""

from datetime import date
from decimal import Decimal

from vareflyt.domain.catalogue import CatalogueArticle, CatalogueKind
from vareflyt.jobs.effective_prices import effective_on
from vareflyt.store import price_list_rows
from vareflyt.store import prices as repo
from vareflyt.store.db import open_store

from ..pg import pg_url  # noqa: F401  (fixture)

S = "7080000000029"


def test_price_rows_round_trip_on_postgres(pg_url):  # noqa: F811
    store = open_store(pg_url)
    try:
        articles = [
            (
                2,
                CatalogueArticle(
                    "00101",
                    "Plank «C24»",
                    gtin="7031234000019",
                    nobb="41234567",
                    unit="MTR",
                    gross=Decimal("32.5"),
                    discount_pct=Decimal("25"),
                    net=Decimal("24.3750"),
                    valid_from=date(2026, 2, 1),
                    campaign_net=Decimal("19.9"),
                    campaign_from=date(2026, 3, 1),
                    campaign_to=date(2026, 3, 31),
                ),
            ),
            (3, CatalogueArticle("00102", "", net=Decimal("0.000125"), expired=True)),
        ]
        with store.transaction() as conn:
            version = repo.add_version(
                conn,
                supplier=S,
                kind=CatalogueKind.NEW,
                valid_from=date(2026, 2, 1),
                file_name="p.xlsx",
                file_hash="x" * 64,
                counts={"read": 2},
            )
            assert price_list_rows.add_rows(conn, version, articles) == 2
        with store.connect() as conn:
            assert price_list_rows.rows_of(conn, [version.id])[version.id] == [a for _, a in articles]
            vers, rows = price_list_rows.candidates(conn, S, "7031234000019")
            assert [v.number for v in vers] == [1] and rows[version.id][0].article_no == "00101"
            found = effective_on(conn, S, date(2026, 3, 2))
            assert list(found) == [("00101", "F")]
    finally:
        store.dispose()
