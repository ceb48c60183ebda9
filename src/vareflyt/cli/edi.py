"""``vareflyt edi show FILE`` and ``vareflyt edi validate FILE``: look at and check EDIFACT and
EHF files — one command for both formats (an XML file is read as EHF).

``show`` prints envelope, messages and segments of an EDIFACT file, or the EHF document
(parties, dates, lines, VAT, totals) in Norwegian; ``--json`` gives the whole structure.
``validate`` checks envelope, syntax and the NeB message guides (EDIFACT) or reads the EHF
document as ``edi read`` would, and exits 1 when any issue is an error. The workspace option
is accepted for the contract; these two commands do not use it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import JsonOpt, WorkspaceOpt, run_command

FileArg = Annotated[
    Path,
    typer.Argument(
        metavar="FIL",
        exists=True,
        dir_okay=False,
        readable=True,
        help="EDIFACT-fil (ORDERS, ORDRSP, DESADV, INVOIC, PRICAT, ...) eller EHF-faktura/-kreditnota (XML).",
    ),
]

edi_app = typer.Typer(help="EDIFACT og EHF: vis og kontroller filer.", no_args_is_help=True)


@edi_app.command("show")
def show(file: FileArg, workspace: WorkspaceOpt = None, json_out: JsonOpt = False) -> None:
    """Vis en EDIFACT-fil (konvolutt, meldinger, segmenter) eller en EHF-faktura (parter, datoer,
    linjer, moms og summer)."""
    from ..edi.show import show_file

    run_command(lambda: show_file(file, as_json=json_out), json_out)


@edi_app.command("validate")
def validate(file: FileArg, workspace: WorkspaceOpt = None, json_out: JsonOpt = False) -> None:
    """Kontroller en EDIFACT-fil mot syntaksen og NeB-meldingsguidene, eller en EHF-faktura slik
    «edi read» leser den (exit 1 når filen ville blitt avvist)."""
    from ..edi.show import validate_file

    run_command(lambda: validate_file(file), json_out)


def register(root: typer.Typer) -> None:
    from .edi_read import add_read_command

    add_read_command(edi_app)
    root.add_typer(edi_app, name="edi")
