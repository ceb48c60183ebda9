"""The ``vareflyt`` command: a Typer app that picks up every command-group module.

Each module in ``GROUPS`` exposes ``register(root: typer.Typer)``. Modules are imported by
name so that command groups can be added without editing one shared file. Once all are
registered, every group and command is built from the Norwegian classes of ``norwegian``
(usage line, help option and wrong calls in Norwegian).
"""

from __future__ import annotations

import importlib

import typer

from .. import __version__
from .norwegian import NorwegianGroup, install_norwegian_texts, use_norwegian_classes

GROUPS = ["workspace", "parties", "prices", "orders", "edi", "invoices", "receivables", "dunning", "rates",
          "batch", "addin", "store", "send"]

app = typer.Typer(
    name="vareflyt",
    cls=NorwegianGroup,
    help="Vareflyt: prislister, innkjøp og EDI, fakturakontroll og purring.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"vareflyt {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Vis versjon og avslutt.")) -> None:
    """Vareflyt: prislister, innkjøp og EDI, fakturakontroll og purring."""


def _register_all() -> None:
    for name in GROUPS:
        module_name = f"{__package__}.{name}"
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                continue  # command group not built yet
            raise
        module.register(app)


_register_all()
install_norwegian_texts()
use_norwegian_classes(app)


def main() -> None:
    app()
