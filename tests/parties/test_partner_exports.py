"""Party lists as other systems write them (round S9-A): shapes the other party tests do not hold.

Workbooks are written here with openpyxl as an ERP's export or a person's own sheet has them,
and imported through ``import_parties``, the job ``vareflyt parties import`` calls.
"""

from __future__ import annotations

from openpyxl import Workbook

from vareflyt.jobs.import_parties import import_parties
from vareflyt.store.parties import load_parties

from .conftest import GLN_A, GLN_B, GLN_C, ORG_A, ORG_B, ORG_C

HEADER = ["Kundenr", "Navn", "GLN", "Org.nr", "Roller", "Poststed"]


def test_a_second_sheet_of_parties_is_named_not_passed_over_in_silence(workspace, sheet_dir):
    """An export with customers on one sheet and suppliers on the next: one sheet is read, and
    the import says which other sheet holds parties it did not read, at that sheet's header."""
    wb = Workbook()
    customers = wb.active
    customers.title = "Kunder"
    for row in (
        HEADER,
        ["1001", "Byggmester Hansen AS", GLN_C, ORG_C, "kjøper", "Tromsø"],
        ["1002", "Malermester Berg AS", None, ORG_B, "kjøper", "Bodø"],
    ):
        customers.append(row)
    suppliers = wb.create_sheet("Leverandører")
    suppliers.append(["Leverandørliste pr. 01.12.2026"])
    suppliers.append([])
    for row in (
        ["Lev.nr", "Navn", "GLN", "Org.nr", "Roller", "Poststed"],
        ["2001", "Trelast Vest AS", GLN_A, ORG_A, "leverandør", "Bergen"],
        ["2002", "Rørgrossisten AS", GLN_B, None, "leverandør", "Oslo"],
    ):
        suppliers.append(row)
    path = sheet_dir / "parter.xlsx"
    wb.save(path)
    result = import_parties(workspace, path)
    assert result.counts["rows_read"] == 2 and result.counts["new"] == 2
    (other,) = [i for i in result.issues if i.code == "header.other_sheet"]
    assert (other.source.sheet, other.source.row) == ("Leverandører", 3)
    assert "«Leverandører»" in other.message and "bare arket «Kunder» er lest" in other.message
    with workspace.store.connect() as conn:
        assert {p.name for p in load_parties(conn)} == {"Byggmester Hansen AS", "Malermester Berg AS"}


def test_a_foreign_organisation_number_leaves_the_party_in_without_it(workspace, sheet_dir):
    """A supplier list with Swedish and Danish suppliers: their organisation numbers (556036-0793,
    a Danish CVR number with the country DK) are not Norwegian ones gone wrong. The party is
    imported without it, known by its partner number, with a warning at the cell. A Norwegian
    number with a typo still refuses its row, as before."""
    wb = Workbook()
    sheet = wb.active
    for row in (
        ["Lev.nr", "Navn", "Org.nr", "Land", "Roller"],
        ["3001", "Skruvgrossisten AB", "556036-0793", "Sverige", "leverantör"],
        ["3002", "Dansk Træ A/S", "13585628", "DK", "leverandør"],
        ["3003", "Svensk Bygg AB", "556036-0793", None, "leverantör"],
        ["3004", "Trelast Vest AS", ORG_A, "Norge", "leverandør"],
        ["3005", "Feiltastet AS", "923609017", "NO", "leverandør"],
    ):
        sheet.append(row)
    path = sheet_dir / "leverandorer.xlsx"
    wb.save(path)
    result = import_parties(workspace, path)
    assert result.counts["rows_read"] == 5 and result.counts["new"] == 4 and result.counts["rejected"] == 1
    foreign = {i.source.row: i.message for i in result.issues if i.code == "party.org_number_foreign"}
    assert foreign.keys() == {2, 3, 4}
    assert "svensk" in foreign[2] and "fra DK" in foreign[3] and "partnernr" in foreign[2]
    (typo,) = [i for i in result.issues if i.code == "party.org_number"]
    assert typo.source.row == 6
    with workspace.store.connect() as conn:
        stored = {p.party_no: p for p in load_parties(conn)}
    assert stored["3001"].orgnr is None and stored["3001"].country == "SE"
    assert stored["3004"].orgnr == ORG_A and "3005" not in stored


