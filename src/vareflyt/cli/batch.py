"""``vareflyt batch run|status|schedule``: the nightly batch from the command line.

``batch run`` exits 0 when all went well, 1 when something needs a person (the morning report
lists it), 3 when a workbook was open in Excel (its results wait for the next run); another
run holding the lock exits 1 with a message (or waits with ``--wait SECONDS``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from ..domain.issues import JobResult, VareflytError
from .common import (
    DateOpt,
    JsonOpt,
    WorkspaceOpt,
    err_console,
    out_console,
    parse_date_option,
    print_error,
    run_command,
)

batch_app = typer.Typer(help="Nattkjøringen: alt i riktig rekkefølge, uten tilsyn.", no_args_is_help=True)


def _print(result: JobResult, json_out: bool) -> None:
    if json_out:
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2, default=str) + "\n")
        return
    out_console.print(escape(result.summary), highlight=False, soft_wrap=True)
    for path in result.outputs[:1]:
        out_console.print(f"  -> {escape(str(path))}", highlight=False)


@batch_app.command("run")
def run(
    workspace: WorkspaceOpt = None,
    date: DateOpt = None,
    wait: Annotated[
        float | None,
        typer.Option(
            "--wait", help="Vent så mange sekunder hvis en annen kjøring pågår (ellers avslutt med melding)."
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Kjør alle trinn selv om ingenting er nytt.")
    ] = False,
    json_out: JsonOpt = False,
) -> None:
    """Kjør nattjobben: innboks, ordrer, fakturakontroll, purring, tabeller og morgenrapport."""
    from ..jobs.nightly import run_batch
    from ..workspace import find_workspace

    on = parse_date_option(date) if date else None
    try:
        ws = find_workspace(workspace)
        try:
            result = run_batch(ws, on=on, wait=wait, force=force)
        finally:
            ws.close()
    except VareflytError as exc:
        print_error(exc, json_out)
        raise typer.Exit(exc.exit_code) from None
    _print(result, json_out)
    raise typer.Exit(result.extra.get("exit_code", 0))


@batch_app.command("status")
def status(
    workspace: WorkspaceOpt = None,
    limit: Annotated[int, typer.Option("--limit", help="Antall kjøringer som vises.")] = 10,
    json_out: JsonOpt = False,
) -> None:
    """Vis de siste nattkjøringene og det som trenger en person."""

    def job() -> JobResult:
        from ..jobs.nightly import batch_status
        from ..workspace import find_workspace

        ws = find_workspace(workspace)
        try:
            return batch_status(ws, limit)
        finally:
            ws.close()

    run_command(job, json_out)


@batch_app.command("schedule")
def schedule(
    workspace: WorkspaceOpt = None,
    print_: Annotated[bool, typer.Option("--print", help="Skriv planen for denne maskinen.")] = False,
    kind: Annotated[
        str | None,
        typer.Option("--kind", help="cron, systemd eller windows (standard: det som passer maskinen)."),
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Skriv filene til denne mappen.")] = None,
) -> None:
    """Lag en ferdig plan (cron, systemd eller Oppgaveplanlegging) som kjører nattjobben."""
    from ..jobs.nightly.schedule import KINDS, detect, render
    from ..workspace import find_workspace

    if kind is not None and kind not in KINDS:
        err_console.print(f"[red]Ukjent --kind {escape(repr(kind))}. Bruk {', '.join(KINDS)}.[/red]")
        raise typer.Exit(2)
    if not print_ and out is None:
        err_console.print("[red]Oppgi --print (skriv planen) eller --out MAPPE (lagre filene).[/red]")
        raise typer.Exit(2)
    try:
        ws = find_workspace(workspace)
    except VareflytError as exc:
        print_error(exc, json_out=False)
        raise typer.Exit(exc.exit_code) from None
    chosen = kind or detect()
    files = render(chosen, ws.root)
    for name, text in files:
        if out is not None:
            out.mkdir(parents=True, exist_ok=True)
            (out / name).write_text(text, encoding="utf-8")
            err_console.print(f"Skrev {escape(str(out / name))}", highlight=False)
        if print_:
            if len(files) > 1:
                sys.stdout.write(f"### {name}\n")
            sys.stdout.write(text)
    err_console.print(f"Se docs/batch.md for hvordan planen ({chosen}) installeres.")


def register(root: typer.Typer) -> None:
    root.add_typer(batch_app, name="batch")
