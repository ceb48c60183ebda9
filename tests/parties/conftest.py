"""Helpers for party tests: write small party sheets as xlsx or csv, count store rows."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import sqlalchemy as sa

from vareflyt.store.tables.parties import parties, party_changes

GLN_A, GLN_B, GLN_C, GLN_D = "7080000000012", "7080000000029", "7080000000036", "7080000000043"
GLN_SE = "7350000000016"
ORG_A, ORG_B, ORG_C = "923609016", "987654325", "998877660"

NORWEGIAN_HEADER = [
    "Partnernr",
    "Navn",
    "GLN",
    "Org.nr.",
    "MVA-nr",
    "Roller",
    "Adresse",
    "Postnr",
    "Poststed",
    "E-post",
    "Kontonr",
    "EDI",
    "Aktiv",
]
NORWEGIAN_ROWS = [
    [
        "1001",
        "Trelast Vest AS",
        GLN_A,
        "923 609 016",
        "NO 923 609 016 MVA",
        "SU",
        "Kaigaten 1",
        "5015",
        "Bergen",
        "ordre@trelastvest.no",
        "8601.11.17947",
        "ja",
        "ja",
    ],
    [
        "1002",
        "Rørgrossisten AS",
        GLN_B,
        ORG_B,
        "",
        "Leverandør, transportør",
        "Industriveien 4",
        "0150",
        "Oslo",
        "post@ror.no",
        "",
        "nei",
        "ja",
    ],
    [
        "2001",
        "Byggmester Hansen",
        GLN_C,
        ORG_C,
        "",
        "BY, IV",
        "Storgata 9",
        "9008",
        "Tromsø",
        "",
        "",
        "nei",
        "ja",
    ],
]


def write_xlsx(path: Path, rows: list[list], sheet: str = "Ark1") -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def write_csv(path: Path, rows: list[list], *, sep: str = ";", encoding: str = "utf-8") -> Path:
    buf = io.StringIO()
    csv.writer(buf, delimiter=sep, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def norwegian_sheet(path: Path, rows: list[list] | None = None, title_rows: int = 2) -> Path:
    head = [["Partsliste fra Trelast Vest"], []][:title_rows]
    return write_xlsx(path, head + [NORWEGIAN_HEADER] + (NORWEGIAN_ROWS if rows is None else rows))


def store_snapshot(ws) -> tuple[list, list]:
    with ws.store.connect() as conn:
        return (
            conn.execute(sa.select(parties).order_by(parties.c.id)).all(),
            conn.execute(sa.select(party_changes).order_by(party_changes.c.id)).all(),
        )


@pytest.fixture
def sheet_dir(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    return folder
