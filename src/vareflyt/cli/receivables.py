"""``vareflyt receivables import FILE``, ``vareflyt receivables aging`` and ``vareflyt payments import FILE``.

``receivables import`` reads an open-items export from the accounting system (xlsx, xls,
ods, csv) and makes the store match it (new invoices, changed amounts, vanished ones closed
as paid; ``--full`` confirms an export that closes more than the guard allows).
``receivables aging`` writes the aged receivables per customer and in total.
``payments import`` reads a bank camt.054 file or a payments sheet and matches the
payments to invoices by KID, then by invoice number and amount. ``register`` adds both groups.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..domain.issues import JobResult
from .common import DateOpt, JsonOpt, WorkspaceOpt, in_workspace, parse_date_option, progress_for, run_command

RECEIVABLES_HELP = """Importer åpne poster (kundereskontro) fra regnskapet: xlsx, xls, ods eller csv.

Kolonner: kundenr, navn, kundetype (B2B/B2C/offentlig), orgnr, adresse, e-post, fakturanr,
fakturadato, forfall, beløp, betalt, KID, valuta; valgfritt bilagstype (Faktura/Kreditnota) og
kreditert faktura («Gjelder faktura»). Negativt beløp er en kreditnota. Fakturaer som er borte
fra eksporten lukkes som betalt (historikken beholdes). En fil med feil avvises i sin helhet.

Ville importen lukket mer enn max_close_share i vareflyt.toml (standard 20 %) av de åpne
fakturaene, stopper den (avkortet eksport?); bekreft en komplett eksport med --full.
--date er datoen eksporten gjelder (standard i dag): innbetalinger fra banken etter den
datoen kommer i tillegg.

Tallene (docs/imports.md): rader lest = importert + avvist; importert = nye + endret + uendret
+ gjenåpnet; utgått = fakturaer lukket som betalt.
"""

AGING_HELP = """Aldersfordelte kundefordringer per kunde og totalt: ikke forfalt, 1–30, 31–60, 61–90
og over 90 dager etter forfall.

Skrives til tabellen Aldersfordeling i Kundereskontro.xlsx; med --json også som tall (tekst med
punktum som desimaltegn). --date er datoen fordelingen gjelder (standard i dag).
"""

PAYMENTS_HELP = """Importer innbetalinger: camt.054 fra banken (XML) eller et regneark (xlsx/csv).

Avstemmes mot åpne fakturaer på KID, ellers på fakturanummer og beløp. Delbetalinger
registreres; innbetalinger som ikke kunne avstemmes listes. Samme fil to ganger endrer ingenting.

Tallene (docs/imports.md): rader lest = importert + avvist; importert = nye (registrert nå) +
uendret (registrert før); avvist = rader uten lesbar dato eller beløp og innbetalinger i
utenlandsk valuta.
"""


def register(root: typer.Typer) -> None:
    receivables = typer.Typer(help="Kundereskontro: åpne poster fra regnskapet.", no_args_is_help=True)
    payments = typer.Typer(help="Innbetalinger fra banken (camt.054) eller regneark.", no_args_is_help=True)
    root.add_typer(receivables, name="receivables")
    root.add_typer(payments, name="payments")

    @receivables.command("import", help=RECEIVABLES_HELP)
    def import_receivables(
        file: Annotated[Path, typer.Argument(metavar="FIL", help="Eksporten av åpne poster.")],
        full: Annotated[
            bool,
            typer.Option(
                "--full",
                help="Eksporten er komplett: lukk fakturaene som mangler, også når de er "
                "flere enn max_close_share.",
            ),
        ] = False,
        workspace: WorkspaceOpt = None,
        date: DateOpt = None,
        json_out: JsonOpt = False,
    ) -> None:
        def job() -> JobResult:
            from ..jobs.import_receivables import import_receivables as run

            as_of = parse_date_option(date)
            return in_workspace(
                workspace, lambda ws: run(ws, file, as_of=as_of, full=full, progress=progress_for(json_out))
            )

        run_command(job, json_out)

    @receivables.command("aging", help=AGING_HELP)
    def aging(workspace: WorkspaceOpt = None, date: DateOpt = None, json_out: JsonOpt = False) -> None:
        def job() -> JobResult:
            from ..jobs.aged_receivables import aged_receivables_report

            on = parse_date_option(date)
            return in_workspace(workspace, lambda ws: aged_receivables_report(ws, on))

        run_command(job, json_out)

    @payments.command("import", help=PAYMENTS_HELP)
    def import_payments(
        file: Annotated[Path, typer.Argument(metavar="FIL", help="camt.054-fil (XML) eller regneark.")],
        workspace: WorkspaceOpt = None,
        json_out: JsonOpt = False,
    ) -> None:
        def job() -> JobResult:
            from ..jobs.import_payments import import_payments as run

            return in_workspace(workspace, lambda ws: run(ws, file, progress=progress_for(json_out)))

        run_command(job, json_out)
