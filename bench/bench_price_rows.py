"""Benchmark: price rows for lookups (issue 19 item 5) — ``jobs.effective_prices.effective_on``.

Run: ``.venv/bin/python bench/bench_price_rows.py [rows] [versions]`` (default 50 000 rows in each
of 3 versions of one supplier, a new list then two change lists, SQLite in a temporary folder).
Times, min of 5, side by side in the same process:

* *raw*: ``effective_on`` as it is (DB-API cursor, column-wise conversion);
* *anchor*: the same select through SQLAlchemy's result processing (per-value
  ``DecimalType.process_result_value``, the way ``rows_of`` read before), then the same rule.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

import sqlalchemy as sa

from vareflyt.domain.catalogue import CatalogueArticle, CatalogueKind
from vareflyt.rules.prices import chain_on, effective
from vareflyt.store import prices as repo

try:
    from vareflyt.store import price_list_rows as rows_repo
except ImportError:                                       # a tree from before the split of store.prices
    rows_repo = repo
from vareflyt.store.db import open_store, sqlite_url
from vareflyt.store.tables.prices import price_rows

try:
    from vareflyt.jobs.effective_prices import effective_on
except ImportError:                                       # a tree from before issue 18 item 2
    effective_on = repo.effective_on

S = "7080000000029"
ON = date(2026, 6, 1)


def _articles(n: int, offset: int) -> list[tuple[int, CatalogueArticle]]:
    return [(i + 2, CatalogueArticle(f"{i:06d}", f"Vare {i}", gtin=None, unit="EA", pack_qty=Decimal("1"),
                                     gross=Decimal(f"{100 + i % 997}.{i % 100:02d}"), discount_pct=Decimal("12.5"),
                                     net=Decimal(f"{87 + (i + offset) % 991}.{i % 10000:04d}"), vat_pct=Decimal("25"),
                                     valid_from=date(2026, 1, 1), weight_kg=Decimal("1.250"),
                                     campaign_net=Decimal("9.90") if i % 7 == 0 else None,
                                     campaign_from=date(2026, 5, 1) if i % 7 == 0 else None,
                                     campaign_to=date(2026, 6, 30) if i % 7 == 0 else None))
            for i in range(n)]


def _anchor(conn, supplier: str, on: date):
    chain = chain_on(repo.versions(conn, supplier), on)
    ids = [v.id for v in chain]
    out: dict[int, list] = {i: [] for i in ids}
    query = sa.select(price_rows.c.version_id, *rows_repo.article_columns()).where(price_rows.c.version_id.in_(ids))
    for row in conn.execute(query.order_by(price_rows.c.id)).all():
        out[row[0]].append(CatalogueArticle(*row[1:]))
    return effective(chain, out, on)


def _best(work, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(sqlite_url(Path(folder) / "bench.db"))
        with store.transaction() as conn:
            for number in range(count):
                kind = CatalogueKind.NEW if number == 0 else CatalogueKind.CHANGE
                version = repo.add_version(conn, supplier=S, kind=kind, valid_from=date(2026, 1 + number, 1),
                                           file_name=f"{number}.xlsx", file_hash=f"{number}" * 64, counts={})
                rows_repo.add_rows(conn, version, _articles(rows if number == 0 else rows // 5, number))
        with store.connect() as conn:
            assert effective_on(conn, S, ON) == _anchor(conn, S, ON)
            print(f"load average: {os.getloadavg()[0]:.2f}")
            raw = _best(lambda: effective_on(conn, S, ON))
            anchor = _best(lambda: _anchor(conn, S, ON))
            print(f"load average: {os.getloadavg()[0]:.2f}")
        store.dispose()
    print(f"effective_on, {rows} + {count - 1} × {rows // 5} rows: raw {raw:.3f} s, anchor (SQLAlchemy result "
          f"processing) {anchor:.3f} s, ratio {raw / anchor:.2f}")


if __name__ == "__main__":
    main()
