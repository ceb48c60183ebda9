"""``vareflyt orders make|change|list|overdue|refresh``: purchase orders from the order-entry table.

``make`` reads the order-entry table of Innkjop.xlsx (or ``--from FILE``) plus reorder
suggestions, makes one order per supplier and delivery place, writes NeB ORDERS to outbox/ for
EDI partners and a printable order (HTML/PDF) for the rest, and refreshes the purchasing
tables. ``change NUMBER --set ARTICLE=QTY`` replaces a sent order by a change order (new number,
RFF+PW to the old one; ``jobs.change_orders``). ``list`` shows the stored orders, ``overdue`` the
orders without a response after the partner's agreed hours, ``refresh`` rebuilds the workbook
tables (and takes in manual receipts).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..domain.issues import JobResult, Source, UsageError
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

MAKE_HELP = """Lag innkjøpsordrer fra Bestilling-tabellen i Innkjop.xlsx (eller --from FIL).

Linjer grupperes til én ordre per leverandør og leveringssted; hver ordre får et nytt
ordrenummer. EDI-partnere får NeB ORDERS i outbox/, andre en utskrivbar bestilling (HTML og
PDF). Linjer som ikke kan bestilles (ukjent artikkel, utgått, uten pris) blir stående med
årsak. Å kjøre kommandoen på nytt bestiller ingenting to ganger. En linje med et ordrenummer i
«Endrer ordre» legger varen til den opprinnelige ordren, eller øker antallet til det som står: ordren
erstattes av en endringsordre (se «vareflyt orders change»).
"""

CHANGE_HELP = """Endre en laget ordre: flere varer eller høyere antall (bransjens EDI ERP-guide, kap. 5.1).

