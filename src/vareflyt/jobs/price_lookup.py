"""``vareflyt prices lookup``: the price of one article from one supplier on a date.

A small command people wait for, so it loads little (issue 19 item 4): on a workspace whose
store is its own SQLite file at the current migration level the two queries go through the
standard library's sqlite3, read-only (``store.sqlite_lookup``), and SQLAlchemy is never
imported; any other store (PostgreSQL, one that needs migrating) is read through
``store.prices`` and ``store.price_list_rows`` as everywhere else. Both give the same versions
and rows, and the rule that picks the price (``rules.prices``) is the same.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import closing
from datetime import date
from typing import TYPE_CHECKING

from ..domain.catalogue import Candidates
from ..domain.issues import JobResult, error
from ..domain.wording import date_text, number_text
from ..rules.prices import best_match, effective, quote
from ..store import sqlite_lookup
from .suppliers import checked_supplier_gln, name_with_gln, supplier_label

if TYPE_CHECKING:
    from ..workspace import Workspace

NOT_UPDATED = "pris ikke oppdatert"


def lookup_price(ws: Workspace, supplier: str, article: str, on: date | None = None) -> JobResult:
    """The price of ``article`` (supplier no., GTIN or NOBB no.) from ``supplier`` on ``on``."""
    supplier = checked_supplier_gln(supplier)
    on = on or date.today()
    article = str(article).strip()
    fast = sqlite_lookup.open_current(ws.store_url)
    if fast is None:
        from ..store.price_list_rows import candidates

        with ws.store.connect() as conn:
            found = candidates(conn, supplier, article)
        return _answer(found, supplier, article, on, lambda: supplier_label(ws, supplier))
    with closing(fast):
        fast_found = sqlite_lookup.candidates(fast, supplier, article)
        return _answer(fast_found, supplier, article, on, lambda: _label(ws, fast, supplier))


def _label(ws: Workspace, conn, gln: str) -> str:
    """``jobs.suppliers.supplier_label`` for one GLN from the open sqlite3 connection: the party
    register's name, else the partner's name in vareflyt.toml, else the GLN alone."""
    partner = ws.config.partners.get(gln)
    name = (sqlite_lookup.party_name(conn, gln) or "").strip() or (partner.name.strip() if partner else "")
    return name_with_gln(gln, name)


def _answer(found: Candidates, supplier: str, article: str, on: date, label: Callable[[], str]) -> JobResult:
    hit = best_match(effective(found.versions, found.rows, on), article)
    if hit is None:
        why = (
            "ingen prislister fra leverandøren"
            if not found.versions
            else "varen finnes ikke, er utgått eller ikke gyldig da"
        )
        said = f"Fant ingen pris for {article} fra {label()} på {on:%d.%m.%Y} ({why})."
        return JobResult(
            ok=False,
            issues=[error("price.not_found", said)],
            extra={"supplier": supplier, "article": article, "date": on.isoformat()},
        )
    q = quote(*hit, on)
    data = q.to_dict()
    a = q.article
    per = (
        f"{number_text(a.price_basis)} {a.unit or 'enheter'}"
        if data["price_basis"] not in (None, "1")
        else a.unit or "enhet"
    )
    parts = [f"netto {number_text(q.net)} per {per}" + (" (kampanjepris)" if q.campaign else "")]
    parts += [f"brutto {number_text(a.gross)}"] if a.gross is not None else []
    parts += [f"rabatt {number_text(a.discount_pct)} %"] if a.discount_pct is not None else []
    parts += [
        f"gyldig {date_text(q.valid_from) or '…'}–{date_text(q.valid_to)}",
        f"prislisteversjon {q.version.number}",
    ]
    if a.not_updated:
        parts.append(f"{NOT_UPDATED} (raden i siste liste ble avvist; forrige pris gjelder)")
    summary = f"{a.article_no} {a.name}: " + ", ".join(parts)
    return JobResult(extra=dict(data, date=on.isoformat(), not_updated=a.not_updated), summary=summary)


__all__ = ["NOT_UPDATED", "lookup_price"]
