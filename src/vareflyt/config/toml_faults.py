"""A TOML file's syntax error said in Norwegian: where it is, and what is wrong where we know it.

``vareflyt.toml`` and ``rates.toml`` are typed by the shop's owner or bookkeeper. ``tomllib``
says what is wrong in English, with the place in brackets ("Expected '=' after a key in a
key/value pair (at line 1, column 3)"). ``toml_fault`` turns that into "linje 1, tegn 3: ..."
with the faults people make most often in Norwegian; any other keeps tomllib's words in brackets
after the place, so nothing of what it said is lost. Written by hand because tomllib gives only
the message text (its line and column attributes come in Python 3.14).
"""

from __future__ import annotations

import re

_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_END = re.compile(r"\s*\(at end of document\)\s*$")

# tomllib's words (the message without its place) -> what to say instead.
_SAID = {
    "Invalid value": "en verdi som ikke kan leses (tekst skal stå i anførselstegn, datoer som 2026-02-01)",
    "Expected '=' after a key in a key/value pair": "mangler = etter navnet (skriv navn = verdi)",
    "Expected newline or end of document after a statement": (
        "noe etter verdien på samme linje (tekst skal stå i anførselstegn, datoer som 2026-02-01)"
    ),
    "Unterminated string": "en tekst uten avsluttende anførselstegn",
    "Illegal character '\\n'": "en tekst uten avsluttende anførselstegn",  # the line ends inside it
    "Unclosed array": "en liste uten avsluttende ]",
    "Unescaped '\\' in a string": (
        "en \\ i en tekst i anførselstegn (skriv en mappe som 'C:\\Data\\Priser' i enkle anførselstegn, "
        "eller med /)"
    ),
    "Cannot overwrite a value": "det samme navnet to ganger",
    "Expected ']' at the end of a table declaration": "mangler ] etter tabellnavnet",
    "Cannot declare": "den samme tabellen to ganger",
}


def toml_fault(exc: Exception) -> str:
    """``"linje 3, tegn 5: mangler = etter navnet (skriv navn = verdi)"`` for tomllib's
    ``TOMLDecodeError``.

    >>> toml_fault(ValueError("Expected '=' after a key in a key/value pair (at line 1, column 3)"))
    'linje 1, tegn 3: mangler = etter navnet (skriv navn = verdi)'
    >>> toml_fault(ValueError("Unterminated string (at end of document)"))
    'på slutten av filen: en tekst uten avsluttende anførselstegn'
    >>> toml_fault(ValueError("Invalid hex value (at line 2, column 9)"))
    'linje 2, tegn 9: feil i skrivemåten (tomllib: Invalid hex value)'
    """
    text = str(exc)
    at = _AT.search(text)
    where = f"linje {at[1]}, tegn {at[2]}" if at else "på slutten av filen" if _END.search(text) else ""
    words = _END.sub("", _AT.sub("", text)).strip()
    said = next((nb for en, nb in _SAID.items() if words.startswith(en)), None)
    what = said or f"feil i skrivemåten (tomllib: {words})"
    return f"{where}: {what}" if where else what
