"""The fast table writer: only the table's sheet changes, and both openpyxl and calamine read it."""

from __future__ import annotations

import zipfile
from datetime import date
from decimal import Decimal

import openpyxl
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from python_calamine import CalamineWorkbook

from vareflyt.excel.openpyxl_adapter import OpenpyxlWorkbook
from vareflyt.excel.schemas import TABLES, TableSchema
from vareflyt.excel.templates import add_table_sheet
from vareflyt.excel.xlsx_fast import replace_table_rows_fast
from vareflyt.excel.xlsx_parts import ensure_styles, read_locations

from .conftest import sample_rows

CAT = TABLES["catalogue"]
LAST = get_column_letter(len(CAT.columns))  # the catalogue's last column (it grows with the schema)


def _row(i: int) -> dict:
    return {
        "supplier_gln": "7080000000017",
        "article_no": f"{i:06d}",
        "gtin": f"0703{i:010d}",
        "name": f'Skrue {i} <rustfri> & "A4"',
        "net": Decimal("12.50") + i,
        "vat_pct": Decimal(25),
        "valid_from": date(2026, 1, 1),
        "pack_qty": 10,
    }


def test_openpyxl_and_calamine_read_the_fast_output(purchasing):
    assert replace_table_rows_fast(purchasing, "catalogue", [_row(i) for i in range(3)]) == 3
    ws = openpyxl.load_workbook(purchasing)["Katalog"]
    table = ws.tables["Katalog"]
    assert table.ref == f"A1:{LAST}4" and table.autoFilter.ref == f"A1:{LAST}4"
    assert [c.name for c in table.tableColumns] == CAT.headings
    assert [c.value for c in ws[1]] == CAT.headings and ws["A1"].font.b
    assert ws.freeze_panes == "A2"
    gtin, net, valid = ws["D2"], ws["L2"], ws["O2"]
    assert (gtin.value, gtin.data_type, gtin.number_format) == ("07030000000000", "s", "@")
    assert (net.value, net.data_type, net.number_format) == (12.5, "n", "#,##0.00")
    assert valid.value.date() == date(2026, 1, 1) and valid.number_format == "dd.mm.yyyy"
    assert ws["F4"].value == 'Skrue 2 <rustfri> & "A4"'
    assert ws.max_row == 4

    book = CalamineWorkbook.from_path(str(purchasing), load_tables=True)
    cal = book.get_table_by_name("Katalog")
    assert cal.columns == CAT.headings and cal.height == 3
    first = cal.to_python()[0]
    assert first[3] == "07030000000000" and first[11] == 12.5 and first[14] == date(2026, 1, 1)


def test_table_shrinks_and_an_empty_table_keeps_one_blank_row(purchasing):
    replace_table_rows_fast(purchasing, "catalogue", [_row(i) for i in range(10)])
    replace_table_rows_fast(purchasing, "catalogue", [_row(i) for i in range(3)])
    ws = openpyxl.load_workbook(purchasing)["Katalog"]
    assert ws.tables["Katalog"].ref == f"A1:{LAST}4" and ws.max_row == 4
    replace_table_rows_fast(purchasing, "catalogue", [])
    assert read_locations(purchasing)["katalog"].ref == f"A1:{LAST}2"
    assert OpenpyxlWorkbook(purchasing).read_table("catalogue").empty


def test_other_parts_are_copied_unchanged(purchasing):
    with zipfile.ZipFile(purchasing) as z:
        before = {n: z.read(n) for n in z.namelist()}
    replace_table_rows_fast(purchasing, "catalogue", [_row(1), _row(2)])
    loc = read_locations(purchasing)["katalog"]
    with zipfile.ZipFile(purchasing) as z:
        after = {n: z.read(n) for n in z.namelist()}
    assert list(after) == list(before)
    changed = {n for n in before if before[n] != after[n]}
    assert changed == {loc.sheet_part, loc.table_part}  # styles already had every format


def test_a_column_added_to_the_schema_reaches_an_older_workbook(tmp_path):
    older = TableSchema(CAT.key, CAT.sheet, CAT.table, CAT.columns[:-2])
    book = Workbook()
    book.remove(book.active)
    add_table_sheet(book, older)
    path = tmp_path / "Innkjop.xlsx"
    book.save(path)
    replace_table_rows_fast(path, "catalogue", [_row(1)])
    ws = openpyxl.load_workbook(path)["Katalog"]
    assert ws.tables["Katalog"].ref == f"A1:{LAST}2"
    assert [c.name for c in ws.tables["Katalog"].tableColumns] == CAT.headings
    assert OpenpyxlWorkbook(path).read_table("catalogue").at[0, "gtin"] == "07030000000001"


