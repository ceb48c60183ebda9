"""Benchmark: import a 100 000-row × 20-column supplier price list.

Generates the price list with xlsxwriter (constant_memory), then, each in its own child
process so peak memory is measured per step, times
  1. ``pandas.read_excel(path)`` with its default engine (openpyxl), the baseline, and
     ``pandas.read_excel(path, engine="calamine")``, the second anchor (issue 19);
  2. the whole ``import_prices`` (read, map, validate, store as a new version, refresh the
     catalogue table of Innkjop.xlsx) into a fresh workspace;
  3. (issue 14) the same list again as a ``replace`` list without ``--valid-from``, into a
     workspace that already holds it: the list's date from its rows, the comparison with the
     100 000 current articles (counts, the wrong-supplier guard, rejected rows kept).
Targets (issue 19 item 3): import ≤ 0.25 × pandas+openpyxl's read and ≤ 1.5 × pandas+calamine's
read, in the same run; peak memory < 1.5 GB (both imports). With ``--base SRC`` (e.g. a
``git archive`` of the code before, its ``src``) the first import also runs on that code,
alternating with the current one run by run, so before and after share the machine's load.
Wall and CPU seconds are both printed (the machine is shared: CPU time moves less with load).

Run: ``.venv/bin/python bench/bench_price_import.py [--rows N] [--keep DIR] [--repeat N] [--base SRC]``.
Record the figures in bench/README.md under "## Price-list import".
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SUPPLIER = "7080000000029"
HEADINGS = ["Varenr", "EAN", "NOBB-nr", "Varenavn", "Enhet", "Pakningsnivå", "Antall i pakning", "Bruttopris",
            "Rabatt %", "Nettopris", "Miljøavgift", "Mva", "Gyldig fra", "Gyldig til", "Varegruppe", "Vekt (kg)",
            "Dimensjon", "Kampanjepris", "Kampanje fra", "Kampanje til"]


def generate(path: Path, rows: int) -> None:
    import xlsxwriter
    from stdnum import ean

    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("Prisliste")
    ws.write_row(0, 0, ["Trelast Vest AS – prisliste 2026"])
    ws.write_row(2, 0, HEADINGS)
    rnd = random.Random(1)
    units = ["stk", "m", "kg", "pk", "m2", "sekk", "rull", "pall"]
    for i in range(rows):
        base = f"70{i:010d}"
        gross = round(rnd.uniform(1, 5000), 2)
        disc = rnd.choice([0, 10, 15, 20, 25, 30])
        campaign = i % 50 == 0
        ws.write_row(3 + i, 0, [
            f"{i:07d}", base + ean.calc_check_digit(base), f"{40000000 + i}", f"Artikkel {i} konstruksjonsvirke",
            rnd.choice(units), "F", rnd.choice([1, 10, 25, 100]), gross, disc, round(gross * (1 - disc / 100), 2),
            0.5 if i % 7 == 0 else 0, 25, "01.02.2026", "", f"G{i % 300:03d}", round(rnd.uniform(0.1, 50), 3),
            "48x98x4800", round(gross * 0.6, 2) if campaign else "", "01.03.2026" if campaign else "",
            "31.03.2026" if campaign else ""])
    wb.close()


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kB


def _timed(work) -> dict:
    start, cpu = time.perf_counter(), time.process_time()
    out = work()
    return {"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu, "out": out,
            "peak_mb": _peak_mb()}


def child_pandas(path: str, engine: str = "openpyxl") -> dict:
    import pandas as pd

    if engine == "calamine":
        import python_calamine  # noqa: F401  (library loading outside the timer, as for the others)
    return _timed(lambda: len(pd.read_excel(path, engine=engine)))


def child_import(path: str, folder: str) -> dict:
    from datetime import date

    import vareflyt.excel.openpyxl_adapter  # noqa: F401  (module loading is not the job's work: the
    from vareflyt.jobs.import_prices import import_prices  # pandas child imports pandas before its timer too)
    from vareflyt.workspace import init_workspace

    ws = init_workspace(Path(folder) / "ws")
    run = _timed(lambda: import_prices(ws, path, SUPPLIER, "new", date(2026, 2, 1)))
    result = run.pop("out")
    ws.close()
    return dict(run, counts=result.counts, issues=len(result.issues),
                outputs=[Path(p).name for p in result.outputs])


def child_again(path: str, folder: str) -> dict:
    from datetime import date

    import vareflyt.excel.openpyxl_adapter  # noqa: F401
    from vareflyt.jobs.import_prices import import_prices
    from vareflyt.workspace import init_workspace

    ws = init_workspace(Path(folder) / "ws")
    import_prices(ws, path, SUPPLIER, "new", date(2026, 2, 1), refresh_table=False)
    start, cpu = time.perf_counter(), time.process_time()
    result = import_prices(ws, path, SUPPLIER, "replace", today=date(2026, 3, 1))
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    ws.close()
    return {"seconds": seconds, "cpu": cpu, "counts": result.counts, "valid_from": result.extra.get("valid_from"),
            "source": result.extra.get("valid_from_source"), "guard": result.extra.get("supplier_guard"),
            "peak_mb": _peak_mb()}


def run_child(*args: str, base: Path | None = None) -> dict:
    env = dict(os.environ, PYTHONPATH=str(base)) if base else None
    out = subprocess.run([sys.executable, __file__, "--child", *args], check=True, capture_output=True,
                         text=True, env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _fastest(runs: list[dict]) -> dict:
    return min(runs, key=lambda r: r["seconds"])


def _secs(r: dict) -> str:
    return f"{r['seconds']:.2f} s (CPU {r['cpu']:.2f} s), peak {r['peak_mb']:.0f} MB"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, default=None, help="folder to keep the generated file in")
    parser.add_argument("--repeat", type=int, default=1, help="run each measurement N times, report the fastest")
    parser.add_argument("--base", type=Path, default=None,
                        help="src folder of the code to compare with (the import runs on both, alternating)")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        child = {"pandas": child_pandas, "import": child_import, "again": child_again}[kind]
        print(json.dumps(child(*rest)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"prisliste_{args.rows}.xlsx"
        start = time.perf_counter()
        generate(path, args.rows)
        print(f"generated {path.name}: {args.rows} rows x {len(HEADINGS)} columns, "
              f"{path.stat().st_size / 1e6:.1f} MB in {time.perf_counter() - start:.1f} s")
        print(f"load average before: {os.getloadavg()[0]:.1f}")
        pandas, calamine, runs, before = [], [], [], []
        for n in range(args.repeat):               # alternate the measures so they share the load
            pandas.append(run_child("pandas", str(path)))
            calamine.append(run_child("pandas", str(path), "calamine"))
            runs.append(run_child("import", str(path), str(Path(tmp) / f"run{n}")))
            if args.base:
                before.append(run_child("import", str(path), str(Path(tmp) / f"base{n}"), base=args.base))
        pandas, calamine, imp = _fastest(pandas), _fastest(calamine), _fastest(runs)
        print(f"pandas.read_excel (openpyxl): {_secs(pandas)}")
        print(f"pandas.read_excel (calamine): {_secs(calamine)}")
        print(f"import_prices (read+map+validate+store+catalogue table): {_secs(imp)}, "
              f"counts {imp['counts']}, outputs {imp['outputs']}")
        if before:
            base = _fastest(before)
            print(f"import_prices on {args.base}: {_secs(base)}; "
                  f"now/before {imp['seconds'] / base['seconds']:.2f} (CPU {imp['cpu'] / base['cpu']:.2f})")
        print(f"ratio import/pandas+openpyxl: {imp['seconds'] / pandas['seconds']:.2f} "
              f"(CPU {imp['cpu'] / pandas['cpu']:.2f}; target <= 0.25); "
              f"import/pandas+calamine: {imp['seconds'] / calamine['seconds']:.2f} "
              f"(CPU {imp['cpu'] / calamine['cpu']:.2f}; target <= 1.5); peak < 1536 MB: {imp['peak_mb'] < 1536}")
        print(f"load average after: {os.getloadavg()[0]:.1f}")
        agains, agains_before = [], []
        for n in range(args.repeat):  # alternating with the code before too, when given
            agains.append(run_child("again", str(path), str(Path(tmp) / f"again{n}")))
            if args.base:
                agains_before.append(run_child("again", str(path), str(Path(tmp) / f"againb{n}"),
                                               base=args.base))
        again = _fastest(agains)
        print(f"import_prices again as replace, date from the rows ({again['valid_from']}, {again['source']}): "
              f"{again['seconds']:.2f} s (CPU {again['cpu']:.2f} s), peak {again['peak_mb']:.0f} MB, "
              f"counts {again['counts']}, guard {again['guard']}; "
              f"ratio {again['seconds'] / pandas['seconds']:.2f}")
        if agains_before:
            base = _fastest(agains_before)
            print(f"  the same on {args.base}: {base['seconds']:.2f} s (CPU {base['cpu']:.2f} s), "
                  f"peak {base['peak_mb']:.0f} MB; now/before {again['seconds'] / base['seconds']:.2f} "
                  f"(CPU {again['cpu'] / base['cpu']:.2f})")
        print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
