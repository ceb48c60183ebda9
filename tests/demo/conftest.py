"""Fixtures for the demo-data tests: generated demo folders and an independent read-back.

The read-back deliberately does not use vareflyt's own readers: it opens the files with
openpyxl and the csv module, so the tests check the files themselves, not an importer.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from vareflyt.demo import generate_demo_inputs

TODAY = date(2026, 11, 22)
FIELDS = {
    "article_no": ("Varenr", "Art.nr", "Artikelnummer", "Varenummer"),
    "gtin": ("GTIN", "EAN"),
    "nobb": ("NOBB-nr", "NOBB", "NOBB-nummer"),
    "name": ("Varetekst", "Beskrivelse", "Benämning", "Varenavn", "Varebeskrivelse", "Benevnelse"),
    "gross": ("Bruttopris", "Listepris", "Brutto"),
    "net": ("Nettopris", "Netto"),
    "discount": ("Rabatt %", "Rabatt"),
    "valid_from": ("Gyldig fra", "Giltig från", "Fra dato"),
    "expired": ("Utgår",),
}


@pytest.fixture(scope="session")
def small_demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo_small")
    return folder, generate_demo_inputs(folder, seed=7, articles=400, suppliers=12, today=TODAY)


@pytest.fixture(scope="session")
def full_demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo_full")
    started = datetime.now()
    manifest = generate_demo_inputs(folder, today=TODAY)
    return folder, manifest, (datetime.now() - started).total_seconds()


def _xlsx_rows(path: Path, sheet: str) -> list[list]:
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        return [list(r) for r in wb[sheet].iter_rows(values_only=True)]
    finally:
        wb.close()


def raw_rows(folder: Path, entry) -> list[list]:
    """All rows of the file as lists of cells; index 0 is spreadsheet row / CSV line 1."""
    path = folder / entry.path
    if entry.format == "csv":
        text = path.read_bytes().decode(entry.encoding)
        return [
            [c if c != "" else None for c in row]
            for row in csv.reader(io.StringIO(text, newline=""), delimiter=entry.delimiter)
        ]
    return _xlsx_rows(path, entry.sheet)


def headers(rows: list[list], entry) -> list[str | None]:
    lower = rows[entry.header_rows[-1] - 1]
    if len(entry.header_rows) == 1:
        return list(lower)
    upper = rows[entry.header_rows[0] - 1]
    return [lo if lo is not None else up for up, lo in zip(upper, lower)]


def number(value, *, fraction: bool = False) -> Decimal | None:
    """A cell as Decimal: numbers via repr, Norwegian text ('1 234,50', 'kr 99,90', '12,5 %')."""
    if value is None:
        return None
    if isinstance(value, (int, float)):
        d = Decimal(repr(value))
    else:
        text = (
            str(value)
            .replace("kr", "")
            .replace("%", "")
            .replace("\u00a0", "")
            .replace(" ", "")
            .replace(",", ".")
        )
        try:
            d = Decimal(text)
        except ArithmeticError:
            return None
    return d * 100 if fraction else d


def text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def records(folder: Path, entry) -> list[tuple[int, dict | None]]:
    """(row number, {field: cell} or None for a blank row) for every row after the header."""
    rows = raw_rows(folder, entry)
    heads = headers(rows, entry)
    index = {f: next((heads.index(h) for h in names if h in heads), None) for f, names in FIELDS.items()}
    out = []
    for number_, row in enumerate(rows[entry.header_rows[-1] :], start=entry.header_rows[-1] + 1):
        if all(c is None or (isinstance(c, str) and not c.strip()) for c in row):
            out.append((number_, None))
            continue
        out.append(
            (number_, {f: (row[i] if i is not None and i < len(row) else None) for f, i in index.items()})
        )
    return out


@pytest.fixture(scope="session")
def readback():
    """The read-back helpers as one object: ``readback.records(folder, entry)`` etc."""

    class _Helpers:
        pass

    helpers = _Helpers()
    for fn in (raw_rows, headers, number, text, records):
        setattr(helpers, fn.__name__, staticmethod(fn))
    return helpers
