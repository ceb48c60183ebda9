"""The ``vareflyt`` console command's root group, whose subcommands Typer builds when first used.

Why: Typer turns every command function into a Click command when the app starts, reading each
function's signature and evaluating its annotations (~20–30 ms for the 40 commands, a tenth of
``vareflyt --help``; issue 19 item 4). A person runs one command per start, so the root builds
only the one named on the command line. ``vareflyt --help`` lists the groups from what was
registered (name, help, hidden, deprecated) without building any of them.

The full app (``cli.app.app``) is unchanged and still built whole by ``typer.main.get_command``:
tests and anything that walks the command tree see every command. Only the console script's
``main`` starts from this root. ``tests/startup/test_lazy_root.py`` holds that both show the same
help and run the same commands.

Typer has no lazy subcommands of its own; the two builders used here (``get_command_from_info``,
``get_group_from_info``) are the module-level functions Typer itself builds a group's children
with. A Typer upgrade that renames them fails that test, not a user's start.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import typer
from typer import main as typer_main
from typer._click import Command, Context, HelpFormatter

from .norwegian import NorwegianCommand, NorwegianGroup


def _command_entry(app: typer.Typer, info: Any) -> tuple[str, Callable[[], Command], Callable[[], Command]]:
    """(name, builder, placeholder maker) of a command registered on the root."""
    name = info.name or typer_main.get_command_name(info.callback.__name__)
    text = info.help if info.help is not None else inspect.getdoc(info.callback)

    def build() -> Command:
        return typer_main.get_command_from_info(
            info, pretty_exceptions_short=app.pretty_exceptions_short, rich_markup_mode=app.rich_markup_mode
        )

    def placeholder() -> Command:
        cls = info.cls or NorwegianCommand
        return cls(
            name=name,
            help=inspect.cleandoc(text) if text else text,
            short_help=info.short_help,
            hidden=info.hidden,
            deprecated=info.deprecated,
            rich_help_panel=info.rich_help_panel,
        )

    return name, build, placeholder


def _group_entry(app: typer.Typer, info: Any) -> tuple[str, Callable[[], Command], Callable[[], Command]]:
    """(name, builder, placeholder maker) of a command group registered on the root."""
    solved = typer_main.solve_typer_info_defaults(info)

    def build() -> Command:
        return typer_main.get_group_from_info(
            info,
            pretty_exceptions_short=app.pretty_exceptions_short,
            rich_markup_mode=app.rich_markup_mode,
            suggest_commands=app.suggest_commands,
        )

    def placeholder() -> Command:
        cls = solved.cls if isinstance(solved.cls, type) else NorwegianGroup
        return cls(
            name=solved.name,
            help=solved.help,
            short_help=solved.short_help,
            hidden=solved.hidden,
            deprecated=solved.deprecated,
            rich_help_panel=solved.rich_help_panel,
        )

    return solved.name, build, placeholder


class LazyRoot(NorwegianGroup):
    """The root group: lists every registered command and group, builds one when it is used.

    While its own help screen is drawn, a command not yet built is shown by a placeholder of
    the same class with the same help, so the listing reads exactly as the built one would."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._builders: dict[str, Callable[[], Command]] = {}
        self._placeholders: dict[str, Callable[[], Command]] = {}
        self._listing = False

    def take_entries(self, app: typer.Typer) -> None:
        """The commands and groups registered on ``app``, in Typer's order (commands first)."""
        entries = [_command_entry(app, info) for info in app.registered_commands]
        entries += [_group_entry(app, info) for info in app.registered_groups]
        for name, build, placeholder in entries:
            self._builders[name] = build
            self._placeholders[name] = placeholder

    def list_commands(self, ctx: Context) -> list[str]:
        return list(self._builders)

    def get_command(self, ctx: Context, cmd_name: str) -> Command | None:
        if cmd_name not in self._builders:
            return None
        if cmd_name not in self.commands:
            if self._listing:
                return self._placeholders[cmd_name]()
            self.commands[cmd_name] = self._builders[cmd_name]()
        return self.commands[cmd_name]

    def resolve_command(self, ctx: Context, args: list[str]) -> tuple[str | None, Command | None, list[str]]:
        """As Typer's, which on an unknown name suggests close ones from ``self.commands``: for
        that moment every registered name is there (placeholders for the ones not built)."""
        built = self.commands
        if args and args[0] not in self._builders:
            self.commands = {name: built.get(name) or self._placeholders[name]() for name in self._builders}
        try:
            return super().resolve_command(ctx, args)
        finally:
            self.commands = built

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False


def lazy_root(shell: typer.Typer, app: typer.Typer) -> LazyRoot:
    """The root of ``app`` built from ``shell`` (the same root callback and settings, registered
    with ``cls=LazyRoot`` and nothing under it), with ``app``'s commands and groups to build."""
    root = typer_main.get_command(shell)
    assert isinstance(root, LazyRoot), "the shell app must be made with cls=LazyRoot"
    root.take_entries(app)
    return root
