"""The column-wise cell writer: its shortcuts write what the cell-by-cell path writes, and
they step aside for every value that needs care."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from vareflyt.excel.schemas import TABLES
from vareflyt.excel.schemas_base import Column, ColumnType
from vareflyt.excel.xlsx_cells import EMPTY, _one_by_one, column_tails
from vareflyt.excel.xlsx_fast import replace_table_rows_fast

TEXT = Column("name", "Varenavn", ColumnType.TEXT)
NUMBER = Column("net", "Netto", ColumnType.DECIMAL)
CAREFUL_TEXT = [
    "a & b",
    "<b>",
    " lead",
    "trail ",
    "two\nlines",
    "_x0041_",
    "",
    "bell\x07",
    "nbsp\u00a0x",
    "x" * 40_000,
    "=SUM(A1)",
    "+47",
    "@home",
    "-1",
]


def _numbers(tails: list[str]) -> list[float | None]:
    return [None if t == EMPTY else float(t.split("<v>")[1].split("<")[0]) for t in tails]


@pytest.mark.parametrize("careful", CAREFUL_TEXT)
def test_text_shortcut_steps_aside_for_text_that_needs_care(careful):
    values = ["Skrue 4x40", None, careful] + [f"Spiker {i}" for i in range(50)]
    one = _one_by_one(TEXT, True)
    assert column_tails(TEXT, values) == [one(v) for v in values]


def test_plain_text_column_is_written_as_inline_strings():
    values = ["=SUM(A1)", None, "Ærfugl ÅØ"] * 20
    tails = column_tails(TEXT, values)
    assert tails[0] == ' t="inlineStr"><is><t>=SUM(A1)</t></is></c>' and tails[1] == EMPTY
    assert tails == [_one_by_one(TEXT, True)(v) for v in values]


def test_decimal_shortcut_writes_the_same_numbers():
    values = [
        Decimal("12.50"),
        None,
        Decimal("0.1"),
        Decimal("-3"),
        Decimal("1E+3"),
        Decimal("123456789.123456"),
    ]
    one = _one_by_one(NUMBER, True)
    assert _numbers(column_tails(NUMBER, values)) == _numbers([one(v) for v in values])
    assert _numbers(column_tails(NUMBER, values))[2] == 0.1


@pytest.mark.parametrize("bad", [Decimal("NaN"), Decimal("Infinity"), Decimal("sNaN")])
def test_a_number_that_cannot_be_a_cell_is_refused(bad):
    with pytest.raises(ValueError):
        column_tails(NUMBER, [Decimal("1.5"), bad, None])


def test_repeated_values_are_not_confused_across_types():
    # 1, 1.0 and True are equal in Python; a repeated-value table must not let True pass as 1
    with pytest.raises(ValueError):
        column_tails(NUMBER, [1] * 50 + [True])
    # Decimal 1.0 and 1.00 are equal, but as text they differ
    tails = column_tails(TEXT, [Decimal("1.0"), Decimal("1.00")] * 50)
    assert tails[0].count("1.0<") == 1 and tails[1].count("1.00<") == 1


def test_repeated_dates_and_empty_cells():
    column = Column("valid_from", "Gyldig fra", ColumnType.DATE)
    values = [date(2026, 2, 1), None] * 100
    tails = column_tails(column, values)
    assert tails[0] == "><v>46054</v></c>" and tails[1] == EMPTY and len(set(tails)) == 2


def test_a_big_mixed_table_reads_back_the_same_through_openpyxl_and_calamine(purchasing):
    rows = []
    for i in range(1200):  # several shapes per column, some repeated
        rows.append(
            {
                "supplier_gln": "7080000000017",
                "article_no": f"{i:07d}",
                "gtin": None if i % 5 == 0 else f"0703{i:010d}",
                "name": ["Skrue & mutter", f"Plank {i}", " kant", "=1+1"][i % 4],
                "unit": ["EA", "MTR", None][i % 3],
                "gross": Decimal(i) / 7 if i % 9 else None,
                "net": Decimal("99.90"),
                "vat_pct": 25,
                "valid_from": date(2026, 1, 1 + i % 28),
            }
        )
    replace_table_rows_fast(purchasing, "catalogue", rows)
    keys = TABLES["catalogue"].keys
    ws = openpyxl.load_workbook(purchasing)["Katalog"]
    book = (
        CalamineWorkbook.from_path(str(purchasing), load_tables=True).get_table_by_name("Katalog").to_python()
    )
    assert ws.max_row == 1201 and len(book) == 1200
    for i in (0, 1, 2, 3, 9, 10, 1199):
        row = rows[i]
        got = {k: c.value for k, c in zip(keys, ws[i + 2])}
        assert got["article_no"] == row["article_no"] and got["name"] == row["name"]
        assert got["gtin"] == row["gtin"] and got["unit"] == row["unit"]
        expected_gross = None if row["gross"] is None else float(row["gross"])
        assert got["gross"] == expected_gross and got["net"] == 99.9 and got["vat_pct"] == 25
        assert got["valid_from"].date() == row["valid_from"]
        cal = dict(zip(keys, book[i]))
        assert cal["name"] == row["name"] and cal["gtin"] == (row["gtin"] or "")
        assert cal["valid_from"] == row["valid_from"]


def test_empty_cells_are_left_out(purchasing):
    import zipfile

    from vareflyt.excel.xlsx_parts import read_locations

    rows = [{"article_no": "1", "name": "Plank", "net": Decimal("10")}, {"article_no": "2", "net": None}]
    replace_table_rows_fast(purchasing, "catalogue", rows)
    part = read_locations(purchasing)["katalog"].sheet_part
    xml = zipfile.ZipFile(purchasing).read(part).decode()
    body = xml[xml.index('<row r="2"') : xml.index("</sheetData>")]
    assert body.count("<c ") == 4 and "/>" not in body  # 1, Plank, 10 and 2: no empty cells


def test_rows_formatted_a_column_at_a_time_match_the_cell_by_cell_xml(monkeypatch):
    """body_rows %-formats whole rows (in chunks) with plain text and floats put in as they are: values
    holding %, {} or %s must come out as themselves, and each pattern of empty cells must
    leave exactly those cells out, as writing each cell's tail one by one does. A cell carries
    its reference only when it is the first in its row or the cell before it was left out."""
    from vareflyt.excel import xlsx_cells
    from vareflyt.excel.xlsx_cells import body_rows
    from vareflyt.excel.xlsx_parts import column_letters

    monkeypatch.setattr(xlsx_cells, "CHUNK_ROWS", 1000)

    schema = TABLES["catalogue"]
    texts = ["100 % ull", "{0} {name}", "%s%r%%", "%(x)s", "Plank 48x98"]
    rows = []
    for i in range(2500):  # more than one chunk, several shapes per chunk, and columns that switch paths
        row = [None] * len(schema.columns)
        row[schema.keys.index("article_no")] = f"{i:07d}"
        row[schema.keys.index("name")] = texts[i % 5] if i % 7 else None
        row[schema.keys.index("unit")] = ["EA", "MTR", None][i % 3]
        row[schema.keys.index("gross")] = Decimal(i) / 8 if i % 4 else None
        row[schema.keys.index("net")] = Decimal("1E+2") if i == 5 else Decimal("99.90")
        row[schema.keys.index("dimensions")] = "a & b" if i == 7 else f"{i}x{i}"
        row[schema.keys.index("valid_from")] = date(2026, 1, 1 + i % 28)
        rows.append(row)
    xf = {f: n for n, f in enumerate(sorted({c.number_format for c in schema.columns}))}
    got = "".join(body_rows(schema, rows, 2, 4, xf))
    tails = [column_tails(c, values) for c, values in zip(schema.columns, zip(*rows))]

    def ref(i: int, j: int) -> str:
        needed = j == 0 or tails[j - 1][i] == EMPTY
        return f' r="{column_letters(2 + j)}{4 + i}"' if needed else ""

    expected = "".join(
        f'<row r="{4 + i}">'
        + "".join(
            f'<c{ref(i, j)} s="{xf[c.number_format]}"{column[i]}'
            for j, (c, column) in enumerate(zip(schema.columns, tails))
            if column[i] != EMPTY
        )
        + "</row>"
        for i in range(len(rows))
    )
    assert got == expected
    assert "<t>100 % ull</t>" in got and "<t>%s%r%%</t>" in got and "<v>100.0</v>" in got
