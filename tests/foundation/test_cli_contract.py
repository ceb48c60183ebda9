"""The command-line contract: --json shape, exit codes, Norwegian messages."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from vareflyt.cli.app import app

runner = CliRunner()


def test_init_json_contract(tmp_path):
    result = runner.invoke(app, ["init", str(tmp_path / "w"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["ok"] is True
    assert set(data) >= {"ok", "counts", "issues", "outputs"}
    assert any(p.endswith("vareflyt.toml") for p in data["outputs"])


def test_missing_workspace_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.delenv("VAREFLYT_WORKSPACE", raising=False)
    monkeypatch.chdir(tmp_path)
    import pytest
    import typer

    from vareflyt.cli.common import run_command
    from vareflyt.workspace import find_workspace

    with pytest.raises(typer.Exit) as exc:
        run_command(lambda: find_workspace(), json_out=True)
    assert exc.value.exit_code == 2


def test_broken_config_exits_2_with_key(tmp_path):
    runner.invoke(app, ["init", str(tmp_path / "w")])
    cfg = tmp_path / "w" / "vareflyt.toml"
    cfg.write_text(
        cfg.read_text(encoding="utf-8").replace('language = "nb"', 'language = "fr"'), encoding="utf-8"
    )
    result = runner.invoke(app, ["init", str(tmp_path / "w"), "--json"])
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["ok"] is False and "company.language" in data["error"]


def test_version_and_help():
    assert runner.invoke(app, ["--version"]).stdout.startswith("vareflyt ")
    help_text = runner.invoke(app, ["--help"]).stdout
    assert "init" in help_text and "demo" in help_text


def test_text_with_square_brackets_is_printed_as_written(capsys):
    from vareflyt.cli.common import print_result
    from vareflyt.domain.issues import JobResult, Source, warning

    result = JobResult(summary="Importerte [red]prisliste[/red] [2026].xlsx")
    result.add(
        warning("x", "Kolonnen [Pris] ble ikke brukt", Source(file="liste [v2].xlsx", sheet="Ark1", row=3))
    )
    print_result(result, json_out=False)
    out = capsys.readouterr().out
    assert "[red]prisliste[/red] [2026].xlsx" in out
    assert "liste [v2].xlsx:Ark1 rad 3: Kolonnen [Pris] ble ikke brukt" in out
