"""The prices in effect on a day, read from the store and chosen by the price rules.

The store hands out a supplier's approved versions and their rows as they are
(``store.prices``); which version chain and which row apply on a day is the pure rule
``rules.prices`` (``chain_on``, ``effective``). Lookups, orders, the catalogue table, the price
guard, invoice control's price-change table and the demo read effective prices through here.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import sqlalchemy as sa

from ..domain.catalogue import CatalogueArticle, PriceVersion
from ..rules.prices import chain_on, effective
from ..store import prices as repo

ArticleKey = tuple[str, str]  # (article no., pack level)
Effective = dict[ArticleKey, tuple[PriceVersion, CatalogueArticle]]


def effective_on(
    conn: sa.Connection, supplier: str, on: date, vers: list[PriceVersion] | None = None
) -> Effective:
    """Article key -> (version, row) in effect for ``supplier`` on ``on``; ``vers`` are the
    supplier's versions when the caller has read them already."""
    vers = repo.versions(conn, supplier) if vers is None else vers
    chain = chain_on(vers, on)
    return effective(chain, repo.rows_of(conn, [v.id for v in chain]), on)


def catalogue_on(
    conn: sa.Connection, on: date, known: Mapping[str, Effective] | None = None
) -> list[tuple[PriceVersion, CatalogueArticle]]:
    """The current catalogue of every supplier on ``on``, for the workbook's catalogue table.
    ``known`` (supplier -> effective rows) skips reading a catalogue the caller already has."""
    out: list[tuple[PriceVersion, CatalogueArticle]] = []
    for supplier in repo.suppliers(conn):
        found = (known or {}).get(supplier)
        if found is None:
            found = effective_on(conn, supplier, on)
        out.extend(found[k] for k in sorted(found))
    return out
