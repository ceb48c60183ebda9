"""Files vareflyt only wrote are not called sent (issue 16 item 7): the dunning help and an
empty morning report say "laget", since no transport has confirmed anything."""

from __future__ import annotations

from datetime import date, datetime

from typer.testing import CliRunner

from vareflyt.cli.app import app
from vareflyt.letters.render import render


def test_dunning_help_does_not_call_written_letters_sent():
    result = CliRunner().invoke(app, ["dunning", "run", "--help"], terminal_width=200)
    assert result.exit_code == 0
    assert "sendt" not in result.output and "registrere purringene" in result.output


def test_morning_report_without_output_says_nothing_was_made():
    report = {
        "date": date(2026, 3, 4),
        "generated": datetime(2026, 3, 4, 6),
        "locked": [],
        "notes": [],
        "runs": [],
        "steps": [],
        "workspace": "/butikk",
    }
    html = render(
        "morning_report",
        "nb",
        report=report,
        company={"name": "Byggmester Test AS"},
        came_in=[],
        went_out=[],
        attention=[],
        attention_summary=[],
        pictures=[],
    )
    assert "Ingenting ble laget eller sendt." in html and "Ingenting ble sendt." not in html
