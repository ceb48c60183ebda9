"""Benchmark the purchasing flow: make 2 000 orders of 20 lines, read 2 000 order responses and
about 2 000 packing slips.

Setup (not timed): a workspace with 100 EDI suppliers, each with a 200-article price list
imported through ``import_prices`` (so prices come from the real price store), and 20
delivery places. Timed: ``make_orders`` over 40 000 entry lines (100 suppliers × 20 places ×
20 lines = 2 000 orders, EDIFACT written to outbox/); ``read_inbox`` over the 2 000 ORDRSP the
simulated supplier answers with (planted deviations in turn); ``read_inbox`` over its packing
slips. Usage: ``.venv/bin/python bench/bench_purchasing.py [orders]``.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from stdnum import ean

from vareflyt.demo.simulated_supplier import PLANTS, SimulatedSupplier
from vareflyt.edi.mappings import orders as orders_map
from vareflyt.edi.reader import read_interchanges
from vareflyt.jobs.import_prices import import_prices
from vareflyt.jobs.make_orders import make_orders
from vareflyt.jobs.read_inbox import read_inbox
from vareflyt.rules.ordering import EntryLine
from vareflyt.workspace import init_workspace

TODAY = date(2026, 3, 2)
OUR = "7080000000012"


def gln(prefix: str, n: int) -> str:
    body = f"{prefix}{n:05d}"
    return body + ean.calc_check_digit(body)


def main(n_orders: int = 2000) -> None:
    n_suppliers = min(100, max(10, n_orders // 20))
    places, lines = max(1, n_orders // n_suppliers), 20
    suppliers = [gln("7090001", i) for i in range(n_suppliers)]
    sites = [gln("7090002", i) for i in range(places)]
    config = f'[company]\nname = "Bench AS"\ngln = "{OUR}"\norgnr = "923609016"\n\n' + "".join(
        f'[partners."{g}"]\nname = "Leverandør {i}"\nedi = true\n\n' for i, g in enumerate(suppliers))
    root = Path(tempfile.mkdtemp(prefix="bench-purchasing-"))
    ws = init_workspace(root / "ws", config_text=config)
    t = time.perf_counter()
    for i, g in enumerate(suppliers):
        plist = root / f"pris_{i}.csv"
        plist.write_text("Varenr;GTIN;Varenavn;Enhet;Bruttopris;Rabatt;Nettopris\n" + "".join(
            f"A{i}-{k};{gln('70900' + f'{i:02d}', k)};Vare {k};stk;{100 + k},00;10;{90 + k},00\n"
            for k in range(200)), encoding="utf-8")
        import_prices(ws, plist, g, "new", date(2026, 1, 1))
    print(f"setup: price lists imported in {time.perf_counter() - t:.1f} s")
    entries = [EntryLine(g, f"A{i}-{(p * lines + k) % 200}", Decimal(5 + k), delivery_gln=site,
                         delivery_date=date(2026, 3, 9))
               for i, g in enumerate(suppliers) for p, site in enumerate(sites) for k in range(lines)]

    t = time.perf_counter()
    made = make_orders(ws, entries=entries, on=TODAY, now=datetime(2026, 3, 2, 8))
    t_make = time.perf_counter() - t
    print(f"make_orders: {made.counts['orders']} orders, {made.counts['lines']} lines in {t_make:.1f} s")

    hold = root / "hold"
    hold.mkdir()
    supplier = SimulatedSupplier(ws.inbox, TODAY)
    for k, info in enumerate(made.extra["orders"]):
        order = orders_map.from_segments(read_interchanges(Path(info["file"]).read_bytes()).messages[0].body)[0]
        plant = PLANTS[k % len(PLANTS)]
        for path in supplier.answer(order, plant if plant != "split" else "clean"):
            if path.name.startswith("DESADV"):
                shutil.move(path, hold / path.name)
    n_resp = len(list(ws.inbox.iterdir()))
    t = time.perf_counter()
    responses = read_inbox(ws, now=datetime(2026, 3, 2, 12))
    t_resp = time.perf_counter() - t
    print(f"read_inbox ORDRSP: {responses.counts['accepted']}/{n_resp} accepted in {t_resp:.1f} s")

    for path in sorted(hold.iterdir()):
        shutil.move(path, ws.inbox / path.name)
    n_slips = len(list(ws.inbox.iterdir()))
    t = time.perf_counter()
    slips = read_inbox(ws, now=datetime(2026, 3, 3, 12))
    t_slip = time.perf_counter() - t
    print(f"read_inbox DESADV: {slips.counts['accepted']}/{n_slips} accepted in {t_slip:.1f} s")
    ws.close()
    shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
