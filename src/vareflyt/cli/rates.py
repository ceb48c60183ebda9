"""``vareflyt rates show`` and ``vareflyt rates add``: the rate table a shop can see and extend.

``show`` prints the table in force (vareflyt's own rows merged with the workspace's
``rates.toml``): forsinkelsesrente and standardkompensasjon per half-year, inkassosats with the
fees derived from it, the fee rules, and which half-year the date falls in. ``add`` writes one
half-year into the workspace's ``rates.toml``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date as Date
from decimal import Decimal
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from ..domain.issues import JobResult, UsageError
from ..domain.money import format_kr
from .common import DateOpt, JsonOpt, WorkspaceOpt, in_workspace, out_console, parse_date_option, run_command

SHOW_HELP = """Vis satsene som er i bruk: vareflyts egen tabell slått sammen med arbeidsmappens rates.toml.

Per halvår: forsinkelsesrente, standardkompensasjon, om raden er bekreftet, kilden og hvor raden
kommer fra. Per år: inkassosats med purregebyr (1/20) og gebyr for betalingsoppfordring (3/20).
Sier hvilket halvår datoen (--date, standard i dag) er i, og om satsen mangler.
"""

ADD_HELP = """Legg inn forsinkelsesrenten for et halvår i arbeidsmappens rates.toml.

--from er første dag i halvåret (1. januar eller 1. juli), --interest satsen i prosent per år
(12,25 eller 12.25), --compensation standardkompensasjonen i kroner. Satsen står på
regjeringen.no og Lovdata. Raden lagres som bekreftet; en rad for samme halvår erstattes.
Kommentarer og andre rader i filen beholdes, og forrige versjon lagres som rates.bak.toml.
"""


def _pct(text: str) -> str:
    return f"{Decimal(text):.2f}".replace(".", ",") + " %"


def _kr(text: str | None) -> str:
    return "" if text is None else f"{format_kr(Decimal(text))} kr"


def _yes(value: bool) -> str:
    return "ja" if value else "[yellow]nei[/yellow]"


def _origin(value: str) -> str:
    return "arbeidsmappen" if value == "workspace" else "vareflyt"


def _print_tables(result: JobResult) -> None:
    extra = result.extra
    where = extra["workspace_file"]
    if where is None:
        out_console.print("Ingen arbeidsmappe funnet: viser bare vareflyts egen tabell.", highlight=False)
    elif not extra["workspace_file_exists"]:
        out_console.print(
            f"Arbeidsmappen har ingen egen {escape(Path(where).name)}: alle rader er vareflyts egne.",
            highlight=False,
        )
    else:
        out_console.print(
            f"Egne rader fra {escape(where)} går foran vareflyts rader med samme start.", highlight=False
        )
    halves = Table(title="Forsinkelsesrente og standardkompensasjon per halvår", title_justify="left")
    for name, justify in (
        ("Fra", "left"),
        ("Rente", "right"),
        ("Standardkomp.", "right"),
        ("Bekreftet", "left"),
        ("Fra fil", "left"),
        ("Kilde", "left"),
    ):
        halves.add_column(name, justify=justify, overflow="fold")
    for row in extra["half_years"]:
        comp = (
            _kr(row["compensation"])
            if row["compensation"]
            else (f"som før ({_kr(row['compensation_in_force'])})" if row["compensation_in_force"] else "")
        )
        halves.add_row(
            Date.fromisoformat(row["start"]).strftime("%d.%m.%Y"),
            _pct(row["interest"]),
            comp,
            _yes(row["confirmed"]),
            _origin(row["origin"]),
            escape(row["source"]),
        )
    out_console.print(halves)
    satser = Table(title="Inkassosats per år, med gebyrene som følger av den", title_justify="left")
    fraction = next((r["reminder_fraction"] for r in extra["inkassosats"] if r["reminder_fraction"]), "1/20")
    for name, justify in (
        ("Fra", "left"),
        ("Inkassosats", "right"),
        (f"Purregebyr ({fraction})", "right"),
        ("Betalingsoppfordring", "right"),
        ("Bekreftet", "left"),
        ("Fra fil", "left"),
        ("Kilde", "left"),
    ):
        satser.add_column(name, justify=justify, overflow="fold")
    for row in extra["inkassosats"]:
        satser.add_row(
            Date.fromisoformat(row["start"]).strftime("%d.%m.%Y"),
            _kr(row["amount"]),
            _kr(row["reminder_fee"]),
            _kr(row["betalingsoppfordring_fee"]),
            _yes(row["confirmed"]),
            _origin(row["origin"]),
            escape(row["source"]),
        )
    out_console.print(satser)
    rules = Table(title="Purregebyr som del av inkassosatsen", title_justify="left")
    for name in ("Krav med forfall fra", "Purregebyr", "Fra fil", "Kilde"):
        rules.add_column(name, overflow="fold")
    for row in extra["fee_rules"]:
        rules.add_row(
            Date.fromisoformat(row["due_from"]).strftime("%d.%m.%Y"),
            row["fraction"],
            _origin(row["origin"]),
            escape(row["source"]),
        )
    out_console.print(rules)


def _workspace_root(workspace: Path | None) -> Path | None:
    """The workspace's folder; None (vareflyt's own table only) when none was named and the
    current folder is not one."""
    from ..workspace import find_workspace

    try:
        ws = find_workspace(workspace)
    except UsageError:
        if workspace is None:
            return None
        raise
    ws.close()
    return ws.root


def register(root: typer.Typer) -> None:
    group = typer.Typer(
        help="Satser for purring: forsinkelsesrente, standardkompensasjon, inkassosats.", no_args_is_help=True
    )
    root.add_typer(group, name="rates")

    @group.command("show", help=SHOW_HELP)
    def show(workspace: WorkspaceOpt = None, date: DateOpt = None, json_out: JsonOpt = False) -> None:
        def job() -> JobResult:
            from ..jobs.rates_table import rates_overview

            on = parse_date_option(date)
            result = rates_overview(_workspace_root(workspace), on)
            if json_out:
                return result
            _print_tables(result)
            return replace(result, counts={})

        run_command(job, json_out)

    @group.command("add", help=ADD_HELP)
    def add(
        start: Annotated[
            str, typer.Option("--from", help="Første dag i halvåret: 2026-07-01 eller 01.07.2026.")
        ],
        interest: Annotated[
            str, typer.Option("--interest", help="Forsinkelsesrenten i prosent per år, f.eks. 12,25.")
        ],
        compensation: Annotated[
            str | None, typer.Option("--compensation", help="Standardkompensasjon i kroner, f.eks. 460.")
        ] = None,
        source: Annotated[
            str | None,
            typer.Option(
                "--source", help="Hvor satsen står (standard: «Lagt inn med vareflyt rates add <dato>»)."
            ),
        ] = None,
        workspace: WorkspaceOpt = None,
        json_out: JsonOpt = False,
    ) -> None:
        def job() -> JobResult:
            from ..jobs.rates_file import add_half_year

            first = parse_date_option(start, "--from")
            return in_workspace(
                workspace, lambda ws: add_half_year(ws.root, first, interest, compensation, source)
            )

        run_command(job, json_out)
