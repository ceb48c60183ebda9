"""Open-items exports and payment sheets as odd systems write them (issue 14, item 7): UTF-16
text, Mac Roman with CR line ends, UTF-8 mixed with Windows-1252, a field over the csv
module's limit, numbers no cell should hold. No traceback: every problem is an issue with
file, sheet, row and column. Files are written byte by byte here, not by vareflyt."""

from __future__ import annotations

import json
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from typer.testing import CliRunner

from vareflyt.cli.app import app
from vareflyt.domain.issues import Severity, VareflytError
from vareflyt.jobs.import_payments import import_payments
from vareflyt.jobs.import_receivables import import_receivables
from vareflyt.store import receivables as repo

OPEN_HEAD = ["Kundenr", "Kundenavn", "Fakturanr", "Fakturadato", "Forfallsdato", "Beløp"]
ODEGARD = ["10001", "Ødegård Bygg AS", "5001", "01.02.2024", "01.03.2024", "10 000,00"]
ASE = ["10002", "Åse Hansen", "5002", "03.02.2024", "17.02.2024", "1 250,50"]


def invoices(ws) -> dict[str, Decimal]:
    with ws.store.connect() as conn:
        return {i.invoice_no: i.outstanding for i in repo.load_invoices(conn)}


def customer_names(ws) -> set[str]:
    with ws.store.connect() as conn:
        return {c.name for c in repo.load_customers(conn).values()}


def test_open_items_as_utf16_tab_text(workspace, tmp_path):
    path = tmp_path / "apne_poster.txt"
    text = "".join("\t".join(row) + "\r\n" for row in (OPEN_HEAD, ODEGARD, ASE))
    path.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    result = import_receivables(workspace, path, as_of=date(2024, 3, 1))
    assert result.ok and result.counts["new"] == 2 and not result.issues
    assert customer_names(workspace) == {"Ødegård Bygg AS", "Åse Hansen"}


def test_open_items_from_old_excel_for_mac(workspace, tmp_path):
    path = tmp_path / "mac.csv"
    path.write_bytes("".join(";".join(row) + "\r" for row in (OPEN_HEAD, ODEGARD, ASE)).encode("mac_roman"))
    result = import_receivables(workspace, path, as_of=date(2024, 3, 1))
    assert result.ok and result.counts["new"] == 2
    assert customer_names(workspace) == {"Ødegård Bygg AS", "Åse Hansen"}
    (note,) = [i for i in result.issues if i.code == "text.mac_roman"]
    assert (note.source.file, note.source.sheet, note.source.row, note.source.column) == (
        "mac.csv",
        "mac",
        1,
        6,
    )
    assert "«Beløp»" in note.message


def test_a_payments_sheet_with_one_windows_1252_row(workspace, tmp_path):
    import_receivables(
        workspace, _csv(tmp_path / "apne.csv", OPEN_HEAD, ODEGARD, ASE), as_of=date(2024, 3, 1)
    )
    path = tmp_path / "innbetalinger.csv"
    path.write_bytes(
        "Dato;Beløp;Fakturanr;Innbetaler\r\n05.03.2024;1 250,50;5002;Åse Hansen\r\n".encode()
        + "06.03.2024;99,00;;Bjørn Ødegård\r\n".encode("cp1252")
        + "07.03.2024;10 000,00;5001;Ødegård Bygg AS\r\n".encode()
    )
    result = import_payments(workspace, path)
    assert result.ok and result.counts["new"] == 3 and result.counts["matched_invoice"] == 2
    (mixed,) = [i for i in result.issues if i.code == "text.mixed_encoding"]
    assert mixed.render().startswith(
        "innbetalinger.csv:innbetalinger!D3: Raden er skrevet i en annen tegnkoding "
        "(Windows-1252) enn resten av filen (UTF-8) og er lest som det: «Bjørn Ødegård»."
    )
    assert [u["payer"] for u in result.extra["unmatched"]] == ["Bjørn Ødegård"]


