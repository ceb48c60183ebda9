"""End to end: import, pay, run dunning over several dates; JSON contract, letters, idempotency."""

import io
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pypdf
import pytest
from typer.testing import CliRunner

from vareflyt.cli.app import app
from vareflyt.config import default_toml
from vareflyt.jobs.import_payments import import_payments
from vareflyt.jobs.import_receivables import import_receivables
from vareflyt.jobs.run_dunning import run_dunning
from vareflyt.workspace import init_workspace

DATA = Path(__file__).resolve().parents[1] / "data" / "receivables"
CONFIG = (
    default_toml()
    .replace('name = "Min Byggevare AS"', 'name = "Byggevare Ærlig AS"')
    .replace('bank_account = ""   # 11 siffer', 'bank_account = "12345678903"')
    + """
[dunning.customers."10099"]
hold = "Omtvistet levering"
"""
)


@pytest.fixture
def ws(tmp_path):
    ws = init_workspace(tmp_path / "ws", config_text=CONFIG)
    import_receivables(ws, DATA / "open_items.csv", as_of=date(2024, 3, 1))
    held = tmp_path / "held.csv"
    held.write_text(
        "Kundenr;Kundenavn;Kundetype;Fakturanr;Fakturadato;Forfall;Beløp\n"
        "10099;Tvist AS;B2B;9001;01.01.2024;15.01.2024;5000\n",
        encoding="utf-8",
    )
    # the second export contains everything: first file's rows plus the held customer
    combined = tmp_path / "all.csv"
    combined.write_text(
        (DATA / "open_items.csv").read_text(encoding="utf-8").rstrip("\n")
        + "\n10099;Tvist AS;B2B;;;;9001;01.01.2024;15.01.2024;5000;0;;NOK\n",
        encoding="utf-8",
    )
    import_receivables(ws, combined, as_of=date(2024, 3, 1))
    import_payments(ws, DATA / "camt054.xml")
    yield ws
    ws.close()


def _pdf_text(path: Path) -> str:
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages)


def test_run_sequence_json_letters_and_rerun(ws):
    first = run_dunning(ws, on=date(2024, 3, 8))
    reminders = first.extra["reminders"]
    assert {(r["customer"], r["level"]) for r in reminders} == {("10001", "reminder"), ("10003", "reminder")}
    assert all(isinstance(r[k], str) for r in reminders for k in ("principal", "fee", "interest", "total"))
    assert first.counts["hold"] == 1  # customer 10099 is on hold in vareflyt.toml
    rerun = run_dunning(ws, on=date(2024, 3, 8))
    assert rerun.extra["reminders"] == [] and rerun.counts["letters"] == 0

    second = run_dunning(ws, on=date(2024, 3, 25))
    b2b = next(r for r in second.extra["reminders"] if r["customer"] == "10001")
    # 10 000 due 01.12.2023 to 25.03.2024: 30 d at 11.75 %/365 + 85 d at 12.50 %/366
    # = 96.575 + 290.301 = 386.88; fee 35; compensation 460 (H2 2023) - 35 = 425
    assert (b2b["level"], b2b["interest"], b2b["fee"], b2b["compensation"], b2b["total"]) == (
        "dunning",
        "386.88",
        "35.00",
        "425.00",
        "10846.88",
    )
    text = _pdf_text(ws.root / b2b["letter"])
    text = " ".join(text.split())
    for needed in (
        "Purring",
        "10 000,00",
        "386,88",
        "35,00",
        "425,00",
        "10 846,88",
        "Ødegård Bygg AS",
        "Byggevare Ærlig AS",
        "1234.56.78903",
        "11,75 % per år fra 02.12.2023",
        "12,50 % per år fra 01.01.2024",
    ):
        assert needed in text, needed

    third = run_dunning(ws, on=date(2024, 4, 20))
    warn = next(r for r in third.extra["reminders"] if r["customer"] == "10001")
    assert warn["level"] == "inkassovarsel" and warn["fee"] == "70.00"
    text = _pdf_text(ws.root / warn["letter"])
    flat = " ".join(text.split())
    # sent 20.04.2024 + 14 days = Saturday 04.05 -> deadline Monday 06.05.2024
    assert "Inkassovarsel" in flat and "innen 14 dager fra dette varselet ble sendt" in flat
    assert "06.05.2024" in flat and "sendt til inkasso" in flat

    fourth = run_dunning(ws, on=date(2024, 5, 30))
    levels = {(r["customer"], r["level"]) for r in fourth.extra["reminders"]}
    assert ("10001", "collection") in levels and ("10002", "reminder") in levels
    collection = next(r for r in fourth.extra["reminders"] if r["level"] == "collection")
    assert collection["letter"].endswith("inkasso-2024-05-30.csv")
    assert "5001" in (ws.root / collection["letter"]).read_text(encoding="utf-8-sig")


def test_preview_records_nothing(ws):
    preview = run_dunning(ws, on=date(2024, 3, 8), preview=True)
    assert len(preview.extra["reminders"]) == 2
    # a preview is kept apart from what is sent: nothing in letters/<date>/ itself
    assert all(
        r["letter"].startswith("letters/2024-03-08/forhandsvisning/") for r in preview.extra["reminders"]
    )
    assert not list((ws.letters / "2024-03-08").glob("*.pdf"))
    real = run_dunning(ws, on=date(2024, 3, 8))
    without_letter = lambda rs: [{k: v for k, v in r.items() if k != "letter"} for r in rs]  # noqa: E731
    assert without_letter(real.extra["reminders"]) == without_letter(preview.extra["reminders"])
    assert all(
        (ws.root / r["letter"]).is_file() and "/forhandsvisning/" not in r["letter"]
        for r in real.extra["reminders"]
    )


