"""``vareflyt init DIR`` and ``vareflyt demo [DIR]``: create a workspace, or a demo one."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..domain.issues import JobResult
from .common import DateOpt, JsonOpt, parse_date_option, progress_for, run_command


def register(root: typer.Typer) -> None:
    @root.command("init")
    def init(
        directory: Annotated[Path, typer.Argument(metavar="MAPPE", help="Mappen som skal bli arbeidsmappe.")],
        json_out: JsonOpt = False,
    ) -> None:
        """Lag en ny arbeidsmappe: vareflyt.toml, arbeidsbøker, mapper og lager."""

        def job() -> JobResult:
            from ..workspace import init_workspace

            existed = (directory / "vareflyt.toml").exists()
            ws = init_workspace(directory)
            outputs = [str(ws.config_path), str(ws.purchasing_workbook), str(ws.receivables_workbook)]
            ws.close()
            verb = "Fullførte" if existed else "Laget"
            return JobResult(
                summary=f"{verb} arbeidsmappen {ws.root}. Rediger {ws.config_path.name} med "
                f"firmaopplysningene dine.",
                outputs=outputs,
            )

        run_command(job, json_out)

    @root.command("demo")
    def demo(
        directory: Annotated[
            Path | None,
            typer.Argument(metavar="MAPPE", help="Mappen for demo (standard: ./vareflyt-demo)."),
        ] = None,
        articles: Annotated[int, typer.Option(help="Antall artikler i demoen.")] = 20000,
        days: Annotated[int, typer.Option(help="Antall netter batchen kjøres over.", min=1)] = 5,
        customers: Annotated[int, typer.Option(help="Antall kunder i kundereskontroen.", min=10)] = 300,
        date: DateOpt = None,
        json_out: JsonOpt = False,
    ) -> None:
        """Lag en realistisk demo-arbeidsmappe og kjør hele flyten på den."""

        def job() -> JobResult:
            from ..demo.run import run_demo

            return run_demo(
                directory or Path("vareflyt-demo"),
                today=parse_date_option(date),
                articles=articles,
                days=days,
                customers=customers,
                progress=progress_for(json_out),
            )

        run_command(job, json_out)
