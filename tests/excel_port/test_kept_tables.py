"""A save that leaves a big table alone copies its rows as they are (issue 19 item 2).

The workbooks are built by hand with openpyxl (a user's own sheet with formatting, the
catalogue typed in as Excel-like shared strings) and by the fast writer, as the catalogue
refresh writes it; ``fast_threshold`` makes a few rows count as a big table.
"""

from __future__ import annotations

import re
import zipfile
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from openpyxl.styles import Font, PatternFill

from vareflyt.excel.kept_tables import restyled, style_map
from vareflyt.excel.openpyxl_adapter import OpenpyxlWorkbook
from vareflyt.excel.schemas import TABLES
from vareflyt.excel.xlsx_fast import replace_table_rows_fast
from vareflyt.excel.xlsx_parts import read_locations

CAT = TABLES["catalogue"]


def _article(i: int) -> dict:
    return {
        "supplier_gln": "7080000000017",
        "supplier_name": "Byggvare AS",
        "article_no": f"{i:06d}",
        "gtin": f"0703{i:010d}",
        "name": f'Skrue {i} <rustfri> & "A4"',
        "unit": "EA",
        "net": Decimal("12.50") + i,
        "vat_pct": Decimal(25),
        "valid_from": date(2026, 1, 1),
        "pack_qty": Decimal(10),
    }


def _with_own_sheet(path) -> None:
    """What a user adds in Excel: a sheet of their own with bold red text on a yellow fill."""
    book = openpyxl.load_workbook(path)
    own = book.create_sheet("Mine notater")
    own["A1"] = "Ring Byggvare om frakt"
    own["A1"].font = Font(bold=True, color="FFC00000")
    own["A1"].fill = PatternFill(fill_type="solid", start_color="FFFFFF00", end_color="FFFFFF00")
    own["B2"] = 1234.5
    own["B2"].number_format = "#,##0.00"
    book.save(path)


def _catalogue_rows_xml(path) -> bytes:
    """The catalogue sheet's ``sheetData`` content from the heading row on, as stored."""
    loc = read_locations(path)["katalog"]
    with zipfile.ZipFile(path) as z:
        xml = z.read(loc.sheet_part)
    start = re.search(rb'<row\b[^>]*\br="1"', xml).start()
    return xml[start : xml.rindex(b"</sheetData>")]


def _small_save(path, **kw) -> None:
    book = OpenpyxlWorkbook(path, fast_threshold=5, **kw)
    book.replace_rows("orders", [{"order_no": "PO-1", "lines": 1}])
    book.mark_cell("orders", 0, "order_no", "warning", "Venter på ordresvar")
    book.add_sheet("Morgenrapport", [["Natt", "ok"]])
    book.save()


def test_untouched_big_table_is_copied_byte_for_byte_not_read_back(purchasing, monkeypatch):
    _with_own_sheet(purchasing)
    replace_table_rows_fast(purchasing, "catalogue", [_article(i) for i in range(40)])
    rows_before = _catalogue_rows_xml(purchasing)
    table_before = OpenpyxlWorkbook(purchasing).read_table("catalogue")

    def no_read_back(self, schema):
        raise AssertionError("the untouched catalogue was read back")

    monkeypatch.setattr(OpenpyxlWorkbook, "_cells_as_found", no_read_back)
    _small_save(purchasing)

    assert _catalogue_rows_xml(purchasing) == rows_before
    assert (
        read_locations(purchasing)["katalog"].ref
        == f"A1:{openpyxl.utils.get_column_letter(len(CAT.columns))}41"
    )
    after = OpenpyxlWorkbook(purchasing)
    assert after.read_table("catalogue").equals(table_before)
    assert list(after.read_table("orders")["order_no"]) == ["PO-1"]
    book = openpyxl.load_workbook(purchasing)
    cat = book["Katalog"]
    assert (cat["D2"].value, cat["D2"].number_format) == ("07030000000000", "@")
    assert (cat["L41"].value, cat["L41"].number_format) == (51.5, "#,##0.00")
    assert cat["O2"].number_format == "dd.mm.yyyy"
    own = book["Mine notater"]
    assert own["A1"].value == "Ring Byggvare om frakt" and own["A1"].font.b
    assert own["A1"].font.color.rgb == "FFC00000" and own["A1"].fill.start_color.rgb == "FFFFFF00"
    assert (own["B2"].value, own["B2"].number_format) == (1234.5, "#,##0.00")
    assert book["Morgenrapport"]["A1"].value == "Natt"
    assert book["Ordrer"]["A2"].fill.start_color.rgb.endswith("FFEB9C")


