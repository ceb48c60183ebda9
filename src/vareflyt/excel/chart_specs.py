"""What a workbook chart shows, as plain data: which cells, which kind of bars, where it sits.

Jobs describe a chart with a ``ChartSpec`` and hand it to the workbook adapter
(``excel.charts.add_charts(book, specs)``); the file adapter builds a native Excel chart from
it (``excel.charts``, openpyxl), so the chart lives in the workbook and follows its cells.
Nothing here imports a spreadsheet library, so jobs can build specs without loading one.

A chart reads one block of a sheet laid out the usual way: a heading row, then one row per
category (customer, supplier, week) with its name in one column and each series in a column
of its own, the series' name being its heading. The rows shown need not follow the heading
directly (a total row can sit between them and be left out).

>>> spec = ChartSpec("Diagramgrunnlag", "Aldersfordeling", heading_row=1, first_row=3,
...                  last_row=6, series=(2, 3), anchor="A10")
>>> spec.values(2), spec.name_of(3), spec.category_ref()
("'Diagramgrunnlag'!$B$3:$B$6", "'Diagramgrunnlag'!$C$1", "'Diagramgrunnlag'!$A$3:$A$6")
"""

from __future__ import annotations

from dataclasses import dataclass

from .xlsx_parts import column_letters


def cell_range(sheet: str, column: int, first_row: int, last_row: int) -> str:
    """An absolute reference with the sheet name quoted, e.g. ``'Ark 1'!$B$2:$B$9``."""
    letter = column_letters(column)
    quoted = "'" + sheet.replace("'", "''") + "'"
    if first_row == last_row:
        return f"{quoted}!${letter}${first_row}"
    return f"{quoted}!${letter}${first_row}:${letter}${last_row}"


@dataclass(frozen=True)
class ChartSpec:
    """A bar chart over rows ``first_row``..``last_row`` of ``data_sheet``, placed on ``sheet``
    (default: the data sheet) with its top left corner at ``anchor``.

    ``series`` and ``targets`` are 1-based columns; the category names are in
    ``category_column``. ``horizontal`` bars (names are easier to read down the side) or
    columns; ``stacked`` puts the series on top of each other (the buckets of one total),
    else side by side. ``targets`` are drawn as lines across the bars (e.g. a 95 % goal),
    so they need columns (``horizontal=False``).
    """

    data_sheet: str
    title: str
    heading_row: int
    first_row: int
    last_row: int
    series: tuple[int, ...]
    anchor: str
    sheet: str = ""
    category_column: int = 1
    horizontal: bool = True
    stacked: bool = True
    targets: tuple[int, ...] = ()
    value_title: str = ""
    number_format: str = "#,##0"
    colours: tuple[str, ...] = ()  # RRGGBB per series; default ``charts.PALETTE``
    width_cm: float = 17.0
    height_cm: float = 8.5

    def __post_init__(self) -> None:
        if not self.series:
            raise ValueError(f"chart {self.title!r} has no series")
        if not self.sheet:
            object.__setattr__(self, "sheet", self.data_sheet)
        if self.targets and self.horizontal:
            raise ValueError("target lines need columns (horizontal=False)")

    @property
    def rows(self) -> int:
        """How many categories the chart shows (0: nothing to draw)."""
        return max(self.last_row - self.first_row + 1, 0)

    def values(self, column: int) -> str:
        return cell_range(self.data_sheet, column, self.first_row, self.last_row)

    def name_of(self, column: int) -> str:
        return cell_range(self.data_sheet, column, self.heading_row, self.heading_row)

    def category_ref(self) -> str:
        return cell_range(self.data_sheet, self.category_column, self.first_row, self.last_row)
