"""What every command shares: the ``--workspace`` and ``--json`` options, date parsing,
rich progress, printing a ``JobResult`` (counts with their Norwegian labels, ``rader lest: 9``,
from ``COUNT_LABELS``; a key without a label is written with spaces) and turning it
into the exit code of the contract: 0 ran, 1 input rejected, 2 usage error, 3 a workbook was
open in Excel and not overwritten (the job ran, its ``*locked`` issue says which workbook)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime, time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from ..domain.issues import JobResult, Severity, VareflytError

WorkspaceOpt = Annotated[
    Path | None,
    typer.Option(
        "--workspace",
        "-w",
        help="Arbeidsmappe (ellers VAREFLYT_WORKSPACE, ellers gjeldende mappe).",
        envvar="VAREFLYT_WORKSPACE",
        show_envvar=True,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Skriv resultatet som ett JSON-objekt.")]
DateOpt = Annotated[
    str | None, typer.Option("--date", help="Dato (ÅÅÅÅ-MM-DD eller DD.MM.ÅÅÅÅ); standard er i dag.")
]

# The Norwegian label of every count a job reports (--json keeps the keys of docs/imports.md).
COUNT_LABELS: dict[str, str] = {
    # imports (docs/imports.md)
    "rows_read": "rader lest",
    "imported": "importert",
    "rejected": "avvist",
    "new": "nye",
    "changed": "endret",
    "unchanged": "uendret",
    "expired": "utgått",
    "not_updated": "ikke oppdatert",
    "deactivated": "deaktivert",
    "reopened": "gjenåpnet",
    "updated": "oppdatert",
    "closed": "lukket",
    "credit_notes": "kreditnotaer",
    "customers_new": "nye kunder",
    "customers_changed": "endrede kunder",
    "customers_updated": "oppdaterte kunder",
    "rows_with_errors": "rader med feil",
    "invoices_new": "nye fakturaer",
    "invoices_updated": "oppdaterte fakturaer",
    "invoices_closed": "lukkede fakturaer",
    "invoices_reopened": "gjenåpnede fakturaer",
    "matched_kid": "avstemt på KID",
    "matched_invoice": "avstemt på fakturanr",
    "part_payments": "delbetalinger",
    "unmatched": "ikke avstemt",
    "foreign_currency": "utenlandsk valuta",
    "earlier_now_matched": "tidligere nå avstemt",
    "already_recorded": "registrert før",
    # price lists
    "approved": "godkjent",
    "withdrawn": "trukket tilbake",
    "versions": "versjoner",
    "waiting": "venter",
    # files, documents, EDI
    "files": "filer",
    "documents": "dokumenter",
    "accepted": "godtatt",
    "interchanges": "utvekslinger",
    "messages": "meldinger",
    "errors": "feil",
    "warnings": "advarsler",
    "lines": "linjer",
    "invoice_files": "fakturafiler",
    "read_rejected": "avvist ved lesing",
    # orders and purchasing
    "orders": "ordrer",
    "order_lines": "ordrelinjer",
    "overdue": "forsinket",
    "unresolved": "ikke bestilt",
    "already_ordered": "allerede bestilt",
    "reorder_suggestions": "bestillingsforslag",
    "parties": "parter",
    "suppliers": "leverandører",
    "deviations": "avvik",
    "open": "åpne",
    "manual_receipts": "manuelle mottak",
    "decisions": "beslutninger",
    # invoice control
    "invoices": "fakturaer",
    "checked": "kontrollert",
    "deviation": "avvik",
    "failed": "feilet",
    "orders_invoiced_changed": "ordrer med endret fakturering",
    # receivables and dunning
    "customers": "kunder",
    "payments": "innbetalinger",
    "letters": "brev",
    "collection": "til inkasso",
    "notices": "varsler",
    "credit_note": "kreditnotaer",
    "paid": "betalt",
    "not_due": "ikke forfalt",
    "hold": "holdt tilbake",
    "below_minimum": "under minstebeløp",
    "finished": "ferdig purret",
    "rate_missing": "rentesats mangler",
    # rates
    "half_years": "halvår",
    "inkassosatser": "inkassosatser",
    "unconfirmed": "ikke bekreftet",
    "from_workspace": "fra arbeidsmappen",
    "added": "lagt til",
    "replaced": "erstattet",
    # the nightly batch and the demo
    "nights": "netter",
    "attention": "trenger en person",
    "came_in": "inn",
    "went_out": "ut",
    "locked": "åpne i Excel",
    "failed_steps": "trinn som feilet",
    "seconds": "sekunder",
    "runs": "kjøringer",
    "open_items": "åpne saker",
    "current_items": "akkurat nå",
    # sending
    "sent": "sendt",
    "print": "venter på utskrift",
    "unknown": "usikkert om sendt",
    "in_outbox": "blir i outbox/",
}


def count_label(key: str) -> str:
    """``"rows_read"`` -> ``"rader lest"``."""
    return COUNT_LABELS.get(key, key.replace("_", " "))


def counts_text(counts: Mapping[str, int]) -> str:
    """``{"rows_read": 1200, "imported": 1199}`` -> ``"rader lest: 1 200, importert: 1 199"``."""
    # Imported here, not at the top: domain.wording's label tables load the domain's enums and
    # dataclasses (~20 ms), which `vareflyt --help` does not need (issue 19 item 4).
    from ..domain.wording import whole_number

    return ", ".join(f"{count_label(key)}: {whole_number(value)}" for key, value in counts.items())


err_console = Console(stderr=True)
out_console = Console()


def parse_date_option(value: str | None, option: str = "--date") -> date:
    """Parse a date given on the command line; today when absent. Usage error (exit 2) if unreadable."""
    if value is None or value == "":
        return date.today()
    from ..excel.values import parse_date  # local import: value parsing lives with the readers

    parsed = parse_date(value)
    if parsed is None:
        err_console.print(
            f"[red]Ugyldig dato for {option}: {value!r}. Bruk ÅÅÅÅ-MM-DD, f.eks. 2026-03-01.[/red]"
        )
        raise typer.Exit(2)
    return parsed


class RichProgress:
    """Progress bars on stderr; silent when stderr is not a terminal or in JSON mode."""

    def __init__(self, enabled: bool):
        self.enabled = enabled

    @contextmanager
    def task(self, description: str, total: int | None = None) -> Iterator[object]:
        if not self.enabled:
            from ..jobs.progress import NullTask

            yield NullTask()
            return
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err_console,
            transient=True,
        ) as progress:
            task_id = progress.add_task(description, total=total)

            class _Task:
                def advance(self, n: int = 1) -> None:
                    progress.advance(task_id, n)

            yield _Task()


def progress_for(json_out: bool) -> RichProgress:
    return RichProgress(enabled=not json_out and err_console.is_terminal)


def print_result(result: JobResult, json_out: bool) -> None:
    if json_out:
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2, default=str) + "\n")
        return
    if result.summary:
        out_console.print(escape(result.summary), highlight=False, soft_wrap=True)
    if result.counts:
        out_console.print("  " + counts_text(result.counts), highlight=False, soft_wrap=True)
    limit = 200
    for issue in result.issues[:limit]:
        colour = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}[issue.severity]
        out_console.print(f"[{colour}]{escape(issue.render())}[/{colour}]", highlight=False, soft_wrap=True)
    if len(result.issues) > limit:
        from ..domain.wording import plural  # not at the top: see counts_text

        more = plural(len(result.issues) - limit, "melding", "meldinger")
        out_console.print(f"... og {more} til (bruk --json for alle).", highlight=False)
    for path in result.outputs:
        out_console.print(f"  -> {escape(str(path))}", highlight=False)


def moment(day: date) -> datetime:
    """The time a job dated ``day`` runs at: now when it is today, else noon that day (so runs
    for another date are reproducible)."""
    return datetime.now() if day == date.today() else datetime.combine(day, time(12, 0))


def in_workspace(workspace: Path | None, work: Callable[..., JobResult]) -> JobResult:
    """Find the workspace (``--workspace``, then VAREFLYT_WORKSPACE, then here), run
    ``work(ws)`` and close the store again."""
    from ..workspace import find_workspace

    ws = find_workspace(workspace)
    try:
        return work(ws)
    finally:
        ws.close()


def workbook_locked(result: JobResult) -> bool:
    """True when the job left a workbook alone because Excel has it open (an issue code the
    registry lists in ``WORKBOOK_LOCKED``, as the nightly batch counts them)."""
    from ..domain.issue_codes import is_workbook_locked  # the registry: not needed by --help

    return any(is_workbook_locked(issue.code) for issue in result.issues)


def exit_code(result: JobResult) -> int:
    """The contract's exit code of a job that ran: 1 rejected, 3 a workbook locked, else 0."""
    if not result.ok:
        return 1
    return 3 if workbook_locked(result) else 0


def print_error(exc: VareflytError, json_out: bool) -> None:
    """A job that could not run at all: its message and issues (stderr), or the JSON object with
    ``ok: false`` and ``error``."""
    if json_out:
        data = JobResult(ok=False, issues=list(exc.issues)).to_dict()
        data["error"] = str(exc)
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
        return
    err_console.print(f"[red]Feil: {escape(str(exc))}[/red]", highlight=False)
    for issue in exc.issues[:50]:
        err_console.print(f"[red]  {escape(issue.render())}[/red]", highlight=False)


def run_command(job: Callable[[], JobResult], json_out: bool) -> None:
    """Run a job, print its result, and exit with the contract's exit code."""
    try:
        result = job()
    except VareflytError as exc:
        print_error(exc, json_out)
        raise typer.Exit(exc.exit_code) from None
    print_result(result, json_out)
    raise typer.Exit(exit_code(result))
