"""Benchmark: the compiled floor of a 100 000-row price import, beside pandas+calamine's read.

Issue 19 item 3 asks the import to take at most 1.5 × ``pandas.read_excel(engine="calamine")``.
Whatever the Python around them, an import that reads the list with calamine, stores its rows
in SQLite and writes the Katalog sheet into Innkjop.xlsx does at least this compiled work:

1. calamine reading the sheet into Python rows (``get_sheet_by_name`` + ``to_python``);
2. SQLite inserting the 100 000 rows into ``price_rows`` with its four indexes, the values
   already bound (``executemany`` of ready tuples, WAL as the store runs, then commit);
3. zlib compressing the Katalog sheet's XML at level 1 (the XML made before the timer).

Each is timed alone here (CPU and wall, best of ``--repeat``), in the same run as pandas+calamine's
read, and printed as a share of that read: what is left of 1.5 × for all the Python work —
parsing 2 million cells, the row checks, binding 2.3 million values and formatting 2.4 million
cells of XML — is the difference.

Run: ``.venv/bin/python bench/bench_price_floor.py [--rows N] [--repeat N]``. Record the figures
in bench/README.md under "Issue 19 item 3".
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import tempfile
import time
import zlib
from datetime import date
from decimal import Decimal
from pathlib import Path

from bench_price_import import HEADINGS, generate


def _best(work, times: int) -> tuple[float, float]:
    runs = []
    for _ in range(times):
        start, cpu = time.perf_counter(), time.process_time()
        work()
        runs.append((time.perf_counter() - start, time.process_time() - cpu))
    return min(runs)


def _store_rows(rows: list[list]) -> list[tuple]:
    """The rows as ``price_rows`` binds them (text for Decimals and dates, 0/1 for flags)."""
    out = []
    for n, r in enumerate(rows):
        gross, disc = Decimal(repr(r[7])), Decimal(str(r[8]))
        out.append(
            (
                1,
                "7080000000029",
                r[0],
                r[1],
                r[2],
                r[3],
                "EA",
                r[5],
                str(Decimal(str(r[6]))),
                str(gross),
                str(disc),
                repr(r[9]),
                repr(r[10]),
                "25",
                "2026-02-01",
                None,
                None,
                None,
                None,
                r[14],
                repr(r[15]),
                r[16],
                None,
                0,
                n + 4,
                0,
            )
        )
    return out


def _sheet_xml(rows: list[tuple]) -> bytes:
    cell = '<c t="inlineStr"><is><t>%s</t></is></c>'
    number = "<c><v>%s</v></c>"
    form = (
        "<row>" + "".join(number if j in (8, 9, 10, 11, 12, 13, 22) else cell for j in range(25)) + "</row>"
    )
    return "".join(form % r[:25] for r in rows).encode()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    import pandas as pd
    import python_calamine
    from sqlalchemy import create_engine

    import vareflyt.store.tables.prices  # noqa: F401  (registers price_rows in the metadata)
    from vareflyt.store.tables import metadata

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "prisliste.xlsx"
        generate(path, args.rows)
        print(f"{args.rows} rows x {len(HEADINGS)} columns; load average {os.getloadavg()[0]:.1f}")
        anchor = _best(lambda: pd.read_excel(path, engine="calamine"), args.repeat)

        def read() -> list[list]:
            book = python_calamine.CalamineWorkbook.from_path(str(path))
            return book.get_sheet_by_name("Prisliste").to_python()

        reading = _best(read, args.repeat)
        rows = read()[3:]
        bound = _store_rows(rows)
        columns = [c.name for c in metadata.tables["price_rows"].columns if c.name != "id"]
        insert = f"INSERT INTO price_rows ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"

        def store() -> None:
            db = Path(tmp) / f"store{time.perf_counter_ns()}.db"
            create_engine(f"sqlite:///{db}").dispose()
            engine = create_engine(f"sqlite:///{db}")
            metadata.create_all(engine)
            engine.dispose()
            conn = sqlite3.connect(db)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute(
                "INSERT INTO price_versions (id, supplier_gln, number, kind, valid_from, file_name,"
                " file_hash, imported_at, counts)"
                " VALUES (1, '7080000000029', 1, 'new', ?, 'x', 'y', ?, '{}')",
                (date(2026, 2, 1).isoformat(), "2026-02-01 08:00:00"),
            )
            start = time.process_time()
            conn.executemany(insert, bound)
            conn.commit()
            timings.append(time.process_time() - start)
            conn.close()

        timings: list[float] = []
        for _ in range(args.repeat):
            store()
        storing = min(timings)
        xml = _sheet_xml(bound)  # the same values in the shape of the Katalog's cells
        zipping = _best(lambda: zlib.compressobj(1).compress(xml), args.repeat)
        floor = reading[1] + storing + zipping[1]
        print(f"pandas+calamine read (anchor): {anchor[0]:.2f} s wall, {anchor[1]:.2f} s CPU")
        print(f"calamine read to rows: {reading[1]:.2f} s CPU ({reading[1] / anchor[1]:.2f} x)")
        print(f"SQLite insert of bound rows + commit: {storing:.2f} s CPU ({storing / anchor[1]:.2f} x)")
        print(
            f"zlib level 1 of {len(xml) / 1e6:.0f} MB sheet XML: {zipping[1]:.2f} s CPU "
            f"({zipping[1] / anchor[1]:.2f} x)"
        )
        print(
            f"compiled floor: {floor:.2f} s CPU = {floor / anchor[1]:.2f} x the anchor; "
            f"left for all Python work within 1.5 x: {1.5 * anchor[1] - floor:.2f} s"
        )
        print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
