"""The prices in effect on a day, read from the store and chosen by the price rules.

The store hands out a supplier's approved versions (``store.prices``) and their rows
(``store.price_list_rows``) as they are; which version chain and which row apply on a day is
the pure rule ``rules.prices`` (``chain_on``, ``effective``). Lookups, orders, the catalogue
table, the price guard, invoice control's price-change table and the demo read effective prices through here.

Inside ``prices_kept()`` (the nightly batch's steps after the inbox, the demo's simulated
suppliers) a repeated question is answered from memory: a night asks for the same suppliers'
prices on the same days several times (invoice control's supplier scores twice, once for its
table and once for the key figures, and the catalogue table on the run date). The answer is
kept by the store, the supplier's version chain (ids, numbers, kinds, start dates) and the day.
The rows of a stored version never change (an import writes a version with its rows in one
transaction; approving or withdrawing a version changes the chain, so the key), so a kept
answer is the one the store would give. Each caller gets its own dict.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from typing import Any, NamedTuple

import sqlalchemy as sa

from ..domain.article_rows import ArticleRows
from ..domain.catalogue import CatalogueArticle, PriceVersion
from ..domain.keyed_articles import KeyedArticles
from ..rules.prices import chain_on, effective, in_effect
from ..store import price_list_rows
from ..store import prices as repo

ArticleKey = tuple[str, str]  # (article no., pack level)
Effective = dict[ArticleKey, tuple[PriceVersion, CatalogueArticle]]


_KEPT: ContextVar[dict[tuple, Any] | None] = ContextVar("kept_effective_prices", default=None)


@contextmanager
def prices_kept() -> Iterator[None]:
    """``with prices_kept():`` answer repeated ``effective_on`` questions from memory (see the
    module docstring). Not around work that reads prices in a transaction after adding a
    version it may roll back: the version's id could come back with other rows. (A price import
    reads the prices in effect before it adds its version.)"""
    token = _KEPT.set({})
    try:
        yield
    finally:
        _KEPT.reset(token)


def effective_on(
    conn: sa.Connection, supplier: str, on: date, vers: list[PriceVersion] | None = None
) -> Effective:
    """Article key -> (version, row) in effect for ``supplier`` on ``on``; ``vers`` are the
    supplier's versions when the caller has read them already."""
    vers = repo.versions(conn, supplier) if vers is None else vers
    chain = chain_on(vers, on)
    kept = _KEPT.get()
    if kept is None:
        return effective(chain, price_list_rows.rows_of(conn, [v.id for v in chain]), on)
    chain_key = (conn.engine.url.render_as_string(), tuple(chain))
    found = kept.get((*chain_key, on))
    if found is None:
        rows = kept.get(chain_key)  # the same chain on another day: the same rows
        if rows is None:
            rows = kept[chain_key] = price_list_rows.rows_of(conn, [v.id for v in chain])
        found = kept[(*chain_key, on)] = effective(chain, rows, on)
    return dict(found)


def articles_in_effect(
    conn: sa.Connection, supplier: str, on: date, vers: list[PriceVersion] | None = None
) -> KeyedArticles:
    """Article key -> article in effect for ``supplier`` on ``on``: ``effective_on``'s articles
    without their versions, held as the store's columns (``rules.prices.in_effect``), for a
    price import's comparison with the prices before it."""
    vers = repo.versions(conn, supplier) if vers is None else vers
    chain = chain_on(vers, on)
    return in_effect(chain, price_list_rows.columns_of(conn, [v.id for v in chain]), on)


class RowsInEffect(NamedTuple):
    """A version that alone makes a supplier's prices, its rows kept as columns (``ArticleRows``,
    from the import that just stored it), and the indices of those in effect in catalogue order
    (``rules.prices.effective_order``)."""

    version: PriceVersion
    rows: ArticleRows
    order: list[int]

    def pairs(self) -> list[tuple[PriceVersion, CatalogueArticle]]:
        return [(self.version, self.rows[i][1]) for i in self.order]


CataloguePart = list[tuple[PriceVersion, CatalogueArticle]] | RowsInEffect


def catalogue_parts(
    conn: sa.Connection, on: date, known: Mapping[str, Effective | RowsInEffect] | None = None
) -> list[CataloguePart]:
    """Every supplier's current catalogue on ``on``, a part per supplier in catalogue order (rows
    by article key). ``known`` (supplier -> effective rows, or rows kept as columns) skips reading
    a catalogue the caller already has."""
    out: list[CataloguePart] = []
    for supplier in repo.suppliers(conn):
        found = (known or {}).get(supplier)
        if isinstance(found, RowsInEffect):
            out.append(found)
            continue
        if found is None:
            found = effective_on(conn, supplier, on)
        out.append([found[k] for k in sorted(found)])
    return out


def catalogue_on(
    conn: sa.Connection, on: date, known: Mapping[str, Effective | RowsInEffect] | None = None
) -> list[tuple[PriceVersion, CatalogueArticle]]:
    """The current catalogue of every supplier on ``on``, as (version, row) pairs (the add-in's
    catalogue refresh); ``known`` as for ``catalogue_parts``."""
    out: list[tuple[PriceVersion, CatalogueArticle]] = []
    for part in catalogue_parts(conn, on, known):
        out.extend(part.pairs() if isinstance(part, RowsInEffect) else part)
    return out
