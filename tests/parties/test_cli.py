"""``vareflyt parties import`` through the CLI: JSON contract, exit codes, and bad input that
leaves the parties untouched with one clear Norwegian message."""

from __future__ import annotations

import json
import zipfile

import pytest
from typer.testing import CliRunner

from vareflyt.cli.app import app

from .conftest import NORWEGIAN_HEADER, norwegian_sheet, store_snapshot, write_csv

runner = CliRunner()
COUNT_KEYS = {"rows_read", "imported", "rejected", "new", "changed", "unchanged", "expired", "deactivated"}


def run(ws, *args):
    return runner.invoke(app, ["parties", *args, "--workspace", str(ws.root)])


def test_import_json_contract_and_list(workspace, sheet_dir):
    path = norwegian_sheet(sheet_dir / "partnere.xlsx")
    result = run(workspace, "import", str(path), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["ok"] is True and set(data["counts"]) == COUNT_KEYS
    assert data["counts"]["new"] == 3 and len(data["changes"]) == 3
    assert all(set(i) == {"code", "severity", "message", "source"} for i in data["issues"])
    listed = run(workspace, "list", "--json")
    assert (
        listed.exit_code == 0
        and [p["name"] for p in json.loads(listed.stdout)["parties"]][0] == "Trelast Vest AS"
    )
    plain = run(workspace, "import", str(path))
    assert plain.exit_code == 0 and "allerede importert" in plain.stdout


def _empty(p):
    p.write_bytes(b"")


def _pdf(p):
    p.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n")


def _random(p):
    p.write_bytes(bytes(range(256)) * 20)


def _no_header(p):
    write_csv(p, [["Hei", "og", "hå"], ["1", "2", "3"]])


def _no_identity_column(p):
    write_csv(p, [["Navn", "Adresse", "E-post"], ["Trelast Vest AS", "Kaigaten 1", "a@b.no"]])


def _no_name_column(p):
    write_csv(p, [["GLN", "Orgnr", "E-post"], ["7080000000012", "923609016", "a@b.no"]])


def _header_only(p):
    write_csv(p, [NORWEGIAN_HEADER])


def _corrupt_xlsx(p):
    good = norwegian_sheet(p.with_name("good.xlsx"))
    p.write_bytes(good.read_bytes()[:700])


def _not_a_workbook_zip(p):
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("readme.txt", "dette er ikke et regneark")


def _password(p):
    p.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 504
        + "EncryptedPackage".encode("utf-16-le")
        + b"\x00" * 2048
    )


def _bad_encoding(p):
    p.write_bytes("Partnernr;Navn;GLN\r\n1;Trelast".encode("ascii") + b"\x81\x8d\x8f" + b";7080000000012\r\n")


BAD = {
    "tom.csv": _empty,
    "partnere.pdf": _pdf,
    "tilfeldig.xlsx": _random,
    "uten_overskrift.csv": _no_header,
    "uten_nokkel.csv": _no_identity_column,
    "uten_navn.csv": _no_name_column,
    "bare_overskrift.csv": _header_only,
    "odelagt.xlsx": _corrupt_xlsx,
    "zip.xlsx": _not_a_workbook_zip,
    "passord.xlsx": _password,
    "koding.csv": _bad_encoding,
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_exit_1_store_unchanged(workspace, sheet_dir, name):
    run(workspace, "import", str(norwegian_sheet(sheet_dir / "first.xlsx")))
    before = store_snapshot(workspace)
    path = sheet_dir / name
    BAD[name](path)
    result = run(workspace, "import", str(path), "--json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert data["ok"] is False and data["error"] and path.name in data["error"]
    assert "Traceback" not in result.output
    assert store_snapshot(workspace) == before
    assert any(q.name.endswith(name) for q in workspace.quarantine.iterdir())
    plain = run(workspace, "import", str(path))
    assert plain.exit_code == 1 and "Feil:" in plain.output


def test_missing_file_is_exit_1(workspace, sheet_dir):
    result = run(workspace, "import", str(sheet_dir / "finnes_ikke.xlsx"), "--json")
    assert result.exit_code == 1 and "Fant ikke filen" in json.loads(result.stdout)["error"]
