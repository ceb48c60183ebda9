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
gebyr, inkassovarsel (inkassoloven § 9), betalingsoppfordring (§ 10, om den er slått på) og til
slutt overføring til inkasso. Kreditnotaer trekkes fra, og delbetalinger fordeles på gebyr,
rente og hovedstol. Brevene lages i letters/<dato>/, med én samlet PDF for utskrift. Samme dato
to ganger lager ikke noe nytt. --preview lager brevene i letters/<dato>/forhandsvisning/ og
registrerer ikke noe. Mangler en rentesats, regnes renten til siste dag med kjent sats og
kjøringen sier fra. Bare én kjøring om gangen: en annen kjøring venter --wait sekunder.

--json gir reminders: [{customer, invoices, level (reminder | dunning | inkassovarsel |
betalingsoppfordring | collection), level_nb, days_overdue, principal, fee (alle purregebyrer
som er krevd og ikke betalt, dette brevets medregnet), new_fee (dette brevets gebyr),
interest, interest_through (siste rentedag når en sats mangler, ellers null), compensation,
credited (kreditnotaer trukket fra), total, letter}].
"""


def register(root: typer.Typer) -> None:
    group = typer.Typer(help="Purring: påminnelser, purringer, inkassovarsler.", no_args_is_help=True)
    root.add_typer(group, name="dunning")

    @group.command("run", help=RUN_HELP)
    def run(
        workspace: WorkspaceOpt = None,
        date: DateOpt = None,
        preview: Annotated[
            bool, typer.Option("--preview", help="Lag brev og lister uten å registrere purringene.")
        ] = False,
        wait: Annotated[
            float, typer.Option("--wait", help="Sekunder å vente hvis en annen kjøring pågår.")
        ] = 0,
        json_out: JsonOpt = False,
    ) -> None:
        def job() -> JobResult:
            from ..jobs.run_dunning import run_dunning
            from ..workspace import find_workspace

            on = parse_date_option(date)
            ws = find_workspace(workspace)
            try:
                return run_dunning(ws, on=on, preview=preview, progress=progress_for(json_out), wait=wait)
            finally:
                ws.close()

        run_command(job, json_out)
