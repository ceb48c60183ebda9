"""Add-in fixtures: a workspace made from the workbook templates (copied per test from one
built per session), ports on its workbooks, and small input files."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from vareflyt.config import default_toml
from vareflyt.excel.openpyxl_adapter import OpenpyxlWorkbook
from vareflyt.workspace import Workspace, init_workspace

DATA = Path(__file__).resolve().parents[1] / "data"
REPO = Path(__file__).resolve().parents[2]
OUR = "7080000000012"
SUPPLIER = "7080000000029"  # the supplier of tests/data/prices/jernvare.csv
CONFIG = (
    default_toml()
    .replace('name = "Min Byggevare AS"', 'name = "Byggmester Test AS"')
    .replace('gln = ""', f'gln = "{OUR}"', 1)
    .replace('orgnr = ""', 'orgnr = "923609016"', 1)
    .replace('bank_account = ""   # 11 siffer', 'bank_account = "12345678903"')
    + f'''
[partners."{SUPPLIER}"]
name = "Rørgrossisten AS"
edi = true
response_hours = 24
'''
)
PARTY_CSV = (
    "Partnernr;Navn;GLN;Org.nr.;Roller;Adresse;Postnr;Poststed;EDI;Aktiv\r\n"
    f"1002;Rørgrossisten AS;{SUPPLIER};987654325;Leverandør;Industriveien 4;0150;Oslo;ja;ja\r\n"
    "1003;Trelast Vest AS;7080000000036;998877660;SU;Kaigaten 1;5015;Bergen;nei;ja\r\n"
)
DUNNING_DAY = date(2024, 3, 8)


@pytest.fixture(scope="session")
def seed(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("seed") / "ws"
    init_workspace(root, config_text=CONFIG).close()
    return root


@pytest.fixture
def ws(seed, tmp_path, monkeypatch) -> Workspace:
    monkeypatch.delenv("VAREFLYT_WORKSPACE", raising=False)
    root = tmp_path / "butikk"
    shutil.copytree(seed, root)
    workspace = Workspace(root)
    yield workspace
    workspace.close()


@pytest.fixture
def party_file(tmp_path) -> Path:
    path = tmp_path / "parter.csv"
    path.write_bytes(PARTY_CSV.encode("utf-8"))
    return path


def purchasing(ws) -> OpenpyxlWorkbook:
    return OpenpyxlWorkbook(ws.purchasing_workbook)


def receivables(ws) -> OpenpyxlWorkbook:
    return OpenpyxlWorkbook(ws.receivables_workbook)


def table(path: Path, key: str):
    """A table as it is in the file now (a fresh reader)."""
    with OpenpyxlWorkbook(path) as book:
        return book.read_table(key)


def with_receivables(ws) -> None:
    from vareflyt.jobs.import_receivables import import_receivables

    import_receivables(ws, DATA / "receivables" / "open_items.csv", as_of=date(2024, 3, 1))
