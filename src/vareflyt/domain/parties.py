"""Parties: the companies and places the shop trades with (DOMAIN.md §1).

A ``Party`` is **one location**: one row of a party spreadsheet and one row in the store. A
company with several GLNs (head office, stores, warehouses, pickup points) is several parties
sharing an organisation number. A party has at most one GLN, and a GLN belongs to at most one
party.

Identity — what makes a spreadsheet row "the same party" as a stored one — is decided in
``PartyIndex.match`` (below), in this order:

1. the row has a party number (``party_no``: "Partnernr", "Kundenr", "Leverandørnr", one
   numbering for all partners): the stored party with that number;
2. otherwise the row has a GLN: the stored party that owns that GLN;
3. otherwise organisation number + name (case, spacing and punctuation ignored);
4. otherwise the row cannot be identified and is rejected.

Roles are EDIFACT NAD qualifiers (``ROLES``); the words party sheets use for roles, flags
and countries are in ``domain.party_words``. Parties are never deleted: a party marked
inactive is deactivated (``active`` False) and keeps its history.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields, replace
from typing import Any

# EDIFACT NAD qualifiers with their Norwegian names, in the order DOMAIN.md lists them.
ROLES: dict[str, str] = {
    "BY": "kjøper",
    "SU": "leverandør",
    "IV": "fakturamottaker",
    "DP": "leveringssted",
    "UD": "sluttkunde",
    "CA": "transportør",
    "SF": "hentested",
    "II": "fakturautsteder",
}

# Party fields a spreadsheet can set, in workbook order; ``party_no`` to ``active``.
PARTY_FIELDS: tuple[str, ...] = (
    "party_no",
    "name",
    "gln",
    "orgnr",
    "vat_no",
    "roles",
    "address",
    "postcode",
    "city",
    "country",
    "email",
    "phone",
    "bank_account",
    "iban",
    "edi",
    "active",
)

# Norwegian labels for change reports and issues.
FIELD_LABELS: dict[str, str] = {
    "party_no": "partnernr",
    "name": "navn",
    "gln": "GLN",
    "orgnr": "organisasjonsnummer",
    "vat_no": "MVA-nummer",
    "roles": "roller",
    "address": "adresse",
    "postcode": "postnummer",
    "city": "poststed",
    "country": "land",
    "email": "e-post",
    "phone": "telefon",
    "bank_account": "kontonummer",
    "iban": "IBAN",
    "edi": "EDI",
    "active": "aktiv",
}


def roles_text(roles: frozenset[str]) -> str:
    """Roles in the canonical order, comma separated: ``frozenset({'SU','BY'})`` -> ``'BY, SU'``."""
    return ", ".join(code for code in ROLES if code in roles)


def parse_roles_text(text: str | None) -> frozenset[str]:
    """Inverse of ``roles_text`` for stored values (codes only)."""
    if not text:
        return frozenset()
    return frozenset(part.strip() for part in text.replace(";", ",").split(",") if part.strip())


@dataclass(frozen=True)
class Party:
    name: str
    party_no: str | None = None  # the partner list's own key ("Partnernr")
    gln: str | None = None  # 13 digits, GS1 check digit
    orgnr: str | None = None  # 9 digits
    vat_no: str | None = None  # normalised, e.g. "NO923609016MVA" or "SE556036079301"
    roles: frozenset[str] = field(default_factory=frozenset)
    address: str | None = None
    postcode: str | None = None
    city: str | None = None
    country: str | None = None  # ISO 3166 alpha-2, e.g. "NO"
    email: str | None = None  # one or more addresses, "; "-separated
    phone: str | None = None
    bank_account: str | None = None  # Norwegian account, 11 digits
    iban: str | None = None  # compact IBAN, e.g. "NO9386011117947"
    edi: bool = False  # trades by EDI (details in vareflyt.toml [partners])
    active: bool = True
    id: int | None = None  # store key; None until stored

    def value(self, name: str) -> Any:
        return getattr(self, name)

    def with_values(self, **values: Any) -> Party:
        return replace(self, **values)

    @property
    def label(self) -> str:
        """How issues name the party: name and the strongest identifier."""
        key = (
            self.party_no
            and f"partnernr {self.party_no}"
            or self.gln
            and f"GLN {self.gln}"
            or self.orgnr
            and f"orgnr {self.orgnr}"
            or ""
        )
        return f"{self.name} ({key})" if key else self.name

    def as_row(self) -> dict[str, Any]:
        """Plain values keyed by field name, roles as canonical text (for workbooks and JSON)."""
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        out["roles"] = roles_text(self.roles)
        return out


@dataclass(frozen=True)
class Change:
    """One changed field of a party: old and new value as display text."""

    field: str
    old: str
    new: str

    def render(self) -> str:
        return f"{FIELD_LABELS.get(self.field, self.field)}: {self.old or '(tom)'} → {self.new or '(tom)'}"


@dataclass(frozen=True)
class Planned:
    """What importing one valid row does: ``kind`` is new, changed, unchanged or deactivated
    (planned by ``rules.parties.plan_import``, written by ``store.parties.apply_plan``)."""

    row: int
    kind: str
    party: Party  # as it will be stored; ``id`` None when new
    changes: tuple[Change, ...] = ()


def display(name: str, value: Any) -> str:
    """A field value as text for change reports and the history table."""
    if value is None:
        return ""
    if name == "roles":
        return roles_text(value)
    if isinstance(value, bool):
        return "ja" if value else "nei"
    return str(value)


def changes(old: Party, new: Party, names: Iterable[str] = PARTY_FIELDS) -> list[Change]:
    """The fields among ``names`` whose value differs between ``old`` and ``new``."""
    out = []
    for name in names:
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            out.append(Change(name, display(name, before), display(name, after)))
    return out


def words(value: str) -> str:
    """Lower case, punctuation to spaces, spacing collapsed: "Bygg-Mix  AS" -> "bygg mix as"."""
    return " ".join(re.sub(r"[^\w]+", " ", value.casefold()).split())


def name_key(name: str) -> str:
    """Names compare without case, spacing and punctuation: "Bygg-Mix  AS" == "bygg mix as"."""
    return words(name)


class PartyIndex:
    """Stored parties, and those planned so far in this file, by party number, GLN and orgnr+name."""

    def __init__(self, parties: Iterable[Party]):
        self.by_no: dict[str, tuple[int, Party]] = {}
        self.by_gln: dict[str, tuple[int, Party]] = {}
        self.by_org: dict[tuple[str, str], dict[int, Party]] = {}
        for ref, party in enumerate(parties, start=1):
            self.put(ref, party)

    def put(self, ref: int, party: Party, old: Party | None = None) -> None:
        if old is not None:
            self.by_no.pop(old.party_no or "", None)
            self.by_gln.pop(old.gln or "", None)
            self.by_org.get((old.orgnr or "", name_key(old.name)), {}).pop(ref, None)
        if party.party_no:
            self.by_no[party.party_no] = (ref, party)
        if party.gln:
            self.by_gln[party.gln] = (ref, party)
        if party.orgnr:
            self.by_org.setdefault((party.orgnr, name_key(party.name)), {})[ref] = party

    def org(
        self, party: Party, ok: Callable[[Party], bool] = lambda p: True
    ) -> tuple[tuple[int, Party] | None, bool]:
        found = [
            (r, p) for r, p in self.by_org.get((party.orgnr or "", name_key(party.name)), {}).items() if ok(p)
        ]
        return (found[0] if len(found) == 1 else None), len(found) > 1

    def match(self, p: Party) -> tuple[tuple[int, Party] | None, bool]:
        """The stored party a row means (identity rules in ``vareflyt.domain.parties``)."""
        if p.party_no:
            if p.party_no in self.by_no:
                return self.by_no[p.party_no], False
            owner = self.by_gln.get(p.gln or "")
            if owner and owner[1].party_no is None:
                return owner, False
            return (
                self.org(p, lambda s: s.party_no is None and (s.gln is None or s.gln == p.gln))
                if p.orgnr
                else (None, False)
            )
        if p.gln:
            if p.gln in self.by_gln:
                return self.by_gln[p.gln], False
            return self.org(p, lambda s: s.gln is None) if p.orgnr else (None, False)
        return self.org(p)