def test_missing_styles_are_appended_and_existing_ones_found():
    xml = (
        b'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<fonts count="1"><font/></fonts><cellXfs count="1"><xf numFmtId="0" fontId="0" '
        b'fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>'
    )
    new, index = ensure_styles(xml, ["General", "@", "dd.mm.yyyy", "#,##0.00"])
    assert index == {"General": 0, "@": 1, "dd.mm.yyyy": 2, "#,##0.00": 3}
    text = new.decode()
    assert '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd.mm.yyyy"/></numFmts>' in text
    assert '<cellXfs count="4">' in text and 'numFmtId="49"' in text
    again, index2 = ensure_styles(new, ["dd.mm.yyyy", "@"])
    assert again == new and index2 == {"dd.mm.yyyy": 2, "@": 1}


def test_big_tables_survive_when_openpyxl_writes_other_tables(purchasing):
    rows = sample_rows(CAT, 30)
    port = OpenpyxlWorkbook(purchasing, fast_threshold=10)
    port.replace_rows("catalogue", rows)
    port.replace_rows("orders", sample_rows(TABLES["orders"], 2))
    port.save()
    before = OpenpyxlWorkbook(purchasing).read_table("catalogue")
    port = OpenpyxlWorkbook(purchasing, fast_threshold=10)  # catalogue untouched this time
    port.replace_rows("orders", sample_rows(TABLES["orders"], 1))
    port.mark_cell("orders", 0, "status", "warning", "Se på denne")
    port.save()
    after = OpenpyxlWorkbook(purchasing).read_table("catalogue")
    assert len(after) == 30 and after.equals(before)
    assert len(OpenpyxlWorkbook(purchasing).read_table("orders")) == 1


def _excel_style(path):
    """Make the template look like a file Excel saved: uid attributes and extension namespaces
    on the table, row attributes, shared strings in the heading, a calculation chain."""
    import re

    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    loc = read_locations(path)["katalog"]
    table = parts[loc.table_part].decode()
    table = table.replace(
        "<table ",
        '<table xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'mc:Ignorable="xr xr3" xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" '
        'xmlns:xr3="http://schemas.microsoft.com/office/spreadsheetml/2016/revision3" '
        'xr:uid="{00000000-0001-0000-0000-000000000000}" ',
        1,
    )
    table = re.sub(
        r'<tableColumn id="(\d+)"',
        r'<tableColumn id="\1" xr3:uid="{00000000-0010-0000-0000-00000000000\1}"',
        table,
    )
    table = table.replace(
        f'<autoFilter ref="A1:{LAST}2"/>',
        f'<autoFilter ref="A1:{LAST}2"'
        ' xr:uid="{00000000-0009-0000-0000-000000000000}">'
        '<filterColumn colId="0"><filters><filter val="x"/></filters></filterColumn></autoFilter>',
    )
    parts[loc.table_part] = table.encode()
    sheet = parts[loc.sheet_part].decode()
    sheet = sheet.replace(
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac" '
        'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"',
        1,
    )
    sheet = sheet.replace('<row r="1">', f'<row r="1" spans="1:{len(CAT.columns)}" x14ac:dyDescent="0.25">')
    parts[loc.sheet_part] = sheet.encode()
    parts["xl/calcChain.xml"] = (
        b'<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<c r="A2" i="1"/></calcChain>'
    )
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.spreadsheetml.calcChain+xml"/></Types>',
    )
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/calcChain" Target="calcChain.xml"/></Relationships>',
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return loc


def test_a_workbook_saved_by_excel_keeps_its_extensions(purchasing):
    loc = _excel_style(purchasing)
    replace_table_rows_fast(purchasing, "catalogue", [_row(i) for i in range(4)])
    with zipfile.ZipFile(purchasing) as z:
        names = z.namelist()
        table = z.read(loc.table_part).decode()
        sheet = z.read(loc.sheet_part).decode()
        assert b"calcChain" not in z.read("[Content_Types].xml") + z.read("xl/_rels/workbook.xml.rels")
    assert "xl/calcChain.xml" not in names
    assert 'xr:uid="{00000000-0001-0000-0000-000000000000}"' in table and f'ref="A1:{LAST}5"' in table
    assert table.count("xr3:uid=") == len(CAT.columns)  # column ids kept: names still fit
    assert "<filterColumn" not in table and f'<autoFilter ref="A1:{LAST}5"/>' in table
    assert 'mc:Ignorable="x14ac"' in sheet
    ws = openpyxl.load_workbook(purchasing)["Katalog"]
    assert ws.tables["Katalog"].ref == f"A1:{LAST}5" and ws["C5"].value == "000003"
    assert OpenpyxlWorkbook(purchasing).read_table("catalogue")["gtin"].tolist()[-1] == "07030000000003"
