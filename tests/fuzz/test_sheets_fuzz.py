"""Fuzz over the spreadsheet readers: CSV and xlsx files as suppliers, accounting programs and
banks export them, with hostile cells, never make ``excel.tabular.read_table`` / ``parse_table``
(price, party, open-items and payment tables) or the open-items rows of ``receivables import``
raise anything but ``VareflytError``; and every import job turns the values that used to stop it
(a 30-digit amount, ``1E+999999``, a 200 KB field) into an issue at the cell, or refuses the file
with a Norwegian message, while the good rows still count.

The CSV seeds are written here by hand in the shapes Nordic exports take (semicolon and decimal
comma, tab, quoted fields, a BOM); the xlsx files are written with xlsxwriter from drawn cell
values, so every cell type a workbook can hold is tried (text, numbers up to 1e308, NaN and
infinity written as Excel errors, booleans, dates, formulas, 32 767-character text).
"""

from __future__ import annotations

import tempfile
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
import xlsxwriter
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from vareflyt.domain.issues import VareflytError
from vareflyt.excel.tabular import parse_table, read_table

KINDS = ("prices", "parties", "receivables", "payments")
HEADERS = {
    "prices": ["Varenr", "Varenavn", "EAN", "Enhet", "Bruttopris", "Rabatt %", "Nettopris", "Kampanje fra"],
    "parties": ["Partnernr", "Navn", "GLN", "Orgnr", "Roller"],
    "receivables": [
        "Kundenr",
        "Kundenavn",
        "Fakturanr",
        "Fakturadato",
        "Forfallsdato",
        "Beløp",
        "Betalt",
        "KID",
    ],
    "payments": ["Dato", "Beløp", "KID", "Fakturanr", "Betaler"],
}
ROWS = {
    "prices": [
        ["BT-1001", "Lekt 48x98", "7040000000016", "STK", "24,90", "20 %", "19,92", "01.03.2026"],
        ["BT-1002", "Plank", "", "M", "1 234,50", "0", "1 234,50", ""],
    ],
    "parties": [
        ["9001", "Testkunde Bygg AS", "7080000000029", "923609016", "BY"],
        ["9002", "Ødegård Bygg AS", "", "", "SU"],
    ],
    "receivables": [
        ["10001", "Ødegård Bygg AS", "5001", "01.12.2023", "31.12.2023", "10 000,00", "0,00", "0005001003"],
        ["10002", "Åse Hansen", "5002", "03.05.2024", "17.05.2024", "1 250,50", "0", ""],
    ],
    "payments": [
        ["04.03.2024", "2 000,00", "0005002001", "5002", "Ødegård Bygg AS"],
        ["05.03.2024", "-", "", "", ""],
    ],
}
NASTY_TEXT = [
    "123456789012345678901234567890",
    "-123456789012345678901234567890",
    "1E+999999",
    "1e-999999",
    "0," + "0" * 40 + "1",
    "NaN",
    "inf",
    "-",
    "(5)",
    "5-",
    "kr 1.234,-",
    "=1+1",
    "@SUM(A1)",
    "\x00",
    '"',
    '";"',
    "x" * 200_000,
    "1 2 3",
    "31.02.2026",
    "99999999",
    "0001-01-01",
    "ja",
    "CON",
    "../../x",
    "€中",
    "\ufeff",
    "\r",
    "7,03E+12",
    "",
    "   ",
]


def _csv(rows: list[list[str]], sep: str = ";") -> str:
    return (
        "\r\n".join(sep.join(f'"{c}"' if sep in c or '"' in c else c for c in row) for row in rows) + "\r\n"
    )


def _read_all(path: Path, kind: str) -> None:
    """Every reader a file of ``kind`` meets; only VareflytError may escape."""
    try:
        read = read_table(path, kind)
        typed = parse_table(read)
        for row_no, values, problems in typed.iter_rows():
            for value in values.values():
                if isinstance(value, Decimal):
                    assert value.is_finite() and abs(value) < Decimal(10) ** 15, (row_no, value)
            for fkey, problem in problems.items():
                assert problem and typed.problem_issue(row_no, fkey, problem).source.row == row_no
        if kind == "receivables" and not any(i.is_error for i in read.issues):
            from vareflyt.jobs.open_items_rows import read_export

            read_export(path, [])
    except VareflytError as exc:
        assert str(exc)


@st.composite
def csv_file(draw) -> tuple[str, bytes]:
    kind = draw(st.sampled_from(KINDS))
    rows = [list(HEADERS[kind])] + [list(r) for r in ROWS[kind]]
    for _ in range(draw(st.integers(1, 4))):
        r = draw(st.integers(1, len(rows) - 1))
        c = draw(st.integers(0, len(rows[r]) - 1))
        rows[r][c] = draw(st.sampled_from(NASTY_TEXT) | st.text(max_size=12))
    sep = draw(st.sampled_from([";", "\t", ","]))
    text = _csv(rows, sep)
    if draw(st.booleans()):  # a raw cut or stray byte, as a broken transfer leaves it
        pos = draw(st.integers(0, len(text)))
        text = text[:pos] + draw(st.sampled_from(["", '"', "\n", "\x1a", "\u2028"])) + text[pos:]
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    return kind, text.encode(encoding, errors="replace")


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(csv_file())
@example(("prices", ("Varenr;Varenavn;Nettopris\r\nA1;" + "x" * 200_000 + ";10\r\n").encode()))
@example(
    (
        "receivables",
        _csv(
            [
                HEADERS["receivables"],
                ["1", "n", "5", "01.01.2024", "01.02.2024", "123456789012345678901234567890", "0", ""],
            ]
        ).encode(),
    )
)
def test_csv_readers_never_raise_a_foreign_error(case):
    kind, data = case
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{kind}.csv"
        path.write_bytes(data)
        _read_all(path, kind)


