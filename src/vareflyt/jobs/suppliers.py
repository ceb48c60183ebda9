"""The supplier directory: who a GLN is, for machines and for people — the one place vareflyt
names a party.

**Which name wins** (the one precedence every sheet, message and document follows):

1. the party register — the parties store, filled from the party list (``vareflyt parties
   import``, the Parter sheet); a deactivated party keeps its name for people;
2. the partner's ``name`` in vareflyt.toml, for a GLN the register does not have;
3. the GLN itself.

A document's own text never names a party the directory knows: not a price list's title or
supplier column (they only feed the wrong-supplier guard), not a PRICAT's or an invoice's
NAD name. Only a sheet listing a received document may fall back to that document's own name
when the directory knows nothing of its GLN.

``Suppliers`` also turns the text typed in an order line or an article setting (a GLN, or a
name of an active party or a partner) into the supplier's GLN, and says whether the supplier
trades by EDI. For people, ``label`` gives "Nordisk Trelast AS (7080000000029)" (the bare GLN
only when no name is known); ``known_names`` is the GLN -> name map sheets and figures read;
``choices`` lists the suppliers by name for a picker. Machines keep reading GLNs: JSON keys
and values never go through ``label``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from stdnum import ean

from ..domain.issues import UsageError

if TYPE_CHECKING:
    from ..workspace import Workspace

SUPPLIER_ROLE = "SU"


def name_with_gln(gln: str, name: str | None) -> str:
    """``"Nordisk Trelast AS (7080000000029)"``; the bare GLN when the name is unknown."""
    name = (name or "").strip()
    return f"{name} ({gln})" if name and name != gln else gln


class Suppliers:
    """The directory of one moment: the partners in vareflyt.toml and the stored parties, read
    once (build one per job, not one per row)."""

    def __init__(self, ws: Workspace):
        from ..store.parties import load_parties

        self.ws = ws
        self._by_gln: dict[str, str] = {}  # GLN -> name, by the precedence above
        self._gln_of: dict[str, str] = {}  # casefolded name of an active party or a partner -> GLN
        self.supplier_glns: set[str] = set()  # partners and active parties with the supplier role
        with ws.store.connect() as conn:
            parties = [(p.gln, p) for p in load_parties(conn) if p.gln]
        for gln, party in parties:  # 1. the party register
            if party.name.strip():
                self._by_gln[gln] = party.name.strip()
            if party.active:
                self._gln_of.setdefault(party.name.casefold().strip(), gln)
                if SUPPLIER_ROLE in party.roles:
                    self.supplier_glns.add(gln)
        for gln, partner in ws.config.partners.items():  # 2. vareflyt.toml
            self.supplier_glns.add(gln)
            if partner.name.strip():
                self._by_gln.setdefault(gln, partner.name.strip())
                self._gln_of.setdefault(partner.name.casefold().strip(), gln)
        self._edi: dict[str, bool] = {}

    def gln(self, text: str | None) -> str | None:
        """The GLN typed (check digit valid) or the GLN of the name typed; None when neither."""
        text = (text or "").strip()
        if text.isdigit() and len(text) == 13:
            return text if ean.is_valid(text) else None
        return self._gln_of.get(text.casefold())

    def known(self, gln: str | None) -> str | None:
        """The name the directory has for ``gln``, None when it has none."""
        return self._by_gln.get(gln or "")

    def name(self, gln: str) -> str:
        """The name, else the GLN itself (3. of the precedence)."""
        return self._by_gln.get(gln, gln)

    def label(self, gln: str) -> str:
        """The supplier for a person: name with the GLN beside it."""
        return name_with_gln(gln, self._by_gln.get(gln))

    def known_names(self) -> dict[str, str]:
        """GLN -> name of every party with a name (a copy, for sheets and key figures)."""
        return dict(self._by_gln)

    def labels(self) -> dict[str, str]:
        """GLN -> label of every party with a name (for code that may not import the store:
        ``rules`` gets this map; an unknown GLN is shown bare)."""
        return {gln: name_with_gln(gln, name) for gln, name in self._by_gln.items()}

    def choices(self) -> list[tuple[str, str]]:
        """(label, GLN) of every supplier, sorted by name, for a picker."""
        return sorted(((self.label(g), g) for g in self.supplier_glns), key=lambda c: (c[0].casefold(), c[1]))

    def edi(self, gln: str) -> bool:
        if gln not in self._edi:
            from .import_parties import partner_trades_edi

            self._edi[gln] = partner_trades_edi(self.ws, gln)
        return self._edi[gln]


def supplier_label(ws: Workspace, gln: str) -> str:
    """One GLN named for a person (loads the directory; use ``Suppliers`` for many)."""
    return Suppliers(ws).label(gln)


def supplier_names(ws: Workspace) -> dict[str, str]:
    """GLN -> name of every party the directory names (``Suppliers.known_names``)."""
    return Suppliers(ws).known_names()


def checked_supplier_gln(gln: str) -> str:
    """``--supplier`` as a valid GLN (13 digits, check digit), else UsageError naming the fix."""
    gln = (gln or "").strip()
    if not (len(gln) == 13 and gln.isdigit() and ean.is_valid(gln)):
        raise UsageError(
            f"--supplier {gln!r} er ikke et gyldig GLN (13 siffer med kontrollsiffer). "
            f"Bruk leverandørens GLN, f.eks. 7080000000029."
        )
    return gln
