"""The catalogue orders are priced from: the price store on the order date.

``StoreCatalogue`` is the lookup ``orders make`` and ``orders change`` use by default: for a
supplier, an article key (supplier article no., GTIN or NOBB no.) and the order date it gives
the best effective row of the price-list chain (base list plus the change lists that apply,
campaigns included), or the article marked expired when it exists but is not in effect. The
effective catalogue is loaded once per supplier and date. It also remembers which price-list
version gave each price (``source``), so the order can cite that list's reference in RFF+PL
(``rules.order_refs``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from ..domain.catalogue import CatalogueArticle
from ..rules.order_refs import PriceSource
from ..rules.prices import best_match, quote

if TYPE_CHECKING:
    from ..workspace import Workspace

Catalogue = Callable[[str, str, date], list[CatalogueArticle]]  # (supplier GLN, article key, date)


class StoreCatalogue:
    """Catalogue lookups against the workspace's price store (see the module docstring)."""

    def __init__(self, ws: Workspace):
        self.ws = ws
        self._index: dict[tuple[str, date], dict[str, list]] = {}
        self._refs: dict[str, dict[int, str | None]] = {}
        self._sources: dict[tuple[str, str, date], PriceSource] = {}

    def _load(self, supplier_gln: str, on: date) -> dict[str, list]:
        from ..store.prices import list_refs
        from .effective_prices import effective_on

        if (supplier_gln, on) not in self._index:
            by_key: dict[str, list] = {}
            with self.ws.store.connect() as conn:
                for va in effective_on(conn, supplier_gln, on).values():
                    for k in {va[1].article_no, va[1].gtin, va[1].nobb}:
                        if k:
                            by_key.setdefault(k, []).append(va)
                if supplier_gln not in self._refs:
                    self._refs[supplier_gln] = list_refs(conn, supplier_gln)
            self._index[(supplier_gln, on)] = by_key
        return self._index[(supplier_gln, on)]

    def __call__(self, supplier_gln: str, key: str, on: date) -> list[CatalogueArticle]:
        hits = self._load(supplier_gln, on).get(key)
        if not hits:
            from ..store.price_list_rows import candidates

            with self.ws.store.connect() as conn:
                rows = candidates(conn, supplier_gln, key).rows
            return [replace(a, expired=True) for rs in rows.values() for a in rs][:1]
        best = best_match(dict(enumerate(hits)), key)
        assert best is not None, "best_match picks one of the hits"
        version, article = best
        q = quote(version, article, on)
        self._sources[(supplier_gln, key, on)] = PriceSource(
            version.number, self._refs[supplier_gln].get(version.id)
        )
        return [replace(article, net=q.net, campaign_net=None, valid_from=None, valid_to=None)]

    def source(self, supplier_gln: str, key: str, on: date) -> PriceSource | None:
        """The version that gave the price of ``key`` in the last lookup of it on ``on``."""
        return self._sources.get((supplier_gln, key, on))


def price_source(catalogue: Catalogue, supplier_gln: str, key: str, on: date) -> PriceSource | None:
    """Where the price of ``key`` came from, when the catalogue can say (a plain lookup function cannot)."""
    source = getattr(catalogue, "source", None)
    return source(supplier_gln, key, on) if source is not None else None
