"""``vareflyt addin build [--output PATH]`` and ``vareflyt addin install [--target DIR]``:
the Excel ribbon add-in (``vareflyt.addin``). See docs/excel.md for the steps in Excel.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..domain.issues import JobResult
from .common import JsonOpt, run_command

BUILD_HELP = (
    "Bygg vareflyt.xlam fra kildene (båndet customUI.xml og VBA-modulen vareflyt.bas, som følger med "
    "vareflyt) og xlwings-modulen fra xlwings installert i dette miljøet. I kildekoden skrives filen til "
    "addin/vareflyt.xlam, ellers til gjeldende mappe. Virker på Windows, macOS og Linux."
)

RELEASE_HELP = (
    "Bygg en utgave for butikkene i stedet: hjulfilen for vareflyt og installasjonsprogrammene "
    "install.cmd/install.ps1 (Windows) og «Installer Vareflyt.command» (macOS) i mappen --output "
    "(standard dist/). Kjøres i kildekoden."
)

INSTALL_HELP = (
    "Bygg tillegget og installer det for denne brukeren: skriver hvilken Python Excel skal bruke "
    "(vareflyt.conf) og kopierer vareflyt.xlam til Excels XLSTART-mappe med xlwings' eget "
    "installasjonsprogram. Lukk Excel først. Med --target MAPPE kopieres filen bare dit."
)

SourceOpt = Annotated[
    Path | None,
    typer.Option(
        "--source", help="Mappen med customUI.xml og vba/ (standard: kildene som følger med vareflyt)."
    ),
]


def register(root: typer.Typer) -> None:
    group = typer.Typer(help="Excel-tillegget: båndet Vareflyt.", no_args_is_help=True)
    root.add_typer(group, name="addin")

    @group.command("build", help=BUILD_HELP)
    def build(
        output: Annotated[
            Path | None, typer.Option("--output", "-o", help="Hvor .xlam skal skrives.")
        ] = None,
        source: SourceOpt = None,
        release: Annotated[bool, typer.Option("--release", help=RELEASE_HELP)] = False,
        json_out: JsonOpt = False,
    ) -> None:
        def job() -> JobResult:
            from ..addin.build import build_addin, xlwings_sources

            if release:
                from ..addin.release import build_release

                return build_release(output)

            path = build_addin(output, source)
            xlwings_version = xlwings_sources()[0]
            return JobResult(
                outputs=[str(path)],
                extra={"xlwings": xlwings_version},
                summary=f"Bygde {path} (xlwings {xlwings_version}).",
            )

        run_command(job, json_out)

    @group.command("install", help=INSTALL_HELP)
    def install(
        target: Annotated[Path | None, typer.Option("--target", help="Kopier bare til denne mappen.")] = None,
        source: SourceOpt = None,
        json_out: JsonOpt = False,
    ) -> None:
        def job() -> JobResult:
            from ..addin.install import install_addin

            return install_addin(target=target, source=source)

        run_command(job, json_out)
