"""Reading a supplier table: open the file, find and map the header, collect the data rows.

``read_table(path, "prices")`` → ``TableRead`` with the sheet (the visible sheet whose header
maps most fields; hidden sheets only when no visible one has a header; each other sheet with a
table of its own is a warning, ``header.other_sheet``), the 1-based header row, the mapped
columns (field → 1-based column), the headings it could not map, the raw rows (blank and totals
rows, the header row repeated further down and notes under the table, skipped, not counted),
issues, and the title rows above the header and those notes as text (where price lists say their
supplier and the date they are valid from). ``parse_table(read)`` parses the raw
values column by column per field kind (repeated raw values are parsed once), giving
``TypedTable``; ``typed.problem_issue(...)`` turns an unreadable value into an issue with
``Source(file, sheet, row, column, field)``. Header problems that make the whole file useless
(no recognisable header) raise ``VareflytError``, and so does text under an Excel name (a .txt
or .csv renamed .xlsx: "… er ikke en Excel-fil"; text named .xls or .csv is read as text, as
ERP exports often are); a missing required column is an error issue
in ``read.issues`` for the caller to act on. How one column's cells are parsed (fast paths,
numbers too large to be a value) is in ``column_parsing``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from operator import itemgetter
from pathlib import Path
from typing import Any

from ..domain.issues import Issue, Severity, Source, VareflytError
from .column_parsing import (
    NUMBER_KINDS,
    bounded_parser,
    fraction_column,
    month_first,
    month_first_parser,
    parse_column,
    plain_codes,
)
from .header_issues import header_issues as _header_issues
from .header_issues import quoted as _quoted
from .headers import HeaderMatch, TableSpec, find_header, load_spec, normalize, resolve_overrides
from .sheets import SheetData, file_kind, read_sheets
from .table_edges import is_note, other_tables, title_lines
from .unread_cells import UnreadLook, mark_unread_cells
from .values import PARSERS, is_empty, parse_percent

EXCEL_SUFFIXES = (".xlsx", ".xlsm")  # Excel itself refuses text under these names

TOTAL_WORDS = {"sum", "summa", "totalt", "total", "totalsum", "sumtotal", "totalsumma", "grandtotal"}


@dataclass
class RawRow:
    row: int
    values: dict[str, Any]


@dataclass
class TableRead:
    file: str
    sheet: str
    header_row: int
    columns: dict[str, int]  # field -> 1-based column
    unmapped: list[str]
    row_numbers: list[int]
    raw: dict[str, list]  # field -> raw values aligned with row_numbers
    issues: list[Issue]
    spec: TableSpec
    title: list[str] = field(default_factory=list)  # text of each non-empty row above the header

    @cached_property
    def rows(self) -> list[RawRow]:
        return [RawRow(r, {f: self.raw[f][i] for f in self.raw}) for i, r in enumerate(self.row_numbers)]

    def __len__(self) -> int:
        return len(self.row_numbers)

    def source(self, row: int | None = None, fkey: str | None = None) -> Source:
        return Source(
            file=self.file,
            sheet=self.sheet,
            row=row,
            column=self.columns.get(fkey) if fkey else None,
            field=fkey,
        )


def _is_total(cells: list) -> bool:
    for cell in cells:
        if isinstance(cell, str) and cell.strip():
            word = normalize(cell.split(":")[0].split(" ")[0])
            return word in TOTAL_WORDS or normalize(cell) in TOTAL_WORDS
        if not is_empty(cell):
            return False
    return False


def _columns(body: list[list], positions: list[int]) -> list[list]:
    """The cells at each position of the rows, "" where a row is shorter: one transposition
    when every row is wide enough (calamine's rows are all as wide as the sheet)."""
    if body and min(map(len, body)) > max(positions, default=-1):
        every = list(zip(*body))
        return [list(every[j]) for j in positions]
    return [[r[j] if j < len(r) else "" for r in body] for j in positions]


def _all_data_rows(keys: list) -> bool:
    """True when every row's first key cell shows a data row: none empty, and none text that
    starts with a space or with s, t or g (as "Sum", "Totalt" do; the row-by-row test below).
    Then no row is blank or a totals row, and the rows need not be looked at one by one."""
    if None in keys or "" in keys:
        return False
    kinds = set(map(type, keys))
    if str not in kinds:
        return True
    if kinds != {str}:
        return False
    return not any(c.isspace() or c.lower() in "stg" for c in set(map(itemgetter(0), keys)))


def read_table(
    path, table: str, *, overrides: dict[str, str] | None = None, sheet: str | None = None
) -> TableRead:
    """Read ``path`` as a ``table`` (header synonyms from ``data/headers/<table>.toml``)."""
    path = Path(path)
    spec = load_spec(table)
    _, unknown = resolve_overrides(spec, overrides)
    if unknown:
        raise VareflytError(
            f"Kolonnetilordningen i vareflyt.toml bruker ukjent felt: {_quoted(unknown)}. "
            f"Gyldige felt: {', '.join(spec.label(k) for k in spec.fields)} "
            f"(eller «ignorer» for en kolonne som ikke skal leses)."
        )
    kind = file_kind(path)
    if kind == "text" and path.suffix.lower() in EXCEL_SUFFIXES:
        raise VareflytError(
            f"{path.name} er ikke en Excel-fil: innholdet er vanlig tekst (CSV?), selv om navnet "
            f"slutter på {path.suffix}. Åpne filen i Excel og lagre den som Excel-arbeidsbok "
            f"(.xlsx), eller gi den endelsen .csv, og prøv igjen."
        )
    best: tuple[SheetData, HeaderMatch] | None = None
    tables: list[tuple[SheetData, HeaderMatch]] = []
    look = UnreadLook(path) if kind == "xlsx" else None  # alongside calamine's read
    try:
        for hidden in (False, True):  # hidden sheets only when no visible one has a header
            if hidden and (sheet is not None or kind == "text"):
                break
            for sd in read_sheets(path, sheet, hidden=hidden):
                match = find_header(sd, spec, overrides)
                if match:
                    tables.append((sd, match))
                if match and (best is None or match.score > best[1].score):
                    best = (sd, match)
            if best is not None:
                break
    finally:  # the look has closed the file when the read ends, whatever way it ends
        unread = look.result() if look is not None else {}
    if best is None:
        raise VareflytError(
            f"Fant ingen overskriftsrad i {path.name} (leter etter f.eks. {spec.examples} i de "
            f"første radene). Legg til en rad med kolonneoverskrifter øverst i arket og prøv igjen."
        )
    sd, match = best
    mark_unread_cells(sd, unread.get(sd.name, {}))
    where = Source(file=path.name, sheet=sd.name, row=sd.row_number(match.index))
    columns = {f: j + sd.first_col for f, j in match.columns.items()}
    fields = list(match.columns.items())
    key_pos = [n for n, (f, _) in enumerate(fields) if f in spec.key_fields]
    body = sd.rows[match.index + 1 :]
    cols = _columns(body, [j for _, j in fields])
    n_fields = len(fields)
    head = sd.rows[match.index]
    heads = tuple(head[j] if j < len(head) else "" for _, j in fields)
    every = (  # no blank, totals or repeated header row
        bool(key_pos) and _all_data_rows(cols[key_pos[0]]) and heads[key_pos[0]] not in cols[key_pos[0]]
    )
    kept: list[int] = list(range(len(body))) if every else []
    for i, vals in enumerate(() if every else zip(*cols)):
        filled = n_fields - vals.count("") - vals.count(None)
        if filled == 0 or (filled <= 2 and all(is_empty(v) for v in vals)):
            continue  # blank row
        if vals == heads:
            continue  # the header again: a page break of a list converted from PDF, lists pasted together
        first = vals[key_pos[0]] if key_pos else ""
        if first is not None and (
            first.__class__ is not str or (first and first.lstrip()[:1].lower() not in "stg")
        ):
            kept.append(i)  # the usual row: an article number
            continue
        if all(
            is_empty(vals[k]) or (vals[k].__class__ is str and _is_total([vals[k]])) for k in key_pos
        ) and _is_total(body[i]):
            continue  # totals row: "Sum", keys empty
        kept.append(i)
    notes: list[list] = []
    mapped = {j for _, j in fields}
    while kept and is_note(body[kept[-1]], mapped):  # "Alle priser er eks. mva." under the table
        notes.insert(0, body[kept.pop()])
    if len(kept) == len(body):
        raw = {f: col for (f, _), col in zip(fields, cols)}
    else:
        raw = {f: [col[i] for i in kept] for (f, _), col in zip(fields, cols)}
    row_numbers = [sd.row_number(match.index + 1 + i) for i in kept]
    return TableRead(
        path.name,
        sd.name,
        sd.row_number(match.index),
        columns,
        list(match.unmapped),
        row_numbers,
        raw,
        _header_issues(match, spec, where) + sd.notes + other_tables(path.name, sd, tables, spec),
        spec,
        title_lines(sd.rows[: match.index - 1 if match.two_rows else match.index]) + title_lines(notes),
    )


@dataclass
class TypedTable:
    read: TableRead
    values: dict[str, list]  # field -> parsed values
    problems: dict[str, dict[int, str]] = field(default_factory=dict)  # field -> {row index: problem}

    def row(self, i: int) -> dict[str, Any]:
        return {f: col[i] for f, col in self.values.items()}

    def iter_rows(self) -> Iterator[tuple[int, dict[str, Any], dict[str, str]]]:
        """(1-based sheet row, {field: value}, {field: problem}) per data row."""
        keys = list(self.values)
        probs = [(f, p) for f, p in self.problems.items() if p]
        bad_rows = set().union(*(p.keys() for _, p in probs))
        for i, (row_no, vals) in enumerate(zip(self.read.row_numbers, zip(*self.values.values()))):
            yield (
                row_no,
                dict(zip(keys, vals)),
                ({f: p[i] for f, p in probs if i in p} if i in bad_rows else {}),
            )

    def problem_issue(
        self,
        row: int,
        fkey: str,
        problem: str,
        severity: Severity = Severity.WARNING,
        code: str = "value.unreadable",
    ) -> Issue:
        return Issue(code, severity, problem, self.read.source(row, fkey))


def parse_table(read: TableRead) -> TypedTable:
    """Parse every mapped column by its field kind; repeated raw values are parsed once."""
    values: dict[str, list] = {}
    problems: dict[str, dict[int, str]] = {}
    us_dates = month_first([raw for f, raw in read.raw.items() if read.spec.fields[f].kind == "date"])
    for fkey, raw in read.raw.items():
        kind = read.spec.fields[fkey].kind
        if kind == "percent":
            fraction = fraction_column(raw)
            parse = lambda v, _f=fraction: parse_percent(v, _f)  # noqa: E731
        else:
            parse = month_first_parser(PARSERS[kind]) if kind == "date" and us_dates else PARSERS[kind]
        if kind == "code":
            raw = plain_codes(raw)
        if kind in NUMBER_KINDS:
            parse = bounded_parser(parse)
        values[fkey], problems[fkey] = parse_column(raw, kind, parse)
    return TypedTable(read, values, problems)
