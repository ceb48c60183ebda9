"""``vareflyt templates list|export|check``: the shop's own wording of its documents.

A template in the workspace's ``templates/`` wins over vareflyt's own (``jobs.templates``).
``check`` exits 1 when a template cannot be used, so it can stand in a script before the run.
"""

from __future__ import annotations

import typer

from .common import JsonOpt, WorkspaceOpt, in_workspace, run_command

LIST_HELP = "Vis vareflyts maler og hvilke arbeidsmappen har sin egen versjon av."
EXPORT_HELP = """Kopier vareflyts maler til arbeidsmappens templates/, så du kan endre dem.

Uten NAVN kopieres alle. NAVN er malens korte navn (reminder, inkassovarsel, purchase_order …)
eller hele navnet (letters/reminder.nb.html.j2). En mal som finnes der fra før, overskrives ikke.
"""
CHECK_HELP = """Prøv alle malene slik en kjøring bruker dem, med eksempeldata.

Sier hvilken fil og linje som er feil: feil i malspråket, ukjente navn, eller et brev uten beløpet,
KID eller det loven krever i et inkassovarsel eller en betalingsoppfordring. Avslutter med 1 da.
"""


def register(root: typer.Typer) -> None:
    group = typer.Typer(
        help="Dokumentmalene: brev, bestilling, avviksvarsel, morgenrapport og e-post.", no_args_is_help=True
    )
    root.add_typer(group, name="templates")

    @group.command("list", help=LIST_HELP)
    def list_(workspace: WorkspaceOpt = None, json_out: JsonOpt = False) -> None:
        from ..jobs.templates import list_templates

        run_command(lambda: in_workspace(workspace, list_templates), json_out)

    @group.command("export", help=EXPORT_HELP)
    def export(
        names: list[str] | None = typer.Argument(None, metavar="[NAVN]...", show_default=False),
        workspace: WorkspaceOpt = None,
        json_out: JsonOpt = False,
    ) -> None:
        from ..jobs.templates import export_templates

        run_command(
            lambda: in_workspace(workspace, lambda ws: export_templates(ws, list(names or []))), json_out
        )

    @group.command("check", help=CHECK_HELP)
    def check(workspace: WorkspaceOpt = None, json_out: JsonOpt = False) -> None:
        from ..jobs.templates import check_templates

        run_command(lambda: in_workspace(workspace, check_templates), json_out)
