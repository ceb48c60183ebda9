"""Opening files: encodings and delimiters of CSV, and one clear error for every kind of bad input."""

import random
import struct
import zipfile

import pytest
import xlsxwriter

from vareflyt.domain.issues import VareflytError
from vareflyt.excel.sheets import read_sheets
from vareflyt.excel.tabular import read_table

CSV_TEXT = "Varenr;Varenavn;Bruttopris;Rabatt %\n00123;Skrue æøå;1 234,50;12,5 %\n"


def _xlsx(path, rows, hidden_col=None):
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Ark1")
    for i, row in enumerate(rows):
        ws.write_row(i, 0, row)
    if hidden_col is not None:
        ws.set_column(hidden_col, hidden_col, None, None, {"hidden": True})
    wb.close()
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"])
def test_csv_encodings(tmp_path, encoding):
    path = tmp_path / "liste.csv"
    path.write_bytes(CSV_TEXT.encode(encoding))
    rows = read_sheets(path)[0].rows
    assert rows[1][:2] == ["00123", "Skrue æøå"]
    assert rows[0][0] == "Varenr"


@pytest.mark.parametrize("delim", [";", ",", "\t"])
def test_csv_delimiters(tmp_path, delim):
    text = (
        f'Varenr{delim}Varenavn{delim}Nettopris\n001{delim}"Plank, '
        f'48x98"{delim}"12,50"\n002{delim}Lekt{delim}3\n'
    )
    path = tmp_path / "liste.txt"
    path.write_text(text, encoding="utf-8")
    read = read_table(path, "prices")
    assert read.rows[0].values == {"article_no": "001", "name": "Plank, 48x98", "net": "12,50"}
    assert read.columns == {"article_no": 1, "name": 2, "net": 3}


def test_hidden_columns_are_read(tmp_path):
    path = _xlsx(tmp_path / "a.xlsx", [["Varenr", "Netto", "Varenavn"], ["1", 2.5, "A"]], hidden_col=1)
    read = read_table(path, "prices")
    assert read.rows[0].values["net"] == 2.5


def _expect(path, *words):
    with pytest.raises(VareflytError) as err:
        read_table(path, "prices")
    assert err.value.exit_code == 1
    text = str(err.value)
    for word in words:
        assert word in text
    return text


def test_empty_file(tmp_path):
    path = tmp_path / "tom.xlsx"
    path.write_bytes(b"")
    _expect(path, "tom")


def test_renamed_pdf(tmp_path):
    path = tmp_path / "liste.xlsx"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n" + bytes(range(256)) * 4)
    _expect(path, "PDF")


def test_random_bytes(tmp_path):
    path = tmp_path / "liste.xlsx"
    path.write_bytes(random.Random(7).randbytes(5000))
    _expect(path, "ikke et regneark")


def test_password_protected_xlsx(tmp_path):
    path = tmp_path / "hemmelig.xlsx"
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    directory = "EncryptionInfo".encode("utf-16-le").ljust(128, b"\x00") + "EncryptedPackage".encode(
        "utf-16-le"
    ).ljust(128, b"\x00")
    path.write_bytes(header + directory + b"\x00" * 2048)
    _expect(path, "passordbeskyttet")


def test_truncated_xlsx(tmp_path):
    good = _xlsx(tmp_path / "good.xlsx", [["Varenr", "Netto"], ["1", 2]])
    path = tmp_path / "kuttet.xlsx"
    data = good.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    _expect(path, "skadet")


def test_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "brev.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>")
    _expect(path, "ikke et Excel-regneark")


def test_zip_bomb_by_ratio(tmp_path):
    path = tmp_path / "bombe.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"\x00" * (20 << 20))
    _expect(path, "zip-bombe")


def test_zip_bomb_by_declared_size(tmp_path):
    path = tmp_path / "bombe2.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    data = bytearray(path.read_bytes())
    central = data.find(b"PK\x01\x02")
    data[central + 24 : central + 28] = struct.pack("<I", 0xFFFFFFF0)
    path.write_bytes(bytes(data))
    _expect(path, "zip-bombe")


