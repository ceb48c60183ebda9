"""Party files and identifiers: valid GLN/orgnr/VAT/account numbers, and the planted update rows."""

from __future__ import annotations

import doctest
import random
from decimal import Decimal

import openpyxl
import pandas as pd
from stdnum import ean
from stdnum.no import kontonr, mva, orgnr

from vareflyt.demo import identifiers as ids


def test_identifier_doctests():
    failed, attempted = doctest.testmod(ids)
    assert attempted > 0 and failed == 0


def test_identifier_helpers_make_valid_numbers():
    rng = random.Random(3)
    used: set[str] = set()
    for _ in range(200):
        number = ids.random_orgnr(rng, used)
        assert orgnr.is_valid(number) and number[0] in "89"
        assert kontonr.is_valid(ids.random_kontonr(rng))
        assert not orgnr.is_valid(ids.invalid_orgnr(rng))
    assert len(used) == 200
    gln = ids.gs1_number(ids.random_company_prefix(rng, set()), 0)
    assert ean.is_valid(gln) and len(gln) == 13 and gln.startswith("70")
    assert not ean.is_valid(ids.wrong_check_digit(gln))
    assert ids.nok_text(Decimal("1234567.5")) == "1 234 567,50"
    assert ids.nok_text(Decimal("99.9"), ids.NBSP) == "99,90"
    assert ids.orgnr_spaced("923609016") == "923 609 016"
    assert ids.kontonr_dotted("15031234567") == "1503.12.34567"
    assert ids.file_slug("Skruer & Beslag Nord AS") == "skruer-beslag-nord"


def _party_frame(folder, entry):
    if entry.format == "csv":
        return pd.read_csv(folder / entry.path, sep=";", encoding="cp1252", dtype=str, keep_default_na=False)
    return pd.read_excel(
        folder / entry.path, sheet_name=entry.sheet, engine="calamine", dtype=str, keep_default_na=False
    )


def test_party_list_identifiers_are_valid(small_demo):
    folder, manifest = small_demo
    entry = manifest.party_files()[0]
    frame = _party_frame(folder, entry)
    assert list(frame.columns) == [
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
    assert len(frame) == entry.rows_read and not entry.rejected
    for row in frame.itertuples(index=False):
        assert ean.is_valid(row.GLN) and row.GLN.startswith("70")
        assert orgnr.is_valid(row[3]) and mva.is_valid(row[4]) and row[4] == f"NO{orgnr.compact(row[3])}MVA"
        assert row.Kontonr == "" or kontonr.is_valid(row.Kontonr)
        assert row.Postnr.isdigit() and len(row.Postnr) == 4
        assert row.EDI in ("Ja", "Nei") and row.Aktiv == "Ja"
    assert frame["GLN"].is_unique and frame["Partnernr"].is_unique
    roles = frame["Roller"].str.split(", ")
    shop = frame[frame["Navn"].str.startswith("Fjordbygg")]
    assert len(shop) == 3 and shop["Org.nr"].nunique() == 1
    assert {"BY", "IV", "DP"} <= set(roles[shop.index[0]])
    suppliers = frame[roles.apply(lambda r: "SU" in r)]
    assert len(suppliers) == manifest.suppliers
    assert roles.apply(lambda r: "CA" in r).any() and roles.apply(lambda r: r == ["SF"]).sum() >= 2
    assert set(manifest.partners) == set(suppliers["GLN"])
    assert manifest.own_company["gln"] == shop["GLN"].iloc[0]
    assert set(manifest.own_company["glns"].values()) == set(shop["GLN"])
    # numbers as a spreadsheet user leaves them: partner number is a number cell, postnr text
    ws = openpyxl.load_workbook(folder / entry.path, read_only=True)[entry.sheet]
    second = next(ws.iter_rows(min_row=2, max_row=2, values_only=True))
    assert isinstance(second[0], int) and isinstance(second[7], str)


def test_party_update_has_the_planted_changes(small_demo):
    folder, manifest = small_demo
    first, update = manifest.party_files()
    old = _party_frame(folder, first).set_index("Partnernr")
    new = _party_frame(folder, update)
    assert len(new) == update.rows_read
    assert update.delimiter == ";" and update.encoding == "cp1252"
    rows = {i + 2: r for i, r in enumerate(new.to_dict("records"))}  # line 1 is the header
    reasons = {n.row: n.reason for n in update.rejected}
    assert sorted(reasons.values()) == ["gln_belongs_to_other_party", "orgnr_check_digit"]
    for line, reason in reasons.items():
        row = rows[line]
        assert row["Partnernr"] not in old.index
        if reason == "orgnr_check_digit":
            assert not orgnr.is_valid(row["Org.nr"]) and ean.is_valid(row["GLN"])
        else:
            assert row["GLN"] in set(old["GLN"]) and orgnr.is_valid(row["Org.nr"])
    kept = {r["Partnernr"]: r for line, r in rows.items() if line not in reasons}
    assert update.changes["new"] == [p for p in kept if p not in old.index]
    assert update.changes["deactivated"] == [p for p, r in kept.items() if r["Aktiv"] == "Nei"]
    moved = [p for p, r in kept.items() if p in old.index and r["Adresse"] != old.loc[p, "Adresse"]]
    assert update.changes["changed"] == moved
    assert update.changes["unchanged"] == len(old) - len(moved) - len(update.changes["deactivated"])
    for p in old.index:
        assert orgnr.compact(old.loc[p, "Org.nr"]) == kept[p]["Org.nr"]
        assert kontonr.compact(old.loc[p, "Kontonr"]) == kept[p]["Kontonr"]


def test_full_size_parties_and_edi_share(full_demo):
    folder, manifest, _ = full_demo
    assert manifest.suppliers == 30 and len(manifest.partners) == 30
    edi = sum(p["edi"] for p in manifest.partners.values())
    assert 14 <= edi <= 26, "about two thirds trade by EDI"
    assert all(ean.is_valid(g) and g.startswith("70") for g in manifest.partners)
    assert len({p["name"] for p in manifest.partners.values()}) == 30
