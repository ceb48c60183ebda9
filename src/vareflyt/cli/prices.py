"""``vareflyt prices import FILE --supplier GLN``, ``lookup``, ``approve``, ``withdraw`` and
``versions``: price lists.

``import`` reads a supplier price list (xlsx, xlsm, xls, ods, csv, or PRICAT) into the store
as a new price-list version and refreshes the Katalog table of Innkjop.xlsx (``--force`` past
the wrong-supplier guard); ``lookup`` shows the price of one article from one supplier on a
date; ``approve`` puts a version that waits for approval in effect; ``withdraw`` takes a version
out of use (the one before applies again); ``versions`` lists them. All accept ``--workspace``
and ``--json`` like every command.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..domain.issues import JobResult
from .common import DateOpt, JsonOpt, WorkspaceOpt, in_workspace, parse_date_option, progress_for, run_command

IMPORT_HELP = """Importer en prisliste fra en leverandør (xlsx, xlsm, xls, ods, csv eller PRICAT).

--kind new (ny komplett katalog) og replace (erstatter) gjelder i stedet for alle tidligere
priser fra leverandøren fra og med gyldig-fra-datoen; change (endringsliste) endrer bare varene i
listen. Uten --valid-from gjelder listen fra sin egen dato: datoen de fleste radene har i
gyldig-fra-kolonnen, en dato i tittelen («Gyldig fra 1. februar 2026») eller i PRICAT-hodet,
ellers importdagen. Rader med feil GTIN-kontrollsiffer eller uleselig pris avvises; en vare med
avvist rad i en new/replace-liste beholder forrige pris («pris ikke oppdatert»). En new/replace-liste
som deler for lite med leverandørens gjeldende katalog (standard under 20 % av varene), og
ikke nevner leverandørens navn, avvises (feil leverandør?); --force importerer likevel. Samme fil
to ganger endrer ingenting (etter «prices withdraw» kan den importeres igjen).
Tallene (docs/imports.md): rader lest = importert + avvist; nye, endret, uendret og utgått
sammenlignet med prisene før; ikke oppdatert = varer som beholder forrige pris.
"""

SupplierOpt = Annotated[str, typer.Option("--supplier", "-s", help="Leverandørens GLN (13 siffer).")]


def register(root: typer.Typer) -> None:
    group = typer.Typer(
        help="Prislister fra leverandører: import, godkjenning, tilbaketrekking og prisoppslag.",
        no_args_is_help=True,
    )
    root.add_typer(group, name="prices")

    @group.command("import", help=IMPORT_HELP)
    def import_(
        file: Annotated[
            Path, typer.Argument(metavar="FIL", help="Prislisten (xlsx, xlsm, xls, ods, csv eller PRICAT).")
        ],
        supplier: SupplierOpt,
        kind: Annotated[
            str | None,
            typer.Option("--kind", help="new, change eller replace; standard new (PRICAT: det filen sier)."),
        ] = None,
        valid_from: Annotated[
            str | None,
            typer.Option(
                "--valid-from",
                help="Gyldig fra (ÅÅÅÅ-MM-DD eller DD.MM.ÅÅÅÅ); standard er listens egen "
                "dato (radene, tittelen eller PRICAT-hodet), ellers i dag.",
            ),
        ] = None,
        force: Annotated[
            bool,
            typer.Option(
                "--force", help="Importer selv om listen ligner lite på leverandørens gjeldende katalog."
            ),
        ] = False,
        list_ref: Annotated[
            str | None,
            typer.Option(
                "--list-ref",
                help="Leverandørens referanse til prislisten (det ordrer oppgir i RFF+PL); "
                "standard er PRICAT-ens RFF+PL eller et prislistenummer i tittelen.",
            ),
        ] = None,
        workspace: WorkspaceOpt = None,
        json_out: JsonOpt = False,
    ) -> None:
        start = parse_date_option(valid_from, "--valid-from") if valid_from else None

        def job() -> JobResult:
            from ..jobs.import_prices import import_prices
            from ..workspace import find_workspace

            ws = find_workspace(workspace)
            try:
                return import_prices(
                    ws,
                    file,
                    supplier,
                    kind,
                    start,
                    progress=progress_for(json_out),
                    force=force,
                    list_ref=list_ref,
                )
            finally:
                ws.close()

        run_command(job, json_out)

    @group.command("lookup")
    def lookup(
        supplier: SupplierOpt,
        article: Annotated[
            str, typer.Option("--article", "-a", help="Leverandørens varenr, GTIN eller NOBB-nr.")
        ],
        date: DateOpt = None,
        workspace: WorkspaceOpt = None,
        json_out: JsonOpt = False,
    ) -> None:
        """Vis prisen på en vare fra en leverandør på en dato (kampanjepris når den gjelder)."""
        on = parse_date_option(date)

        def job() -> JobResult:
            from ..jobs.price_lookup import lookup_price
            from ..workspace import find_workspace

            ws = find_workspace(workspace)
            try:
                return lookup_price(ws, supplier, article, on)
            finally:
                ws.close()

        run_command(job, json_out)

    @group.command("approve")
    def approve(
        supplier: SupplierOpt,
        version: Annotated[
            int | None,
            typer.Option(
                "--version",
                help="Versjonsnummeret (se «vareflyt prices versions»); kan utelates når bare "
                "én versjon venter.",
            ),
        ] = None,
        workspace: WorkspaceOpt = None,
        json_out: JsonOpt = False,
    ) -> None:
        """Godkjenn en importert prisliste slik at den tas i bruk
        (når approve_before_use = true i [prices])."""

        def job() -> JobResult:
            from ..jobs.approve_prices import approve_prices

            return in_workspace(workspace, lambda ws: approve_prices(ws, supplier, version))

        run_command(job, json_out)

    @group.command("withdraw")
    def withdraw(
        supplier: SupplierOpt,
        version: Annotated[
            int,
            typer.Option(
                "--version", help="Versjonsnummeret som skal trekkes tilbake (se «vareflyt prices versions»)."
            ),
        ],
        workspace: WorkspaceOpt = None,
        json_out: JsonOpt = False,
    ) -> None:
        """Trekk tilbake en prislisteversjon: den tas vare på, men brukes ikke lenger; versjonen før
        gjelder igjen.

        Samme fil kan importeres på nytt etterpå."""

        def job() -> JobResult:
            from ..jobs.withdraw_prices import withdraw_prices

            return in_workspace(workspace, lambda ws: withdraw_prices(ws, supplier, version))

        run_command(job, json_out)

    @group.command("versions")
    def versions(
        supplier: Annotated[
            str | None, typer.Option("--supplier", "-s", help="Bare denne leverandøren (GLN).")
        ] = None,
        workspace: WorkspaceOpt = None,
        json_out: JsonOpt = False,
    ) -> None:
        """Vis prislisteversjonene: type, gyldig fra, og om de er
        godkjent, venter eller er trukket tilbake."""

        def job() -> JobResult:
            from ..jobs.approve_prices import list_versions

            return in_workspace(workspace, lambda ws: list_versions(ws, supplier))

        run_command(job, json_out)