def _csv(path, *rows):
    path.write_text("".join(";".join(row) + "\r\n" for row in rows), encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", ["receivables", "payments"])
def test_a_field_over_the_csv_limit_is_refused_at_its_row_and_column(workspace, tmp_path, kind):
    import_receivables(
        workspace, _csv(tmp_path / "apne.csv", OPEN_HEAD, ODEGARD, ASE), as_of=date(2024, 3, 1)
    )
    before = invoices(workspace)
    long_name = '"Åse ' + "x" * 140_000 + '"'
    if kind == "receivables":
        path = _csv(tmp_path / "lang.csv", OPEN_HEAD, ODEGARD, ASE[:1] + [long_name] + ASE[2:])
        job = lambda: import_receivables(workspace, path, as_of=date(2024, 3, 2))  # noqa: E731
    else:
        path = _csv(
            tmp_path / "lang.csv",
            ["Dato", "Beløp", "Fakturanr", "Innbetaler"],
            ["05.03.2024", "1 250,50", "5002", long_name],
        )
        job = lambda: import_payments(workspace, path)  # noqa: E731
    with pytest.raises(VareflytError) as err:
        job()
    (issue,) = err.value.issues
    expected = (3, 2) if kind == "receivables" else (2, 4)
    assert (issue.code, issue.source.file, issue.source.sheet, issue.source.row, issue.source.column) == (
        "text.field_too_long",
        "lang.csv",
        "lang",
    ) + expected
    assert invoices(workspace) == before


def xlsx_by_hand(path, rows: list[list[str]]):
    """A one-sheet workbook written as raw XML; a cell "#1E+309" is a number cell holding that text."""

    def cell(r: int, c: int, v: str) -> str:
        ref = f"{chr(65 + c)}{r}"
        return (
            f'<c r="{ref}"><v>{v[1:]}</v></c>'
            if v.startswith("#")
            else f'<c r="{ref}" t="inlineStr"><is><t>{v}</t></is></c>'
        )

    body = "".join(
        f'<row r="{i}">' + "".join(cell(i, j, v) for j, v in enumerate(row)) + "</row>"
        for i, row in enumerate(rows, start=1)
    )
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-'
            'types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override '
            f'PartName="/xl/workbook.xml" ContentType="{ct}.sheet.main+xml"/><Override PartName="/xl/'
            f'worksheets/sheet1.xml" ContentType="{ct}.worksheet+xml"/></Types>',
        )
        z.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{pkg}"><Relationship Id="rId1" Type="{rel}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="Reskontro" '
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


def test_open_items_with_numbers_no_cell_should_hold(workspace, tmp_path):
    rows = [
        OPEN_HEAD + ["Kredittgrense"],
        ["#10001", "Ødegård Bygg AS", "#5001", "#45323", "#45352", "#1E+300", "#50000"],  # absurd amount
        ["#10002", "Åse Hansen", "#5002", "#45325", "#1E+309", "#1250.5", "#1E+309"],
    ]  # infinity as due date
    path = xlsx_by_hand(tmp_path / "tall.xlsx", rows)
    result = import_receivables(workspace, path, as_of=date(2024, 3, 1))
    assert not result.ok and invoices(workspace) == {}
    c = result.counts
    assert (c["rows_read"], c["imported"], c["rejected"], c["rows_with_errors"]) == (2, 0, 2, 2)
    errors = {(i.source.sheet, i.source.row, i.source.column): i for i in result.issues if i.is_error}
    assert set(errors) == {("Reskontro", 2, 6), ("Reskontro", 3, 5)}
    assert "urimelig stort" in errors[("Reskontro", 2, 6)].message
    credit = [i for i in result.issues if (i.source.row, i.source.column) == (3, 7)]
    assert [i.severity for i in credit] == [Severity.WARNING]


def test_payments_with_numbers_no_cell_should_hold(workspace, tmp_path):
    import_receivables(
        workspace, _csv(tmp_path / "apne.csv", OPEN_HEAD, ODEGARD, ASE), as_of=date(2024, 3, 1)
    )
    rows = [
        ["Dato", "Beløp", "KID", "Fakturanr", "Innbetaler"],
        ["#45356", "#1E+309", "", "5001", "Ødegård Bygg AS"],  # infinity: rejected
        ["#45356", "#1250.5", "1" * 40, "5002", "Åse Hansen"],
    ]  # KID of 40 digits
    result = import_payments(workspace, xlsx_by_hand(tmp_path / "bank.xlsx", rows))
    c = result.counts
    assert (c["rows_read"], c["imported"], c["rejected"], c["new"], c["matched_invoice"]) == (2, 1, 1, 1, 1)
    amount = [i for i in result.issues if (i.source.row, i.source.column) == (2, 2)]
    assert [i.severity for i in amount] == [Severity.ERROR]
    (kid,) = [i for i in result.issues if i.code == "payments.kid"]
    assert (kid.source.row, kid.source.column, kid.severity) == (3, 3, Severity.WARNING)
    assert invoices(workspace)["5002"] == Decimal("0.00")


def test_no_traceback_on_the_command_line(workspace, tmp_path):
    path = tmp_path / "lang.csv"
    path.write_text(
        ";".join(OPEN_HEAD) + '\r\n10001;"' + "x" * 140_000 + '";5001;01.02.2024;01.03.2024;100\r\n',
        encoding="utf-8",
    )
    out = CliRunner().invoke(
        app, ["receivables", "import", str(path), "--workspace", str(workspace.root), "--json"]
    )
    assert out.exit_code == 1 and not isinstance(out.exception, Exception)  # SystemExit only
    data = json.loads(out.stdout)
    assert data["ok"] is False and "Traceback" not in out.output
    (issue,) = data["issues"]
    assert issue["code"] == "text.field_too_long"
    assert {k: issue["source"][k] for k in ("file", "sheet", "row", "column")} == {
        "file": "lang.csv",
        "sheet": "lang",
        "row": 2,
        "column": 2,
    }
