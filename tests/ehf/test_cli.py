"""``vareflyt edi show`` and ``edi validate`` on EHF files: one command for EDIFACT and EHF."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from vareflyt.cli.app import app

DATA = Path(__file__).resolve().parents[1] / "data" / "ehf"
runner = CliRunner()


def run(*args):
    return runner.invoke(app, ["edi", *map(str, args)])


def test_show_prints_the_ehf_document_in_norwegian():
    res = run("show", DATA / "invoice_F-100233.xml")
    assert res.exit_code == 0, res.output
    out = res.output
    assert "EHF-faktura F-100233 (type 380): utstedt 10.11.2026, forfall 10.12.2026, valuta NOK" in out
    assert "Leverandør: Nordisk Gips og Bygg AS (NO)" in out
    assert "GLN 7080007654324 · org.nr. 912345688 · MVA-nr. NO912345688MVA" in out
    assert "Kjøper: Fjellbygg Trelast AS (NO)" in out
    assert "Ordre: 4500012345" in out and "Pakkseddel: DS-77001" in out
    assert "Betaling: konto 15032080119, KID 10023307, 30 dager, «30 dager netto»" in out
    assert "S 25 %: grunnlag 3 218,39, moms 804,60" in out and "S 15 %: grunnlag 219,60, moms 32,94" in out
    assert "å betale 4 275,00" in out and "øreavrunding -0,53" in out
    assert "not EDIFACT" not in out and "ikke EDIFACT" not in out


def test_show_json_gives_the_document_and_the_parties():
    res = run("show", DATA / "creditnote_K-100301.xml", "--json")
    assert res.exit_code == 0
    out = json.loads(res.output)
    assert (out["ok"], out["format"], out["kind"], out["accepted"]) == (True, "EHF", "CreditNote", True)
    assert out["document"]["kind"] == "credit_note" and out["document"]["credited_invoice"] == "F-100233"
    assert out["document"]["totals"]["rounding"] == "0.17"
    assert [p["role"] for p in out["parties"]] == ["supplier", "buyer"]
    assert out["counts"] == {"documents": 1, "lines": 2, "errors": 0, "warnings": 0}


def test_validate_accepts_a_good_ehf_and_refuses_a_bad_one(ehf_corpus):
    res = run("validate", DATA / "invoice_F-100233.xml")
    assert res.exit_code == 0 and "gyldig EHF-faktura F-100233" in res.output
    res = run("validate", ehf_corpus / "oasis_UBL-Invoice-2.0-Example-NS1.xml", "--json")
    assert res.exit_code == 1
    out = json.loads(res.output)
    assert (out["ok"], out["valid"], out["format"]) == (False, False, "EHF")
    assert {i["code"] for i in out["issues"]} == {"ehf.missing", "ehf.vat_rate"}


def test_show_of_a_refused_ehf_names_the_reason(ehf_corpus):
    res = run("show", ehf_corpus / "oasis_UBL-Invoice-2.0-Example-NS1.xml")
    assert res.exit_code == 0
    assert "avvist, se meldingene under" in res.output and "momssats (Percent) mangler" in res.output
    assert "Leverandør: Consortial (GB)" in res.output


def test_warnings_do_not_fail_validate(ehf_corpus):
    res = run("validate", ehf_corpus / "peppol_examples_base-example.xml", "--json")
    out = json.loads(res.output)
    assert res.exit_code == 0 and out["valid"] is True
    assert {i["code"] for i in out["issues"]} == {"ehf.gln", "ehf.gtin"}


def test_other_xml_is_refused_clearly(tmp_path, camt054_corpus):
    res = run("validate", camt054_corpus / "libeufin_gls_camt054.xml")
    assert res.exit_code == 1 and "camt.054" in res.output and "payments import" in res.output
    order = tmp_path / "order.xml"
    order.write_text("<Order xmlns='urn:oasis:names:specification:ubl:schema:xsd:Order-2'><ID>1</ID></Order>")
    res = run("show", order)
    assert res.exit_code == 1 and "«Order»" in res.output


def test_hostile_ehf_is_refused_without_a_traceback(tmp_path):
    evil = tmp_path / "xxe.xml"
    evil.write_text(
        '<?xml version="1.0"?><!-- ' + "x" * 5000 + " --><!DOCTYPE Invoice [<!ENTITY e SYSTEM "
        '"file:///etc/passwd">]><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">'
        "<ID>&e;</ID></Invoice>"
    )
    res = run("validate", evil)
    assert res.exit_code == 1 and "DOCTYPE" in res.output and "Traceback" not in res.output
    assert "root:" not in res.output
