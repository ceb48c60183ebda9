"""``vareflyt edi show`` and ``vareflyt edi validate``: output, JSON shape and exit codes."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from vareflyt.cli.app import app

from .conftest import DATA

runner = CliRunner()


def run(*args):
    return runner.invoke(app, ["edi", *map(str, args)])


def test_validate_valid_file_exits_0():
    res = run("validate", DATA / "neb_all_types.edi")
    assert res.exit_code == 0, res.output
    assert "gyldig" in res.output


def test_validate_lists_issues_and_exits_1():
    res = run("validate", DATA / "neb_faults.edi", "--json")
    assert res.exit_code == 1
    out = json.loads(res.output)
    assert out["ok"] is False and out["valid"] is False
    codes = {(i["code"], i["source"].get("message"), i["source"].get("segment")) for i in out["issues"]}
    assert ("edi.unz_count", None, None) in codes
    assert ("edi.value", 2, 3) in codes  # the bad invoice date: message 2, segment 3 (DTM)


def test_show_text_and_json():
    res = run("show", DATA / "neb_all_types.edi")
    assert res.exit_code == 0
    assert "Melding 2: INVOIC D:03A:UN" in res.output and "BGM+380+F-5001+9" in res.output
    res = run("show", DATA / "neb_all_types.edi", "--json")
    out = json.loads(res.output)
    ic = out["interchanges"][0]
    assert ic["control_ref"] == "1001" and [m["type"] for m in ic["messages"]][:2] == ["ORDERS", "INVOIC"]
    assert ic["messages"][0]["segments"][1] == ["BGM", "220", "PO-1001", "9"]
    assert ic["messages"][0]["document"]["number"] == "PO-1001"  # from the mappings' hook


def test_show_without_a_mapping_lists_segments_only(edifact_corpus):
    res = run("show", edifact_corpus / "release_char_edgecases_phpedifact.edi", "--json")
    assert json.loads(res.output)["interchanges"][0]["messages"][0]["document"] is None


def test_show_markup_in_data_is_printed_verbatim(tmp_path):
    f = tmp_path / "x.edi"
    f.write_bytes(
        b"UNB+UNOC:3+A+B+260301:1205+1'UNH+1+ORDERS:D:03A:UN'FTX+AAI+++[bold]x[/bold]'UNT+3+1'UNZ+1+1'"
    )
    res = run("show", f)
    assert res.exit_code == 0 and "[bold]x[/bold]" in res.output


def test_show_binary_file_is_rejected(tmp_path):
    f = tmp_path / "x.edi"
    f.write_bytes(bytes(range(256)))
    res = run("show", f, "--json")
    assert res.exit_code == 1
    assert json.loads(res.output)["issues"][0]["code"] == "edi.not_edifact"


def test_validate_corpus_file_with_wrong_unt(edifact_corpus):
    res = run("validate", edifact_corpus / "aperak_d96a_pydifact.edi")
    assert res.exit_code == 1 and "UNT oppgir 8 segmenter, meldingen har 7" in res.output


def test_missing_file_is_a_usage_error(tmp_path):
    assert run("show", tmp_path / "nope.edi").exit_code == 2
