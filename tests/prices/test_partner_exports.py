"""Price lists as other systems write them (round S9-A): shapes the other price tests do not hold.

Each file is written here by hand the way the partner's software writes it (the csv module as an
ERP's CSV export, openpyxl and xlsxwriter as report generators write workbooks, raw HTML as a
web shop's "Excel export"), never with vareflyt's own writer, and imported through
``import_prices``, the job ``vareflyt prices import`` calls. Expected values are worked out by
hand from the rows below.
"""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal

import pytest

from vareflyt.jobs.import_prices import import_prices, lookup_price

from .supplier_files import NORDISK, make_ws


@pytest.fixture
def ws(tmp_path):
    workspace = make_ws(tmp_path / "ws")
    yield workspace
    workspace.close()


def net(ws, article: str, on: date = date(2026, 6, 1)) -> Decimal | None:
    found = lookup_price(ws, NORDISK, article, on)
    return Decimal(found.extra["net"]) if found.ok else None


def test_a_csv_date_time_column_gives_the_list_its_date(ws, tmp_path):
    """An ERP writes its date-time column into CSV as "01.02.2026 00:00:00": the list is valid from
    1 February, not from the import day, and no row has an unreadable date."""
    path = tmp_path / "prisliste.csv"
    with open(path, "w", encoding="cp1252", newline="") as fh:
        out = csv.writer(fh, delimiter=";")
        out.writerow(["Varenr", "Varetekst", "Enhet", "Nettopris", "Gyldig fra"])
        out.writerow(["D1", "Gipsplate 12,5 mm", "STK", "89,90", "01.02.2026 00:00:00"])
        out.writerow(["D2", "Lekt 23x48 gran", "M", "12,40", "01.02.2026 00:00:00"])
        out.writerow(["D3", "Skruer 4,2x35 1000 stk", "PK", "1 234,50", "1.2.26 13:45"])
    result = import_prices(ws, path, NORDISK, today=date(2026, 3, 1))
    assert result.ok
    assert result.extra["valid_from"] == "2026-02-01"
    assert result.extra["valid_from_source"] == "rows"
    assert not [i for i in result.issues if i.code == "price.unreadable"]
    assert net(ws, "D3", date(2026, 2, 1)) == Decimal("1234.50")
    assert net(ws, "D1", date(2026, 1, 31)) is None


def test_a_gtin_in_a_number_cell_gets_back_the_leading_zeros_excel_dropped(ws, tmp_path):
    """An EAN column stored as numbers (openpyxl writes ints as number cells): 0012345678905, an
    imported article's GTIN-13, arrives as the number 12345678905, 11 digits; it is that GTIN,
    found by its 13 digits. A GTIN-8 with a leading zero (01234565) likewise. Norwegian GTINs
    (70…) and text cells are read as they are."""
    import openpyxl

    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.append(["Varenr", "EAN", "Varetekst", "Enhet", "Nettopris", "Gyldig fra"])
    sheet.append(["U1", 12345678905, "Skrutrekker (USA)", "STK", 129, "01.02.2026"])
    sheet.append(["U2", 1234565, "Bits PH2", "STK", 19.9, "01.02.2026"])
    sheet.append(["N1", 7080001234560, "Plank 48x98", "M", 24.5, "01.02.2026"])
    sheet.append(["T1", "12345678905", "Tekst med 11 siffer", "STK", 10, "01.02.2026"])
    path = tmp_path / "ean_som_tall.xlsx"
    wb.save(path)
    result = import_prices(ws, path, NORDISK, today=date(2026, 3, 1))
    assert result.counts["imported"] == 3 and result.counts["rejected"] == 1
    assert net(ws, "0012345678905") == Decimal(129)
    assert net(ws, "01234565") == Decimal("19.9")
    assert net(ws, "7080001234560") == Decimal("24.5")
    (gtin_issue,) = [i for i in result.issues if i.code == "price.gtin"]
    assert gtin_issue.source.row == 5 and "11 siffer" in gtin_issue.message


