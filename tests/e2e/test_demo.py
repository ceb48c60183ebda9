"""End to end: `vareflyt demo` in a temporary folder, checked against the generator's manifest."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from vareflyt.cli.app import app
from vareflyt.demo import MANIFEST_NAME, DemoManifest, FileEntry
from vareflyt.workspace import Workspace

runner = CliRunner()
DATE = "2026-11-22"


def _manifest(root: Path) -> DemoManifest:
    data = json.loads((root / "demo-input" / MANIFEST_NAME).read_text(encoding="utf-8"))
    files = [FileEntry.from_dict(f) for f in data.pop("files")]
    data.pop("version")
    return DemoManifest(files=files, **data)


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("e2e") / "demo"
    result = runner.invoke(app, ["demo", str(root), "--articles", "600", "--date", DATE, "--json"])
    assert result.exit_code == 0, result.output
    return root, json.loads(result.stdout)


def test_demo_imports_every_file_as_the_manifest_says(demo_run):
    root, out = demo_run
    manifest = _manifest(root)
    assert out["ok"] is True
    read = sum(f.rows_read for f in manifest.files)
    rejected = sum(len(f.rejected) for f in manifest.files)
    assert out["counts"]["files"] == len(manifest.files)
    assert out["counts"]["rows_read"] == read
    assert out["counts"]["rejected"] == rejected
    assert out["counts"]["imported"] == read - rejected
    # one error issue per planted rejected row, each pointing at its file and row
    errors = {
        (Path(i["source"]["file"]).name, i["source"].get("row"))
        for i in out["issues"]
        if i["severity"] == "error"
    }
    for entry in manifest.files:
        for note in entry.rejected:
            assert (Path(entry.path).name, note.row) in errors, (entry.path, note)


def test_demo_store_and_workbook(demo_run):
    root, _ = demo_run
    ws = Workspace(root)
    manifest = _manifest(root)
    with ws.store.connect() as conn:
        n_parties = conn.execute(sa.text("select count(*) from parties")).scalar_one()
        n_versions = conn.execute(sa.text("select count(*) from price_versions")).scalar_one()
    ws.close()
    assert n_parties >= manifest.suppliers
    assert n_versions == sum(1 for f in manifest.files if f.kind == "prices")
    catalogue = pd.read_excel(root / "Innkjop.xlsx", sheet_name="Katalog", dtype=str)
    assert len(catalogue) > 0
    parties = pd.read_excel(root / "Innkjop.xlsx", sheet_name="Parter", dtype=str)
    assert len(parties) == n_parties


def test_demo_receivables_workbook_shows_the_ledger(demo_run):
    """Kunder, Innbetalinger and the Purreliste's history are filled from the store (issue 12 item 8)."""
    root, _ = demo_run
    ws = Workspace(root)
    with ws.store.connect() as conn:
        n_customers = conn.execute(sa.text("select count(*) from customers")).scalar_one()
        n_payments = conn.execute(sa.text("select count(*) from customer_payments")).scalar_one()
        n_events = conn.execute(sa.text("select count(*) from dunning_events")).scalar_one()
        days = conn.execute(sa.text("select count(distinct sent_on) from dunning_events")).scalar_one()
    ws.close()
    assert n_customers > 0 and n_payments > 0 and days > 1
    kunder = pd.read_excel(root / "Kundereskontro.xlsx", sheet_name="Kunder", dtype=str)
    assert len(kunder) == n_customers and kunder["Navn"].notna().all()
    paid = pd.read_excel(root / "Kundereskontro.xlsx", sheet_name="Innbetalinger", dtype=str)
    assert len(paid) == n_payments and paid["Beløp"].notna().all()
    listed = pd.read_excel(root / "Kundereskontro.xlsx", sheet_name="Purreliste")
    sent = listed["Laget"].dropna()
    assert len(sent) == n_events and sent.nunique() == days and sent.is_monotonic_decreasing


