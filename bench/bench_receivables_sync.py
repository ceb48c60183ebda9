"""Benchmark: ``store.receivables.sync_invoices`` of a 20 000-invoice open-items export into a
SQLite store (first import: all new; the same export again: all unchanged), and
``store.receivables_ledger.invoice_facts`` over them; wall and CPU seconds. The anchor, which no
change to vareflyt moves, reads the whole ``customer_invoices`` table through SQLAlchemy.

Run: ``.venv/bin/python bench/bench_receivables_sync.py``. Side by side with an older tree:
``PYTHONPATH=/tmp/before/src .venv/bin/python bench/bench_receivables_sync.py`` (a tree from
before issue 18 item 2 takes the rows as dicts; this script passes what the tree takes).
"""

from __future__ import annotations

import random
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from vareflyt.domain.receivables import Customer
from vareflyt.store import receivables as repo
from vareflyt.store import receivables_ledger as ledger
from vareflyt.store.db import open_store, sqlite_url
from vareflyt.store.tables.receivables import customer_invoices

try:
    from vareflyt.domain.receivables import ExportedItem as make_row
except ImportError:  # a tree from before issue 18 item 2: rows are dicts

    def make_row(**values):  # type: ignore[no-redef]
        return values


INVOICES, CUSTOMERS = 20_000, 5_000


def timed(work: Callable[[], object]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    rnd = random.Random(3)
    customers = [Customer(f"K{i:05d}", f"Kunde {i}") for i in range(CUSTOMERS)]
    rows = [
        make_row(
            invoice_no=str(100_000 + n),
            customer_no=rnd.choice(customers).number,
            invoice_date=date(2026, 1, 1),
            due_date=date(2026, 1, 1) + timedelta(days=rnd.randint(0, 60)),
            amount=Decimal(rnd.randint(100, 10**6)) / 100,
            paid=Decimal("0.00"),
            kid=f"{n:09d}",
            currency="NOK",
            credit_for="",
        )
        for n in range(INVOICES)
    ]
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(sqlite_url(Path(tmp) / "store.db"))
        now = datetime(2026, 2, 1)
        with store.transaction() as conn:
            repo.upsert_customers(conn, customers, now)
        found = {}
        with store.transaction() as conn:
            found["sync, all new"] = timed(lambda: repo.sync_invoices(conn, rows, date(2026, 2, 1), now))
        with store.transaction() as conn:
            found["sync, unchanged"] = timed(lambda: repo.sync_invoices(conn, rows, date(2026, 2, 2), now))
        with store.connect() as conn:
            found["invoice_facts"] = timed(lambda: ledger.invoice_facts(conn))
            found["anchor"] = timed(lambda: conn.execute(customer_invoices.select()).all())
        store.dispose()
    print("; ".join(f"{name}: {wall:.3f} s wall, {cpu:.3f} s CPU" for name, (wall, cpu) in found.items()))


if __name__ == "__main__":
    main()
