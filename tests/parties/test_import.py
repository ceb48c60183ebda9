"""The party import job end to end on real files: header mapping, encodings, counts, changes,
deactivation, GLN conflicts, idempotency and the processing log."""

from __future__ import annotations

import sqlalchemy as sa

from vareflyt.jobs.import_parties import import_parties, partner_trades_edi
from vareflyt.store.parties import load_parties, party_history
from vareflyt.store.tables.core import processing_log

from .conftest import (
    GLN_A,
    GLN_B,
    GLN_C,
    GLN_D,
    GLN_SE,
    NORWEGIAN_HEADER,
    NORWEGIAN_ROWS,
    ORG_A,
    ORG_B,
    norwegian_sheet,
    store_snapshot,
    write_csv,
    write_xlsx,
)


def by_gln(ws):
    with ws.store.connect() as conn:
        return {p.gln: p for p in load_parties(conn)}


def counts_of(result):
    c = result.counts
    assert c["rows_read"] == c["imported"] + c["rejected"]
    assert c["imported"] == c["new"] + c["changed"] + c["unchanged"] + c["deactivated"]
    return c


def test_norwegian_xlsx_with_title_rows(workspace, sheet_dir):
    result = import_parties(workspace, norwegian_sheet(sheet_dir / "partnere.xlsx"))
    assert result.ok, [i.render() for i in result.issues]
    assert counts_of(result) == {
        "rows_read": 3,
        "imported": 3,
        "rejected": 0,
        "new": 3,
        "changed": 0,
        "unchanged": 0,
        "expired": 0,
        "deactivated": 0,
    }
    parties = by_gln(workspace)
    trelast = parties[GLN_A]
    assert (trelast.party_no, trelast.orgnr, trelast.vat_no) == ("1001", ORG_A, "NO923609016MVA")
    assert trelast.bank_account == "86011117947" and trelast.edi and trelast.active
    assert parties[GLN_B].roles == {"SU", "CA"} and parties[GLN_B].postcode == "0150"
    assert parties[GLN_C].roles == {"BY", "IV"} and parties[GLN_C].city == "Tromsø"
    assert [e.event for e in party_history_of(workspace, GLN_A)] == ["new"]
    archived = list(workspace.archive.rglob("*-partnere.xlsx"))
    assert len(archived) == 1 and archived[0].read_bytes() == (sheet_dir / "partnere.xlsx").read_bytes()


def party_history_of(ws, gln):
    with ws.store.connect() as conn:
        return party_history(conn, by_gln(ws)[gln].id)


def test_swedish_headers(workspace, sheet_dir):
    rows = [
        [
            "Leverantörsnummer",
            "Företagsnamn",
            "GLN-kod",
            "Organisationsnummer",
            "Momsreg.nr",
            "Roll",
            "Postort",
            "Land",
            "E-postadress",
            "Handlar med EDI",
        ],
        [
            "S-77",
            "Bygg Sverige AB",
            GLN_SE,
            "",
            "SE556036079301",
            "leverantör",
            "Malmö",
            "Sverige",
            "order@bygg.se",
            "ja",
        ],
    ]
    result = import_parties(workspace, write_xlsx(sheet_dir / "leverantorer.xlsx", rows, sheet="Blad1"))
    assert result.ok and counts_of(result)["new"] == 1
    party = by_gln(workspace)[GLN_SE]
    assert (party.party_no, party.country, party.vat_no, party.roles, party.edi) == (
        "S-77",
        "SE",
        "SE556036079301",
        {"SU"},
        True,
    )
    assert any(i.code == "party.gln_foreign" for i in result.issues)


def test_english_csv_utf8_bom_with_commas(workspace, sheet_dir):
    rows = [
        ["Customer No.", "Company name", "GLN", "Organisation number", "Role", "City", "E-mail", "Active"],
        ["C1", "Åsen Bygg AS", GLN_D, ORG_B, "buyer", "Ålesund", "post@asen.no", "yes"],
    ]
    path = write_csv(sheet_dir / "customers.csv", rows, sep=",", encoding="utf-8-sig")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    result = import_parties(workspace, path)
    assert result.ok and counts_of(result)["new"] == 1
    party = by_gln(workspace)[GLN_D]
    assert party.name == "Åsen Bygg AS" and party.city == "Ålesund" and party.roles == {"BY"}


def test_cp1252_csv_with_semicolons(workspace, sheet_dir):
    path = write_csv(
        sheet_dir / "kunder.csv", [NORWEGIAN_HEADER] + NORWEGIAN_ROWS, sep=";", encoding="cp1252"
    )
    assert "ø".encode("cp1252") in path.read_bytes()
    result = import_parties(workspace, path)
    assert result.ok and counts_of(result)["new"] == 3
    assert by_gln(workspace)[GLN_B].name == "Rørgrossisten AS"


def test_reimport_of_same_file_changes_nothing(workspace, sheet_dir):
    path = norwegian_sheet(sheet_dir / "partnere.xlsx")
    import_parties(workspace, path)
    before = store_snapshot(workspace)
    again = import_parties(workspace, path)
    assert again.ok and again.counts["imported"] == 0 and again.counts["rows_read"] == 0
    assert [i.code for i in again.issues] == ["import.already_done"]
    assert store_snapshot(workspace) == before


def test_same_content_again_under_a_new_name_is_unchanged(workspace, sheet_dir):
    import_parties(workspace, norwegian_sheet(sheet_dir / "a.xlsx"))
    result = import_parties(workspace, norwegian_sheet(sheet_dir / "b.xlsx", title_rows=1))
    assert counts_of(result)["unchanged"] == 3 and result.extra["changes"] == []


