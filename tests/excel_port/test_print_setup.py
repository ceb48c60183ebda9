"""Sheets that print (issue 16 item 5): every sheet of the demo's workbooks, read back with
openpyxl, has its page setup, repeated and frozen heading, filter, header and footer; a
workbook made elsewhere gets them when vareflyt writes it; the fast table writer dates the
header of the sheet it rewrites; report sheets get formats and widths from their values."""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from openpyxl.worksheet.table import Table
from tests.excel_port.demo_books import COMPANY, demo_books_fixture  # noqa: F401  (the fixture demo_books)

from vareflyt.excel.openpyxl_adapter import OpenpyxlWorkbook
from vareflyt.excel.templates import template_path
from vareflyt.excel.xlsx_fast import replace_table_rows_fast

TODAY = f"Oppdatert {date.today():%d.%m.%Y}"
PLAIN_HEADING = {"Morgenrapport": 5}  # report sheets whose first heading is not row 1


def _width(ws) -> float:
    return sum(
        ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width or 13
        for c in range(1, ws.max_column + 1)
    )


@pytest.mark.parametrize("name", ["Innkjop.xlsx", "Kundereskontro.xlsx"])
def test_every_sheet_of_the_demo_workbooks_prints(demo_books, name):
    book = openpyxl.load_workbook(demo_books / name)
    assert {"Nøkkeltall", "Diagramgrunnlag"} <= set(book.sheetnames)
    for ws in book.worksheets:
        heading = PLAIN_HEADING.get(ws.title, 1)
        where = f"{name}:{ws.title}"
        assert ws.page_setup.paperSize == 9, where  # A4
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0, where
        assert ws.sheet_properties.pageSetUpPr.fitToPage, where
        assert ws.page_setup.orientation == ("landscape" if _width(ws) > 95 else "portrait"), where
        assert ws.print_title_rows == f"${heading}:${heading}", where
        assert ws.freeze_panes == f"A{heading + 1}", where
        assert ws.print_options.horizontalCentered, where
        if ws.tables:
            table = next(iter(ws.tables.values()))
            assert table.autoFilter.ref == table.ref, where
        else:
            assert ws.auto_filter.ref.startswith(f"A{heading}:"), where
        assert ws.oddHeader.left.text == COMPANY.replace("&", "&&") + " – butikken", where
        assert ws.oddHeader.center.text == "&A" and ws.oddHeader.right.text == TODAY, where
        assert ws.oddFooter.right.text == "Side &P av &N" and ws.oddFooter.left.text == "&F", where


def test_wide_sheets_print_landscape_and_narrow_ones_portrait(demo_books):
    book = openpyxl.load_workbook(demo_books / "Innkjop.xlsx")
    assert book["Katalog"].page_setup.orientation == "landscape"  # 25 columns on one page wide
    assert book["Artikler"].page_setup.orientation == "portrait"  # 5 columns


def test_key_figures_stay_numbers_with_formats(demo_books):
    ws = openpyxl.load_workbook(demo_books / "Kundereskontro.xlsx")["Nøkkeltall"]
    rows = {r[0].value: r for r in ws.iter_rows(min_row=2)}
    outstanding, on, dso = (
        rows["Utestående kundefordringer (kr)"][1],
        rows["Per dato"][1],
        rows["DSO (dager)"][1],
    )
    assert outstanding.data_type == "n" and outstanding.number_format == "#,##0.00"
    assert on.is_date and on.number_format == "dd.mm.yyyy"
    assert dso.data_type == "n" and dso.number_format == "#,##0.0"
    assert ws.column_dimensions["C"].width == 90 and rows["DSO (dager)"][2].alignment.wrap_text


