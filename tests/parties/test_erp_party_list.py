"""Golden test of issue 14: a supplier list as an ERP exports it (title rows, party numbers as
numbers, organisation numbers with spaces), with a typo in one bank account and a later row
that repeats that supplier's GLN.

Before issue 14 the typo rejected "Nordisk Trelast AS" and "Dobbel GLN AS" was stored under
Nordisk's GLN (6 new, 2 rejected: the counts looked right, the wrong party was kept). Now a bad
bank account, e-mail or VAT number is only dropped with a warning at its cell, and two rows
giving the same GLN are both refused, each with an issue naming both rows — unless the store
already knows the GLN's owner by the partner number one of the rows carries.
"""

from __future__ import annotations

import sqlalchemy as sa
from openpyxl import Workbook
from openpyxl.styles import Font

from vareflyt.domain.issues import Severity
from vareflyt.jobs.import_parties import import_parties
from vareflyt.store.parties import load_parties
from vareflyt.store.tables.parties import party_changes

from .conftest import GLN_A, GLN_B, GLN_C, GLN_D, ORG_A, ORG_B, ORG_C

GLN_N, GLN_E = "7080000000050", "7080000000067"  # Nordisk Trelast, Byggsenter Øst
ORG_N, ORG_E, ORG_DOBBEL = "955555554", "922222223", "913579135"
HEADER = [
    "Lev.nr",
    "Navn",
    "GLN",
    "Org.nr.",
    "MVA-nr.",
    "Rolle",
    "Adresse",
    "Postnr",
    "Poststed",
    "E-post",
    "Bankkonto",
    "EDI",
]
#          A         B       C      D          E          F        G          H         I           J
#          K            L


def supplier_rows(nordisk_account: str = "1234.56.78901", dobbel: bool = True) -> list[list]:
    """Rows 5.. of the export; Nordisk (row 7) has an account with a wrong MOD11 digit."""
    rows = [
        [
            1001,
            "Trelast Vest AS",
            GLN_A,
            "923 609 016",
            "NO 923 609 016 MVA",
            "Leverandør",
            "Kaigaten 1",
            "5015",
            "Bergen",
            "ordre@trelastvest.no",
            "8601.11.17947",
            "Ja",
        ],
        [
            1002,
            "Rørgrossisten AS",
            GLN_B,
            ORG_B,
            None,
            "Leverandør",
            "Industriveien 4",
            "0150",
            "Oslo",
            "post@ror.no",
            None,
            "Nei",
        ],
        [
            1003,
            "Nordisk Trelast AS",
            GLN_N,
            "955 555 554",
            "NO955555554MVA",
            "Leverandør",
            "Sagveien 2",
            "2317",
            "Hamar",
            "ordre@nordisktrelast.no",
            nordisk_account,
            "Ja",
        ],
        [
            1004,
            "Maling og Farge AS",
            GLN_C,
            ORG_C,
            None,
            "Leverandør",
            "Fargeveien 8",
            "7041",
            "Trondheim",
            "ordre@malingfarge.no",
            "1503.20.80119",
            "Nei",
        ],
        [
            1005,
            "Vestlandsfrakt AS",
            GLN_D,
            None,
            None,
            "Transportør",
            "Fraktveien 9",
            "5257",
            "Kokstad",
            "booking@vestlandsfrakt.no",
            None,
            "Nei",
        ],
        [1006, "Feil GLN AS", "7080000000013", None, None, "Leverandør", None, None, None, None, None, "Nei"],
        [
            1007,
            "Byggsenter Øst AS",
            GLN_E,
            ORG_E,
            None,
            "Leverandør",
            "Bryggeveien 1",
            "1606",
            "Fredrikstad",
            "post@byggsenter-ost.no",
            None,
            "Nei",
        ],
    ]
    if dobbel:
        rows.append(
            [
                1008,
                "Dobbel GLN AS",
                GLN_N,
                ORG_DOBBEL,
                None,
                "Leverandør",
                "Et annet sted 5",
                "0580",
                "Oslo",
                "post@dobbel.no",
                None,
                "Nei",
            ]
        )
    return rows


