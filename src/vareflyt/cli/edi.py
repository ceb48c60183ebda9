"""``vareflyt edi show FILE`` and ``vareflyt edi validate FILE``: look at and check EDIFACT files.

``show`` prints envelope, messages and segments (``--json`` for the whole structure);
``validate`` checks envelope, syntax and the NeB message guides and exits 1 when any issue is
an error. The workspace option is accepted for the contract; these two commands do not use it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import JsonOpt, WorkspaceOpt, run_command

FileArg = Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True,
                                         help="EDIFACT-fil (ORDERS, ORDRSP, DESADV, INVOIC, PRICAT, ...).")]

edi_app = typer.Typer(help="EDIFACT: vis og kontroller filer.", no_args_is_help=True)


@edi_app.command("show")
def show(file: FileArg, workspace: WorkspaceOpt = None, json_out: JsonOpt = False) -> None:
    """Vis konvolutt, meldinger og segmenter i en EDIFACT-fil."""
    from ..edi.show import show_file

    run_command(lambda: show_file(file, as_json=json_out), json_out)


@edi_app.command("validate")
def validate(file: FileArg, workspace: WorkspaceOpt = None, json_out: JsonOpt = False) -> None:
    """Kontroller en EDIFACT-fil mot syntaksen og NeB-meldingsguidene (exit 1 ved feil)."""
    from ..edi.show import validate_file

    run_command(lambda: validate_file(file), json_out)


def register(root: typer.Typer) -> None:
    from .edi_read import add_read_command

    add_read_command(edi_app)
    root.add_typer(edi_app, name="edi")
