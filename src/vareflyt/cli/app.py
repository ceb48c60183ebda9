"""The ``vareflyt`` command: a Typer app that picks up every command-group module.

Each module in ``GROUPS`` exposes ``register(root: typer.Typer)``. Modules are imported by
name so that command groups can be added without editing one shared file.
"""

from __future__ import annotations

import importlib

import typer

from .. import __version__

GROUPS = ["workspace", "parties", "prices", "orders", "edi", "invoices", "receivables", "dunning", "rates",
          "batch", "addin"]

app = typer.Typer(
    name="vareflyt",
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


def main() -> None:
    app()
