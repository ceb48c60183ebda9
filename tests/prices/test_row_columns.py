"""Issue 19 item 3: price-list rows are checked a column at a time (``rules.price_columns``);
only a row a column check flags goes through ``rules.prices.check_row``. A list with bad cells in
several columns gives the same issues (codes, texts, rows, fields) and the same articles as the
row-by-row rules; a clean row never needs ``check_row``."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import openpyxl

from vareflyt.config.prices import unit_table
from vareflyt.excel.tabular import parse_table, read_table
from vareflyt.jobs.price_reading import read_price_file
from vareflyt.rules.price_columns import articles_of, clean_columns
from vareflyt.rules.prices import check_row

from .supplier_files import NORDISK, make_ws

HEAD = [
    "Varenr",
    "EAN",
    "NOBB-nr",
    "Varenavn",
    "Enhet",
    "Pakningsnivå",
    "Bruttopris",
    "Rabatt %",
    "Nettopris",
    "Mva",
    "Gyldig fra",
    "Gyldig til",
    "Kampanjepris",
    "Kampanje fra",
    "Kampanje til",
    "Prisbasis",
]
OK = [
    "A1",
    "7031234000019",
    "41234567",
    "Plank 48x98",
    "m",
    "F",
    40,
    10,
    36,
    25,
    None,
    None,
    None,
    None,
    None,
    None,
]
JAN, MAR, APR = date(2026, 1, 1), date(2026, 3, 1), date(2026, 4, 1)


def row(article_no, **cells):
    """A row like ``OK`` with the named columns changed (keys: the heading's first word, lower case)."""
    out = list(OK)
    out[0] = article_no
    for key, value in cells.items():
        out[[h.split()[0].lower().replace("-", "_") for h in HEAD].index(key)] = value
    return out


# Bad cells in several columns, one problem (or two) a row, between clean rows; as an ERP
# export writes them through openpyxl: numbers as numbers, some text where a number belongs.
ROWS = [
    row("A1"),
    row("A2", ean="7031234000018"),  # GTIN check digit
    row("A3", bruttopris=-40, nettopris=None),  # negative price
    row("A4", enhet="tønne"),  # unknown unit (kept)
    row("A5", nobb_nr="4123456"),  # NOBB of 7 digits (dropped)
    row("A6", rabatt=150),  # discount outside 0–100
    row("A7", nettopris="Pris på forespørsel", bruttopris=None),  # unreadable price
    row("A8", kampanjepris=30),  # campaign without dates
    row("A9", nettopris=30),  # net ≠ gross − discount
    row("A1", ean="7031234000026"),  # article no. twice
    row(None),  # no article number
    row("A10", mva=17, pakningsnivå="X"),  # odd VAT and pack level
    row("A11", gyldig=MAR),  # valid from, then …
    row("A12", prisbasis=0, varenavn=None),  # price basis 0
    row("A13", nettopris=None, bruttopris=12.345, rabatt=10),  # net computed: 11.111
    row("A14", ean="70312348", nettopris=None, rabatt=None),  # GTIN-8; net = gross
    row("A15", kampanjepris=30, kampanje=APR),  # campaign, one date
]
ROWS[12][11] = JAN  # … valid to before it
ROWS[16][14] = MAR  # campaign ends before it starts

# What the row rules said about this list before the column checks (code, sheet row, field).
EXPECTED = [
    ("price.gtin", 3, "gtin"),
    ("price.negative", 4, "gross"),
    ("price.unit", 5, "unit"),
    ("price.nobb", 6, "nobb"),
    ("price.discount_range", 7, "discount"),
    ("price.unreadable_net", 8, "net"),
    ("price.campaign", 9, "campaign_net"),
    ("price.inconsistent", 10, "net"),
    ("price.duplicate", 11, "article_no"),
    ("price.no_article", 12, "article_no"),
    ("price.vat", 13, "vat"),
    ("price.pack_level", 13, "pack_level"),
    ("price.validity", 14, "valid_to"),
    ("price.basis", 15, "price_basis"),
    ("price.campaign", 18, "campaign_net"),
]


def write_list(path, rows):
    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.title = "Prisliste"
    sheet.append(HEAD)
    for values in rows:
        sheet.append(values)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, date):
                cell.number_format = "DD.MM.YYYY"
    wb.save(path)
    return path