def _as_excel_saves(path) -> None:
    """Store every text cell in the shared string table, as Excel does when it saves."""
    strings: list[bytes] = []

    def shared(m: re.Match) -> bytes:
        strings.append(m.group(2))
        return m.group(1) + b' t="s"><v>' + str(len(strings) - 1).encode() + b"</v></c>"

    cell = re.compile(rb'(<c\b[^>]*?) t="inlineStr"><is>(<t\b[^>]*>.*?</t>)</is></c>', re.S)
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    for name in [n for n in parts if n.startswith("xl/worksheets/sheet")]:
        parts[name] = cell.sub(shared, parts[name])
    parts["xl/sharedStrings.xml"] = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">'
        % (len(strings), len(strings))
        + b"".join(b"<si>" + t + b"</si>" for t in strings)
        + b"</sst>"
    )
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        (
            b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
        ),
    )
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        (
            b'<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            b'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
        ),
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def test_catalogue_saved_by_excel_with_shared_strings_is_read_back(purchasing):
    """Excel keeps text in the shared string table; those indices would not fit the saved
    workbook's table, so these rows are read back and written anew, as before."""
    _with_own_sheet(purchasing)
    replace_table_rows_fast(purchasing, "catalogue", [_article(i) for i in range(12)])
    _as_excel_saves(purchasing)
    with zipfile.ZipFile(purchasing) as z:
        assert b't="s"' in z.read(read_locations(purchasing)["katalog"].sheet_part)
    before = OpenpyxlWorkbook(purchasing).read_table("catalogue")
    assert list(before["name"])[:1] == ['Skrue 0 <rustfri> & "A4"']

    _small_save(purchasing)

    assert OpenpyxlWorkbook(purchasing).read_table("catalogue").equals(before)
    assert openpyxl.load_workbook(purchasing)["Mine notater"]["A1"].value == "Ring Byggvare om frakt"


STYLES = """<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="1"><numFmt numFmtId="{date_id}" formatCode="dd.mm.yyyy"/></numFmts>
<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name \
val="Calibri"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill \
patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="3">{xfs}</cellXfs>
</styleSheet>"""
PLAIN = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
BOLD_TEXT = '<xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
DATE = '<xf numFmtId="{date_id}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'


def test_styles_that_moved_are_renumbered_in_the_copied_rows():
    original = STYLES.format(date_id=164, xfs=PLAIN + BOLD_TEXT + DATE.format(date_id=164)).encode()
    saved = STYLES.format(date_id=170, xfs=PLAIN + DATE.format(date_id=170) + BOLD_TEXT).encode()
    mapping = style_map(original, saved)
    assert mapping == {0: 0, 1: 2, 2: 1}
    rows = (
        b'<row r="1"><c r="A1" s="1" t="inlineStr"><is><t>Dato</t></is></c></row>'
        b'<row r="2"><c r="A2" s="2"><v>46023</v></c><c r="B2" s="0"><v>1</v></c></row>'
    )
    assert restyled(rows, mapping) == rows.replace(b's="1"', b's="X"').replace(b's="2"', b's="1"').replace(
        b's="X"', b's="2"'
    )
    assert restyled(rows, style_map(original, original)) is rows


def test_a_style_the_saved_workbook_lacks_means_no_copy():
    original = STYLES.format(date_id=164, xfs=PLAIN + BOLD_TEXT + DATE.format(date_id=164)).encode()
    saved = STYLES.format(date_id=164, xfs=PLAIN + DATE.format(date_id=164) + PLAIN).encode()
    assert style_map(original, saved) is None


def test_a_failed_save_leaves_the_workbook_as_it_was(purchasing, monkeypatch):
    replace_table_rows_fast(purchasing, "catalogue", [_article(i) for i in range(20)])
    before = purchasing.read_bytes()

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("vareflyt.excel.openpyxl_adapter.keep_tables", broken)
    with pytest.raises(OSError):
        _small_save(purchasing)
    assert purchasing.read_bytes() == before