Endringen blir en ny ordre med nytt ordrenummer som erstatter den gamle: alle linjene fra
ordren med samme linjenumre, med de nye antallene, og de nye varene til slutt. EDI-partnere får
NeB ORDERS (BGM funksjon 5 «erstatter», RFF+PW med det gamle ordrenummeret), andre en
utskrivbar bestilling. Den gamle ordren lukkes som «erstattet». Lavere antall, levert eller
lukket ordre avvises (exit 1): lavere antall avtales med leverandøren på telefon eller e-post.
"""


def parse_changes(values: list[str]) -> list:
    """``--set`` values ``ARTICLE=QTY`` (decimal comma or point) -> wanted changes; usage error
    (exit 2) for one that cannot be read."""
    from ..excel.values import parse_decimal
    from ..rules.order_change import Wanted

    out = []
    for value in values:
        article, _, quantity = value.rpartition("=")
        amount, problem = parse_decimal(quantity.strip()) if quantity.strip() else (None, "antall mangler")
        if not article.strip() or amount is None:
            raise UsageError(
                f"--set {value!r} kan ikke leses ({problem or 'varen mangler'}). Skriv varenummer, "
                f"GTIN eller NOBB-nummer og nytt samlet antall, f.eks. --set T100=150."
            )
        out.append(Wanted(article.strip(), amount, Source(field=f"--set {value}")))
    return out


def register(root: typer.Typer) -> None:
    group = typer.Typer(
        help="Innkjøpsordrer: lag, følg opp og se forsinkede ordresvar.", no_args_is_help=True
    )
    root.add_typer(group, name="orders")

    @group.command("make", help=MAKE_HELP)
    def make(
        from_file: Annotated[
            Path | None, typer.Option("--from", help="Bestillingsfil (xlsx eller csv).")
        ] = None,
        date: DateOpt = None,
        workspace: WorkspaceOpt = None,
        json_out: JsonOpt = False,
    ) -> None:
        def work(ws: Workspace) -> JobResult:
            from ..jobs.make_orders import make_orders
            from ..jobs.nightly.lock import writing_run
            from ..jobs.purchasing_tables import refresh_tables

            day = parse_date_option(date)
            with writing_run(ws, "bestilling"):
                result = make_orders(
                    ws, from_file=from_file, on=day, now=moment(day), progress=progress_for(json_out)
                )
                refresh_tables(ws, now=moment(day), result=result)
            return result

        run_command(lambda: in_workspace(workspace, work), json_out)

    @group.command("change", help=CHANGE_HELP)
    def change(
        number: Annotated[str, typer.Argument(metavar="ORDRENR", help="Ordren som skal endres.")],
        changes: Annotated[
            list[str] | None,
            typer.Option(
                "--set",
                metavar="VARE=ANTALL",
                help="Varenr, GTIN eller NOBB-nr og nytt samlet antall, f.eks. T100=150; en vare som ikke "
                "står på ordren legges til. Kan gis flere ganger.",
            ),
        ] = None,
        date: DateOpt = None,
        workspace: WorkspaceOpt = None,
        json_out: JsonOpt = False,
    ) -> None:
        def work(ws: Workspace) -> JobResult:
            from ..jobs.change_orders import change_order
            from ..jobs.nightly.lock import writing_run
            from ..jobs.purchasing_tables import refresh_tables

            day = parse_date_option(date)
            with writing_run(ws, "ordreendring"):
                result = change_order(
                    ws,
                    number,
                    parse_changes(changes or []),
                    on=day,
                    now=moment(day),
                    progress=progress_for(json_out),
                )
                refresh_tables(ws, now=moment(day), result=result)
            return result

        run_command(lambda: in_workspace(workspace, work), json_out)

    @group.command("list")
    def list_(workspace: WorkspaceOpt = None, json_out: JsonOpt = False) -> None:
        """Vis innkjøpsordrene med status."""

        def work(ws: Workspace) -> JobResult:
            from ..jobs.purchasing_tables import build_rows

            rows = build_rows(ws, datetime.now())["orders"]
            result = JobResult(
                counts={"orders": len(rows)},
                summary="\n".join(
                    f"{r['order_no']:>10}  {r['supplier_name'] or r['supplier_gln']:<26} {r['status']}"
                    for r in rows
                )
                or "Ingen ordrer.",
            )
            result.extra["orders"] = [
                {
                    "number": r["order_no"],
                    "supplier_gln": r["supplier_gln"],
                    "delivery_gln": r["delivery_gln"],
                    "lines": r["lines"],
                    "status": r["status"],
                    "response": r["response"],
                }
                for r in rows
            ]
            return result

        run_command(lambda: in_workspace(workspace, work), json_out)

    @group.command("overdue")
    def overdue(date: DateOpt = None, workspace: WorkspaceOpt = None, json_out: JsonOpt = False) -> None:
        """Vis ordrer som mangler ordresvar etter avtalt tid (response_hours per partner)."""

        def work(ws: Workspace) -> JobResult:
            from ..jobs.purchasing_tables import overdue_orders
            from ..jobs.suppliers import Suppliers

            late = overdue_orders(ws, moment(parse_date_option(date)))
            names = Suppliers(ws)
            result = JobResult(
                counts={"overdue": len(late)},
                summary="\n".join(
                    f"{o['number']:>10}  {names.label(o['supplier_gln'])}  svar "
                    f"skulle kommet {o['due'][:16]} "
                    f"({o['hours_late']} t over)"
                    for o in late
                )
                or "Ingen forsinkede ordresvar.",
            )
            result.extra["overdue"] = late
            return result

        run_command(lambda: in_workspace(workspace, work), json_out)

    @group.command("refresh")
    def refresh(workspace: WorkspaceOpt = None, json_out: JsonOpt = False) -> None:
        """Oppdater ordre-, mottaks-, avviks- og loggtabellene i Innkjop.xlsx (tar med manuelle mottak)."""

        def work(ws: Workspace) -> JobResult:
            from ..jobs.purchasing_tables import refresh_tables

            result = refresh_tables(ws)
            result.summary = "Innkjøpstabellene er oppdatert."
            return result

        run_command(lambda: in_workspace(workspace, work), json_out)
