"""The master-data price of an invoiced article on its order date, for invoice control.

``PriceRows`` holds what one run has read of the price lists: the versions in effect per
supplier, the rows of the articles invoiced so far, and the references of the supplier's
approved, not withdrawn lists (``ControlContext.price_list_refs``). Chunks share it, so a
price row is read once per run however many invoices name the article. ``row`` resolves the
price that applied on a date — the version chain on that date (``rules.prices.chain_on``), the
article's row in the newest version that has it, the pack level the invoice line's GTIN names,
and a campaign price when the date is inside the campaign — and caches it per
(supplier, article, GTIN, date). A row the lists in effect mark as expired (withdrawn by a
change list) is no price: check l then compares with the price the order carried.
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from ...domain.catalogue import PACK_ORDER, CatalogueArticle, PriceVersion
from ...rules import prices as price_rules
from ...rules.invoice_control import PriceRow
from ...store import invoice_control as sources


class PriceRows:
    """Price rows on a date, from the versions and the rows of the articles read so far."""

    def __init__(self) -> None:
        self.versions: dict[str, list[PriceVersion]] = {}
        self.rows: dict[tuple[int, str], list[CatalogueArticle]] = {}
        self.list_refs: dict[str, frozenset[str]] = {}
        self.fetched: set[tuple[str, str]] = set()
        self.chains: dict[tuple[str, date], list[PriceVersion]] = {}
        self.cache: dict[tuple, PriceRow | None] = {}

    def load(self, conn: sa.Connection, wanted: dict[str, set[str]]) -> None:
        """Read the rows of articles not read before (supplier -> article numbers)."""
        missing = {s: {a for a in arts if (s, a) not in self.fetched} for s, arts in wanted.items()}
        missing = {s: arts for s, arts in missing.items() if arts or s not in self.versions}
        if not missing:
            return
        data = sources.price_data(conn, missing)
        self.versions.update(data.versions)
        self.rows.update(data.rows)
        self.list_refs.update(data.list_refs)
        self.fetched.update((s, a) for s, arts in missing.items() for a in arts)

    def chain(self, supplier: str, on: date) -> list[PriceVersion]:
        """The supplier's versions that make up its prices on ``on`` (empty: no list applied)."""
        key = (supplier, on)
        if key not in self.chains:
            self.chains[key] = price_rules.chain_on(self.versions.get(supplier, []), on)
        return self.chains[key]

    def refs(self, supplier: str) -> frozenset[str]:
        return self.list_refs.get(supplier, frozenset())

    def row(self, supplier: str, article: str | None, gtin: str | None, on: date) -> PriceRow | None:
        """The price of ``article`` on ``on`` (None: the lists in effect have no live row for it)."""
        key = (supplier, article, gtin, on)
        if key not in self.cache:
            self.cache[key] = self._row(supplier, article, gtin, on)
        return self.cache[key]

    def _row(self, supplier: str, article: str | None, gtin: str | None, on: date) -> PriceRow | None:
        if article is None:  # the rows are keyed by article number: a line without one has none
            return None
        found: dict[str, tuple[PriceVersion, CatalogueArticle]] = {}
        for version in self.chain(supplier, on):
            for a in self.rows.get((version.id, article), ()):
                if price_rules.applies(a, on):
                    found[a.pack_level or ""] = (version, a)
        live = [va for va in found.values() if not va[1].expired]
        if not live:
            return None
        version, a = (
            live[0]
            if len(live) == 1
            else min(live, key=lambda va: (va[1].gtin != gtin, PACK_ORDER.get(va[1].pack_level, 3)))
        )
        campaign = (
            a.campaign_net is not None
            and a.campaign_from is not None
            and a.campaign_to is not None
            and a.campaign_from <= on <= a.campaign_to
        )
        return PriceRow(
            a.campaign_net if campaign else a.net,
            a.vat_pct,
            a.gross,
            a.discount_pct,
            a.fees,
            a.price_basis,
            a.unit,
            campaign,
            version.number,
        )
