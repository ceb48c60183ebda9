"""Dump a demo run's outputs as comparable text: store tables, workbook tables, written files.

Issues 18 and 19 must leave the demo's outputs unchanged. This runs ``vareflyt demo`` with a fixed
date into a folder and prints every store table (rows sorted), every workbook sheet's cell values
and the text of the written EDIFACT/XML/HTML files, with the values that differ from run to run
(clock times, run ids, durations, temporary names) masked. Compare two runs with ``diff``::

    python scripts/demo_snapshot.py /tmp/demo-before > before.txt
    PYTHONPATH=... python scripts/demo_snapshot.py /tmp/demo-after > after.txt
    diff before.txt after.txt

``--no-run`` dumps a folder where the demo already ran. The demo runs with the interpreter this
script runs with (``python -m vareflyt``), so ``PYTHONPATH`` picks the code under test.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

DEMO_DATE = "2026-11-30"
DEMO_ARGS = ["--articles", "2000", "--days", "3", "--customers", "60", "--date", DEMO_DATE]

# clock times, timestamps and durations that differ from run to run
VOLATILE = [
    (re.compile(r"datetime\.datetime\([^)]*\)"), "<tidspunkt>"),
    (re.compile(r"\b\d{8}-\d{6}-\d+\b"), "<kjøring>"),
    (re.compile(r'"seconds": \d+'), '"seconds": <varighet>'),
    (re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d(\.\d+)?)?([+-]\d\d:?\d\d|Z)?"), "<tidspunkt>"),
    (re.compile(r"\b\d\d\.\d\d\.\d{4},? (kl\. )?\d\d[:.]\d\d([:.]\d\d)?"), "<tidspunkt>"),
    (re.compile(r"\b\d\d:\d\d(:\d\d)?\b"), "<klokke>"),
    (re.compile(r"\b\d+([.,]\d+)? ?(s|ms|sek(under)?)\b"), "<varighet>"),
    (re.compile(r"\b(UNB\+[^']*?\+)\d{6}:\d{4}"), r"\1<dato:tid>"),
    (re.compile(r"\b\d+@[\w.-]+\b"), "<prosess>"),
    (re.compile(r"(<td>\w+</td><td>)\d+(\.\d+)?(?=</td><td>(ok|feil))"), r"\1<varighet>"),   # step times in the report
]
VOLATILE_COLUMNS = {"started", "finished", "created_at", "updated_at", "at", "duration", "duration_s",
                    "seconds", "pid", "host", "user", "mtime", "logged_at", "imported_at", "read_at",
                    "sent_at", "made_at", "confirmed_at", "attempt_at", "next_attempt"}
TEXT_SUFFIXES = {".edi", ".txt", ".xml", ".html", ".csv", ".json", ".md"}


def mask(text: str) -> str:
    for pattern, replacement in VOLATILE:
        text = pattern.sub(replacement, text)
    return text


def dump_store(path: Path, out: list[str]) -> None:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
    for table in tables:
        cursor = conn.execute(f'SELECT * FROM "{table}"')
        names = [d[0] for d in cursor.description]
        keep = [i for i, n in enumerate(names) if n not in VOLATILE_COLUMNS]
        rows = sorted(mask(repr(tuple(row[i] for i in keep))) for row in cursor)
        out.append(f"== store {path.name}:{table} ({len(rows)} rader) {[names[i] for i in keep]}")
        out.extend(rows)
    conn.close()


def dump_workbook(path: Path, root: Path, out: list[str]) -> None:
    import openpyxl  # only this script's dependency, not vareflyt's start-up

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    for sheet in book.worksheets:
        out.append(f"== workbook {path.relative_to(root)}:{sheet.title}")
        for row in sheet.iter_rows(values_only=True):
            if any(v is not None for v in row):
                out.append(mask(repr(tuple(row)).rstrip()))
    book.close()
    with zipfile.ZipFile(path) as archive:
        out.append(f"== parts {path.relative_to(root)}: {sorted(archive.namelist())}")


def dump_files(root: Path, out: list[str]) -> None:
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root)
        if rel.parts[0] in {"logs", ".vareflyt"} or path.suffix in {".db", ".sqlite", ".lock"}:
            continue
        out.append(f"== file {mask(str(rel))}")
        if path.suffix.lower() in TEXT_SUFFIXES:
            out.extend(mask(path.read_text(encoding="utf-8", errors="replace")).splitlines())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--no-run", action="store_true", help="dump a folder where the demo already ran")
    args = parser.parse_args()
    root: Path = args.folder.resolve()
    if not args.no_run:
        shutil.rmtree(root, ignore_errors=True)
        done = subprocess.run([sys.executable, "-m", "vareflyt", "demo", str(root), *DEMO_ARGS],
                              capture_output=True, text=True)
        if done.returncode != 0:
            print(done.stdout, done.stderr, file=sys.stderr)
            return done.returncode
    out: list[str] = []
    for store in sorted(root.rglob("*.db")) + sorted(root.rglob("*.sqlite")):
        dump_store(store, out)
    for book in sorted(root.rglob("*.xlsx")) + sorted(root.rglob("*.xlsm")):
        if not book.name.startswith("~$"):
            dump_workbook(book, root, out)
    dump_files(root, out)
    sys.stdout.write("\n".join(out).replace(str(root), "<mappe>") + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
