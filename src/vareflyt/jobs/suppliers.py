"""Who a supplier is, for machines and for people.

``Suppliers`` turns the text typed in an order line or an article setting (a GLN, or a name)
into the supplier's GLN, from the partners in vareflyt.toml and the stored parties, and says
whether the supplier trades by EDI. For people it names a GLN: ``label`` gives
"Nordisk Trelast AS (7080000000029)" (the bare GLN only when no name is known), the one way
messages, sheets and the ribbon show a party; ``choices`` lists the suppliers by name for a
picker. Machines keep reading GLNs: JSON keys and values never go through ``label``.
"""

from __future__ import annotations

from stdnum import ean

SUPPLIER_ROLE = "SU"


def name_with_gln(gln: str, name: str | None) -> str:
    """``"Nordisk Trelast AS (7080000000029)"``; the bare GLN when the name is unknown."""
    name = (name or "").strip()
    return f"{name} ({gln})" if name and name != gln else gln


class Suppliers:
    """Supplier text (GLN or name) -> GLN, and GLN -> name, from vareflyt.toml partners and
    the stored parties (a withdrawn party keeps its name for people, but not for lookups)."""

    def __init__(self, ws):
        self.names: dict[str, str] = {}          # casefolded name of an active party -> GLN
        self.glns: dict[str, str] = {}           # GLN -> name (or the GLN when none is known)
        self.supplier_glns: set[str] = set()     # partners and active parties with the supplier role
        for gln, p in ws.config.section("partners").items():
            self.glns[gln] = p.name or gln
            self.supplier_glns.add(gln)
            if p.name:
                self.names[p.name.casefold()] = gln
        from ..store.parties import load_parties
        with ws.store.connect() as conn:
            for party in load_parties(conn):
                if not party.gln:
                    continue
                self.glns.setdefault(party.gln, party.name)
                if party.active:
                    self.names.setdefault(party.name.casefold(), party.gln)
                    if SUPPLIER_ROLE in party.roles:
                        self.supplier_glns.add(party.gln)
        self._edi: dict[str, bool] = {}
        self.ws = ws

    def gln(self, text: str | None) -> str | None:
        text = (text or "").strip()
        if text.isdigit() and len(text) == 13:
            return text if ean.is_valid(text) else None
        return self.names.get(text.casefold())

    def name(self, gln: str) -> str:
        return self.glns.get(gln, gln)

    def label(self, gln: str) -> str:
        """The supplier for a person: name with the GLN beside it."""
        return name_with_gln(gln, self.glns.get(gln))

    def choices(self) -> list[tuple[str, str]]:
        """(label, GLN) of every supplier, sorted by name, for a picker."""
        return sorted(((self.label(g), g) for g in self.supplier_glns), key=lambda c: (c[0].casefold(), c[1]))

    def edi(self, gln: str) -> bool:
        if gln not in self._edi:
            from .import_parties import partner_trades_edi
            self._edi[gln] = partner_trades_edi(self.ws, gln)
        return self._edi[gln]


def supplier_label(ws, gln: str) -> str:
    """One GLN named for a person (loads the parties; use ``Suppliers`` for many)."""
    return Suppliers(ws).label(gln)
