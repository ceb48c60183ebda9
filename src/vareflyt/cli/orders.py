"""``vareflyt orders make|list|overdue|refresh``: purchase orders from the order-entry table.

``make`` reads the order-entry table of Innkjop.xlsx (or ``--from FILE``) plus reorder
suggestions, makes one order per supplier and delivery place, writes NeB ORDERS to outbox/ for
EDI partners and a printable order (HTML/PDF) for the rest, and refreshes the purchasing
tables. ``list`` shows the stored orders, ``overdue`` the orders without a response after the
partner's agreed hours, ``refresh`` rebuilds the workbook tables (and takes in manual receipts).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..domain.issues import JobResult
from .common import DateOpt, JsonOpt, WorkspaceOpt, in_workspace, moment, parse_date_option, progress_for, run_command

MAKE_HELP = """Lag innkjøpsordrer fra Bestilling-tabellen i Innkjop.xlsx (eller --from FIL).

Linjer grupperes til én ordre per leverandør og leveringssted; hver ordre får et nytt
ordrenummer. EDI-partnere får NeB ORDERS i outbox/, andre en utskrivbar bestilling (HTML og
PDF). Linjer som ikke kan bestilles (ukjent artikkel, utgått, uten pris) blir stående med
årsak. Å kjøre kommandoen på nytt bestiller ingenting to ganger.
"""


def register(root: typer.Typer) -> None:
    group = typer.Typer(help="Innkjøpsordrer: lag, følg opp og se forsinkede ordresvar.", no_args_is_help=True)
    root.add_typer(group, name="orders")

    @group.command("make", help=MAKE_HELP)
    def make(from_file: Annotated[Optional[Path], typer.Option("--from", help="Bestillingsfil (xlsx eller csv).")] = None,
             date: DateOpt = None, workspace: WorkspaceOpt = None, json_out: JsonOpt = False) -> None:
        def work(ws) -> JobResult:
            from ..jobs.make_orders import make_orders
            from ..jobs.purchasing_tables import refresh_tables

            day = parse_date_option(date)
            result = make_orders(ws, from_file=from_file, on=day, now=moment(day), progress=progress_for(json_out))
            refresh_tables(ws, now=moment(day), result=result)
            return result

        run_command(lambda: in_workspace(workspace, work), json_out)

    @group.command("list")
    def list_(workspace: WorkspaceOpt = None, json_out: JsonOpt = False) -> None:
        """Vis innkjøpsordrene med status."""
        def work(ws) -> JobResult:
            from ..jobs.purchasing_tables import build_rows

            rows = build_rows(ws, datetime.now())["orders"]
            result = JobResult(counts={"orders": len(rows)}, summary="\n".join(
                f"{r['order_no']:>10}  {r['supplier_name'] or r['supplier_gln']:<26} {r['status']}" for r in rows)
                or "Ingen ordrer.")
            result.extra["orders"] = [{"number": r["order_no"], "supplier_gln": r["supplier_gln"],
                                       "delivery_gln": r["delivery_gln"], "lines": r["lines"], "status": r["status"],
                                       "response": r["response"]} for r in rows]
            return result

        run_command(lambda: in_workspace(workspace, work), json_out)

    @group.command("overdue")
    def overdue(date: DateOpt = None, workspace: WorkspaceOpt = None, json_out: JsonOpt = False) -> None:
        """Vis ordrer som mangler ordresvar etter avtalt tid (response_hours per partner)."""
        def work(ws) -> JobResult:
            from ..jobs.purchasing_tables import overdue_orders

            late = overdue_orders(ws, moment(parse_date_option(date)))
            result = JobResult(counts={"overdue": len(late)}, summary="\n".join(
                f"{o['number']:>10}  {o['supplier_gln']}  svar skulle kommet {o['due'][:16]} "
                f"({o['hours_late']} t over)" for o in late) or "Ingen forsinkede ordresvar.")
            result.extra["overdue"] = late
            return result

        run_command(lambda: in_workspace(workspace, work), json_out)

    @group.command("refresh")
    def refresh(workspace: WorkspaceOpt = None, json_out: JsonOpt = False) -> None:
        """Oppdater ordre-, mottaks-, avviks- og loggtabellene i Innkjop.xlsx (tar med manuelle mottak)."""
        def work(ws) -> JobResult:
            from ..jobs.purchasing_tables import refresh_tables

            result = refresh_tables(ws)
            result.summary = "Innkjøpstabellene er oppdatert."
            return result

        run_command(lambda: in_workspace(workspace, work), json_out)
