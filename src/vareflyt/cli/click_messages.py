"""Typer's (Click's) messages for a wrong call, in Norwegian.

Since Typer 0.26 Click is carried inside Typer, and its messages are plain f-strings: there is
no gettext catalogue to install. A wrong call (a missing or unknown option, a value that is
not a number, a file that does not exist) still ends in one exception whose ``format_message()``
is an English sentence of a fixed shape, so ``norwegian_message`` translates those shapes;
the value Typer checked (pydantic's "Input should be …", Click's "File '…' does not exist.")
is translated the same way. Text of an unknown shape is kept as it is: it may be ours already.

>>> norwegian_message("Missing option '--supplier' / '-s'.")
"Mangler valget '--supplier' / '-s'."
>>> norwegian_message("Invalid value for '--days': Input should be greater than or equal to 1")
"Ugyldig verdi for '--days': må være minst 1."
>>> norwegian_message("No such command 'pirces'. Did you mean 'prices'?")
"Ukjent kommando 'pirces'. Mente du 'prices'?"
"""

from __future__ import annotations

import re
from collections.abc import Callable

_PARAM_KIND = {"option": "valget", "argument": "argumentet", "parameter": "verdien"}
_PATH_KIND = {"file": "Filen", "dir": "Mappen", "directory": "Mappen", "path": "Stien"}


def _choices(text: str | None) -> str:
    """Click lists choices one a line after "Choose from:"; one line, comma-separated."""
    return ", ".join(part.strip(" ,\t") for part in (text or "").splitlines() if part.strip(" ,\t"))


def _missing(m: re.Match) -> str:
    out = f"Mangler {_PARAM_KIND.get(m['kind'], 'verdien')}{' ' + m['hint'] if m['hint'] else ''}."
    return out + (f" Velg blant: {_choices(m['choices'])}." if m["choices"] else "")


def _no_such_option(m: re.Match) -> str:
    out = f"Ukjent valg: {m['opt']}."
    alternatives = m["possible"] or m["mean"]
    return out + (f" Mente du {alternatives.replace(', ', ' eller ')}?" if alternatives else "")


def _requires(m: re.Match) -> str:
    count = m["count"]
    return f"Valget {m['opt']} trenger {'en verdi' if count in (None, 'an') else count + ' verdier'}."


# Click's and Typer's sentences for a wrong call, whole message -> Norwegian.
_MESSAGES: list[tuple[re.Pattern, Callable[[re.Match], str]]] = [
    (
        re.compile(
            r"Missing (?P<kind>option|argument|parameter)(?: "
            r"(?P<hint>.+?))?\.(?: Choose from:(?P<choices>.*))?",
            re.S,
        ),
        _missing,
    ),
    (re.compile(r"Missing parameter: (?P<name>.+)"), lambda m: f"Mangler verdien {m['name']}."),
    (
        re.compile(
            r"No such option: (?P<opt>\S+?)\.?(?: \(Possible options: (?P<possible>.+)\)| Did you mean "
            r"(?P<mean>.+)\?)?"
        ),
        _no_such_option,
    ),
    (re.compile(r"Option (?P<opt>\S+) requires (?:(?P<count>an|\d+) )?arguments?\."), _requires),
    (
        re.compile(r"Option (?P<opt>\S+) does not take a value\."),
        lambda m: f"Valget {m['opt']} tar ingen verdi.",
    ),
    (
        re.compile(r"No such command (?P<name>.+?)\.(?: Did you mean (?P<mean>.+)\?)?"),
        lambda m: (
            f"Ukjent kommando {m['name']}."
            + (f" Mente du {m['mean'].replace(', ', ' eller ')}?" if m["mean"] else "")
        ),
    ),
    (re.compile(r"Missing command\."), lambda m: "Mangler kommando."),
    (
        re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((?P<args>.*)\)"),
        lambda m: f"For mange argumenter: {m['args']} er ikke forventet her.",
    ),
    (
        re.compile(r"Argument (?P<name>\S+) takes (?P<n>\d+) values\."),
        lambda m: f"Argumentet {m['name']} tar {m['n']} verdier.",
    ),
    (
        re.compile(r"Invalid value for (?P<hint>.+?): (?P<why>.*)", re.S),
        lambda m: f"Ugyldig verdi for {m['hint']}: {norwegian_reason(m['why'])}",
    ),
    (
        re.compile(r"Invalid value: (?P<why>.*)", re.S),
        lambda m: f"Ugyldig verdi: {norwegian_reason(m['why'])}",
    ),
]

