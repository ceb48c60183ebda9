"""Who a supplier written in the workbook is: ``Suppliers`` turns the text typed in an order
line or an article setting (a GLN, or a name) into the supplier's GLN, from the partners in
vareflyt.toml and the stored parties, and says whether the supplier trades by EDI.
"""

from __future__ import annotations

from stdnum import ean


class Suppliers:
    """Supplier text (GLN or name) -> GLN, from vareflyt.toml partners and the stored parties."""

    def __init__(self, ws):
        self.names: dict[str, str] = {}
        self.glns: dict[str, str] = {}
        for gln, p in ws.config.section("partners").items():
            self.glns[gln] = p.name or gln
            if p.name:
                self.names[p.name.casefold()] = gln
        from ..store.parties import load_parties
        with ws.store.connect() as conn:
            for party in load_parties(conn, active_only=True):
                if party.gln:
                    self.glns.setdefault(party.gln, party.name)
                    self.names.setdefault(party.name.casefold(), party.gln)
        self._edi: dict[str, bool] = {}
        self.ws = ws

    def gln(self, text: str | None) -> str | None:
        text = (text or "").strip()
        if text.isdigit() and len(text) == 13:
            return text if ean.is_valid(text) else None
        return self.names.get(text.casefold())

    def name(self, gln: str) -> str:
        return self.glns.get(gln, gln)

    def edi(self, gln: str) -> bool:
        if gln not in self._edi:
            from .import_parties import partner_trades_edi
            self._edi[gln] = partner_trades_edi(self.ws, gln)
        return self._edi[gln]