def test_role_abbreviations_as_erp_lists_write_them(workspace, sheet_dir):
    """The role column of a Norwegian ERP's party list: "Lev.", "Fakt.mottaker", "Lev.sted",
    "Transp." and plurals are the roles they abbreviate, not unknown words dropped."""
    wb = Workbook()
    sheet = wb.active
    for row in (
        ["Partnernr", "Navn", "GLN", "Rolle"],
        ["10", "Trelast Vest AS", GLN_A, "Lev."],
        ["11", "Byggmester Hansen AS", GLN_C, "Kunde, Fakt.mottaker"],
        ["12", "Hansen lager Tromsø", GLN_B, "Lev.sted"],
        ["13", "Nordfrakt AS", None, "Transp."],
    ):
        sheet.append(row)
    path = sheet_dir / "partsliste.xlsx"
    wb.save(path)
    result = import_parties(workspace, path)
    assert result.counts["new"] == 4 and not [i for i in result.issues if i.code == "party.role"]
    with workspace.store.connect() as conn:
        roles = {p.party_no: p.roles for p in load_parties(conn)}
    assert roles == {"10": {"SU"}, "11": {"BY", "IV"}, "12": {"DP"}, "13": {"CA"}}


def test_a_csv_written_from_float_columns_and_outlook_addresses(workspace, sheet_dir):
    """A CSV a script wrote from a table whose number columns held gaps (pandas makes them floats
    and writes "7080000000029.0", "1001.0", "150.0"), with e-mail addresses copied from Outlook
    ("Ola Nordmann <ola@firma.no>", a mailto: link): the GLN, partner number and postcode are the
    whole numbers, the addresses the addresses alone."""
    rows = [
        "Partnernr;Navn;GLN;Postnr;Poststed;E-post",
        f"1001.0;Trelast Vest AS;{GLN_A}.0;5015.0;Bergen;Ola Nordmann <ola@trelastvest.no>",
        '1002.0;Rørgrossisten AS;;150.0;Oslo;"""Rør, faktura"" <faktura@ror.no>; mailto:post@ror.no"',
    ]
    path = sheet_dir / "parter_fra_skript.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = import_parties(workspace, path)
    assert result.counts["new"] == 2 and result.counts["rejected"] == 0
    assert not [i for i in result.issues if i.code in ("party.gln", "party.email")]
    with workspace.store.connect() as conn:
        stored = {p.party_no: p for p in load_parties(conn)}
    assert stored.keys() == {"1001", "1002"}
    assert stored["1001"].gln == GLN_A and stored["1001"].email == "ola@trelastvest.no"
    assert stored["1002"].postcode == "0150" and stored["1002"].email == "faktura@ror.no; post@ror.no"


def test_excel_error_values_in_a_party_sheet_are_not_names_or_addresses(workspace, sheet_dir):
    """A party sheet a person built with lookups (openpyxl writes "#N/A" as Excel's error value):
    a party whose name lookup failed is refused at that cell, not stored as "#N/A"; a failed
    e-mail lookup is left out and the party imported."""
    wb = Workbook()
    sheet = wb.active
    for row in (
        ["Partnernr", "Navn", "GLN", "E-post"],
        ["20", "#N/A", GLN_A, "ordre@trelastvest.no"],
        ["21", "Rørgrossisten AS", GLN_B, "#N/A"],
    ):
        sheet.append(row)
    path = sheet_dir / "oppslag.xlsx"
    wb.save(path)
    result = import_parties(workspace, path)
    assert result.counts["new"] == 1 and result.counts["rejected"] == 1
    unread = {(i.source.row, i.source.field): i for i in result.issues if i.code == "party.unreadable"}
    assert unread.keys() == {(2, "name"), (3, "email")}
    assert unread[2, "name"].is_error and "#N/A" in unread[2, "name"].message
    assert not unread[3, "email"].is_error
    with workspace.store.connect() as conn:
        stored = {p.party_no: p for p in load_parties(conn)}
    assert stored.keys() == {"21"} and stored["21"].email is None
