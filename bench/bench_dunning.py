"""Benchmark: dunning decision and amounts for 20 000 open invoices / 5 000 customers, and
letter rendering (HTML + PDF) per letter. Run: ``.venv/bin/python bench/bench_dunning.py``.

Budget (issue 6): decision and amounts under 5 s; letters at most 60 ms each (median).
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from vareflyt.config.company import parse as parse_company
from vareflyt.domain.receivables import (
    Customer,
    CustomerKind,
    ExportedItem,
    Level,
    OpenInvoice,
    Payment,
    SentNotice,
)
from vareflyt.jobs.rates import shipped_rates
from vareflyt.letters.notice import render_letter
from vareflyt.rules.dunning import DEFAULT_POLICY, plan_notices

ON = date(2026, 3, 2)
CUSTOMERS, INVOICES = 5_000, 20_000


def generate(seed: int = 6):
    rnd = random.Random(seed)
    kinds = [CustomerKind.B2B, CustomerKind.B2C, CustomerKind.PUBLIC]
    customers = {f"K{i:05d}": Customer(f"K{i:05d}", f"Kunde {i} Ærøy AS", rnd.choice(kinds), address="Storgata 1; 0155 Oslo",
                                       hold="Tvist" if rnd.random() < 0.02 else "", language=rnd.choice(["nb", "en"]))
                 for i in range(CUSTOMERS)}
    numbers = list(customers)
    invoices = []
    for n in range(INVOICES):
        due = ON - timedelta(days=rnd.randint(-30, 200))
        amount = Decimal(rnd.randint(1000, 5_000_000)) / 100
        history = []
        days = (ON - due).days
        if days > 20 and rnd.random() < 0.6:
            history.append(SentNotice(Level.REMINDER, due + timedelta(days=7), due + timedelta(days=21)))
        if days > 45 and history and rnd.random() < 0.5:
            history.append(SentNotice(Level.DUNNING, due + timedelta(days=22), due + timedelta(days=36), Decimal("35")))
        payments = ((Payment(due + timedelta(days=10), amount / 3),) if days > 12 and rnd.random() < 0.2 else ())
        invoices.append(OpenInvoice(f"{100000 + n}", rnd.choice(numbers), due - timedelta(days=30), due, amount,
                                    payments=payments, kid=f"{n:09d}", history=tuple(history)))
    return customers, invoices


def bench_decision(customers, invoices, table):
    start = time.perf_counter()
    plan = plan_notices(invoices, customers, DEFAULT_POLICY, ON, table)
    return time.perf_counter() - start, plan


def bench_store(customers, invoices):
    """Load the same invoices from a SQLite store and decide: the whole job minus letters."""
    from vareflyt.store import receivables as repo
    from vareflyt.store.db import open_store, sqlite_url

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(sqlite_url(Path(tmp) / "store.db"))
        now = datetime.now()
        with store.transaction() as conn:
            repo.upsert_customers(conn, customers.values(), now)
            repo.sync_invoices(conn, [ExportedItem(i.invoice_no, i.customer_no, i.invoice_date, i.due_date,
                                                   i.amount, Decimal(0), i.kid, "NOK") for i in invoices],
                               ON - timedelta(days=300), now)
        start = time.perf_counter()
        with store.transaction() as conn:
            loaded, custs = repo.load_invoices(conn), repo.load_customers(conn)
        plan_notices(loaded, custs, DEFAULT_POLICY, ON, shipped_rates())
        elapsed = time.perf_counter() - start
        store.dispose()
    return elapsed


def bench_letters(plan, count: int = 200):
    company = parse_company({"name": "Byggevare Ærlig AS", "orgnr": "923609016", "bank_account": "12345678903"})
    times = []
    for notice in [n for n in plan.notices if n.level is not Level.COLLECTION][:count]:
        start = time.perf_counter()
        render_letter(notice, company, language=notice.customer.language, deadline_days=14)
        times.append(time.perf_counter() - start)
    return times


def main() -> int:
    table = shipped_rates()
    customers, invoices = generate()
    decision, plan = bench_decision(customers, invoices, table)
    store = bench_store(customers, invoices)
    times = bench_letters(plan)
    levels = {}
    for n in plan.notices:
        levels[n.level.value] = levels.get(n.level.value, 0) + 1
    print(f"invoices {len(invoices)}, customers {len(customers)}, notices {len(plan.notices)} {levels}")
    print(f"decision + amounts (in memory): {decision:.2f} s (budget 5 s)")
    print(f"load from SQLite store + decision + amounts: {store:.2f} s (budget 5 s)")
    print(f"letters (HTML + PDF), {len(times)} letters: median {statistics.median(times) * 1000:.1f} ms, "
          f"p95 {sorted(times)[int(len(times) * 0.95) - 1] * 1000:.1f} ms (budget 60 ms median)")
    ok = decision < 5 and store < 5 and statistics.median(times) < 0.060
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
