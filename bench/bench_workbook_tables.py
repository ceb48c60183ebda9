"""Benchmark: the catalogue table of Innkjop.xlsx with 100 000 rows x 24 columns.

Run: ``.venv/bin/python bench/bench_workbook_tables.py [rows] [--openpyxl]``. Measures the fast
table writer, reading the table back through the port, a save that touches only small tables
while the catalogue is full, the same with the Nøkkeltall sheets and their three charts (issue
16), and (with ``--openpyxl``) openpyxl loading and saving the same workbook for comparison. Record the figures in bench/README.md under "Workbook tables".
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

from vareflyt.excel.openpyxl_adapter import OpenpyxlWorkbook
from vareflyt.excel.templates import template_path
from vareflyt.excel.xlsx_fast import replace_table_rows_fast


def catalogue_rows(n: int) -> list[dict]:
    return [{
        "supplier_gln": "7080000000017", "supplier_name": "Byggvare Grossist AS",
        "article_no": f"{i:08d}", "gtin": f"0703{i:010d}", "nobb": f"{(i * 7) % 10**8:08d}",
        "name": f"Treskrue forsinket 4,0x{30 + i % 70} mm & <pakke {i % 13}>", "unit": "EA",
        "pack_level": "F", "pack_qty": Decimal(100), "gross": Decimal(f"{100 + i % 900}.{i % 100:02d}"),
        "discount_pct": Decimal("12.5"), "net": Decimal(f"{87 + i % 800}.{i % 97:02d}"),
        "fees": Decimal("0.35"), "vat_pct": Decimal(25), "valid_from": date(2026, 1, 1),
        "valid_to": None if i % 3 else date(2026, 12, 31), "campaign_net": None if i % 10 else Decimal("79.90"),
        "campaign_from": None if i % 10 else date(2026, 3, 1), "campaign_to": None if i % 10 else date(2026, 3, 31),
        "product_group": f"{i % 400:04d}", "weight_kg": Decimal("1.275"), "dimensions": "40x30x15",
        "price_basis": Decimal(1), "price_list_version": "GROSSIST-2026-01",
    } for i in range(n)]


def key_figures_save(path: Path) -> None:
    """The purchasing Nøkkeltall and Diagramgrunnlag of 30 suppliers and 12 weeks, charts and all."""
    from vareflyt.jobs.key_figures import PurchasingFigures, WeekOutcome, write_sheets
    from vareflyt.rules.scorecard import Score

    scores = tuple(Score(f"70800000{i:05d}", 40, 36 + i % 5, 40, Decimal("20.5"), 30, 29 - i % 3, Decimal(i % 9))
                   for i in range(30))
    weeks = tuple(WeekOutcome(2026, w, {"approved": 40, "deviation": 3, "rejected": 1, "waiting": 2})
                  for w in range(36, 48))
    port = OpenpyxlWorkbook(path)
    write_sheets(port, PurchasingFigures(date(2026, 11, 22), date(2025, 11, 22), scores, {}, weeks))
    port.save()


def timed(label: str, fn):
    start = time.perf_counter()
    result = fn()
    print(f"{label:<58} {time.perf_counter() - start:6.2f} s")
    return result


def main(argv: list[str]) -> None:
    n = int(next((a for a in argv if a.isdigit()), 100_000))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "Innkjop.xlsx"
        shutil.copyfile(template_path("purchasing"), path)
        rows = catalogue_rows(n)
        timed(f"fast path: replace catalogue with {n} rows x 24 columns",
              lambda: replace_table_rows_fast(path, "catalogue", rows))
        print(f"{'  workbook size':<58} {path.stat().st_size / 1e6:6.1f} MB")
        frame = timed("port.read_table('catalogue') (calamine + types)",
                      lambda: OpenpyxlWorkbook(path).read_table("catalogue"))
        assert len(frame) == n and frame.at[0, "gtin"] == "07030000000000"

        def small_save():
            port = OpenpyxlWorkbook(path)
            port.replace_rows("orders", [{"order_no": "PO-1", "lines": 1}])
            port.mark_cell("orders", 0, "order_no", "warning", "Venter på ordresvar")
            port.save()
        timed("save orders + a mark while the catalogue is full", small_save)
        assert len(OpenpyxlWorkbook(path).read_table("catalogue")) == n
        timed("save key figures + 3 charts while the catalogue is full", lambda: key_figures_save(path))

        if "--openpyxl" in argv:
            import openpyxl
            book = timed("openpyxl: load_workbook of the same file", lambda: openpyxl.load_workbook(path))
            timed("openpyxl: save it", lambda: book.save(Path(folder) / "copy.xlsx"))


if __name__ == "__main__":
    main(sys.argv[1:])
