"""``vareflyt edi read``: read every file in inbox/ (order responses, packing slips, INVOIC and
EHF invoices and credit notes), then refresh the purchasing tables.

``cli/edi.py`` owns the ``edi`` group; it calls ``add_read_command(edi_app)`` to add this
command. JSON: ``documents: [{file, type, number, status ("accepted" | "rejected"), issues}]``.
Exit 1 when any document was rejected (the input was rejected), else 0.
"""

from __future__ import annotations

from datetime import datetime, time

import typer

from ..domain.issues import JobResult
from .common import DateOpt, JsonOpt, WorkspaceOpt, parse_date_option, progress_for, run_command

READ_HELP = """Les alle filer i inbox/: ordrebekreftelser (ORDRSP), pakksedler (DESADV) og
leverandørfakturaer og kreditnotaer (INVOIC og EHF, også i PEPPOL-konvolutt/SBDH).

Hvert dokument godtas helt eller avvises helt. Godtatte filer flyttes til archive/, avviste
til quarantine/ med en .reason.txt. Avvik som krever beslutning vises i tabellen Avvik i
Innkjop.xlsx. Samme fil to ganger endrer ingenting.
"""


def add_read_command(edi_group: typer.Typer) -> None:
    @edi_group.command("read", help=READ_HELP)
    def read(date: DateOpt = None, workspace: WorkspaceOpt = None, json_out: JsonOpt = False) -> None:
        def job() -> JobResult:
            from ..jobs.purchasing_tables import refresh_tables
            from ..jobs.read_inbox import read_inbox
            from ..workspace import find_workspace

            ws = find_workspace(workspace)
            try:
                day = parse_date_option(date)
                now = datetime.now() if day == datetime.now().date() else datetime.combine(day, time(12, 0))
                from ..jobs.nightly.lock import writing_run

                with writing_run(ws, "innlesing"):
                    result = read_inbox(ws, on=day, now=now, progress=progress_for(json_out))
                    result.ok = result.counts.get("rejected", 0) == 0
                    refresh_tables(ws, now=now, result=result)
                return result
            finally:
                ws.close()

        run_command(job, json_out)
