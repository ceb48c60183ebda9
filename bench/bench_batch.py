"""Benchmark the nightly batch on a one-year workspace, run by ``vareflyt batch run`` as the
scheduler would (a subprocess per run; wall time and peak memory of each).

1. *First full run* on a new demo workspace: the inbox holds the party list, the demo
   generator's 30 supplier price lists (20 000 articles in its shapes; it cannot make more per
   supplier) and 6 more suppliers' CSV lists of 5 000 articles each, found by their
   ``price_files`` pattern (50 000 articles in all), the open-items export with about 10 000
   open customer invoices and a camt.054 with payments. The batch imports all of it, runs
   dunning over every invoice (letters as HTML + PDF), writes the catalogue and the report.
2. Setup (not timed): 3 000 purchase orders (3 lines each) made from entry lines on the run
   date; the simulated suppliers answer every order (ORDRSP + DESADV, planted deviations).
3. *Busy night*: the batch reads the 3 000 responses and 3 000 packing slips.
4. Setup (not timed): the suppliers invoice the 3 000 deliveries (INVOIC, EHF every third).
5. *Invoice night*: the batch reads and reconciles 3 000 invoices.
6. *No new input*: the batch again with ``--force`` (every step runs, nothing changes); then
   without (it sees nothing changed since the last complete run and stops early).

Usage: ``.venv/bin/python bench/bench_batch.py [articles] [orders] [customer_invoices]``.
"""

from __future__ import annotations

import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

TODAY = date(2026, 11, 20)
CODE = "import sys; from vareflyt.cli.app import main; sys.argv[0] = 'vareflyt'; main()"


def batch(root: Path, label: str, *extra: str) -> dict:
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", CODE, "batch", "run", "--workspace", str(root), "--date",
                           TODAY.isoformat(), "--json", *extra], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    out = json.loads(proc.stdout) if proc.stdout.strip().startswith("{") else {"error": proc.stderr[-2000:]}
    steps = ", ".join(f"{s['step']} {s['seconds']:.1f}" for s in out.get("steps", []))
    print(f"{label}: {seconds:.1f} s, exit {proc.returncode}, in {len(out.get('came_in', []))}, "
          f"out {len(out.get('went_out', []))}, attention {len(out.get('attention', []))}, "
          f"peak RSS so far {peak:.0f} MB; steps: {steps or out.get('error', '')}", flush=True)
    if out.get("quiet"):
        print("  (stopped early: nothing new since the last complete run)", flush=True)
    return {"seconds": seconds, "exit": proc.returncode, "peak_mb": peak, "steps": out.get("steps", [])}


EXTRA_SUPPLIERS = 6


def _gln(n: int) -> str:
    from stdnum import ean
    body = f"709000{n:06d}"
    return body + ean.calc_check_digit(body)


def extra_config(per_supplier: int) -> str:
    return "".join(f'\n[partners."{_gln(i)}"]\nname = "Benkeleverandør {i}"\nedi = true\n'
                   f'price_files = "bench_{i}_*.csv"\n' for i in range(EXTRA_SUPPLIERS)) if per_supplier else ""


def extra_lists(ws, per_supplier: int) -> None:
    from stdnum import ean
    for i in range(EXTRA_SUPPLIERS):
        rows = []
        for k in range(per_supplier):
            body = f"7090{i:02d}{k:06d}"
            rows.append(f"B{i}-{k:05d};{body + ean.calc_check_digit(body)};Benkevare {i}-{k};stk;"
                        f"{100 + k % 900},00;10;{90 + k % 900},00\r\n")
        (ws.inbox / f"bench_{i}_priser.csv").write_text(
            "Varenr;GTIN;Varenavn;Enhet;Bruttopris;Rabatt;Nettopris\r\n" + "".join(rows), encoding="utf-8")


