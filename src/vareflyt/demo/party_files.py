"""The party spreadsheets: the full party list (xlsx) and an update exported as CSV.

``partiliste.xlsx`` lists every party, one row per GLN: the shop's three locations, the
suppliers (some also carriers), pickup places and building sites. ``partiliste_endringer.csv``
(``;``, cp1252) is the same list exported again a while later with: one supplier's address
changed, one pickup place deactivated (Aktiv = Nei), one new carrier, and two new rows that
must be rejected -- one with a GLN that belongs to another partner, one with an invalid
organisation number. Party numbers are numbers in the xlsx and text in the CSV.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path

import xlsxwriter

from .identifiers import (
    gs1_number,
    invalid_orgnr,
    kontonr_dotted,
    orgnr_spaced,
    random_company_prefix,
    random_orgnr,
)
from .manifest import FileEntry, RowNote
from .parties import Cast, Party
from .writers import write_csv

HEADERS = [
    "Partnernr",
    "Navn",
    "GLN",
    "Org.nr",
    "MVA-nr",
    "Roller",
    "Adresse",
    "Postnr",
    "Poststed",
    "Land",
    "E-post",
    "Telefon",
    "Kontonr",
    "EDI",
    "Aktiv",
]
PARTY_LIST = "parter/partiliste.xlsx"
PARTY_UPDATE = "parter/partiliste_endringer.csv"


def _yes(flag: bool) -> str:
    return "Ja" if flag else "Nei"


def _row(p: Party, *, for_csv: bool) -> list:
    return [
        str(p.partner_no) if for_csv else p.partner_no,
        p.name,
        p.gln,
        p.orgnr if for_csv else orgnr_spaced(p.orgnr),
        p.vat_no,
        ", ".join(p.roles),
        p.street,
        p.postnr,
        p.poststed,
        p.country,
        p.email,
        p.phone,
        "" if not p.kontonr else (p.kontonr if for_csv else kontonr_dotted(p.kontonr)),
        _yes(p.edi),
        _yes(p.active),
    ]


def write_party_list(target: Path, cast: Cast, created: date) -> FileEntry:
    path = target / PARTY_LIST
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(path))
    wb.set_properties({"created": datetime.combine(created, time(8, 0)), "author": cast.shop[0].name})
    ws = wb.add_worksheet("Partnere")
    ws.write_row(0, 0, HEADERS, wb.add_format({"bold": True, "bg_color": "#E2EFDA"}))
    for r, party in enumerate(cast.all, start=1):
        for c, value in enumerate(_row(party, for_csv=False)):
            if isinstance(value, int):
                ws.write_number(r, c, value)
            else:
                ws.write_string(r, c, value)
    for c, width in enumerate([10, 44, 15, 13, 17, 12, 26, 7, 14, 5, 30, 17, 15, 5, 6]):
        ws.set_column(c, c, width)
    ws.autofilter(0, 0, len(cast.all), len(HEADERS) - 1)
    ws.freeze_panes(1, 0)
    wb.close()
    n = len(cast.all)
    return FileEntry(
        path=PARTY_LIST,
        kind="parties",
        shape="party_list",
        format="xlsx",
        sheet="Partnere",
        header_rows=[1],
        first_data_row=2,
        last_data_row=n + 1,
        rows_read=n,
        changes={
            "new": [str(p.partner_no) for p in cast.all],
            "changed": [],
            "deactivated": [],
            "unchanged": 0,
        },
        notes="Én rad per GLN; Partnernr som tall; Org.nr med mellomrom; Postnr som tekst (0150); "
        "Roller kommaseparert; Kontonr med punktum.",
    )


def write_party_update(rng: random.Random, target: Path, cast: Cast) -> FileEntry:
    """The CSV export with changes; rows keep the list's order, new partners come last."""
    parties = list(cast.all)
    moved = cast.suppliers[1]
    deactivated = cast.places[0]
    conflict_owner = cast.suppliers[min(4, len(cast.suppliers) - 1)]
    changed_rows = {
        moved.partner_no: replace(moved, street="Logistikkveien 3", postnr="2020", poststed="Skedsmokorset"),
        deactivated.partner_no: replace(deactivated, active=False),
    }
    rows = [_row(changed_rows.get(p.partner_no, p), for_csv=True) for p in parties]
    prefix = random_company_prefix(rng, cast.used_prefixes)
    street = "Fraktveien 9"
    new = Party(
        4001,
        "Vestlandsfrakt AS",
        gs1_number(prefix, 0),
        random_orgnr(rng, cast.used_orgnr),
        ("CA",),
        street,
        "5257",
        "Kokstad",
        "booking@vestlandsfrakt.no",
        "+47 55 22 80 00",
    )
    clash = Party(
        4002,
        "Byggsenteret Øst AS",
        conflict_owner.gln,
        random_orgnr(rng, cast.used_orgnr),
        ("SU",),
        "Bryggeveien 1",
        "1606",
        "Fredrikstad",
        "post@byggsenteret-ost.no",
        "+47 69 31 00 00",
    )
    bad = Party(
        4003,
        "Bygg & Anlegg Service AS",
        gs1_number(prefix, 1),
        invalid_orgnr(rng),
        ("SU",),
        "Verkstedveien 22",
        "3036",
        "Drammen",
        "post@bas.no",
        "+47 32 20 10 00",
    )
    rows += [_row(p, for_csv=True) for p in (new, clash, bad)]
    path = target / PARTY_UPDATE
    path.parent.mkdir(parents=True, exist_ok=True)
    last = write_csv(path, HEADERS, rows, delimiter=";", encoding="cp1252")
    first_new = len(parties) + 2
    return FileEntry(
        path=PARTY_UPDATE,
        kind="parties",
        shape="party_update",
        format="csv",
        encoding="cp1252",
        delimiter=";",
        header_rows=[1],
        first_data_row=2,
        last_data_row=last,
        rows_read=len(rows),
        rejected=[
            RowNote(first_new + 1, "gln_belongs_to_other_party", str(clash.partner_no)),
            RowNote(first_new + 2, "orgnr_check_digit", str(bad.partner_no)),
        ],
        changes={
            "new": [str(new.partner_no)],
            "changed": [str(moved.partner_no)],
            "deactivated": [str(deactivated.partner_no)],
            "unchanged": len(parties) - 2,
        },
        notes="Full eksport med endringer: ny adresse for "
        f"{moved.partner_no}, {deactivated.partner_no} deaktivert, "
        f"ny transportør {new.partner_no}; {clash.partner_no} har GLN-en til {conflict_owner.partner_no}; "
        f"{bad.partner_no} har ugyldig org.nr. Org.nr og kontonr uten skilletegn.",
    )
