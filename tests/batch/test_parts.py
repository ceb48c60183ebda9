"""The batch's parts on their own: recognising inbox files, the [batch] settings, the JSON
log and its rotation, the schedules (and that batch/ holds them), and batch status."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vareflyt.cli.app import app
from vareflyt.config import ConfigError
from vareflyt.config.batch import parse
from vareflyt.jobs.nightly import batch_status
from vareflyt.jobs.nightly.inbox import scan
from vareflyt.jobs.nightly.runlog import RunLog, read_events
from vareflyt.jobs.nightly.schedule import detect, render
from vareflyt.workspace import Workspace

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = {
    "cron": ("/srv/vareflyt/butikk", "/opt/vareflyt/.venv/bin/vareflyt"),
    "systemd": ("/srv/vareflyt/butikk", "/opt/vareflyt/.venv/bin/vareflyt"),
    "windows": (r"C:\Vareflyt\Butikk", r"C:\Vareflyt\.venv\Scripts\vareflyt.exe"),
}


def test_inbox_files_are_recognised_by_content(prepared):
    ws = Workspace(prepared)
    try:
        files, broken = scan(ws)
    finally:
        ws.close()
    kinds = {f.path.name: f for f in files}
    assert broken == {}
    assert kinds["apne_poster.xlsx"].kind == "receivables"
    assert kinds["partnere_nye.csv"].kind == "parties"
    assert (
        kinds["nye_priser.csv"].kind == "prices"
        and kinds["nye_priser.csv"].supplier == kinds["nye_priser.csv"].path.parent.name
    )
    assert next(f for n, f in kinds.items() if n.startswith("camt054")).kind == "payments"
    edi = [f for n, f in kinds.items() if n.startswith(("ORDRSP", "DESADV"))]
    assert edi and all(f.kind == "edi" and f.doc_type in ("ORDRSP", "DESADV") for f in edi)
    # arrival order: the order response of an order before its packing slip
    names = [f.path.name for f in files]
    assert names.index("ORDRSP_7022963000005_OB100001.edi") < names.index(
        "DESADV_7022963000005_PS100001-1.edi"
    )


def test_pricat_is_a_price_list_and_unknown_files_wait(workspace):
    (workspace.inbox / "prices.edi").write_bytes(
        b"UNA:+.? 'UNB+UNOC:3+7080000000029:14+7080000000012:14+"
        b"261120:0100+1'UNH+1+PRICAT:D:03A:UN'BGM+9+1+9'"
    )
    (workspace.inbox / "notat.txt").write_text("hei, her er prisene\n", encoding="utf-8")
    (workspace.inbox / "tom.csv").write_bytes(b"")
    files = {f.path.name: f for f in scan(workspace)[0]}
    assert files["prices.edi"].kind == "prices" and files["prices.edi"].doc_type == "PRICAT"
    assert "ukjent leverandør" in files["prices.edi"].problem  # the sender is no partner here
    assert files["notat.txt"].kind == "unknown" and files["tom.csv"].kind == "unknown"


def test_batch_settings_are_checked():
    assert parse({}).wait_seconds == 0 and parse({"skip_steps": ["dunning"]}).skip_steps == ("dunning",)
    for bad in ({"skip_steps": ["purring"]}, {"log_files": 0}, {"report_folder": "../ut"}, {"wait": 5}):
        with pytest.raises(ConfigError):
            parse(bad)


def test_the_json_log_rotates_and_keeps_n_files(tmp_path):
    for n in range(3):
        log = RunLog(tmp_path, f"run{n}", max_mb=1, keep=3)
        for i in range(4000):
            log.event("file.done", file=f"f{i}.edi", counts={"lines": i}, note="x" * 200)
        try:
            raise ValueError("boom")
        except ValueError as exc:
            log.error("crashed", exc, step="edi")
        log.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["batch.jsonl", "batch.jsonl.1", "batch.jsonl.2"]
    events = read_events(tmp_path, "run2")
    assert events[-1]["event"] == "crashed" and "ValueError: boom" in events[-1]["traceback"]
    assert all(
        json.loads(line) for line in (tmp_path / "batch.jsonl").read_text(encoding="utf-8").splitlines()
    )


@pytest.mark.parametrize("kind", sorted(EXAMPLES))
def test_batch_folder_holds_the_rendered_schedules(kind):
    for name, text in render(kind, *EXAMPLES[kind]):
        assert (REPO / "batch" / name).read_text(encoding="utf-8") == text, name


def test_schedule_fits_the_machine_and_names_the_workspace(workspace):
    assert detect("win32") == "windows" and detect("darwin") == "cron"
    assert detect("linux", systemd=True) == "systemd" and detect("linux", systemd=False) == "cron"
    out = CliRunner().invoke(
        app, ["batch", "schedule", "--print", "--kind", "cron", "--workspace", str(workspace.root)]
    )
    assert out.exit_code == 0
    line = [x for x in out.stdout.splitlines() if not x.startswith("#") and x.strip()][0]
    assert line.startswith("30 2 * * * ") and f"--workspace {workspace.root}" in line and "batch run" in line
    xml = render("windows", r"C:\Butikk & Co", r"C:\v\vareflyt.exe")[0][1]
    assert "C:\\Butikk &amp; Co" in xml


def test_status_shows_runs_an_interrupted_run_and_open_items(workspace):
    from datetime import date

    from vareflyt.jobs.nightly import run_batch

    (workspace.inbox / "skannet.pdf").write_bytes(b"%PDF-1.4")
    result = run_batch(workspace, on=date(2026, 11, 20))
    assert result.extra["exit_code"] == 1
    log = RunLog(workspace.private / "logs", "killed-run")
    log.event("run.start", date="2026-11-21")
    log.close()
    status = batch_status(workspace)
    runs = status.extra["runs"]
    assert [r["status"] for r in runs][:2] == ["interrupted", "attention"]
    assert any("skannet.pdf" in i["message"] for i in status.extra["open_items"])
    assert any("skannet.pdf" in i["message"] for i in status.extra["current_items"])
    out = CliRunner().invoke(app, ["batch", "status", "--workspace", str(workspace.root)])
    assert out.exit_code == 0 and "avbrutt" in out.stdout


def test_a_pricat_from_a_partner_needs_no_folder(prepared, tmp_path):
    import shutil

    root = tmp_path / "ws"
    shutil.copytree(prepared, root)
    ws = Workspace(root)
    try:
        partner = sorted(ws.config.partners)[3]
        (ws.inbox / "katalog.edi").write_bytes(
            f"UNA:+.? 'UNB+UNOC:3+{partner}:14+7080000000012:14+261120:0100+1'"
            f"UNH+1+PRICAT:D:03A:UN'BGM+9+1+9'".encode("latin-1")
        )
        found = next(f for f in scan(ws)[0] if f.path.name == "katalog.edi")
    finally:
        ws.close()
    assert found.kind == "prices" and found.supplier == partner and found.problem is None


def test_a_pricat_in_a_supplier_folder_is_imported_by_the_batch(workspace):
    from datetime import date

    from vareflyt.jobs.nightly import run_batch

    golden = REPO / "tests" / "data" / "edi_golden" / "pricat.edi"
    folder = workspace.inbox / "7080000000029"
    folder.mkdir()
    (folder / "pricat.edi").write_bytes(golden.read_bytes())
    result = run_batch(workspace, on=date(2026, 12, 2))  # the PRICAT is valid from 01.12.2026 (DTM+157)
    prices = [c for c in result.extra["came_in"] if c["kind"] == "prices"]
    assert len(prices) == 1 and prices[0]["partner"] == "7080000000029" and prices[0]["status"] == "ok"
    assert not folder.joinpath("pricat.edi").exists()
    from vareflyt.excel.openpyxl_adapter import OpenpyxlWorkbook

    catalogue = OpenpyxlWorkbook(workspace.purchasing_workbook).read_table("catalogue")
    assert set(catalogue["supplier_gln"]) == {"7080000000029"}  # refreshed once, by the tables step


def test_a_withdrawn_price_list_dropped_again_is_imported_again(workspace):
    from datetime import date

    from vareflyt.jobs.nightly import run_batch
    from vareflyt.jobs.withdraw_prices import withdraw_prices

    pricat = (REPO / "tests" / "data" / "edi_golden" / "pricat.edi").read_bytes()
    folder = workspace.inbox / "7080000000029"
    folder.mkdir()
    (folder / "pricat.edi").write_bytes(pricat)
    run_batch(workspace, on=date(2026, 12, 2))
    (folder / "pricat.edi").write_bytes(pricat)  # the same file again: a replay changes nothing
    replay = run_batch(workspace, on=date(2026, 12, 3), force=True)
    assert [c["status"] for c in replay.extra["came_in"] if c["kind"] == "prices"] != ["ok"]
    assert withdraw_prices(workspace, "7080000000029", 1).ok
    (folder / "pricat.edi").write_bytes(pricat)  # withdrawn, then sent again: taken in
    again = run_batch(workspace, on=date(2026, 12, 4), force=True)
    assert [c["status"] for c in again.extra["came_in"] if c["kind"] == "prices"] == ["ok"]


def test_a_price_list_waiting_for_approval_needs_a_person(workspace):
    from datetime import date

    from vareflyt.jobs.nightly import run_batch

    text = workspace.config_path.read_text(encoding="utf-8")
    workspace.config_path.write_text(
        text.replace("approve_before_use = false", "approve_before_use = true"), encoding="utf-8"
    )
    workspace.__dict__.pop("config", None)
    folder = workspace.inbox / "7080000000029"
    folder.mkdir()
    (folder / "pricat.edi").write_bytes((REPO / "tests" / "data" / "edi_golden" / "pricat.edi").read_bytes())
    result = run_batch(workspace, on=date(2026, 11, 20))
    waiting = [a for a in result.extra["attention"] if a["kind"] == "price.awaiting_approval"]
    assert (
        len(waiting) == 1
        and "vareflyt prices approve --supplier 7080000000029 --version 1" in waiting[0]["message"]
    )


def test_a_broken_batch_setting_stops_the_run_with_exit_code_2(workspace):
    text = workspace.config_path.read_text(encoding="utf-8").replace(
        "wait_seconds = 0", 'wait_seconds = "lenge"'
    )
    workspace.config_path.write_text(text, encoding="utf-8")
    out = CliRunner().invoke(app, ["batch", "run", "--workspace", str(workspace.root)])
    assert out.exit_code == 2 and "wait_seconds" in out.output


def test_the_report_summarises_many_open_items(ws_copy):
    from datetime import date

    from vareflyt.jobs.nightly import run_batch

    root = ws_copy()
    ws = Workspace(root)
    try:
        for n in range(12):
            (ws.inbox / f"skann_{n}.pdf").write_bytes(b"%PDF-1.4")
        run_batch(ws, on=date(2026, 11, 20))
    finally:
        ws.close()
    html = (root / "rapporter" / "morgenrapport.html").read_text(encoding="utf-8")
    assert "Fil i inbox: 12" in html and "skann_11.pdf" in html
