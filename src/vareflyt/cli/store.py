"""``vareflyt store check`` and ``vareflyt store migrate``: the store a workspace uses.

``check`` says which store is in use (SQLite file or shared PostgreSQL, password hidden),
whether it can be reached and its migration level against this vareflyt's; it changes nothing
and exits 0 when the store is ready, 2 when it is not (unreachable, driver missing, needs
``migrate``). ``migrate`` upgrades the store to this vareflyt's level and says from which level
— the only command besides ``init`` that migrates a shared store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from ..domain.issues import JobResult
from .common import JsonOpt, WorkspaceOpt, in_workspace, print_error, print_result, run_command

if TYPE_CHECKING:
    from ..workspace import Workspace

CHECK_HELP = """Vis hvilket lager arbeidsmappen bruker, om det svarer, og migreringsnivået.

Endrer ingenting. Avslutter med 0 når lageret er klart, 2 når det ikke er det (svarer ikke,
mangler databasedriver, eller trenger `vareflyt store migrate`).
"""

MIGRATE_HELP = """Oppgrader lageret til denne vareflyt-versjonens migreringsnivå.

Et delt lager (PostgreSQL) oppgraderes bare med denne kommandoen (og `vareflyt init`):
alle maskiner som bruker det, må ha samme vareflyt-versjon etterpå.
"""


def _check(ws: Workspace) -> JobResult:
    from ..store.check import inspect_store, level_text

    report = inspect_store(ws.store_url)
    lines = [
        f"Lager: {report.url}",
        f"Type: {report.kind}",
        "Tilgjengelig: ja" if report.reachable else f"Tilgjengelig: nei ({report.problem})",
        f"Migreringsnivå: {level_text(report)}",
    ]
    return JobResult(ok=report.current, summary="\n".join(lines), extra={"store": report.as_dict()})


def _migrate(ws: Workspace) -> JobResult:
    from ..store.db import Store, open_store, shown_url

    url = ws.store_url
    probe = Store(url)
    try:
        before = probe.current_revision()
    finally:
        probe.dispose()
    store = open_store(url, migrate=True)
    try:
        after = store.current_revision()
    finally:
        store.dispose()
    if before == after:
        summary = f"Lageret {shown_url(url)} er allerede på nivå {after}; ingenting å gjøre."
    else:
        summary = f"Lageret {shown_url(url)} er oppgradert fra nivå {before or 'tomt'} til {after}."
    return JobResult(summary=summary, extra={"store": {"url": shown_url(url), "from": before, "to": after}})


def register(root: typer.Typer) -> None:
    group = typer.Typer(help="Lageret: hvilket som brukes, og oppgradering av det.", no_args_is_help=True)
    root.add_typer(group, name="store")

    @group.command("check", help=CHECK_HELP)
    def check(workspace: WorkspaceOpt = None, json_out: JsonOpt = False) -> None:
        from ..domain.issues import VareflytError

        try:
            result = in_workspace(workspace, _check)
        except VareflytError as exc:
            print_error(exc, json_out)
            raise typer.Exit(exc.exit_code) from None
        print_result(result, json_out)
        raise typer.Exit(0 if result.ok else 2)

    @group.command("migrate", help=MIGRATE_HELP)
    def migrate(workspace: WorkspaceOpt = None, json_out: JsonOpt = False) -> None:
        run_command(lambda: in_workspace(workspace, _migrate), json_out)