def erp_export(path, rows, header=HEADER):
    """As an ERP writes its supplier list: a bold title, a printed-at line, a blank row, then the table."""
    wb = Workbook()
    sheet = wb.active
    sheet.title = "Leverandører"
    sheet.append(["Leverandørliste"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(["Byggmakker Hansen AS – utskrevet 02.03.2026 kl. 08:14"])
    sheet.append([])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    if header[0] == "Lev.nr":
        for r in range(5, 5 + len(rows)):
            sheet.cell(r, 1).number_format = "0"
    wb.save(path)
    return path


def stored(ws):
    with ws.store.connect() as conn:
        return {p.gln: p for p in load_parties(conn)}


def test_bad_account_is_dropped_and_both_rows_with_the_same_gln_are_refused(workspace, sheet_dir):
    result = import_parties(workspace, erp_export(sheet_dir / "leverandorer.xlsx", supplier_rows()))
    assert result.ok
    c = result.counts
    assert (c["rows_read"], c["imported"], c["rejected"], c["new"]) == (8, 5, 3, 5)
    assert c["rows_read"] == c["imported"] + c["rejected"]

    account = [i for i in result.issues if i.code == "party.account"]
    assert len(account) == 1 and account[0].severity is Severity.WARNING
    assert account[0].render().startswith("leverandorer.xlsx:Leverandører!K7: Kontonummer «1234.56.78901»")

    twins = [i for i in result.issues if i.code == "party.gln_twice"]
    assert [(i.source.row, i.source.column) for i in twins] == [(7, 3), (12, 3)]
    for issue in twins:
        assert "rad 7 (Nordisk Trelast AS) og rad 12 (Dobbel GLN AS)" in issue.message
        assert issue.severity is Severity.ERROR
    assert [i.source.row for i in result.issues if i.code == "party.gln"] == [10]

    parties = stored(workspace)
    assert GLN_N not in parties  # neither Nordisk nor the row that repeats its GLN
    assert sorted(p.party_no for p in parties.values()) == ["1001", "1002", "1004", "1005", "1007"]
    assert parties[GLN_A].orgnr == ORG_A and parties[GLN_C].bank_account == "15032080119"
    assert parties[GLN_D].roles == {"CA"}


def test_nordisk_alone_is_imported_without_its_account(workspace, sheet_dir):
    result = import_parties(
        workspace, erp_export(sheet_dir / "uten_dobbel.xlsx", supplier_rows(dobbel=False))
    )
    c = result.counts
    assert (c["rows_read"], c["imported"], c["rejected"], c["new"]) == (7, 6, 1, 6)
    nordisk = stored(workspace)[GLN_N]
    assert (nordisk.name, nordisk.party_no, nordisk.orgnr, nordisk.vat_no) == (
        "Nordisk Trelast AS",
        "1003",
        ORG_N,
        "NO955555554MVA",
    )
    assert nordisk.bank_account is None and nordisk.edi is True


def test_when_nordisk_is_stored_its_own_row_updates_it_and_the_twin_is_refused(workspace, sheet_dir):
    """Decision: when the GLN both rows give already belongs to a stored party, the row with that
    party's partner number is that party (updated as usual, the bad account dropped) and the
    other row is refused for taking its GLN, naming the row that owns it."""
    first = import_parties(
        workspace,
        erp_export(sheet_dir / "januar.xlsx", supplier_rows(nordisk_account="1503.20.80119", dobbel=False)),
    )
    assert first.counts["new"] == 6
    rows = supplier_rows()
    rows[2][9] = "faktura@nordisktrelast.no"  # Nordisk's e-mail changed in the ERP as well
    result = import_parties(workspace, erp_export(sheet_dir / "mars.xlsx", rows))
    c = result.counts
    assert (c["rows_read"], c["imported"], c["rejected"], c["new"], c["changed"], c["unchanged"]) == (
        8,
        6,
        2,
        0,
        1,
        5,
    )
    (taken,) = [i for i in result.issues if i.code == "party.gln_taken"]
    assert taken.render() == (
        f"mars.xlsx:Leverandører!C12: GLN {GLN_N} tilhører allerede Nordisk Trelast AS "
        f"(partnernr 1003) (rad 7 i filen)"
    )
    nordisk = stored(workspace)[GLN_N]
    assert (nordisk.email, nordisk.bank_account) == ("faktura@nordisktrelast.no", "15032080119")
    assert all(p.name != "Dobbel GLN AS" for p in stored(workspace).values())


def test_without_partner_numbers_twins_leave_the_stored_party_as_it_was(workspace, sheet_dir):
    """A list keyed by GLN alone cannot say which row is the stored party: both are refused."""
    no_numbers = [row[1:] for row in supplier_rows(nordisk_account="1503.20.80119", dobbel=False)]
    header = HEADER[1:]
    import_parties(workspace, erp_export(sheet_dir / "januar.xlsx", no_numbers, header))
    before = stored(workspace)[GLN_N]
    rows = [row[1:] for row in supplier_rows()]
    rows[2][8] = "faktura@nordisktrelast.no"
    result = import_parties(workspace, erp_export(sheet_dir / "mars.xlsx", rows, header))
    c = result.counts
    assert (c["imported"], c["rejected"], c["changed"], c["unchanged"]) == (5, 3, 0, 5)
    twins = [i for i in result.issues if i.code == "party.gln_twice"]
    assert [(i.source.row, i.source.column) for i in twins] == [(7, 2), (12, 2)]
    assert all(
        "Den lagrede parten Nordisk Trelast AS (GLN 7080000000050) er ikke endret" in i.message for i in twins
    )
    assert stored(workspace)[GLN_N] == before


def test_a_dropped_detail_keeps_the_stored_value_while_the_rest_is_updated(workspace, sheet_dir):
    import_parties(
        workspace,
        erp_export(sheet_dir / "januar.xlsx", supplier_rows(nordisk_account="1503.20.80119", dobbel=False)),
    )
    rows = supplier_rows(dobbel=False)  # Nordisk's account now has a typo ...
    rows[2][6] = "Sagveien 4"  # ... and it moved
    rows[0][9] = "ordre(at)trelastvest.no"  # Trelast Vest's e-mail and VAT number are broken
    rows[0][4] = "NO 923 609 017 MVA"
    result = import_parties(workspace, erp_export(sheet_dir / "mars.xlsx", rows))
    c = result.counts
    assert (c["imported"], c["rejected"], c["changed"], c["unchanged"]) == (6, 1, 1, 5)
    warnings = {
        (i.code, i.source.row, i.source.column) for i in result.issues if i.severity is Severity.WARNING
    }
    assert warnings == {("party.account", 7, 11), ("party.email", 5, 10), ("party.vat", 5, 5)}
    parties = stored(workspace)
    nordisk, trelast = parties[GLN_N], parties[GLN_A]
    assert (nordisk.address, nordisk.bank_account) == ("Sagveien 4", "15032080119")
    assert (trelast.email, trelast.vat_no) == ("ordre@trelastvest.no", "NO923609016MVA")
    with workspace.store.connect() as conn:
        fields = (
            conn.execute(sa.select(party_changes.c.field).where(party_changes.c.event == "changed"))
            .scalars()
            .all()
        )
    assert fields == ["address"]