def _excel_saved(path, results: dict[str, str]) -> None:
    """Rewrite ``path`` as Excel leaves it after opening and saving: each formula cell holds its
    calculated result (``results``: cell -> value) and the workbook no longer asks for a full
    calculation on load."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    for ref, value in results.items():
        sheet = re.sub(rf'(<c r="{ref}"[^>]*><f>[^<]*</f>)<v>[^<]*</v>', rf"\g<1><v>{value}</v>", sheet)
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    parts["xl/workbook.xml"] = re.sub(
        rb"<calcPr[^>]*/>", b'<calcPr calcId="191029"/>', parts["xl/workbook.xml"]
    )
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)


def test_formulas_xlsxwriter_never_calculated_are_not_a_price_of_0(ws, tmp_path):
    """A report generator writes the net price as a formula with xlsxwriter, which stores 0 as its
    result until Excel calculates it: the row is refused at that cell with what to do, not
    imported at 0 kr. After the file is opened and saved in Excel, the results are the prices."""
    import xlsxwriter

    path = tmp_path / "rapport.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    sheet = wb.add_worksheet("Priser")
    sheet.write_row(0, 0, ["Varenr", "Varetekst", "Enhet", "Veil. pris", "Rabatt %", "Nettopris"])
    sheet.write_row(1, 0, ["F1", "Terrassebord 28x120", "M", 40, 25])
    sheet.write_formula(1, 5, "=D2*(1-E2/100)")
    sheet.write_row(2, 0, ["F2", "Impregnert stolpe", "STK", 200, 10, 180])
    wb.close()
    result = import_prices(ws, path, NORDISK, valid_from=date(2026, 2, 1))
    assert result.counts["imported"] == 1 and result.counts["rejected"] == 1
    (issue,) = [i for i in result.issues if i.source.row == 2]
    assert issue.code == "price.unreadable_net" and (issue.source.column, issue.source.field) == (6, "net")
    assert "=D2*(1-E2/100)" in issue.message and "lagre den og importer den på nytt" in issue.message
    assert net(ws, "F1") is None and net(ws, "F2") == Decimal(180)

    _excel_saved(path, {"F2": "30"})
    again = import_prices(ws, path, NORDISK, valid_from=date(2026, 3, 1))
    assert again.counts["imported"] == 2 and not again.issues
    assert net(ws, "F1") == Decimal(30)


def test_error_values_and_uncalculated_formulas_refuse_the_row_at_their_cell(ws, tmp_path):
    """openpyxl writes formulas without results and "#N/A" as Excel's error value; calamine reads
    both as empty. A discount that is #N/A or a lookup never calculated is no discount of 0 %:
    those rows are refused (so a new list keeps their previous price), naming the cell."""
    import openpyxl

    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.append(["Varenr", "Varetekst", "Enhet", "Bruttopris", "Rabatt", "Nettopris"])
    sheet.append(["E1", "Gipsplate", "STK", 120, "#N/A", None])
    sheet.append(["E2", "Gipsplate våtrom", "STK", 160, "=VLOOKUP(A3,Rabatter!A:B,2,FALSE)", None])
    sheet.append(["E3", "Sponplate", "STK", 100, 20, None])
    sheet.append(["E4", "#DIV/0!", "STK", 100, 20, None])
    path = tmp_path / "portal.xlsx"
    wb.save(path)
    result = import_prices(ws, path, NORDISK, valid_from=date(2026, 2, 1))
    assert result.counts["imported"] == 2 and result.counts["rejected"] == 2
    where = {(i.source.row, i.source.column): (i.code, i.message) for i in result.issues}
    assert where[2, 5][0] == "price.unreadable_discount" and "#N/A" in where[2, 5][1]
    assert where[3, 5][0] == "price.unreadable_discount" and "VLOOKUP" in where[3, 5][1]
    assert where[5, 2][0] == "price.unreadable" and "#DIV/0!" in where[5, 2][1]  # a name: left out
    assert net(ws, "E1") is None and net(ws, "E2") is None
    assert net(ws, "E3") == Decimal(80) and net(ws, "E4") == Decimal(80)


def test_an_error_value_on_the_table_behind_a_cover_sheet_is_found_on_that_sheet(ws, tmp_path):
    """A report generator's workbook: a cover sheet first (a formula and no table), the price list
    on the second. The error values are looked for in every sheet while calamine reads them; the
    ones of the sheet that holds the table are the ones that count."""
    import openpyxl

    wb = openpyxl.Workbook()
    cover = wb.active
    cover.title = "Forside"
    cover.append(["Prisliste fra Nordisk Trelast AS"])
    cover.append(["Antall varer", "=COUNTA(Priser!A:A)-1"])
    cover.append(["#N/A"])
    prices = wb.create_sheet("Priser")
    prices.append(["Varenr", "Varetekst", "Enhet", "Bruttopris", "Rabatt", "Nettopris"])
    prices.append(["F1", "Lekt", "M", 10, 0, 10])
    prices.append(["F2", "Plank", "M", 40, "#N/A", None])
    path = tmp_path / "rapport.xlsx"
    wb.save(path)
    result = import_prices(ws, path, NORDISK, valid_from=date(2026, 2, 1))
    assert (result.counts["imported"], result.counts["rejected"]) == (1, 1)
    (refused,) = [i for i in result.issues if i.code == "price.unreadable_discount"]
    assert (refused.source.sheet, refused.source.row, refused.source.column) == ("Priser", 3, 5)
    assert net(ws, "F1") == Decimal(10) and net(ws, "F2") is None


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        (
            "nettbutikk.xls",
            '<html><head><meta charset="utf-8"></head><body><table>\n<tr><th>Varenr</th><th>Varenavn'
            "</th><th>Nettopris</th></tr>\n<tr><td>H1</td><td>Plank</td><td>12,50</td></tr></table>"
            "</body></html>",
            "nettside (HTML-tabell)",
        ),
        (
            "eksport.xlsx",
            '<table border="1"><tr><td>Varenr</td><td>Nettopris</td></tr><tr><td>H1</td><td>12,50</td>'
            "</tr></table>",
            "nettside (HTML-tabell)",
        ),
        (
            "erp.xls",
            '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:'
            'schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:'
            'spreadsheet"><Worksheet ss:Name="Priser"><Table><Row><Cell><Data ss:Type="String">Varenr'
            "</Data></Cell></Row></Table></Worksheet></Workbook>",
            "Excel 2003",
        ),
    ],
)
def test_a_web_page_or_an_excel_2003_xml_file_under_an_excel_name_is_named_for_what_it_is(
    ws, tmp_path, name, content, words
):
    """Web shops export "Excel" as an HTML table and older ERPs as Excel 2003 XML; Excel opens
    both. The refusal says what the file is and how to save it, not "no header row" or "text"."""
    from vareflyt.domain.issues import VareflytError

    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(VareflytError) as refused:
        import_prices(ws, path, NORDISK)
    assert words in str(refused.value) and "lagre den som Excel-arbeidsbok (.xlsx)" in str(refused.value)


def test_a_price_in_another_currency_is_not_taken_as_kroner(ws, tmp_path):
    """A Swedish supplier's CSV writes its currency after each price ("120,00 SEK"), a web shop's
    sheet a euro sign: vareflyt keeps prices in NOK, so those rows are refused naming the
    currency, never stored as that many kroner. "kr" and "NOK" are kroner as before."""
    path = tmp_path / "prislista.csv"
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh, delimiter=";")
        out.writerow(["Artikelnr", "Benämning", "Enhet", "Nettopris"])
        out.writerow(["S1", "Skruv 4,2x35", "ST", "120,00 SEK"])
        out.writerow(["S2", "Plugg 6 mm", "ST", "EUR 3,50"])
        out.writerow(["S3", "Vinkel 90", "ST", "12,50 €"])
        out.writerow(["S4", "Beslag", "ST", "kr 45,00"])
        out.writerow(["S5", "Hylla", "ST", "1 234,00 NOK"])
    result = import_prices(ws, path, NORDISK, valid_from=date(2026, 2, 1))
    assert result.counts["imported"] == 2 and result.counts["rejected"] == 3
    refused = {i.source.row: i.message for i in result.issues if i.code == "price.unreadable_net"}
    assert refused.keys() == {2, 3, 4}
    assert "beløp i SEK" in refused[2] and "beløp i EUR" in refused[3] and "beløp i €" in refused[4]
    assert net(ws, "S1") is None and net(ws, "S2") is None
    assert net(ws, "S4") == Decimal(45) and net(ws, "S5") == Decimal(1234)


def test_the_header_repeated_on_each_page_is_no_row(ws, tmp_path):
    """A list converted from a PDF (or two exports pasted one under the other) repeats the header
    row at each page: it is a header, not a data row refused for "EAN is no GTIN", and it is not
    counted (rows_read counts data rows only)."""
    import openpyxl

    head = ["Varenr", "EAN", "Varetekst", "Enhet", "Nettopris"]
    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.append(head)
    sheet.append(["P-100", "7080001234560", "Gipsplate 12,5 mm", "STK", 89.9])
    sheet.append(["P-101", "708000123452", "Gipsplate våtrom", "STK", 129])
    sheet.append(head)
    sheet.append(["P-102", None, "Sponplate 22 mm", "STK", 249])
    path = tmp_path / "fra_pdf.xlsx"
    wb.save(path)
    result = import_prices(ws, path, NORDISK, valid_from=date(2026, 2, 1))
    assert result.counts["rows_read"] == 3 and result.counts["imported"] == 3
    assert not [i for i in result.issues if i.is_error]
    assert net(ws, "P-102") == Decimal(249)


def test_a_csv_written_from_float_columns_keeps_its_numbers_whole(ws, tmp_path):
    """A script wrote the list with pandas: the NOBB column has gaps, so pandas held it as floats
    and wrote "41234567.0"; the GTINs likewise. The NOBB numbers are the 8 digits (not dropped
    as "not 8 digits"), and the article is found by them."""
    path = tmp_path / "prisliste_fra_skript.csv"
    path.write_text(
        "varenr,nobb,ean,varenavn,enhet,nettopris\n"
        "A-1,41234567.0,7080001234560.0,Plank 48x98,M,24.5\n"
        "A-2,,,Lekt 23x48,M,9.9\n"
        "A-3,41234568.0,,Gipsplate,STK,89.0\n",
        encoding="utf-8",
    )
    result = import_prices(ws, path, NORDISK, valid_from=date(2026, 2, 1))
    assert result.counts["imported"] == 3 and not [i for i in result.issues if i.code == "price.nobb"]
    assert net(ws, "41234567") == Decimal("24.5") and net(ws, "41234568") == Decimal(89)
    assert net(ws, "7080001234560") == Decimal("24.5")


def test_notes_under_the_table_are_no_rows_and_can_date_the_list(ws, tmp_path):
    """Lists end with a totals row and notes ("Alle priser er eks. mva. og gjelder fra
    01.02.2026.", "Med forbehold om trykkfeil"): the notes are not data rows refused for having
    no price, and the date they give is the list's date, as a title's is. A name alone in the
    last row is still a row that lacks the rest, refused and told."""
    import openpyxl

    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.append(["Varenr", "Varetekst", "Enhet", "Nettopris"])
    sheet.append(["PL-1", "Plank 48x98", "M", 24.5])
    sheet.append(["PL-2", "Lekt 23x48", "M", 9.9])
    sheet.append([])
    sheet.append(["Sum", None, None, 34.4])
    sheet.append([])
    sheet.append(["Alle priser er eks. mva. og gjelder fra 01.02.2026."])
    sheet.append(["Med forbehold om trykkfeil"])
    path = tmp_path / "med_merknader.xlsx"
    wb.save(path)
    result = import_prices(ws, path, NORDISK, today=date(2026, 3, 1))
    assert result.counts["rows_read"] == 2 and result.counts["rejected"] == 0
    assert not [i for i in result.issues if i.is_error]
    assert (result.extra["valid_from"], result.extra["valid_from_source"]) == ("2026-02-01", "title")

    sheet.append([None, "Gipsplate våtrom 12,5 mm"])  # a name alone, in the name column
    wb.save(path)
    again = import_prices(ws, path, NORDISK, today=date(2026, 3, 1))
    assert again.counts["rows_read"] == 5 and again.counts["rejected"] == 3


def test_dates_an_english_locale_system_writes_month_first(ws, tmp_path):
    """A CSV from a supplier's English-locale system writes dates month first: "02/15/2026" can
    only be 15 February, so every slashed date of the file is month first, and the list's
    "02/01/2026" is 1 February, not 2 January."""
    path = tmp_path / "pricelist.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(
            [
                "Item no",
                "Description",
                "Unit",
                "Net price",
                "Valid from",
                "Campaign price",
                "Campaign from",
                "Campaign to",
            ]
        )
        out.writerow(
            ["E-10", "Deck screw 4.2x55", "PCS", "2.50", "02/01/2026", "1.90", "02/15/2026", "03/15/2026"]
        )
        out.writerow(["E-11", "Wood glue 750 ml", "PCS", "89.00", "02/01/2026", "", "", ""])
    result = import_prices(ws, path, NORDISK, today=date(2026, 3, 1))
    assert not [i for i in result.issues if i.code in ("price.unreadable", "price.campaign")]
    assert (result.extra["valid_from"], result.extra["valid_from_source"]) == ("2026-02-01", "rows")
    assert net(ws, "E-10", date(2026, 2, 20)) == Decimal("1.90")
    assert net(ws, "E-10", date(2026, 3, 20)) == Decimal("2.50")


def test_a_workbook_whose_parts_are_odd_is_read_as_calamine_reads_it(ws, tmp_path):
    """A workbook part calamine reads past but an XML parser refuses (here an entity declaration
    in workbook.xml, as one odd exporter writes) leaves the look for error values out; the list
    is imported as before, no traceback."""
    import re
    import zipfile

    import openpyxl

    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.append(["Varenr", "Varetekst", "Nettopris"])
    sheet.append(["W1", "Plank", 10])
    sheet.append(["W2", "Lekt", "=C2/2"])
    path = tmp_path / "rar.xlsx"
    wb.save(path)
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["xl/workbook.xml"] = re.sub(
        rb"^(<\?xml[^>]*\?>)?", rb'\1<!DOCTYPE workbook [<!ENTITY e "x">]>', parts["xl/workbook.xml"], count=1
    )
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    result = import_prices(ws, path, NORDISK, valid_from=date(2026, 2, 1))
    assert result.counts["imported"] >= 1 and net(ws, "W1") == Decimal(10)
