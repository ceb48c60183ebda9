"""``vareflyt invoices reconcile|scorecard``: supplier invoice control and supplier scorecard.

``reconcile`` takes the decisions people typed into the invoice-control table, runs checks
a–w on every invoice not yet approved, refreshes the invoice tables of Innkjop.xlsx and writes
deviation notices to letters/. JSON: ``invoices: [{supplier_gln, number, kind, status,
findings: [{check, line, expected, actual, message}]}]``. ``scorecard`` lists delivery
precision, confirmation time, invoice accuracy and price changes per supplier for a period.
(``edi read`` names the INVOIC and EHF handlers in its own literal tables, ``read_inbox.HANDLERS``.)
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Annotated

import typer

from ..domain.issues import JobResult
from .common import (
    DateOpt,
    JsonOpt,
    WorkspaceOpt,
    in_workspace,
    moment,
    parse_date_option,
    progress_for,
    run_command,
)

if TYPE_CHECKING:
    from ..workspace import Workspace

RECONCILE_HELP = """Kontroller leverandørfakturaer (sjekk a–w i EDI ERP-guiden).

Alle fakturaer som ikke er godkjent kontrolleres mot ordre, ordrebekreftelse, pakkseddel,
varemottak og prislisten som gjaldt på ordredatoen. Hver faktura blir godkjent, avvik (en
person må se på den), avvist (dublett, ukjent ordre, feil kjøper) eller venter (varene er
ikke mottatt ennå). Skriv «godkjenn» eller «avvis» i Beslutning-kolonnen i Fakturakontroll
for å avgjøre selv; neste kjøring tar det med. Avviksbrev til leverandørene legges i letters/.
"""


def register(root: typer.Typer) -> None:
    group = typer.Typer(help="Leverandørfakturaer: fakturakontroll og leverandørscore.", no_args_is_help=True)
    root.add_typer(group, name="invoices")

    @group.command("reconcile", help=RECONCILE_HELP)
    def reconcile(date: DateOpt = None, workspace: WorkspaceOpt = None, json_out: JsonOpt = False) -> None:
        def work(ws: Workspace) -> JobResult:
            from ..jobs.invoices.run import reconcile_invoices
            from ..jobs.nightly.lock import writing_run

            day = parse_date_option(date)
            with writing_run(ws, "fakturakontroll"):
                return reconcile_invoices(ws, on=day, now=moment(day), progress=progress_for(json_out))

        run_command(lambda: in_workspace(workspace, work), json_out)

    @group.command("scorecard")
    def scorecard(
        start: Annotated[
            str | None, typer.Option("--from", help="Fra dato (standard: ett år før --to).")
        ] = None,
        end: Annotated[str | None, typer.Option("--to", help="Til dato (standard: i dag).")] = None,
        workspace: WorkspaceOpt = None,
        json_out: JsonOpt = False,
    ) -> None:
        """Leverandørscore: leveringspresisjon, bekreftelsestid, fakturapresisjon og prisendringer."""

        def work(ws: Workspace) -> JobResult:
            from ..jobs.invoices.supplier_scores import scores
            from ..jobs.suppliers import Suppliers
            from ..rules.scorecard import to_dict

            last = parse_date_option(end, "--to")
            first = parse_date_option(start, "--from") if start else last - timedelta(days=365)
            found = scores(ws, first, last)
            result = JobResult(counts={"suppliers": len(found)})
            result.extra.update(
                {"from": first.isoformat(), "to": last.isoformat(), "suppliers": [to_dict(s) for s in found]}
            )
            names = Suppliers(ws)
            result.summary = (
                "\n".join(
                    f"{names.label(s.supplier)}  levering "
                    f"{s.precision_pct if s.precision_pct is not None else '-'} %  "
                    f"bekreftelse {s.confirm_hours if s.confirm_hours is not None else '-'} t  "
                    f"faktura {s.accuracy_pct if s.accuracy_pct is not None else '-'} %  "
                    f"prisendringer {s.price_change_pct if s.price_change_pct is not None else '-'} %/år"
                    for s in found
                )
                or "Ingen leverandører i perioden."
            )
            return result

        run_command(lambda: in_workspace(workspace, work), json_out)