def test_a_workbook_made_elsewhere_gets_print_setup_when_written(tmp_path):
    """A receivables workbook typed by hand (no print setup, a sheet of the user's own):
    vareflyt's write sets up the sheet it writes and leaves the user's sheet alone."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Aldersfordeling"
    ws.append(["Kundenr", "Kunde", "Sum"])
    ws.append([None, None, None])
    ws.add_table(Table(displayName="Aldersfordeling", ref="A1:C2"))
    notes = book.create_sheet("Notater")
    notes["A1"] = "Ring Hansen om fakturaen"
    folder = tmp_path / "Butikk"
    folder.mkdir()
    path = folder / "Kundereskontro.xlsx"
    book.save(path)

    port = OpenpyxlWorkbook(path)
    port.replace_rows(
        "aging",
        [
            {
                "customer_no": "10001",
                "customer_name": "Hansen Bygg AS",
                "not_due": Decimal("1500.00"),
                "total": Decimal("1500.00"),
            }
        ],
    )
    port.save()

    back = openpyxl.load_workbook(path)
    aging = back["Aldersfordeling"]
    assert aging.page_setup.orientation == "landscape" and aging.page_setup.fitToWidth == 1
    assert aging.print_title_rows == "$1:$1" and aging.freeze_panes == "A2"
    assert aging.oddHeader.left.text == "Butikk" and aging.oddHeader.right.text == TODAY
    assert back["Notater"].oddHeader.left.text is None and back["Notater"].print_title_rows is None


def test_the_fast_writer_dates_the_header_of_the_sheet_it_rewrites(tmp_path):
    path = tmp_path / "Innkjop.xlsx"
    shutil.copyfile(template_path("purchasing"), path)
    book = openpyxl.load_workbook(path)
    for name in ("Katalog", "Ordrer"):
        book[name].oddHeader.right.text = "Oppdatert 01.01.2020"
    book.save(path)

    replace_table_rows_fast(
        path,
        "catalogue",
        [{"article_no": "0042", "name": "Lekt 48x98", "net": Decimal("19.90")}],
        backup=False,
    )

    back = openpyxl.load_workbook(path)
    assert back["Katalog"].oddHeader.right.text == TODAY
    assert back["Ordrer"].oddHeader.right.text == "Oppdatert 01.01.2020"  # not rewritten
    assert back["Katalog"].print_title_rows == "$1:$1" and back["Katalog"].freeze_panes == "A2"
    assert back["Katalog"]["C2"].value == "0042"


def test_a_report_sheet_gets_formats_widths_and_a_filter(tmp_path):
    path = tmp_path / "Innkjop.xlsx"
    shutil.copyfile(template_path("purchasing"), path)
    long_text = "Leverandøren har fakturert frakt som ikke står i avtalen; " * 3
    port = OpenpyxlWorkbook(path)
    port.add_sheet(
        "Rapport",
        [
            ["Leverandør", "Beløp", "Dato", "Merknad"],
            ["Trelast Nord AS", Decimal("1234.50"), date(2026, 11, 2), long_text],
            ["Gips AS", Decimal("3"), date(2026, 11, 3), "kort"],
        ],
    )
    port.save()

    ws = openpyxl.load_workbook(path)["Rapport"]
    assert ws["B2"].data_type == "n" and ws["B2"].value == 1234.5 and ws["B2"].number_format == "#,##0.00"
    assert ws["B3"].number_format == "#,##0" and ws["C2"].number_format == "dd.mm.yyyy"
    assert ws.column_dimensions["D"].width == 90 and ws["D2"].alignment.wrap_text
    assert ws.row_dimensions[2].height >= 30
    assert ws.auto_filter.ref == "A1:D3" and ws.freeze_panes == "A2" and ws.print_title_rows == "$1:$1"
    assert ws.page_setup.orientation == "landscape" and ws.oddHeader.right.text == TODAY


def test_print_choices_made_in_excel_stay(tmp_path):
    path = tmp_path / "Innkjop.xlsx"
    shutil.copyfile(template_path("purchasing"), path)
    book = openpyxl.load_workbook(path)
    book["Ordrer"].page_setup.orientation = "portrait"
    book["Ordrer"].freeze_panes = "C2"  # order number and date kept in view
    book.save(path)

    port = OpenpyxlWorkbook(path)
    port.replace_rows("orders", [{"order_no": "PO-1", "lines": 1}])
    port.save()

    ws = openpyxl.load_workbook(path)["Ordrer"]
    assert ws.page_setup.orientation == "portrait" and ws.freeze_panes == "C2"
    assert ws.oddHeader.right.text == TODAY and ws.print_title_rows == "$1:$1"
