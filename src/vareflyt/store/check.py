"""What ``vareflyt store check`` reports: which store a workspace uses, whether it can be
reached, and its migration level against this vareflyt's — without migrating anything."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import sqlalchemy as sa

from .db import Store, shown_url

KINDS = {"sqlite": "SQLite-fil (bare denne arbeidsmappen)", "postgresql": "PostgreSQL (delt lager)"}


@dataclass(frozen=True)
class StoreReport:
    url: str  # password hidden
    kind: str  # as people read it
    shared: bool
    reachable: bool
    problem: str  # why not reachable (empty when it is)
    level: str | None  # the store's migration level (None: empty or unknown)
    head: str | None  # this vareflyt's level

    @property
    def current(self) -> bool:
        return self.reachable and self.level == self.head

    def as_dict(self) -> dict:
        return dict(asdict(self), current=self.current)


def inspect_store(url: str) -> StoreReport:
    """The report for ``url``; a missing driver or an unusable URL is a UsageError (exit 2)."""
    store = Store(url)
    try:
        name = store.engine.dialect.name
        head = store.head_revision()
        try:
            level, problem = store.current_revision(), ""
        except (sa.exc.OperationalError, sa.exc.InterfaceError) as exc:
            level, problem = None, str(getattr(exc, "orig", exc)).strip().splitlines()[0]
        return StoreReport(
            url=shown_url(url),
            kind=KINDS.get(name, name),
            shared=store.shared,
            reachable=not problem,
            problem=problem,
            level=level,
            head=head,
        )
    finally:
        store.dispose()


def level_text(report: StoreReport) -> str:
    """The migration level in words, with what to do when it is not this vareflyt's."""
    if not report.reachable:
        return "ukjent (lageret svarer ikke)"
    if report.level is None:
        return f"tomt (ingen tabeller); kjør `vareflyt store migrate` for å opprette nivå {report.head}"
    if report.level != report.head:
        return (
            f"{report.level}, denne vareflyt bruker {report.head}; kjør `vareflyt store migrate` "
            f"(eller oppdater vareflyt hvis lageret er nyere)"
        )
    return f"{report.level} (oppdatert)"