def first_inbox(ws, manifest, inputs: Path, invoices: int) -> None:
    from vareflyt.demo.receivables import DemoCustomers
    for entry in manifest.files:
        if entry.kind == "parties" and not entry.path.endswith(".csv"):
            shutil.copyfile(inputs / entry.path, ws.inbox / Path(entry.path).name)
        elif entry.kind == "prices" and entry.price_list_kind == "new":
            folder = ws.inbox / entry.supplier_gln
            folder.mkdir(exist_ok=True)
            shutil.copyfile(inputs / entry.path, folder / Path(entry.path).name)
    customers = DemoCustomers(2026, TODAY, max(1, invoices * 108 // 100))   # ~half are paid already
    customers.write_open_items(ws.inbox, TODAY)
    print(f"setup: open-items export with {len(customers.open_on(TODAY))} open invoices of "
          f"{len(customers.customers)} customers", flush=True)
    booked = sorted({i.pays_on for i in customers.invoices if i.pays_on and i.pays_on >= TODAY})
    customers.write_payments(ws.inbox, booked[0])


def make_history(ws, n_orders: int) -> int:
    """3 lines per order from the EDI suppliers' catalogues, one order per project."""
    from vareflyt.demo.simulated_supplier import PLANTS, SimulatedSupplier
    from vareflyt.edi.mappings import orders as orders_map
    from vareflyt.edi.reader import read_interchanges
    from vareflyt.jobs.make_orders import make_orders
    from vareflyt.rules.ordering import EntryLine
    try:
        from vareflyt.jobs.effective_prices import effective_on
    except ImportError:                                   # a tree from before issue 18 item 2
        from vareflyt.store.prices import effective_on
    section = getattr(ws.config, "section", None)          # a tree from before the typed config (issue 18 item 1)
    partners = section("partners") if section else ws.config.partners
    edi = [g for g, p in partners.items() if p.edi]
    with ws.store.connect() as conn:
        arts = {g: [a.article_no for _, a in effective_on(conn, g, TODAY).values() if a.net is not None][:200]
                for g in edi}
    edi = [g for g in edi if len(arts[g]) >= 3]
    entries = [EntryLine(edi[n % len(edi)], arts[edi[n % len(edi)]][(n * 3 + k) % len(arts[edi[n % len(edi)]])],
                         Decimal(4 + k), delivery_date=TODAY.replace(day=27), project=f"P{n:05d}")
               for n in range(n_orders) for k in range(3)]
    made = make_orders(ws, entries=entries, on=TODAY, now=datetime.combine(TODAY, datetime.min.time()))
    supplier = SimulatedSupplier(ws.inbox, TODAY)
    for k, info in enumerate(made.extra["orders"]):
        order = orders_map.from_segments(read_interchanges(Path(info["file"]).read_bytes()).messages[0].body)[0]
        supplier.answer(order, PLANTS[k % len(PLANTS)] if PLANTS[k % len(PLANTS)] != "split" else "clean")
    return made.counts["orders"]


def main(articles: int = 50000, orders: int = 3000, invoices: int = 10000) -> None:
    demo_articles = min(articles, 20000)
    per_supplier = (articles - demo_articles) // EXTRA_SUPPLIERS
    from vareflyt.demo import generate_demo_inputs
    from vareflyt.demo.receivables import write_demo_rates
    from vareflyt.demo.run import demo_config
    from vareflyt.demo.nights import _invoice_deliveries
    from vareflyt.workspace import Workspace, init_workspace
    root = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    t = time.perf_counter()
    manifest = generate_demo_inputs(root / "inputs", articles=demo_articles, suppliers=30, today=TODAY)
    ws = init_workspace(root / "ws", config_text=demo_config(manifest) + extra_config(per_supplier))
    write_demo_rates(ws.root)
    first_inbox(ws, manifest, root / "inputs", invoices)
    if per_supplier:
        extra_lists(ws, per_supplier)
    ws.close()
    print(f"setup: inputs generated in {time.perf_counter() - t:.1f} s", flush=True)
    results = {"first": batch(root / "ws", "first full run (parties, 30 price lists, open items, payments)")}
    ws = Workspace(root / "ws")
    t = time.perf_counter()
    n = make_history(ws, orders)
    ws.close()
    print(f"setup: {n} orders made and answered in {time.perf_counter() - t:.1f} s", flush=True)
    results["responses"] = batch(root / "ws", f"busy night ({n} ORDRSP + DESADV)")
    ws = Workspace(root / "ws")
    t = time.perf_counter()
    dropped = _invoice_deliveries(ws, TODAY, {"done": [], "invoiced": []})
    ws.close()
    print(f"setup: {dropped} invoices written in {time.perf_counter() - t:.1f} s", flush=True)
    results["invoices"] = batch(root / "ws", f"invoice night ({dropped} INVOIC/EHF, reconcile)")
    results["force"] = batch(root / "ws", "no new input, --force (every step)", "--force")
    results["quiet"] = batch(root / "ws", "no new input")
    print(json.dumps({k: {"seconds": round(v["seconds"], 1), "peak_mb": round(v["peak_mb"])} for k, v in results.items()}))
    shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:]]
    main(*args)
