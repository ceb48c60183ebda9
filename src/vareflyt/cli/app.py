"""The ``vareflyt`` command: a Typer app built from the command-group modules in ``GROUPS``.

Each module in ``GROUPS`` exposes ``register(root: typer.Typer)``; a new group is one import
and one entry here. Once all are registered, every group and command is built from the
Norwegian classes of ``norwegian`` (usage line, help option and wrong calls in Norwegian).

Start-up stays short because a command module imports only Typer and ``cli.common`` at the
top; the job it runs (and pandas, SQLAlchemy, openpyxl, lxml, fpdf2, jinja2 with it) is
imported inside the command's function, so ``vareflyt --help`` loads none of them
(``tests/startup/test_imports.py`` holds that line). The console script (``main``) goes one
step further: its root (``cli.lazy_root``) has Typer build only the command named on the
command line, so ``vareflyt --help`` builds none (``tests/startup/test_lazy_root.py``).
"""

from __future__ import annotations

import typer

from .. import __version__
from . import (
    addin,
    batch,
    dunning,
    edi,
    invoices,
    orders,
    parties,
    prices,
    rates,
    receivables,
    send,
    store,
    templates,
    workspace,
)
from .lazy_root import LazyRoot, lazy_root
from .norwegian import NorwegianGroup, use_norwegian_classes

# In the order ``vareflyt --help`` lists them.
GROUPS = (
    workspace,
    parties,
    prices,
    orders,
    edi,
    invoices,
    receivables,
    dunning,
    rates,
    batch,
    addin,
    store,
    send,
    templates,
)


def _shell(cls: type[NorwegianGroup]) -> typer.Typer:
    """The root app with its callback (``--version``) and settings, and nothing under it yet."""
    shell = typer.Typer(
        name="vareflyt",
        cls=cls,
        help="Vareflyt: prislister, innkjøp og EDI, fakturakontroll og purring.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )
    shell.callback()(_root)
    return shell


def _version(value: bool) -> None:
    if value:
        typer.echo(f"vareflyt {__version__}")
        raise typer.Exit()


def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Vis versjon og avslutt."
    ),
) -> None:
    """Vareflyt: prislister, innkjøp og EDI, fakturakontroll og purring."""


# The whole app: every group registered and built from the Norwegian classes. Tests and
# anything that walks the command tree use this.
app = _shell(NorwegianGroup)
for _group in GROUPS:
    _group.register(app)
use_norwegian_classes(app)


def main() -> None:
    """The console command: the same app, but only the command named is built (``lazy_root``)."""
    lazy_root(_shell(LazyRoot), app).main(prog_name="vareflyt")