def test_zip_bomb_that_understates_its_size(tmp_path):
    """A sheet that says it unpacks to 4 kB but holds 40 MB passes the size check above; the
    zip reader under calamine stops at the declared size, so nothing big is ever unpacked."""
    base = _xlsx(tmp_path / "base.xlsx", [["Varenr", "Nettopris"], ["1", 2]])
    path = tmp_path / "bombe3.xlsx"
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                at = data.index(b"<sheetData>") + len(b"<sheetData>")
                data = data[:at] + b" " * (40 << 20) + data[at:]
            out.writestr(info.filename, data)
    raw = bytearray(path.read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    for sig, header, name_len_at, size_at in ((b"PK\x03\x04", 30, 26, 22), (b"PK\x01\x02", 46, 28, 24)):
        pos = raw.find(sig)
        while pos >= 0:
            n = struct.unpack_from("<H", raw, pos + name_len_at)[0]
            if raw[pos + header : pos + header + n] == name:
                struct.pack_into("<I", raw, pos + size_at, 4096)  # the lie
            pos = raw.find(sig, pos + 4)
    path.write_bytes(bytes(raw))
    _expect(path, "kan ikke leses", "zip-bombe")


def test_title_only_has_no_header(tmp_path):
    path = _xlsx(
        tmp_path / "tittel.xlsx", [["Prisliste 2026 fra Trelast Vest AS"], [], ["Kontakt oss for priser"]]
    )
    _expect(path, "overskriftsrad")


def test_csv_with_nul_bytes_is_rejected(tmp_path):
    path = tmp_path / "liste.csv"
    path.write_bytes(CSV_TEXT.encode("utf-16-le"))  # UTF-16 without BOM
    _expect(path, "tegnkoding")


def test_sheet_by_name(tmp_path):
    path = _xlsx(tmp_path / "a.xlsx", [["Varenr", "Netto"], ["1", 2]])
    with pytest.raises(VareflytError, match="Ark9"):
        read_table(path, "prices", sheet="Ark9")
    assert read_table(path, "prices", sheet="Ark1").header_row == 1


def _ods(path, rows):
    cells = "".join(
        "<table:table-row>"
        + "".join(
            (
                '<table:table-cell office:value-type="float" '
                f'office:value="{v}"><text:p>{v}</text:p></table:table-cell>'
            )
            if isinstance(v, (int, float))
            else f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>'
            for v in row
        )
        + "</table:table-row>"
        for row in rows
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="Ark1">{cells}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", content)
        zf.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
            'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
            '<manifest:file-entry manifest:full-path="/" manifest:media-type='
            '"application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>',
        )
    return path


def test_ods(tmp_path):
    path = _ods(
        tmp_path / "liste.ods", [["Prisliste"], ["Varenr", "Varenavn", "Nettopris"], ["00123", "Plank", 12.5]]
    )
    read = read_table(path, "prices")
    assert read.header_row == 2 and read.rows[0].values == {
        "article_no": "00123",
        "name": "Plank",
        "net": 12.5,
    }


@pytest.mark.parametrize(
    "data",
    [
        b"Varenr;Varenavn;Netto\n1;Gips\x9dplate;12\n",  # 0x9D: not cp1252, and Mac Roman gives no word
        # UTF-8 BOM, then a byte no 8-bit reading fits
        b"\xef\xbb\xbfVarenr;Varenavn;Netto\n1;Gips\x8dplate;12\n",
    ],
)
def test_csv_in_unknown_encoding_is_rejected(tmp_path, data):
    path = tmp_path / "liste.csv"
    path.write_bytes(data)
    _expect(path, "tegnkoding")


def test_hidden_sheet_is_used_only_when_no_visible_sheet_has_a_table(tmp_path):
    path = tmp_path / "skjult.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    cover = wb.add_worksheet("Forside")
    cover.write("A1", "Prisliste 2026")
    data = wb.add_worksheet("Data")
    data.write_row(0, 0, ["Varenr", "Nettopris"])
    data.write_row(1, 0, ["1", 2])
    data.hide()
    cover.activate()
    wb.close()
    read = read_table(path, "prices")
    assert read.sheet == "Data" and read.row_numbers == [2]
