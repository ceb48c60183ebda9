"""The front ends call the same job: the ribbon's Send asks with the preview and then sends (no
means nothing leaves), and ``vareflyt send`` gives the JSON contract, ``--preview`` and ``--again``."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from vareflyt.addin import run
from vareflyt.cli.app import app
from vareflyt.excel.openpyxl_adapter import OpenpyxlWorkbook

from .conftest import NOW, config


def test_ribbon_send_asks_with_the_preview_then_sends(smtp, make_ws):
    ws = make_ws(config(smtp.port))
    assert run("send", OpenpyxlWorkbook(ws.purchasing_workbook), answers={"confirm": False}, now=NOW) is None
    assert smtp.messages == []
    result = run("send", OpenpyxlWorkbook(ws.purchasing_workbook), answers={"confirm": True}, now=NOW)
    assert result.counts["sent"] == 2 and len(smtp.messages) == 2


def test_cli_preview_json_send_and_again(smtp, make_ws):
    ws = make_ws(config(smtp.port), letters=False)
    cli = CliRunner()
    args = ["send", "--workspace", str(ws.root), "--date", "2026-03-02", "--json"]
    preview = json.loads(cli.invoke(app, args + ["--preview"]).stdout)
    assert preview["preview"] is True and [p["channel"] for p in preview["sending"]] == ["email"]
    smtp.refuse = "550 Ukjent mottaker"
    failed = cli.invoke(app, args)
    assert failed.exit_code == 0
    row = json.loads(failed.stdout)["sending"][0]
    assert row["status"] == "failed" and "550" in row["reason"]
    smtp.refuse = None
    again = cli.invoke(app, args + ["--again", str(row["id"])])  # a person: send it now, no waiting
    assert json.loads(again.stdout)["counts"]["sent"] == 1 and len(smtp.messages) == 1
    wrong = cli.invoke(app, args + ["--again", str(row["id"])])  # sent rows are never sent again
    assert wrong.exit_code == 2 and "kan ikke sendes på nytt" in json.loads(wrong.stdout)["error"]
    assert len(smtp.messages) == 1