def test_demo_again_changes_nothing(demo_run):
    root, _ = demo_run
    result = runner.invoke(app, ["demo", str(root), "--articles", "600", "--date", DATE, "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["counts"]["imported"] == 0
    # every file is recognised as already imported: no new rows, no new rejections
    assert out["counts"]["rejected"] == 0
    assert out["issues"] and all(
        i["code"].endswith(("already_done", "already_imported")) for i in out["issues"]
    )
    assert out["counts"].get("nights", 0) == 0  # every simulated night was run before
    ws = Workspace(root)
    with ws.store.connect() as conn:
        versions = conn.execute(sa.text("select count(*) from price_versions")).scalar_one()
    ws.close()
    assert versions == sum(1 for f in _manifest(root).files if f.kind == "prices")


def _count(root: Path, sql: str) -> int:
    ws = Workspace(root)
    try:
        with ws.store.connect() as conn:
            return conn.execute(sa.text(sql)).scalar_one()
    finally:
        ws.close()


def test_demo_runs_the_nightly_batch_over_several_days(demo_run):
    root, out = demo_run
    nights = out["nights"]
    assert [n["date"] for n in nights] == [
        "2026-11-18",
        "2026-11-19",
        "2026-11-20",
        "2026-11-21",
        "2026-11-22",
    ]
    assert all(n["exit_code"] in (0, 1) for n in nights)  # no workbook locked, nothing crashed
    assert (
        nights[0]["went_out"] > 0 and nights[1]["came_in"] > 0
    )  # orders out, supplier answers read next night
    # the whole flow reached the store: orders, responses, packing slips, invoices, customers,
    # payments, notices
    assert _count(root, "select count(*) from purchase_orders where source = 'own'") >= 5
    assert _count(root, "select count(*) from order_responses") >= 5
    assert _count(root, "select count(*) from despatch_advices") >= 5
    assert _count(root, "select count(*) from supplier_invoices") >= 5
    assert _count(root, "select count(*) from customers") >= 100
    assert _count(root, "select count(*) from customer_payments") > 0
    assert _count(root, "select count(*) from dunning_events") > 0
    # every inbox file was taken in; none quarantined
    assert not [p for p in (root / "inbox").rglob("*") if p.is_file()]
    assert not list((root / "quarantine").glob("*.reason.txt"))
    # the morning reports and the sheet in the workbook
    assert (root / "rapporter" / "morgenrapport-2026-11-22.html").is_file()
    html = (root / "rapporter" / "morgenrapport-2026-11-19.html").read_text(encoding="utf-8")
    assert "Trenger en person" in html and "ORDRSP" in html
    report = pd.read_excel(
        root / "Innkjop.xlsx", sheet_name="Morgenrapport", header=None, dtype=str, engine="openpyxl"
    )
    assert report.iloc[0, 0] == "Morgenrapport"


def test_demo_rates_are_a_marked_assumption(demo_run):
    root, _ = demo_run
    text = (root / "rates.toml").read_text(encoding="utf-8")
    assert "start = 2026-07-01" in text and "confirmed = false" in text
    assert 'source = "demo: antatt sats, ikke bekreftet"' in text


def test_demo_invoice_control_flags_the_planted_price_and_nothing_else(demo_run):
    root, _ = demo_run
    ws = Workspace(root)
    with ws.store.connect() as conn:
        rows = conn.execute(
            sa.text(
                'select i.number, i.status, f."check" from supplier_invoices i '
                "left join invoice_findings f on f.invoice_id = i.id"
            )
        ).all()
    ws.close()
    flagged = {(number, check) for number, _, check in rows if check}
    assert flagged and {check for _, check in flagged} == {"l"}  # the invoice priced 7 % over the agreement
    assert len({number for number, _ in flagged}) == 1
    statuses = {number: status for number, status, _ in rows}
    (planted,) = {number for number, _ in flagged}
    assert statuses.pop(planted) == "deviation"
    assert statuses and set(statuses.values()) <= {"approved", "waiting"}
