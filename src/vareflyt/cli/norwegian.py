"""Typer's own words in Norwegian: help screens, the usage line, the help option and the
message of a wrong call (``Missing option``, ``No such option``, ``Invalid value`` …).

How, and why this way: Typer (0.26 and later) carries its own copy of Click without gettext,
so no message catalogue can be installed. What is left is what Typer offers for it:

- the headings and markers of the rich help screen are the module constants of
  ``typer.rich_utils`` (the rich-click way of setting them); ``install_norwegian_texts`` sets them
  when a help screen is formatted;
- every command and group is built from ``NorwegianCommand`` / ``NorwegianGroup`` (Typer's
  ``cls=``; ``use_norwegian_classes`` sets it throughout an app, so a command group module needs
  nothing): "Bruk:" and "[VALG]" in the usage line, "Vis denne hjelpen og avslutt." for
  ``--help``, and help text shown as written (a ``[prices]`` in it is text, not rich markup);
- the root group runs the command itself and prints a wrong call as Norwegian
  (``click_messages``), with the exit code Typer gave it (2 for usage).
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Sequence
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from typer.core import TyperArgument, TyperCommand, TyperGroup

from .plain_values import plain_values_first

USAGE_PREFIX = "Bruk: "
OPTIONS_METAVAR = "[VALG]"
SUBCOMMAND_METAVAR = "KOMMANDO [ARGUMENTER]..."
HELP_OPTION_TEXT = "Vis denne hjelpen og avslutt."
TYPE_WORDS = {
    "<str>": "TEKST",
    "<int>": "HELTALL",
    "<int range>": "HELTALL",
    "<float>": "TALL",
    "<float range>": "TALL",
    "<path>": "STI",
    "<file>": "FIL",
    "<dir>": "MAPPE",
}

RICH_TEXTS = {
    "ARGUMENTS_PANEL_TITLE": "Argumenter",
    "OPTIONS_PANEL_TITLE": "Valg",
    "COMMANDS_PANEL_TITLE": "Kommandoer",
    "ERRORS_PANEL_TITLE": "Feil",
    "DEFAULT_STRING": "[standard: {}]",
    "ENVVAR_STRING": "[miljøvariabel: {}]",
    "REQUIRED_LONG_STRING": "[påkrevd]",
    "DEPRECATED_STRING": "(utgått) ",
    "ABORTED_TEXT": "Avbrutt.",
    "RICH_HELP": "Prøv [blue]«{command_path} {help_option}»[/] for hjelp.",
}


def install_norwegian_texts() -> None:
    """Set the rich help screen's headings and markers (module constants of typer.rich_utils).
    Called when a help screen is formatted: typer.rich_utils (with rich's Markdown) is only
    imported then, not on every start."""
    from typer import rich_utils

    for name, text in RICH_TEXTS.items():
        if hasattr(rich_utils, name):
            setattr(rich_utils, name, text)


def _plain(text: str | None) -> str | None:
    """Help text is shown as written: square brackets are text, not rich markup, and a line
    break inside a paragraph is a space (the terminal wraps; paragraphs stay apart)."""
    if not text:
        return text
    paragraphs = inspect.cleandoc(text).split("\n\n")
    return escape("\n\n".join(" ".join(line.strip() for line in p.splitlines()) for p in paragraphs))


def _norwegian_param(param) -> None:
    """Help as written, and the value's kind in Norwegian (``TEKST``, not ``<str>``; nothing for
    a flag). An argument's own name (its metavar) already says what it takes, so its kind is
    not shown again. Plain text and path values are coerced without pydantic (``plain_values``)."""
    plain_values_first(param)
    param.help = _plain(getattr(param, "help", None))
    if param.metavar is not None:
        kind = None
    else:
        kind = "" if getattr(param, "is_flag", False) else TYPE_WORDS.get(param.display_type(None))
    if isinstance(param, TyperArgument):
        param.metavar = param.metavar or kind or param.name.upper()
        param.display_type_rich = lambda ctx: None  # this instance only: no type column
    elif kind is not None:
        param.metavar = kind


class _NorwegianHelp:
    """What commands and groups share: usage line, help option, help text as written."""

    def _norwegian_setup(self) -> None:
        self.help = _plain(self.help)
        self.short_help = _plain(self.short_help)
        self.epilog = _plain(self.epilog)
        for param in self.params:
            _norwegian_param(param)
        if self.options_metavar == "[OPTIONS]":
            self.options_metavar = OPTIONS_METAVAR

    def format_help(self, ctx, formatter) -> None:
        install_norwegian_texts()
        super().format_help(ctx, formatter)

    def format_usage(self, ctx, formatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix=USAGE_PREFIX)

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None and option.help != HELP_OPTION_TEXT:
            option.help = HELP_OPTION_TEXT
            _norwegian_param(option)
        return option


class NorwegianCommand(_NorwegianHelp, TyperCommand):
    """A Typer command with Norwegian usage line and help option."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._norwegian_setup()


class NorwegianGroup(_NorwegianHelp, TyperGroup):
    """A Typer group with Norwegian usage line and help option; as the root, it prints a wrong
    call in Norwegian."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._norwegian_setup()
        if self.subcommand_metavar == "COMMAND [ARGS]...":
            self.subcommand_metavar = SUBCOMMAND_METAVAR

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except typer.Abort:
            show_error(None, "Avbrutt.")
            sys.exit(1)
        except typer.TyperException as exc:  # Typer's UsageError and its kin: a wrong call
            ctx = getattr(exc, "ctx", None)
            message = exc.format_message()
            if message:  # empty: "no arguments" already printed the help
                # imported only for a wrong call: its 26 patterns are compiled on import
                from .click_messages import norwegian_message

                show_error(ctx, norwegian_message(message))
            sys.exit(exc.exit_code)
        sys.exit(code if isinstance(code, int) else 0)


def show_error(ctx, message: str) -> None:
    """A wrong call on stderr as Typer shows it: usage line, where help is, the message."""
    console = Console(stderr=True, highlight=False)
    if ctx is not None:
        console.print(escape(ctx.get_usage()), style="bold")
        if ctx.command.get_help_option(ctx) is not None:
            console.print(
                f"Prøv «{escape(ctx.command_path)} {ctx.help_option_names[0]}» for hjelp.", style="dim"
            )
    console.print(
        Panel(escape(message), border_style="red", title=RICH_TEXTS["ERRORS_PANEL_TITLE"], title_align="left")
    )


def use_norwegian_classes(app: typer.Typer) -> None:
    """Build ``app`` and every group and command under it from the Norwegian classes (where no
    other class was chosen)."""
    if not isinstance(app.info.cls, type) or app.info.cls is TyperGroup:
        app.info.cls = NorwegianGroup
    for command in app.registered_commands:
        if command.cls in (None, TyperCommand):  # Typer fills in its own class when none is given
            command.cls = NorwegianCommand
    for group in app.registered_groups:
        if group.typer_instance is not None:
            use_norwegian_classes(group.typer_instance)


__all__ = [
    "NorwegianCommand",
    "NorwegianGroup",
    "install_norwegian_texts",
    "use_norwegian_classes",
    "show_error",
]