# Why a value was refused (pydantic through Typer, and Click's path checks) -> Norwegian.
_REASONS: list[tuple[re.Pattern, Callable[[re.Match], str]]] = [
    (re.compile(r"Input should be a valid integer.*", re.S), lambda m: "må være et heltall."),
    (re.compile(r"Input should be a valid (?:number|decimal|float).*", re.S), lambda m: "må være et tall."),
    (re.compile(r"Input should be a valid boolean.*", re.S), lambda m: "må være ja eller nei (true/false)."),
    (re.compile(r"Input should be a valid date.*", re.S), lambda m: "må være en dato (ÅÅÅÅ-MM-DD)."),
    (
        re.compile(r"Input should be greater than or equal to (?P<n>\S+)"),
        lambda m: f"må være minst {m['n']}.",
    ),
    (re.compile(r"Input should be greater than (?P<n>\S+)"), lambda m: f"må være større enn {m['n']}."),
    (re.compile(r"Input should be less than or equal to (?P<n>\S+)"), lambda m: f"kan være høyst {m['n']}."),
    (re.compile(r"Input should be less than (?P<n>\S+)"), lambda m: f"må være mindre enn {m['n']}."),
    (
        re.compile(r"(?P<kind>[A-Za-z]+) (?P<name>.+) does not exist\."),
        lambda m: f"{_PATH_KIND.get(m['kind'].lower(), 'Stien')} {m['name']} finnes ikke.",
    ),
    (
        re.compile(r"(?P<kind>[A-Za-z]+) (?P<name>.+) is a directory\."),
        lambda m: f"{m['name']} er en mappe, ikke en fil.",
    ),
    (
        re.compile(r"(?P<kind>[A-Za-z]+) (?P<name>.+) is a file\."),
        lambda m: f"{m['name']} er en fil, ikke en mappe.",
    ),
    (
        re.compile(r"(?P<kind>[A-Za-z]+) (?P<name>.+) is not readable\."),
        lambda m: f"{m['name']} kan ikke leses (mangler tilgang).",
    ),
    (
        re.compile(r"(?P<kind>[A-Za-z]+) (?P<name>.+) is not writable\."),
        lambda m: f"{m['name']} kan ikke skrives (mangler tilgang).",
    ),
    (
        re.compile(r"(?P<value>.+) is not one of (?P<choices>.+)\."),
        lambda m: f"{m['value']} er ikke en av {m['choices']}.",
    ),
    (re.compile(r"Value (?P<value>.+) is not a valid .+\."), lambda m: f"{m['value']} kan ikke brukes her."),
]


def _translate(text: str, table: list[tuple[re.Pattern, Callable[[re.Match], str]]]) -> str | None:
    for pattern, render in table:
        match = pattern.fullmatch(text.strip())
        if match:
            return render(match)
    return None


def norwegian_reason(text: str) -> str:
    """Why Typer refused a value, in Norwegian; text of another shape (ours) as it is."""
    return _translate(text, _REASONS) or text


def norwegian_message(text: str) -> str:
    """A Typer/Click usage-error message in Norwegian; text of another shape as it is."""
    return _translate(text, _MESSAGES) or text


__all__ = ["norwegian_message", "norwegian_reason"]
