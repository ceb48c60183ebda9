"""The building blocks of workbook table schemas: column types, formats and one-line helpers.

A table schema says where a table lives (sheet and Excel table name) and what its columns
are: an English field key (what jobs use), the Norwegian heading (what users see), the cell
type, width and number format, and whether users type into it (``input``) or vareflyt writes
it (derived). Adding a column to a table is one line with one of the helpers below, e.g.
``money("freight", "Frakt")``. A heading that changes keeps the old one as an alias
(``renamed(stamp("sent", "Laget"), "Sendt")``) so workbooks made before still read.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum


class ColumnType(str, Enum):
    TEXT = "text"  # kept as text: GTIN, GLN, article numbers, KID (leading zeros)
    DECIMAL = "decimal"  # decimal.Decimal in Python, a number in Excel
    INT = "int"
    DATE = "date"  # datetime.date; an Excel date serial shown dd.mm.yyyy
    DATETIME = "datetime"  # datetime.datetime (timestamps in logs and "changed" columns)
    BOOL = "bool"  # an Excel boolean (shown SANN/USANN in Norwegian Excel)
    NUMBER_OR_TEXT = "number_or_text"  # a number when the job gives one, else text ("mangler", a date)


# Number formats as stored in the file. Excel shows them in the user's locale, so
# "#,##0.00" appears as "# ##0,00" in Norwegian Excel.
FMT_GENERAL = "General"
FMT_TEXT = "@"
FMT_INT = "0"
FMT_MONEY = "#,##0.00"
FMT_PCT = "0.00"  # percentages are stored in percent (12.5 means 12.5 %)
FMT_DATE = "dd.mm.yyyy"
FMT_DATETIME = "dd.mm.yyyy hh:mm"
FMT_FIGURE = "#,##0.00####"  # "# ##0,00####": two decimals at least, up to six when the value has them

DEFAULT_FORMAT = {
    ColumnType.TEXT: FMT_TEXT,
    ColumnType.DECIMAL: FMT_GENERAL,
    ColumnType.INT: FMT_INT,
    ColumnType.DATE: FMT_DATE,
    ColumnType.DATETIME: FMT_DATETIME,
    ColumnType.BOOL: FMT_GENERAL,
    ColumnType.NUMBER_OR_TEXT: FMT_FIGURE,
}


@dataclass(frozen=True)
class Column:
    key: str  # English field name used by jobs and DataFrames
    heading: str  # Norwegian heading in the workbook
    type: ColumnType
    width: float = 14
    number_format: str = FMT_GENERAL
    input: bool = False  # True: users type into it; False: vareflyt writes it
    aliases: tuple[str, ...] = ()  # earlier headings, still found in a workbook made before a rename

    @property
    def derived(self) -> bool:
        return not self.input

    @property
    def known_headings(self) -> tuple[str, ...]:
        """The heading and its aliases in lower case: what marks the column in a workbook."""
        return tuple(h.strip().lower() for h in (self.heading, *self.aliases))


@dataclass(frozen=True)
class TableSchema:
    key: str  # e.g. "catalogue"
    sheet: str  # sheet name, e.g. "Katalog"
    table: str  # Excel table name (no spaces), e.g. "Katalog"
    columns: tuple[Column, ...]
    big: bool = False  # may hold ~100k rows: written by the fast path
    description: str = ""
    workbook: str = ""  # filled in by WorkbookSchema

    def __post_init__(self) -> None:
        keys = [c.key for c in self.columns]
        headings = [h for c in self.columns for h in c.known_headings]
        if len(set(keys)) != len(keys) or len(set(headings)) != len(headings):
            raise ValueError(f"table {self.key}: duplicate column key or heading")
        if " " in self.table or not self.table:
            raise ValueError(f"table {self.key}: Excel table names cannot contain spaces")
        if len(self.sheet) > 31:
            raise ValueError(f"table {self.key}: sheet names are at most 31 characters")

    @property
    def keys(self) -> list[str]:
        return [c.key for c in self.columns]

    @property
    def headings(self) -> list[str]:
        return [c.heading for c in self.columns]

    def column(self, key: str) -> Column:
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(f"table {self.key} has no column {key!r}")

    def index_of(self, key: str) -> int:
        """0-based position of a column in the schema order."""
        return self.keys.index(key)

    def text_columns(self) -> list[str]:
        return [c.key for c in self.columns if c.type is ColumnType.TEXT]


@dataclass(frozen=True)
class WorkbookSchema:
    key: str  # "purchasing" / "receivables"
    filename: str  # "Innkjop.xlsx"
    tables: tuple[TableSchema, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        fixed = tuple(t if t.workbook == self.key else _with_workbook(t, self.key) for t in self.tables)
        object.__setattr__(self, "tables", fixed)
        for attr in ("key", "sheet", "table"):
            values = [getattr(t, attr).lower() for t in fixed]
            if len(set(values)) != len(values):
                raise ValueError(f"workbook {self.key}: duplicate table {attr}")

    def table(self, key: str) -> TableSchema:
        for t in self.tables:
            if t.key == key:
                return t
        raise KeyError(f"workbook {self.key} has no table {key!r}")


def _with_workbook(t: TableSchema, workbook: str) -> TableSchema:
    return TableSchema(t.key, t.sheet, t.table, t.columns, t.big, t.description, workbook)


# --- one-line column helpers --------------------------------------------------------------


def text(key: str, heading: str, width: float = 14, *, input: bool = False) -> Column:
    return Column(key, heading, ColumnType.TEXT, width, FMT_TEXT, input)


def decimal(
    key: str, heading: str, width: float = 11, *, input: bool = False, fmt: str = FMT_GENERAL
) -> Column:
    return Column(key, heading, ColumnType.DECIMAL, width, fmt, input)


def money(key: str, heading: str, width: float = 13, *, input: bool = False) -> Column:
    return Column(key, heading, ColumnType.DECIMAL, width, FMT_MONEY, input)


def pct(key: str, heading: str, width: float = 9, *, input: bool = False) -> Column:
    return Column(key, heading, ColumnType.DECIMAL, width, FMT_PCT, input)


def integer(key: str, heading: str, width: float = 9, *, input: bool = False) -> Column:
    return Column(key, heading, ColumnType.INT, width, FMT_INT, input)


def day(key: str, heading: str, width: float = 12, *, input: bool = False) -> Column:
    return Column(key, heading, ColumnType.DATE, width, FMT_DATE, input)


def stamp(key: str, heading: str, width: float = 17, *, input: bool = False) -> Column:
    return Column(key, heading, ColumnType.DATETIME, width, FMT_DATETIME, input)


def flag(key: str, heading: str, width: float = 8, *, input: bool = False) -> Column:
    return Column(key, heading, ColumnType.BOOL, width, FMT_GENERAL, input)


def number_or_text(key: str, heading: str, width: float = 14, *, input: bool = False) -> Column:
    """A number cell (``FMT_FIGURE``) for a Decimal, a text cell for a str: e.g. what a check
    expected, which is an amount for a price check and a word or a date for others."""
    return Column(key, heading, ColumnType.NUMBER_OR_TEXT, width, FMT_FIGURE, input)


def renamed(column: Column, *earlier: str) -> Column:
    """``column`` under its new heading, still found under the ``earlier`` ones when reading
    a workbook made before the rename (the next write gives it the new heading)."""
    return replace(column, aliases=column.aliases + earlier)