def test_consumer_gets_reminder_without_fee_then_fee_after_deadline(ws):
    # 10002 (B2C): due 17.05.2024 (holiday) -> 21.05; day 10 = 31.05
    at_day_10 = run_dunning(ws, on=date(2024, 5, 31))
    consumer = next(r for r in at_day_10.extra["reminders"] if r["customer"] == "10002")
    assert consumer["level"] == "reminder" and consumer["fee"] == "0.00" and consumer["days_overdue"] == 10
    assert consumer["compensation"] == "0.00"
    later = run_dunning(ws, on=date(2024, 6, 15))  # reminder deadline 14.06 passed, day 25
    consumer = next(r for r in later.extra["reminders"] if r["customer"] == "10002")
    assert (
        consumer["level"] == "dunning" and consumer["fee"] == "35.00" and consumer["compensation"] == "0.00"
    )


def test_cli_json_contract_and_unlawful_policy(ws, tmp_path):
    runner = CliRunner()
    out = runner.invoke(
        app, ["dunning", "run", "--workspace", str(ws.root), "--date", "2024-03-08", "--json"]
    )
    assert out.exit_code == 0, out.output
    payload = json.loads(out.stdout)
    # the fields the contract had keep their names and meaning; new ones come beside them
    assert payload["ok"] and {
        "customer",
        "invoices",
        "level",
        "days_overdue",
        "principal",
        "fee",
        "interest",
        "compensation",
        "total",
        "letter",
    } <= set(payload["reminders"][0])
    assert {"new_fee", "level_nb", "interest_through", "credited"} <= set(payload["reminders"][0])
    bad = tmp_path / "bad"
    init_workspace(bad, config_text=CONFIG).close()
    (bad / "vareflyt.toml").write_text(
        CONFIG.replace("[dunning.dunning]\ndays_after_due = 21", "[dunning.dunning]\ndays_after_due = 10"),
        encoding="utf-8",
    )
    refused = runner.invoke(app, ["dunning", "run", "--workspace", str(bad), "--date", "2024-03-08"])
    assert refused.exit_code == 2 and "14 dager" in refused.output


def test_workspace_rates_file_adds_half_year(ws):
    (ws.root / "rates.toml").write_text(
        '[[half_year]]\nstart = 2030-01-01\ninterest = "10.00"\ncompensation = "500"\nsource = "test"\n'
        '[[inkassosats]]\nstart = 2030-01-01\namount = "800"\nsource = "test"\n',
        encoding="utf-8",
    )
    result = run_dunning(ws, on=date(2030, 1, 10), preview=True)
    b2b = next(r for r in result.extra["reminders"] if r["customer"] == "10001")
    assert b2b["level"] == "reminder" and Decimal(b2b["principal"]) == Decimal("10000.00")


def test_workbook_gets_dunning_list_and_aging_also_on_rerun(ws):
    from vareflyt.excel.openpyxl_adapter import OpenpyxlWorkbook

    run_dunning(ws, on=date(2024, 3, 8))
    run_dunning(ws, on=date(2024, 3, 8))  # re-run: nothing new, list still shows the day's letters
    book = OpenpyxlWorkbook(ws.receivables_workbook, "receivables")
    try:
        dunning = book.read_table("dunning_list")
        aging = book.read_table("aging")
    finally:
        book.close()
    assert sorted(dunning["invoice_no"]) == ["5001", "5004"] and set(dunning["level"]) == {"påminnelse"}
    total = aging[aging["customer_name"] == "Sum"].iloc[0]
    # open on 08.03.2024: 5001 10 000 (98 days), 5003 1 250.50 (not due),
    # 5004 40 000 (7 days), 9001 5 000 (53 days)
    assert total["days_over_90"] == Decimal("10000.00") and total["days_1_30"] == Decimal("40000.00")
    assert total["days_31_60"] == Decimal("5000.00") and total["not_due"] == Decimal("1250.50")
    assert total["total"] == Decimal("56250.50")
    # DSO: receivables 56 250.50 / invoiced in the 365 days to 08.03.2024 × 365; invoiced = 5001 10 000
    # + 5002 2 500 (paid, still a sale) + 5004 40 000 + 9001 5 000 = 57 500
    # (5003 is dated 03.05.2024) -> 357.06
    assert run_dunning(ws, on=date(2024, 3, 8), preview=True).extra["dso"] == "357.1"
    with OpenpyxlWorkbook(ws.receivables_workbook, "receivables") as book:
        invoices = book.read_table("invoices").set_index("invoice_no")
    assert invoices.loc["5001", "dunning_level"] == 1 and invoices.loc["5002", "status"] == "betalt"


def test_single_invoice_on_hold(ws):
    from vareflyt.workspace import Workspace

    ws.config_path.write_text(
        CONFIG + '\n[dunning.held_invoices]\n"5004" = "Kommunen har reklamert"\n', encoding="utf-8"
    )
    held = Workspace(ws.root)
    try:
        result = run_dunning(held, on=date(2024, 3, 8), preview=True)
    finally:
        held.close()
    assert [r["invoices"] for r in result.extra["reminders"]] == [["5001"]] and result.counts["hold"] == 2
