"""Party rules: validate a spreadsheet row, match it to a stored party, and plan the import.

Pure functions (no files, store or clock). ``parse_row`` turns one row of raw cell values
(keyed by field name) into a ``Party`` plus issues; ``plan_import`` matches every valid row to
the stored parties (identity rules in ``vareflyt.domain.parties``) and decides, per row, one of
``new``, ``changed``, ``unchanged``, ``deactivated`` or rejects it (GLN or party number that
belongs to another party, the same party twice in the file, an ambiguous match).

Values: a column that is in the sheet is the master for its field, so an empty cell clears
the stored value, except ``party_no`` and ``gln`` (identifiers are never removed by a blank
cell). A column that is not in the sheet leaves the stored value alone; new parties are
active and not EDI unless the sheet says otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable, Iterable, Mapping

from stdnum import ean, iban as iban_mod
from stdnum.eu import vat as eu_vat
from stdnum.no import kontonr, mva, orgnr as orgnr_mod

from ..domain.issues import Issue, Source, error, info, warning
from ..domain.parties import (COUNTRIES, INACTIVE, NO, PARTY_FIELDS, ROLE_WORDS, ROLES, YES, Change, Party,
                              PartyIndex, changes, words as _words)

Where = Callable[[str], Source]          # field name -> where its cell is

EMAIL = re.compile(r"^[^@\s;,<>()]+@[^@\s;,<>()]+\.[A-Za-z]{2,}$")


def text(raw) -> str | None:
    """A cell value as trimmed text (None when empty); whole-number floats lose their ``.0``."""
    if raw is None or isinstance(raw, bool):
        return None if raw is None else ("ja" if raw else "nei")
    if isinstance(raw, float):
        raw = Decimal(repr(raw))
    if isinstance(raw, Decimal) and raw == raw.to_integral_value():
        raw = int(raw)
    value = " ".join(str(raw).split())
    return value or None


def _digits(value: str) -> str:
    return re.sub(r"[\s.\-]", "", value)


def check_gln(value: str | None, at: Source) -> tuple[str | None, list[Issue]]:
    if value is None:
        return None, []
    gln = _digits(value)
    if not (len(gln) == 13 and gln.isdigit() and ean.is_valid(gln)):
        return None, [error("party.gln", f"GLN «{value}» er ugyldig (13 siffer med GS1-kontrollsiffer)", at)]
    if not gln.startswith("70"):
        return gln, [info("party.gln_foreign", f"GLN {gln} er ikke norsk (starter ikke med 70)", at)]
    return gln, []


def check_orgnr(value: str | None, at: Source) -> tuple[str | None, list[Issue]]:
    if value is None:
        return None, []
    number = _digits(value.upper().removeprefix("NO").removesuffix("MVA"))
    if not orgnr_mod.is_valid(number):
        return None, [error("party.orgnr", f"Organisasjonsnummer «{value}» er ugyldig (9 siffer, MOD11)", at)]
    return number, []


def check_vat(value: str | None, country: str | None, orgnr: str | None, at: Source) -> tuple[str | None, list[Issue]]:
    """Norwegian VAT numbers are normalised to ``NO923609016MVA``; foreign ones are kept compact."""
    if value is None:
        return None, []
    compact = re.sub(r"[\s.\-]", "", value.upper())
    norwegian = compact.startswith("NO") or compact.endswith("MVA") or (compact.isdigit() and country in (None, "NO"))
    if norwegian:
        if not mva.is_valid(compact if compact.endswith("MVA") else compact + "MVA"):
            return None, [error("party.vat", f"MVA-nummer «{value}» er ugyldig (NO + organisasjonsnummer + MVA)", at)]
        number = mva.compact(compact if compact.endswith("MVA") else compact + "MVA")[:9]
        if orgnr and number != orgnr:
            return None, [error("party.vat_orgnr", f"MVA-nummer «{value}» hører til orgnr {number}, ikke {orgnr}", at)]
        return f"NO{number}MVA", []
    if not eu_vat.is_valid(compact):
        return compact, [warning("party.vat_foreign", f"Utenlandsk MVA-nummer «{value}» ser ugyldig ut; sjekk det", at)]
    return eu_vat.compact(compact), []


def check_account(value: str | None, at: Source) -> tuple[str | None, str | None, list[Issue]]:
    """A bank account cell: 11-digit Norwegian account or an IBAN -> (bank_account, iban, issues)."""
    if value is None:
        return None, None, []
    if re.match(r"^[A-Za-z]{2}", value.strip()):
        iban, issues = check_iban(value, at)
        return None, iban, issues
    number = _digits(value)
    if not (len(number) == 11 and kontonr.is_valid(number)):
        return None, None, [error("party.account", f"Kontonummer «{value}» er ugyldig (11 siffer, MOD11)", at)]
    return number, None, []


def check_iban(value: str | None, at: Source) -> tuple[str | None, list[Issue]]:
    if value is None:
        return None, []
    if not iban_mod.is_valid(value):
        return None, [error("party.iban", f"IBAN «{value}» er ugyldig", at)]
    return iban_mod.compact(value), []


def parse_roles(value: str | None, at: Source) -> tuple[frozenset[str], list[Issue]]:
    """``"SU, CA"``, ``"Leverandør"``, ``"leverantör/transportör"``, ``"BY SU"`` -> role codes."""
    if value is None:
        return frozenset(), []
    codes: set[str] = set()
    unknown: list[str] = []
    for part in re.split(r"[,;/|+&]|\s+(?:og|och|and)\s+", value):
        word = _words(part)
        if not word:
            continue
        if word.upper() in ROLES:
            codes.add(word.upper())
        elif word in ROLE_WORDS:
            codes.add(ROLE_WORDS[word])
        elif all(w.upper() in ROLES for w in word.split()):
            codes.update(w.upper() for w in word.split())
        else:
            unknown.append(part.strip())
    if unknown:
        return frozenset(), [error("party.role", f"Ukjent rolle {', '.join(f'«{u}»' for u in unknown)}; "
                                   f"bruk {' '.join(ROLES)} eller ord som «leverandør»", at)]
    return frozenset(codes), []


def check_email(value: str | None, at: Source) -> tuple[str | None, list[Issue]]:
    if value is None:
        return None, []
    addresses = [a for a in re.split(r"[;,\s]+", value) if a]
    bad = [a for a in addresses if not EMAIL.match(a)]
    if bad:
        return None, [error("party.email", f"E-postadresse «{bad[0]}» er ugyldig", at)]
    return "; ".join(addresses), []


def parse_flag(value: str | None, label: str, at: Source, *, inactive_words: bool = False) -> tuple[bool | None, list[Issue]]:
    """ja/nei, yes/no, x, 1/0, SANN/USANN (and for status: aktiv/inaktiv/utgått/slettet)."""
    if value is None:
        return None, []
    word = _words(value)
    if not word:                          # "-" or other punctuation only: as if blank
        return None, []
    if word in YES:
        return True, []
    if word in NO or (inactive_words and word in INACTIVE):
        return False, []
    return None, [error("party.flag", f"{label} «{value}» er verken ja eller nei", at)]


def parse_country(value: str | None, at: Source) -> tuple[str | None, list[Issue]]:
    if value is None:
        return None, []
    word = _words(value)
    if word in COUNTRIES:
        return COUNTRIES[word], []
    if re.fullmatch(r"[a-z]{2}", word):
        return word.upper(), []
    return value, [warning("party.country", f"Land «{value}» er ikke en landkode (NO, SE, ...); lagret som skrevet", at)]


@dataclass(frozen=True)
class ParsedRow:
    row: int
    party: Party
    present: frozenset[str]               # fields whose column is in the sheet
    issues: tuple[Issue, ...] = ()

    @property
    def ok(self) -> bool:
        return not any(i.is_error for i in self.issues)


def parse_row(row: int, values: Mapping[str, object], at: Where) -> ParsedRow:
    """Validate one row. ``values`` holds the mapped columns (field -> raw cell value)."""
    v = {k: text(raw) for k, raw in values.items()}
    present = set(k for k in values if k in PARTY_FIELDS)
    issues: list[Issue] = []

    def take(result):
        *vals, found = result
        issues.extend(found)
        return vals[0] if len(vals) == 1 else vals

    if "postcode_city" in v and v["postcode_city"]:
        m = re.match(r"^(\d{4,5})\s+(.*)$", v["postcode_city"])
        v.setdefault("postcode", m.group(1) if m else None)
        v.setdefault("city", m.group(2) if m else v["postcode_city"])
        present |= {"postcode", "city"}
    country = take(parse_country(v.get("country"), at("country")))
    if (v.get("postcode") or "x").isdigit() and len(v["postcode"]) < 4 and country in (None, "NO"):
        v["postcode"] = v["postcode"].zfill(4)         # Excel drops the leading zero of 0150
    orgnr = take(check_orgnr(v.get("orgnr"), at("orgnr")))
    account, iban = take(check_account(v.get("bank_account"), at("bank_account")))
    if v.get("iban"):
        iban = take(check_iban(v.get("iban"), at("iban")))
    if iban:
        present |= {"iban"}
    active, status = take(parse_flag(v.get("active"), "Aktiv", at("active"), inactive_words=True)), None
    if "inactive" in values:
        status = take(parse_flag(v.get("inactive"), "Inaktiv", at("inactive")))
        present.add("active")
        active = not status if status is not None else (active if active is not None else True)
    name = v.get("name")
    if not name:
        issues.append(error("party.name", "Navn mangler", at("name")))
    party = Party(
        name=name or "", party_no=v.get("party_no"), gln=take(check_gln(v.get("gln"), at("gln"))), orgnr=orgnr,
        vat_no=take(check_vat(v.get("vat_no"), country, orgnr, at("vat_no"))),
        roles=take(parse_roles(v.get("roles"), at("roles"))), address=v.get("address"),
        postcode=v.get("postcode"), city=v.get("city"), country=country,
        email=take(check_email(v.get("email"), at("email"))), phone=v.get("phone"),
        bank_account=account, iban=iban, edi=bool(take(parse_flag(v.get("edi"), "EDI", at("edi")))),
        active=True if active is None else active,
    )
    if "roles" in present and v.get("roles") is None and name:
        issues.append(warning("party.no_roles", "Ingen roller oppgitt", at("roles")))
    if not (party.party_no or party.gln or party.orgnr) and name:
        issues.append(error("party.identity", "Raden mangler partnernr, GLN og organisasjonsnummer; "
                            "minst ett trengs for å kjenne igjen parten", at("name")))
    return ParsedRow(row, party, frozenset(present), tuple(issues))


@dataclass(frozen=True)
class Planned:
    """What importing one valid row does: ``kind`` is new, changed, unchanged or deactivated."""

    row: int
    kind: str
    party: Party                          # as it will be stored; ``id`` None when new
    changes: tuple[Change, ...] = ()


@dataclass
class Plan:
    actions: list[Planned] = field(default_factory=list)
    rejected: dict[int, list[Issue]] = field(default_factory=dict)   # row -> why


def plan_import(rows: Iterable[ParsedRow], stored: Iterable[Party], where: Callable[[int, str], Source]) -> Plan:
    """Decide what each valid row does to the stored parties; rows are taken in file order."""
    plan, index = Plan(), PartyIndex(stored)
    claimed: dict[int, int] = {}          # index ref -> file row that used it
    next_ref = -1

    def reject(row: int, code: str, message: str, fld: str) -> None:
        plan.rejected.setdefault(row, []).append(error(code, message, where(row, fld)))

    for r in rows:
        p = r.party
        found, ambiguous = index.match(p)
        if ambiguous:
            reject(r.row, "party.ambiguous", f"«{p.name}» med orgnr {p.orgnr} passer til flere parter; "
                   "oppgi partnernr eller GLN", "name")
            continue
        ref, s = found if found else (None, None)
        if ref in claimed:
            reject(r.row, "party.duplicate", f"Samme part som rad {claimed[ref]} i filen", "party_no" if p.party_no else "gln")
            continue
        if s is not None and p.orgnr and s.orgnr and p.orgnr != s.orgnr:
            how = f"Partnernr {p.party_no}" if p.party_no and p.party_no == s.party_no else f"GLN {s.gln}"
            reject(r.row, "party.other_company", f"{how} tilhører {s.label}, som har orgnr {s.orgnr}, ikke {p.orgnr}",
                   "orgnr")
            continue
        owner = index.by_gln.get(p.gln or "")
        if owner is not None and owner[0] != ref:
            where_else = f" (rad {claimed[owner[0]]} i filen)" if owner[0] in claimed else ""
            reject(r.row, "party.gln_taken", f"GLN {p.gln} tilhører allerede {owner[1].label}{where_else}", "gln")
            continue
        if s is None:
            merged, kind, diff = p, "new", ()
            ref, next_ref = next_ref, next_ref - 1
        else:
            values = {f: getattr(p, f) for f in r.present if f in PARTY_FIELDS}
            for key in ("party_no", "gln"):
                if values.get(key) is None:
                    values.pop(key, None)
            merged = s.with_values(**values)
            diff = tuple(changes(s, merged))
            kind = "deactivated" if s.active and not merged.active else ("changed" if diff else "unchanged")
        index.put(ref, merged, s)
        claimed[ref] = r.row
        plan.actions.append(Planned(r.row, kind, merged, diff))
    return plan
