"""``vareflyt parties import FILE`` and ``vareflyt parties list``: the party commands.

``import`` reads a party spreadsheet (xlsx, xls, ods, csv) into the store and refreshes the
Parter table of Innkjop.xlsx; ``list`` shows the stored parties (``--all`` includes
deactivated ones). Both accept ``--workspace`` and ``--json`` like every command.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..domain.issues import JobResult
from .common import JsonOpt, WorkspaceOpt, progress_for, run_command

IMPORT_HELP = """Importer en partsliste (kunder, leverandører, leveringssteder) fra xlsx, xls eller csv.

Nye parter legges til, endrede oppdateres (endringene vises), parter merket inaktive
deaktiveres (slettes aldri). Bare nøklene avviser en rad (ugyldig GLN eller
organisasjonsnummer, manglende navn, ingen av partnernr/GLN/orgnr); et ugyldig kontonummer,
e-post eller MVA-nummer hoppes over med en advarsel, og parten importeres. Et GLN som tilhører en \
annen part avvises, og står samme GLN eller partnernr på
flere rader i filen, avvises alle de radene. Samme fil to ganger endrer ingenting.
Tallene (docs/imports.md): rader lest = importert + avvist; importert = nye + endret + uendret
+ deaktivert; utgått = rader merket inaktive.
"""


def register(root: typer.Typer) -> None:
    group = typer.Typer(
        help="Parter: kunder, leverandører, leveringssteder og andre GLN-er.", no_args_is_help=True
    )
    root.add_typer(group, name="parties")

    @group.command("import", help=IMPORT_HELP)
    def import_(
        file: Annotated[Path, typer.Argument(metavar="FIL", help="Partslisten (xlsx, xls, ods eller csv).")],
        workspace: WorkspaceOpt = None,
        json_out: JsonOpt = False,
    ) -> None:
        def job() -> JobResult:
            from ..jobs.import_parties import import_parties
            from ..workspace import find_workspace

            ws = find_workspace(workspace)
            try:
                return import_parties(ws, file, progress=progress_for(json_out))
            finally:
                ws.close()

        run_command(job, json_out)

    @group.command("list")
    def list_(
        workspace: WorkspaceOpt = None,
        json_out: JsonOpt = False,
        all_: Annotated[bool, typer.Option("--all", help="Ta med deaktiverte parter.")] = False,
    ) -> None:
        """Vis partene i lageret."""

        def job() -> JobResult:
            from ..domain.parties import roles_text
            from ..store.parties import load_parties
            from ..workspace import find_workspace

            ws = find_workspace(workspace)
            try:
                with ws.store.connect() as conn:
                    parties = load_parties(conn, active_only=not all_)
            finally:
                ws.close()
            from ..domain.wording import plural  # not at the top: see cli.common.counts_text

            rows = [{**p.as_row(), "roles": roles_text(p.roles)} for p in parties]
            lines = [
                f"{p.party_no or '-':>8}  {p.gln or '-':13}  {p.orgnr or '-':9}  {roles_text(p.roles):14}  "
                f"{p.name}{'' if p.active else '  (deaktivert)'}"
                for p in parties
            ]
            summary = "\n".join([plural(len(parties), "part", "parter"), *lines])
            return JobResult(counts={"parties": len(parties)}, summary=summary, extra={"parties": rows})

        run_command(job, json_out)
