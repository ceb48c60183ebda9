"""Price-list versions in the store: added, approved, withdrawn, listed.

A version is written in the caller's transaction; its rows are ``store.price_list_rows``.
Selection of the price that applies is the pure rule ``vareflyt.rules.prices``, applied by
``jobs.effective_prices``; this module only fetches the versions it needs. Only approved
versions that were not withdrawn can be in effect (``versions``): lookups, orders, the
catalogue table and invoice control all read their versions through it.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any, NamedTuple

import sqlalchemy as sa

from ..domain.catalogue import CatalogueKind, PriceVersion
from .tables.prices import price_versions
from .types import inserted_id


class StoredVersion(NamedTuple):
    """One row of ``price_versions``, whatever its state."""

    id: int
    supplier_gln: str
    number: int
    kind: str  # new | change | replace
    valid_from: date | None
    file_name: str | None
    file_hash: str | None
    imported_at: datetime
    counts: str | None  # JSON object
    approved_at: datetime | None  # None: waits for `prices approve`
    withdrawn_at: datetime | None
    list_ref: str | None


class VersionListing(NamedTuple):
    """A version as ``prices versions`` lists it (the keys of its JSON)."""

    supplier: str
    version: int
    kind: str
    valid_from: date | None
    file_name: str | None
    imported_at: datetime
    approved_at: datetime | None
    withdrawn_at: datetime | None
    counts: dict[str, int]


class Stamped(NamedTuple):
    """The version an approve/withdraw found (None: no such version), and when it was stamped
    before (None: stamped now)."""

    version: PriceVersion | None
    earlier: datetime | None


def _version(row: StoredVersion | sa.Row[Any]) -> PriceVersion:
    return PriceVersion(row.id, row.supplier_gln, row.number, CatalogueKind(row.kind), row.valid_from)


def versions(conn: sa.Connection, supplier: str, *, waiting: bool = False) -> list[PriceVersion]:
    """The supplier's approved versions that were not withdrawn (the ones that can be in
    effect), by number; with ``waiting`` the ones that wait for approval instead."""
    approved = price_versions.c.approved_at
    rows = conn.execute(
        sa.select(price_versions)
        .where(
            price_versions.c.supplier_gln == supplier,
            approved.is_(None) if waiting else approved.is_not(None),
            price_versions.c.withdrawn_at.is_(None),
        )
        .order_by(price_versions.c.number)
    )
    return [_version(r) for r in rows]


def version_row(conn: sa.Connection, supplier: str, number: int) -> StoredVersion | None:
    """The stored row of version ``number`` of ``supplier`` (any state), or None."""
    row = conn.execute(
        sa.select(*[price_versions.c[f] for f in StoredVersion._fields]).where(
            price_versions.c.supplier_gln == supplier, price_versions.c.number == number
        )
    ).first()
    return None if row is None else StoredVersion._make(row)


def withdraw(conn: sa.Connection, supplier: str, number: int, at: datetime) -> Stamped:
    """Withdraw version ``number`` of ``supplier`` -> (the version, or None when there is no such
    version; when it was withdrawn before, that earlier time, else None). Its rows stay."""
    return _stamp(conn, supplier, number, "withdrawn_at", at)


def version_list(conn: sa.Connection, supplier: str | None = None) -> list[VersionListing]:
    """Every version (of ``supplier``, or of all), newest last, as plain values for listing."""
    query = sa.select(price_versions).order_by(price_versions.c.supplier_gln, price_versions.c.number)
    if supplier:
        query = query.where(price_versions.c.supplier_gln == supplier)
    return [
        VersionListing(
            r.supplier_gln,
            r.number,
            r.kind,
            r.valid_from,
            r.file_name,
            r.imported_at,
            r.approved_at,
            r.withdrawn_at,
            json.loads(r.counts or "{}"),
        )
        for r in conn.execute(query)
    ]


def approve(conn: sa.Connection, supplier: str, number: int, at: datetime) -> Stamped:
    """Approve version ``number`` of ``supplier`` -> (the version, or None when there is no such
    version; when it was approved before, that earlier time, else None)."""
    return _stamp(conn, supplier, number, "approved_at", at)


def _stamp(conn: sa.Connection, supplier: str, number: int, column: str, at: datetime) -> Stamped:
    """Set ``column`` of a version to ``at`` unless it is set already (then that earlier time)."""
    row = version_row(conn, supplier, number)
    if row is None:
        return Stamped(None, None)
    if getattr(row, column) is not None:
        return Stamped(_version(row), getattr(row, column))
    conn.execute(price_versions.update().where(price_versions.c.id == row.id).values({column: at}))
    return Stamped(_version(row), None)


def withdrawn(conn: sa.Connection, supplier: str, number: int) -> bool:
    """True when version ``number`` of ``supplier`` exists and was withdrawn."""
    row = version_row(conn, supplier, number)
    return row is not None and row.withdrawn_at is not None


class WithdrawnVersion(NamedTuple):
    """A withdrawn version: its supplier and number (equal to the plain pair, so
    ``(gln, number) in withdrawn_versions(conn)`` asks whether that version was withdrawn)."""

    supplier_gln: str
    number: int


def withdrawn_versions(conn: sa.Connection) -> set[WithdrawnVersion]:
    """Every withdrawn version."""
    rows = conn.execute(
        sa.select(price_versions.c.supplier_gln, price_versions.c.number).where(
            price_versions.c.withdrawn_at.is_not(None)
        )
    )
    return {WithdrawnVersion(r.supplier_gln, r.number) for r in rows}


def list_refs(conn: sa.Connection, supplier: str) -> dict[int, str | None]:
    """Version id -> the supplier's own reference of that list (None when the list gave none)."""
    return dict(
        conn.execute(
            sa.select(price_versions.c.id, price_versions.c.list_ref).where(
                price_versions.c.supplier_gln == supplier
            )
        ).all()
    )


def version_numbers(conn: sa.Connection) -> dict[int, int]:
    return {r.id: r.number for r in conn.execute(sa.select(price_versions.c.id, price_versions.c.number))}


def add_version(
    conn: sa.Connection,
    *,
    supplier: str,
    kind: CatalogueKind,
    valid_from: date | None,
    file_name: str | None,
    file_hash: str | None,
    counts: dict[str, int],
    at: datetime | None = None,
    approved: bool = True,
    list_ref: str | None = None,
) -> PriceVersion:
    """Store a new version; ``list_ref`` is the supplier's own reference of the list (PRICAT RFF+PL)."""
    at = at or datetime.now()
    number = (
        conn.execute(
            sa.select(sa.func.max(price_versions.c.number)).where(price_versions.c.supplier_gln == supplier)
        ).scalar()
        or 0
    ) + 1
    result = conn.execute(
        price_versions.insert().values(
            supplier_gln=supplier,
            number=number,
            kind=kind.value,
            valid_from=valid_from,
            file_name=file_name,
            file_hash=file_hash,
            imported_at=at,
            counts=json.dumps(counts),
            approved_at=at if approved else None,
            list_ref=list_ref,
        )
    )
    return PriceVersion(inserted_id(result), supplier, number, kind, valid_from)


def suppliers(conn: sa.Connection) -> list[str]:
    return [
        r[0]
        for r in conn.execute(
            sa.select(price_versions.c.supplier_gln).distinct().order_by(price_versions.c.supplier_gln)
        )
    ]
