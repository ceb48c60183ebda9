"""Party lists as odd systems write them (issue 14, item 7): UTF-16 text from Excel, Mac Roman
from older Excel for Mac, a file mixing UTF-8 and Windows-1252, a field over the csv module's
limit, numbers no cell should hold. No traceback: every problem is an issue with file, sheet,
row and column. The files are written byte by byte here, not by vareflyt."""

from __future__ import annotations

import zipfile

import pytest
from typer.testing import CliRunner

from vareflyt.cli.app import app
from vareflyt.domain.issues import Severity, VareflytError
from vareflyt.jobs.import_parties import import_parties
from vareflyt.store.parties import load_parties

from .conftest import GLN_A, GLN_B, GLN_C, store_snapshot

HEAD = "Partnernr;Navn;GLN;Poststed"


def names(ws) -> dict[str, tuple[str, str]]:
    with ws.store.connect() as conn:
        return {p.gln: (p.name, p.city) for p in load_parties(conn)}


def test_utf16_tab_text_as_excel_saves_unicode_text(workspace, sheet_dir):
    path = sheet_dir / "parter.txt"
    text = (
        "Partnernr\tNavn\tGLN\tPoststed\r\n1001\tTrelast Vest "
        "AS\t{a}\tTromsø\r\n1002\tRørgrossisten AS\t{b}\tÅlesund\r\n"
    )
    path.write_bytes(b"\xff\xfe" + text.format(a=GLN_A, b=GLN_B).encode("utf-16-le"))
    result = import_parties(workspace, path)
    assert result.counts["new"] == 2 and not result.issues
    assert names(workspace) == {GLN_A: ("Trelast Vest AS", "Tromsø"), GLN_B: ("Rørgrossisten AS", "Ålesund")}


def test_mac_roman_with_cr_lines_is_read_as_mac_roman_and_said_where(workspace, sheet_dir):
    path = sheet_dir / "mac.csv"
    lines = [
        HEAD,
        f"1001;Trelast Vest AS;{GLN_A};Bergen",
        f"1002;Rørgrossisten AS;{GLN_B};Tromsø",
        f"2001;Byggmester Åsen;{GLN_C};Ålesund",
    ]
    data = "\r".join(lines).encode("mac_roman") + b"\r"  # classic Mac line ends
    assert b"R\xbfrgrossisten" in data  # ø is 0xBF in Mac Roman (¿ in Windows-1252)
    path.write_bytes(data)
    result = import_parties(workspace, path)
    assert result.counts["new"] == 3
    assert names(workspace)[GLN_B] == ("Rørgrossisten AS", "Tromsø")
    assert names(workspace)[GLN_C] == ("Byggmester Åsen", "Ålesund")
    (note,) = [i for i in result.issues if i.code == "text.mac_roman"]
    assert note.severity is Severity.INFO
    assert note.render().startswith("mac.csv:mac!B3: Filen er lest som Mac Roman")
    assert "«Rørgrossisten AS»" in note.message


def test_a_windows_1252_row_in_a_utf8_file_is_read_right_and_named(workspace, sheet_dir):
    path = sheet_dir / "blandet.csv"
    path.write_bytes(
        (HEAD + f"\r\n1001;Trelast Vest AS;{GLN_A};Tromsø\r\n").encode("utf-8")
        + f"1002;Rørgrossisten AS;{GLN_B};Bodø\r\n".encode("cp1252")
        + f"2001;Byggmester Åsen;{GLN_C};Ålesund\r\n".encode()
    )
    result = import_parties(workspace, path)
    assert result.ok and result.counts["new"] == 3
    assert names(workspace) == {
        GLN_A: ("Trelast Vest AS", "Tromsø"),
        GLN_B: ("Rørgrossisten AS", "Bodø"),
        GLN_C: ("Byggmester Åsen", "Ålesund"),
    }
    (mixed,) = [i for i in result.issues if i.code == "text.mixed_encoding"]
    assert mixed.severity is Severity.WARNING
    assert mixed.render() == (
        "blandet.csv:blandet!B3: Raden er skrevet i en annen tegnkoding (Windows-1252) enn "
        "resten av filen (UTF-8) og er lest som det: «Rørgrossisten AS». Sjekk æ, ø og å i "
        "raden."
    )


@pytest.mark.parametrize("closed", [True, False], ids=["long_field", "unclosed_quote"])
def test_a_field_over_the_csv_limit_is_refused_at_its_row_and_column(workspace, sheet_dir, closed):
    path = sheet_dir / "lang.csv"
    name = '"Rørgrossisten AS ' + "x" * 140_000 + ('"' if closed else "")
    path.write_text(
        f"{HEAD}\r\n1001;Trelast Vest AS;{GLN_A};Bergen\r\n1002;{name};{GLN_B};Oslo\r\n"
        f"2001;Byggmester Åsen;{GLN_C};Ålesund\r\n",
        encoding="utf-8",
    )
    before = store_snapshot(workspace)
    with pytest.raises(VareflytError) as err:
        import_parties(workspace, path)
    (issue,) = err.value.issues
    assert issue.code == "text.field_too_long"
    assert issue.render().startswith(
        "lang.csv:lang!B3: Feltet som begynner her har over 128 KiB tekst (linje 3 i filen)."
    )
    assert store_snapshot(workspace) == before