def row_by_row(path, units):
    """The rules applied one row at a time, as the import did before: (row, article, issues)."""
    typed = parse_table(read_table(path, "prices"))
    return [
        (row_no, *check_row(values, problems, units=units)) for row_no, values, problems in typed.iter_rows()
    ]


def test_bad_cells_in_several_columns_give_the_same_issues_as_the_row_rules(tmp_path):
    ws = make_ws(tmp_path / "ws")
    path = write_list(tmp_path / "prisliste.xlsx", ROWS)
    read = read_price_file(ws, path, NORDISK)
    row_issues = [i for i in read.issues if i.code.startswith("price.")]
    assert [(i.code, i.source.row, i.source.field) for i in row_issues] == EXPECTED
    rules = row_by_row(path, unit_table())
    expected_texts = [(row_no, i.code, i.message) for row_no, _, issues in rules for i in issues]
    texts = [(i.source.row, i.code, i.message) for i in row_issues]
    assert [t for t in texts if t[1] != "price.duplicate"] == expected_texts
    by_row = dict(read.accepted)
    assert [r.row for r in read.rejected] == [3, 4, 7, 8, 11, 12]
    assert by_row[16].net == Decimal("11.111")
    assert by_row[17].net == Decimal(40) and by_row[17].gtin == "70312348"
    assert by_row[5].unit == "tønne" and by_row[6].nobb is None and by_row[13].pack_level is None
    assert by_row == {row_no: a for row_no, a, _ in rules if a is not None and row_no != 11}
    ws.close()


def test_every_row_the_column_checks_pass_is_the_row_rules_article_without_issues(tmp_path):
    units = unit_table()  # the shipped words (a workspace adds to them)
    path = write_list(tmp_path / "prisliste.xlsx", ROWS)
    typed = parse_table(read_table(path, "prices"))
    clean = articles_of(clean_columns(typed.values, typed.problems, len(typed.read), units=units))
    rules = row_by_row(path, units)
    for article, (row_no, expected, issues) in zip(clean, rules):
        if issues:
            assert article is None, f"row {row_no}: the row rules found {[i.code for i in issues]}"
        elif article is not None:
            assert article == expected
    clean_rows = [row_no for article, (row_no, _, _) in zip(clean, rules) if article is not None]
    assert clean_rows == [2, 11, 16, 17]  # incl. a computed net and a GTIN-8: no detour


def test_a_clean_list_with_an_article_twice_still_rejects_the_second_row(tmp_path):
    """Every cell clean: the rows are accepted in one step unless an article (number and
    packaging level, an empty level being F) comes twice; then the second row is rejected."""
    ws = make_ws(tmp_path / "ws")
    clean = [row("B1"), row("B2", pakningsnivå="D"), row("B2"), row("B3", ean="7031234000026")]
    twice = [*clean, row("B3", pakningsnivå=None, ean="7031234000026")]
    read = read_price_file(ws, write_list(tmp_path / "rene.xlsx", clean), NORDISK)
    assert [(n, a.article_no, a.pack_level) for n, a in read.accepted] == [
        (2, "B1", "F"),
        (3, "B2", "D"),
        (4, "B2", "F"),
        (5, "B3", "F"),
    ]
    assert not read.rejected and read.article_nos == {"B1", "B2", "B3"}
    assert read.gtins == {"7031234000019", "7031234000026"}
    read = read_price_file(ws, write_list(tmp_path / "dobbel.xlsx", twice), NORDISK)
    assert [n for n, _ in read.accepted] == [2, 3, 4, 5] and [r.row for r in read.rejected] == [6]
    assert [(i.code, i.source.row) for i in read.issues if i.code.startswith("price.")] == [
        ("price.duplicate", 6)
    ]
    ws.close()
