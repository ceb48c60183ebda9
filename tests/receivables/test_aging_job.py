"""``vareflyt receivables aging``: buckets per customer and in total, into the workbook and the
JSON result; a workbook open elsewhere keeps its table and the figures still come back."""

import json
from datetime import date
from decimal import Decimal

from typer.testing import CliRunner

from vareflyt.cli.app import app
from vareflyt.excel.openpyxl_adapter import OpenpyxlWorkbook
from vareflyt.jobs.aged_receivables import aged_receivables_report
from vareflyt.jobs.import_receivables import import_receivables

ON = date(2024, 3, 8)


def test_aging_per_customer_and_total_into_the_workbook(workspace, data_dir):
    import_receivables(workspace, data_dir / "open_items.csv", as_of=date(2024, 3, 1))
    result = aged_receivables_report(workspace, ON)
    assert result.ok and result.counts == {"customers": 3, "invoices": 4}
    total = result.extra["total"]
    assert (
        total["not_due"],
        total["days_1_30"],
        total["days_31_60"],
        total["days_61_90"],
        total["days_over_90"],
        total["total"],
    ) == ("1250.5", "40000", "2000", "0", "10000", "53250.5")
    first = result.extra["customers"][0]
    assert first["customer_no"] == "10001" and first["days_over_90"] == "10000" and first["total"] == "12000"
    assert "utestående 53 250,50 kr, herav forfalt 52 000,00 kr" in result.summary
    frame = OpenpyxlWorkbook(workspace.receivables_workbook, "receivables").read_table("aging")
    assert list(frame["customer_no"].fillna("")) == ["10001", "10002", "10003", ""]
    assert frame["total"].iloc[-1] == Decimal("53250.50")
    assert str(workspace.receivables_workbook) in result.outputs


def test_locked_workbook_keeps_its_table_and_the_figures_come_back(workspace, data_dir):
    import_receivables(workspace, data_dir / "open_items.csv", as_of=date(2024, 3, 1))
    before = workspace.receivables_workbook.read_bytes()
    workspace.receivables_workbook.with_name("~$" + workspace.receivables_workbook.name).write_text("owner")
    result = aged_receivables_report(workspace, ON)
    assert result.extra["total"]["total"] == "53250.5"
    assert [i.code for i in result.issues] == ["workbook.locked"] and result.outputs == []
    assert workspace.receivables_workbook.read_bytes() == before


def test_cli_json(workspace, data_dir):
    import_receivables(workspace, data_dir / "open_items.csv", as_of=date(2024, 3, 1))
    out = CliRunner().invoke(
        app, ["receivables", "aging", "--workspace", str(workspace.root), "--date", "2024-03-08", "--json"]
    )
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["ok"] and data["counts"]["customers"] == 3 and data["total"]["days_1_30"] == "40000"
    assert data["date"] == "2024-03-08"


def test_credit_limit_typed_in_kunder_is_used(workspace, data_dir):
    import_receivables(workspace, data_dir / "open_items.csv", as_of=date(2024, 3, 1))
    book = OpenpyxlWorkbook(workspace.receivables_workbook, "receivables")
    book.replace_rows("customers", [{"customer_no": "10001", "credit_limit": Decimal("20000")}])
    book.save()
    result = aged_receivables_report(workspace, ON)
    first = result.extra["customers"][0]
    assert first["customer_no"] == "10001" and first["credit_limit"] == "20000"
    frame = OpenpyxlWorkbook(workspace.receivables_workbook, "receivables").read_table("aging")
    assert frame["credit_use_pct"].iloc[0] == Decimal("60")
