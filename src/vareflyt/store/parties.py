"""Party repository: load parties as domain values, apply a planned import, read the history.

SQLAlchemy Core only. ``apply_plan`` runs inside the caller's transaction (one per import) and
writes each new or changed party plus one ``party_changes`` row per event/field, so the store
can always say who changed what from which archived file. Parties are never deleted.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import NamedTuple

import sqlalchemy as sa

from ..domain.parties import PARTY_FIELDS, Party, Planned, name_key, parse_roles_text, roles_text
from .tables.core import processing_log
from .tables.parties import parties, party_changes
from .types import inserted_id


class PartyChange(NamedTuple):
    """One row of a party's change history (``party_history``)."""

    id: int
    party_id: int
    at: datetime
    event: str  # new | changed | deactivated | reactivated
    field: str  # the field that changed ("name" for a new party, "" when none)
    old: str | None
    new: str | None
    file_hash: str | None  # the archived file the change came from
    file_row: int | None  # its row in that file


def _to_party(row) -> Party:
    values = {name: row[name] for name in PARTY_FIELDS if name != "roles"}
    values["edi"], values["active"] = bool(values["edi"]), bool(values["active"])
    return Party(roles=parse_roles_text(row["roles"]), id=row["id"], **values)


def _columns(party: Party) -> dict:
    values = {name: getattr(party, name) for name in PARTY_FIELDS}
    values["roles"] = roles_text(party.roles)
    values["name_key"] = name_key(party.name)
    return values


def load_parties(conn: sa.Connection, *, active_only: bool = False) -> list[Party]:
    """All parties in a stable order (by id), optionally only active ones."""
    query = sa.select(parties).order_by(parties.c.id)
    if active_only:
        query = query.where(parties.c.active == sa.true())
    return [_to_party(row) for row in conn.execute(query).mappings()]


def party_by_gln(conn: sa.Connection, gln: str) -> Party | None:
    row = conn.execute(sa.select(parties).where(parties.c.gln == gln)).mappings().first()
    return _to_party(row) if row else None


def party_changed_at(conn: sa.Connection) -> dict[int, datetime]:
    """When each party last changed (for the workbook's "Endret" column)."""
    return dict(conn.execute(sa.select(parties.c.id, parties.c.changed_at)).all())


def apply_plan(
    conn: sa.Connection, actions: Iterable[Planned], *, at: datetime, file_hash: str | None
) -> None:
    """Write the planned rows: insert new parties, update changed ones, log every change."""
    history: list[dict] = []

    def log(
        party_id: int, event: str, row: int, fld: str = "", old: str | None = None, new: str | None = None
    ):
        history.append(
            dict(
                party_id=party_id,
                at=at,
                event=event,
                field=fld,
                old=old,
                new=new,
                file_hash=file_hash,
                file_row=row,
            )
        )

    # Free GLNs and party numbers that move in this import before taking them (unique keys).
    moving = [
        a
        for a in actions
        if a.kind in ("changed", "deactivated") and any(c.field in ("gln", "party_no") for c in a.changes)
    ]
    for action in moving:
        conn.execute(parties.update().where(parties.c.id == action.party.id).values(gln=None, party_no=None))
    for action in actions:
        if action.kind == "unchanged":
            continue
        if action.kind == "new":
            party_id = inserted_id(
                conn.execute(
                    parties.insert().values(
                        created_at=at, changed_at=at, source_hash=file_hash, **_columns(action.party)
                    )
                )
            )
            log(party_id, "new", action.row, "name", None, action.party.name)
            continue
        conn.execute(
            parties.update()
            .where(parties.c.id == action.party.id)
            .values(changed_at=at, source_hash=file_hash, **_columns(action.party))
        )
        assert action.party.id is not None, "a changed party is a stored one"
        for change in action.changes:
            event = "changed"
            if change.field == "active":
                event = "deactivated" if not action.party.active else "reactivated"
            log(action.party.id, event, action.row, change.field, change.old, change.new)
    if history:
        conn.execute(party_changes.insert(), history)


def party_history(conn: sa.Connection, party_id: int) -> list[PartyChange]:
    """The change history of one party, oldest first."""
    query = sa.select(*(party_changes.c[name] for name in PartyChange._fields))
    query = query.where(party_changes.c.party_id == party_id).order_by(party_changes.c.id)
    return [PartyChange._make(row) for row in conn.execute(query)]


def last_status(conn: sa.Connection, job: str) -> str | None:
    """Status of the newest processing-log row of ``job`` (e.g. a pending workbook refresh)."""
    query = sa.select(processing_log.c.status).where(processing_log.c.job == job)
    return conn.execute(query.order_by(processing_log.c.id.desc()).limit(1)).scalar_one_or_none()


def count_parties(conn: sa.Connection) -> int:
    return conn.execute(sa.select(sa.func.count()).select_from(parties)).scalar_one()
