"""One row of a party spreadsheet, validated: ``parse_row`` -> ``ParsedRow`` (a ``Party`` plus issues).

Pure (no files, store or clock). ``parse_row`` turns one row of raw cell values (keyed by field
name) into a ``Party`` plus issues, with the cell checks of ``rules.party_cells``: only the keys
(an invalid GLN or organisation number, a row with no partner number, GLN or organisation
number, a missing name) reject a row; an unusable detail (bank account, IBAN, e-mail, VAT
number, roles, a yes/no flag, text too long for the store) is dropped with a warning naming its
cell, and the party is imported without it.

This is its own module because it judges a row alone: ``rules.parties.plan_import`` then
takes the parsed rows of the whole file (``ParsedRow.present`` says which fields the row sets)
and decides what each does to the stored parties.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..domain.issues import Issue, Source, error, warning
from ..domain.parties import FIELD_LABELS, PARTY_FIELDS, Party
from .party_cells import (
    KEPT,
    LENGTHS,
    check_account,
    check_email,
    check_gln,
    check_iban,
    check_orgnr,
    check_vat,
    is_broken_number,
    parse_country,
    parse_flag,
    parse_roles,
    shown,
    text,
)

Where = Callable[[str], Source]  # field name -> where its cell is

KEYS = ("party_no", "name", "gln", "orgnr")  # a problem here rejects the row


@dataclass(frozen=True)
class ParsedRow:
    row: int
    party: Party
    present: frozenset[str]  # fields whose column is in the sheet and whose cell was usable
    issues: tuple[Issue, ...] = ()

    @property
    def ok(self) -> bool:
        return not any(i.is_error for i in self.issues)


def _broken_cells(values: Mapping[str, object], at: Where) -> tuple[set[str], list[Issue]]:
    """Cells holding a float that is no number (``1E+309`` read as infinity, NaN)."""
    broken, issues = set(), []
    for key, raw in values.items():
        if not is_broken_number(raw):
            continue
        broken.add(key)
        label = FIELD_LABELS.get(key, key)
        label = label[:1].upper() + label[1:]
        if key in KEYS:
            issues.append(
                error(
                    "party.unreadable",
                    f"{label}: cellen har et tall som ikke kan leses (uendelig eller ugyldig)",
                    at(key),
                )
            )
        else:
            issues.append(
                warning(
                    "party.unreadable", f"{label}: cellen har et tall som ikke kan leses og {KEPT}", at(key)
                )
            )
    return broken, issues


def parse_row(row: int, values: Mapping[str, object], at: Where) -> ParsedRow:
    """Validate one row. ``values`` holds the mapped columns (field -> raw cell value)."""
    broken, issues = _broken_cells(values, at)
    v = {k: text(raw) for k, raw in values.items()}
    present = set(k for k in values if k in PARTY_FIELDS)
    dropped = {k for k in broken if k not in KEYS}

    def take(fkey: str, result: tuple[Any, ...]) -> Any:
        """Collect a check's issues; a detail cell with a value but no usable result is dropped."""
        *vals, found = result
        issues.extend(found)
        if v.get(fkey) is not None and vals[0] is None and found and fkey not in KEYS:
            dropped.add(fkey)
        return vals[0] if len(vals) == 1 else vals

    if "postcode_city" in v and v["postcode_city"]:
        m = re.match(r"^(\d{4,5})\s+(.*)$", v["postcode_city"])
        v.setdefault("postcode", m.group(1) if m else None)
        v.setdefault("city", m.group(2) if m else v["postcode_city"])
        present |= {"postcode", "city"}
    country = take("country", parse_country(v.get("country"), at("country")))
    postcode = v.get("postcode")
    if postcode and postcode.isdigit() and len(postcode) < 4 and country in (None, "NO"):
        v["postcode"] = postcode.zfill(4)  # Excel drops the leading zero of 0150
    orgnr = take("orgnr", check_orgnr(v.get("orgnr"), at("orgnr"), country))
    if orgnr is None and v.get("orgnr") is not None and not any(i.is_error for i in issues):
        dropped.add("orgnr")  # a foreign number, left out: a stored one is kept
    account, iban = take("bank_account", check_account(v.get("bank_account"), at("bank_account")))
    if iban:
        present.add("iban")
    if v.get("iban"):
        iban = take("iban", check_iban(v.get("iban"), at("iban")))
    active = take("active", parse_flag(v.get("active"), "Aktiv", at("active"), inactive_words=True))
    if "inactive" in values and "inactive" not in broken:
        status = take("inactive", parse_flag(v.get("inactive"), "Inaktiv", at("inactive")))
        if "inactive" not in dropped:
            present.add("active")
            active = not status if status is not None else (active if active is not None else True)
            dropped.discard("active")
    name = v.get("name")
    if not name and "name" not in broken:
        issues.append(error("party.name", "Navn mangler", at("name")))
    values_out = dict(
        name=name or "",
        party_no=v.get("party_no"),
        gln=take("gln", check_gln(v.get("gln"), at("gln"))),
        orgnr=orgnr,
        vat_no=take("vat_no", check_vat(v.get("vat_no"), country, orgnr, at("vat_no"))),
        roles=take("roles", parse_roles(v.get("roles"), at("roles"))),
        address=v.get("address"),
        postcode=v.get("postcode"),
        city=v.get("city"),
        country=country,
        email=take("email", check_email(v.get("email"), at("email"))),
        phone=v.get("phone"),
        bank_account=account,
        iban=iban,
        edi=take("edi", parse_flag(v.get("edi"), "EDI", at("edi"))),
        active=active,
    )
    for fkey, limit in LENGTHS.items():
        value = values_out.get(fkey)
        if isinstance(value, str) and len(value) > limit:
            label = FIELD_LABELS[fkey][:1].upper() + FIELD_LABELS[fkey][1:]
            if fkey in KEYS:
                issues.append(
                    error(
                        "party.too_long",
                        f"{label} «{shown(value)}» er lengre enn de {limit} tegnene "
                        "vareflyt lagrer; står en annen verdi i feil kolonne?",
                        at(fkey),
                    )
                )
            else:
                issues.append(
                    warning(
                        "party.too_long",
                        f"{label} «{shown(value)}» er lengre enn de {limit} tegnene "
                        f"vareflyt lagrer og {KEPT}",
                        at(fkey),
                    )
                )
                dropped.add(fkey)
    for fkey in dropped & values_out.keys():
        values_out[fkey] = None
    values_out["roles"] = values_out["roles"] or frozenset()
    values_out["edi"] = bool(values_out["edi"])
    values_out["active"] = True if values_out["active"] is None else values_out["active"]
    party = Party(**values_out)
    if "roles" in present and v.get("roles") is None and name:
        issues.append(warning("party.no_roles", "Ingen roller oppgitt", at("roles")))
    if not (party.party_no or party.gln or party.orgnr) and name:
        issues.append(
            error(
                "party.identity",
                "Raden mangler partnernr, GLN og organisasjonsnummer; "
                "minst ett trengs for å kjenne igjen parten",
                at("name"),
            )
        )
    return ParsedRow(row, party, frozenset(present - dropped - {"inactive"}), tuple(issues))