def xlsx_by_hand(path, rows: list[list[str]]):
    """A one-sheet workbook written as raw XML; a cell "#1E+309" is a number cell holding that text."""

    def cell(r: int, c: int, v: str) -> str:
        ref = f"{chr(65 + c)}{r}"
        if v.startswith("#"):
            return f'<c r="{ref}"><v>{v[1:]}</v></c>'
        return f'<c r="{ref}" t="inlineStr"><is><t>{v}</t></is></c>'

    body = "".join(
        f'<row r="{i}">' + "".join(cell(i, j, v) for j, v in enumerate(row)) + "</row>"
        for i, row in enumerate(rows, start=1)
    )
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
            'openxmlformats.org/package/2006/content-types"><Default '
            'Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default '
            'Extension="xml" ContentType="application/'
            'xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        )
        z.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{pkg}"><Relationship Id="rId1" Type="{rel}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="Ark1" '
            'sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{pkg}"><Relationship Id="rId1" '
            f'Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        )
        z.writestr(
            "xl/worksheets/sheet1.xml", f'<worksheet xmlns="{main}"><sheetData>{body}</sheetData></worksheet>'
        )
    return path


def test_numbers_no_cell_should_hold_are_issues_at_their_cells(workspace, sheet_dir):
    rows = [
        ["Partnernr", "Navn", "GLN", "Org.nr", "Telefon", "Kontonr"],
        ["#1001", "Trelast Vest AS", GLN_A, "#1E+300", "", ""],  # 301-digit orgnr: rejected
        ["#1002", "Rørgrossisten AS", GLN_B, "", "#1E+309", "#-1E+309"],  # infinity in details: dropped
        ["#2001", "Byggmester Åsen", "#1E+309", "", "", ""],  # infinity as GLN: rejected
        ["#1E+300", "Langt nummer AS", GLN_C, "", "", ""],
    ]  # 301-digit partner number: rejected
    path = xlsx_by_hand(sheet_dir / "tall.xlsx", rows)
    result = import_parties(workspace, path)
    c = result.counts
    assert (c["rows_read"], c["imported"], c["rejected"]) == (4, 1, 3)
    by_cell = {(i.source.row, i.source.column): i for i in result.issues}
    orgnr = by_cell[(2, 4)]
    assert (
        orgnr.code == "party.org_number"
        and "… (301 tegn)» er ugyldig" in orgnr.message
        and len(orgnr.message) < 120
    )
    assert {(r, col): by_cell[(r, col)].severity for r, col in ((3, 5), (3, 6))} == {
        (3, 5): Severity.WARNING,
        (3, 6): Severity.WARNING,
    }
    assert (
        by_cell[(3, 5)].render()
        == "tall.xlsx:Ark1!E3: Telefon: cellen har et tall som ikke kan leses og er ikke "
        "tatt med (en lagret verdi beholdes)"
    )
    assert by_cell[(4, 3)].code == "party.unreadable" and by_cell[(4, 3)].severity is Severity.ERROR
    assert by_cell[(5, 1)].code == "party.too_long"
    assert names(workspace) == {GLN_B: ("Rørgrossisten AS", None)}


def test_no_traceback_on_the_command_line(workspace, sheet_dir):
    path = sheet_dir / "lang.csv"
    path.write_text(f'{HEAD}\r\n1001;"{"x" * 140_000}";{GLN_A};Bergen\r\n', encoding="utf-8")
    out = CliRunner().invoke(app, ["parties", "import", str(path), "--workspace", str(workspace.root)])
    assert out.exit_code == 1 and not isinstance(out.exception, Exception)  # SystemExit only
    text = " ".join(out.output.split())
    assert (
        "lang.csv:lang!B2: Feltet som begynner her har over 128 KiB tekst" in text and "Traceback" not in text
    )


def test_windows_1252_symbols_that_are_letters_in_mac_roman_stay_windows_1252(workspace, sheet_dir):
    """® ¾ … € are Æ æ Ö Ä in Mac Roman; outside words they must not tip a plain list to Mac Roman."""
    path = sheet_dir / "symboler.csv"
    path.write_bytes(
        f"{HEAD};Adresse\r\n1001;Bygg® AS;{GLN_A};Sandnes;Lager ¾ …\r\n"
        f"1002;Jern € Staal AS;{GLN_B};Bodo;Kai 1\r\n".encode("cp1252")
    )
    result = import_parties(workspace, path)
    assert result.counts["new"] == 2 and not [i for i in result.issues if i.code.startswith("text.")]
    assert (
        names(workspace)[GLN_A] == ("Bygg® AS", "Sandnes") and names(workspace)[GLN_B][0] == "Jern € Staal AS"
    )