def test_changes_are_reported_and_inactive_parties_deactivated(workspace, sheet_dir):
    import_parties(workspace, norwegian_sheet(sheet_dir / "v1.xlsx"))
    rows = [list(r) for r in NORWEGIAN_ROWS]
    rows[0][9] = "faktura@trelastvest.no"  # e-mail changed
    rows[1][12] = "nei"  # Rørgrossisten no longer active
    rows.append(["3001", "Ny Kunde AS", GLN_D, "", "", "BY", "", "", "", "", "", "", ""])
    result = import_parties(workspace, norwegian_sheet(sheet_dir / "v2.xlsx", rows))
    c = counts_of(result)
    assert (c["new"], c["changed"], c["unchanged"], c["deactivated"], c["expired"]) == (1, 1, 1, 1, 1)
    change = next(i for i in result.issues if i.code == "party.changed")
    assert "e-post: ordre@trelastvest.no → faktura@trelastvest.no" in change.message
    assert change.source.row == 4 and change.source.sheet == "Ark1"
    kinds = {ch["party_no"]: ch["kind"] for ch in result.extra["changes"]}
    assert kinds == {"1001": "changed", "1002": "deactivated", "3001": "new"}
    parties = by_gln(workspace)
    assert parties[GLN_B].active is False and len(parties) == 4  # deactivated, never deleted
    assert [(e.event, e.field) for e in party_history_of(workspace, GLN_B)] == [
        ("new", "name"),
        ("deactivated", "active"),
    ]


def test_gln_of_another_party_is_rejected_and_rows_add_up(workspace, sheet_dir):
    import_parties(workspace, norwegian_sheet(sheet_dir / "v1.xlsx"))
    rows = [
        ["9001", "Kapret GLN AS", GLN_A, "", "", "BY", "", "", "", "", "", "", ""],
        ["9002", "Feil GLN AS", "7080000000013", "", "", "BY", "", "", "", "", "", "", ""],
        ["9003", "Feil orgnr AS", "", "923609017", "", "BY", "", "", "", "", "", "", ""],
        ["9004", "God AS", GLN_D, "", "", "BY", "", "", "", "", "", "", ""],
    ]
    result = import_parties(workspace, norwegian_sheet(sheet_dir / "v2.xlsx", rows))
    assert result.ok
    assert counts_of(result) == {
        "rows_read": 4,
        "imported": 1,
        "rejected": 3,
        "new": 1,
        "changed": 0,
        "unchanged": 0,
        "expired": 0,
        "deactivated": 0,
    }
    errors = {i.code: i for i in result.issues if i.is_error}
    taken = errors["party.gln_taken"]
    assert "Trelast Vest AS" in taken.message
    assert (taken.source.file, taken.source.sheet, taken.source.row, taken.source.column) == (
        "v2.xlsx",
        "Ark1",
        4,
        3,
    )
    assert errors["party.gln"].source.row == 5 and errors["party.org_number"].source.column == 4
    assert errors["party.gln"].render().startswith("v2.xlsx:Ark1!C5: ")
    assert by_gln(workspace)[GLN_A].name == "Trelast Vest AS"


def test_all_rows_rejected_is_not_ok_and_not_logged_as_done(workspace, sheet_dir):
    rows = [["1", "Feil AS", "7080000000013", "", "", "", "", "", "", "", "", "", ""]]
    path = norwegian_sheet(sheet_dir / "feil.xlsx", rows)
    result = import_parties(workspace, path)
    assert not result.ok and result.counts["rejected"] == 1
    assert (
        result.issues[-1].render()
        == "feil.xlsx:Ark1: Ingen rader i feil.xlsx kunne importeres; rett feilene og "
        "prøv igjen."
    )  # the whole sheet, not "Ark1 rad None"
    with workspace.store.connect() as conn:
        statuses = (
            conn.execute(sa.select(processing_log.c.status).where(processing_log.c.job == "parties.import"))
            .scalars()
            .all()
        )
    assert statuses == ["rejected"]


def test_partner_trades_edi_prefers_toml(workspace, sheet_dir):
    import_parties(workspace, norwegian_sheet(sheet_dir / "v1.xlsx"))
    assert partner_trades_edi(workspace, GLN_A) is True
    assert partner_trades_edi(workspace, GLN_B) is False
    assert partner_trades_edi(workspace, GLN_D) is False
    cfg = workspace.config_path
    cfg.write_text(
        cfg.read_text(encoding="utf-8") + f'\n[partners."{GLN_B}"]\nedi = true\n'
        f'[partners."{GLN_A}"]\nedi = false\n',
        encoding="utf-8",
    )
    workspace.__dict__.pop("config", None)
    assert partner_trades_edi(workspace, GLN_B) is True and partner_trades_edi(workspace, GLN_A) is False


def test_old_xls_with_numbers_for_identifiers(workspace):
    from pathlib import Path

    path = Path(__file__).parent.parent / "data" / "parties" / "leverandorer.xls"
    result = import_parties(workspace, path)
    assert result.ok and counts_of(result)["new"] == 2, [i.render() for i in result.issues]
    parties = by_gln(workspace)
    sag = parties[GLN_A]
    assert (sag.party_no, sag.name, sag.orgnr, sag.roles, sag.edi) == (
        "L-10",
        "Sagbruket Nord AS",
        ORG_A,
        {"SU"},
        True,
    )
    assert parties[GLN_B].roles == {"CA"} and parties[GLN_B].name == "Spedisjon Øst AS"
    assert not result.issues
