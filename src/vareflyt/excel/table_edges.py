"""The rows around a supplier table that are not its data: the title rows above the header, notes
under the table, and the tables of other sheets that are not read (``excel.tabular``).

A price list says its supplier and the date it applies from in its title rows ("Prisliste
gyldig fra 1. februar 2026") or in a note under the table ("Alle priser eks. mva., gjelder fra
01.02.2026"); both are handed on as text lines (``title_lines``) for ``rules.price_dates`` and
the wrong-supplier guard. A note is a row whose one filled cell is a sentence (``is_note``).
A workbook with a table on more than one sheet has one read; each other is a warning
(``other_tables``), so its rows are not lost without a word.
"""

from __future__ import annotations

from datetime import date, datetime

from ..domain.issues import Issue, Severity, Source
from .header_issues import header_issues
from .headers import HeaderMatch, TableSpec
from .sheets import SheetData
from .values import is_empty


def other_tables(
    file: str, read: SheetData, tables: list[tuple[SheetData, HeaderMatch]], spec: TableSpec
) -> list[Issue]:
    """A warning for each other sheet with a usable table of its own (a key column and every
    required one): only one sheet is read, and its rows would be lost without a word."""
    issues = []
    for sd, match in tables:
        where = Source(file=file, sheet=sd.name, row=sd.row_number(match.index))
        usable = set(spec.key_fields) & set(match.columns) and not any(
            i.is_error for i in header_issues(match, spec, where)
        )
        if sd is not read and usable:
            issues.append(
                Issue(
                    "header.other_sheet",
                    Severity.WARNING,
                    f"Arket «{sd.name}» har også en tabell (overskrifter i rad {where.row}), men bare "
                    f"arket «{read.name}» er lest. Flytt radene over i «{read.name}», eller lagre "
                    f"«{sd.name}» som en egen fil og importer den også.",
                    where,
                )
            )
    return issues


def is_note(cells: list, mapped: set[int]) -> bool:
    """A row whose one filled cell is a sentence (four words or more, or ending in a full stop) in
    the table's first column or outside it: a note under the table, where lists say that prices
    are without VAT or from when they apply. A name alone in its column is no note (a row that
    lacks the rest, refused and told). ``mapped``: the 0-based positions of the mapped columns."""
    filled = [(j, c) for j, c in enumerate(cells) if not is_empty(c)]
    if len(filled) != 1 or filled[0][1].__class__ is not str:
        return False
    j, text = filled[0]
    words = text.split()
    return (j not in mapped or j == min(mapped)) and (
        len(words) >= 4 or (len(words) > 1 and text.endswith("."))
    )


def title_lines(rows: list[list]) -> list[str]:
    """The rows above the header as text, one line a row (cells joined by a space; date cells
    as dd.mm.yyyy): a list's title, its supplier and often the date it is valid from."""
    lines = []
    for row in rows:
        cells = [
            f"{c:%d.%m.%Y}"
            if isinstance(c, (date, datetime))
            else str(int(c))
            if isinstance(c, float) and c.is_integer()
            else str(c).strip()
            for c in row
            if c is not None and c != ""
        ]
        line = " ".join(c for c in cells if c)
        if line:
            lines.append(line)
    return lines
