"""``vareflyt dunning run [--date D] [--preview]``: reminders, dunning letters, inkassovarsel
and hand-over to collection, by Norwegian law.

Decides for every open invoice the next level due on the date, writes one letter per customer
and level (PDF and HTML in ``letters/<date>/``), the collection file, the dunning list and aged
receivables in Kundereskontro.xlsx, and records what was sent (not with ``--preview``).
"""

from __future__ import annotations

from typing import Annotated

import typer

from ..domain.issues import JobResult
from .common import DateOpt, JsonOpt, WorkspaceOpt, parse_date_option, progress_for, run_command

RUN_HELP = """Kjør purringen for en dato (standard i dag).

For hver åpen faktura velges neste lovlige trinn: betalingspåminnelse uten gebyr, purring med
gebyr, inkassovarsel (inkassoloven § 9) og til slutt overføring til inkasso. Brevene lages i
letters/<dato>/. Samme dato to ganger sender ikke noe nytt. --preview lager alt, men
registrerer ikke at noe er sendt. --json gir reminders: [{customer, invoices, level,
days_overdue, principal, fee, interest, compensation, total, letter}].
"""


def register(root: typer.Typer) -> None:
    group = typer.Typer(help="Purring: påminnelser, purringer, inkassovarsler.", no_args_is_help=True)
    root.add_typer(group, name="dunning")

    @group.command("run", help=RUN_HELP)
    def run(workspace: WorkspaceOpt = None, date: DateOpt = None,
            preview: Annotated[bool, typer.Option("--preview", help="Lag brev og lister uten å registrere dem som sendt.")] = False,
            json_out: JsonOpt = False) -> None:
        def job() -> JobResult:
            from ..jobs.run_dunning import run_dunning
            from ..workspace import find_workspace

            on = parse_date_option(date)
            ws = find_workspace(workspace)
            try:
                return run_dunning(ws, on=on, preview=preview, progress=progress_for(json_out))
            finally:
                ws.close()

        run_command(job, json_out)