CELL = st.one_of(
    st.sampled_from(NASTY_TEXT[:-5]) | st.text(max_size=20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-(10**20), 10**20),
    st.booleans(),
    st.dates(date(1900, 1, 1), date(2100, 1, 1)),
    st.none(),
    st.just("=1/0"),
    st.just("y" * 32_767),
)


def _xlsx(path: Path, rows: list[list]) -> None:
    book = xlsxwriter.Workbook(
        str(path), {"nan_inf_to_errors": True, "strings_to_numbers": False, "strings_to_formulas": True}
    )
    book.set_properties({"created": datetime(2026, 1, 1)})
    sheet = book.add_worksheet("Ark1")
    dates = book.add_format({"num_format": "dd.mm.yyyy"})
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**53:
                value = float(value)
            if isinstance(value, date):
                sheet.write_datetime(r, c, datetime.combine(value, datetime.min.time()), dates)
            else:
                sheet.write(r, c, value)
    book.close()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(KINDS), st.lists(st.lists(CELL, min_size=1, max_size=9), min_size=1, max_size=4))
def test_xlsx_readers_never_raise_a_foreign_error(kind, body):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{kind}.xlsx"
        _xlsx(path, [HEADERS[kind]] + [list(r) for r in ROWS[kind]] + body)
        _read_all(path, kind)


def test_a_number_too_large_for_a_float_in_the_sheet_xml_is_a_cell_problem(tmp_path):
    """A workbook written by another program may hold ``1E+999`` in a cell (infinity when read)."""
    path = tmp_path / "priser.xlsx"
    _xlsx(
        path,
        [
            HEADERS["prices"],
            ["A1", "Lekt", "", "STK", 1, 0, 12345.0, ""],
            ["A2", "Plank", "", "STK", 1, 0, 10, ""],
        ],
    )
    with zipfile.ZipFile(path) as zin:
        parts = {n: zin.read(n) for n in zin.namelist()}
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(
        b"<v>12345</v>", b"<v>1E+999</v>"
    )
    with zipfile.ZipFile(path, "w") as zout:
        for name, data in parts.items():
            zout.writestr(name, data)
    typed = parse_table(read_table(path, "prices"))
    rows = list(typed.iter_rows())
    assert rows[0][1]["net"] is None and rows[0][2]["net"] in (
        "ugyldig tall",
        "«inf» er urimelig stort (mer enn 15 siffer foran komma)",
    )
    assert rows[1][1]["net"] == Decimal(10) and rows[1][2] == {}


# --- the import jobs on the values that used to stop them ---------------------------------------

BIG = "123456789012345678901234567890"
POISON = [BIG, "-" + BIG, "1E+999999", "9" * 16 + ",00"]


def _job(ws, kind: str, path: Path):
    from vareflyt.jobs.import_parties import import_parties
    from vareflyt.jobs.import_payments import import_payments
    from vareflyt.jobs.import_prices import import_prices
    from vareflyt.jobs.import_receivables import import_receivables

    if kind == "prices":
        return import_prices(ws, path, "7080000000029", "new", date(2026, 1, 1), refresh_table=False)
    if kind == "parties":
        return import_parties(ws, path)
    if kind == "receivables":
        return import_receivables(ws, path, as_of=date(2024, 6, 1))
    return import_payments(ws, path)


MONEY_COLUMN = {"prices": "Nettopris", "receivables": "Beløp", "payments": "Beløp"}


@pytest.mark.parametrize("value", POISON)
@pytest.mark.parametrize("kind", sorted(MONEY_COLUMN))
def test_imports_refuse_the_poison_value_at_its_cell(workspace, tmp_path, kind, value):
    column = HEADERS[kind].index(MONEY_COLUMN[kind])
    rows = [list(r) for r in ROWS[kind]]
    rows[0][column] = value
    path = tmp_path / f"{kind}.csv"
    path.write_text(_csv([HEADERS[kind]] + rows), encoding="utf-8")
    result = _job(workspace, kind, path)
    bad = [i for i in result.issues if i.source.row == 2 and i.source.column == column + 1]
    assert bad and bad[0].source.file == path.name, [i.render() for i in result.issues]
    assert value.split(",")[0][:20] in bad[0].message


@pytest.mark.parametrize("kind", KINDS)
def test_imports_refuse_a_field_over_the_csv_limit_with_its_line(workspace, tmp_path, kind):
    rows = [list(r) for r in ROWS[kind]]
    rows[1][1] = "x" * 200_000
    path = tmp_path / f"{kind}.csv"
    path.write_text(_csv([HEADERS[kind]] + rows), encoding="utf-8")
    with pytest.raises(VareflytError, match="linje 3 har et felt på over 128 KiB"):
        _job(workspace, kind, path)
