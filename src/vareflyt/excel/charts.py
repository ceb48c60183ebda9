"""Native Excel charts from ``ChartSpec``s (openpyxl chart parts: ``xl/charts/chart*.xml``).

The charts reference the sheet's cells, so they live in the workbook: Excel redraws them when
the cells change, and they print with the sheet. ``place_charts`` replaces the charts on a
sheet with the given ones (the sheet's other content is left alone); ``add_charts(book,
specs)`` is what jobs call with any workbook port: the adapter that can hold charts takes
them, a port without charts (a test double) is simply skipped.

Why openpyxl and not xlsxwriter: the workbook already exists and openpyxl is the library
that loads and saves it (``openpyxl_adapter``); xlsxwriter only writes new files.

Details Excel needs that openpyxl does not set by itself: axes are shown explicitly
(``delete = False``; openpyxl 3.1 leaves them hidden otherwise), stacked bars overlap
100 %, and a target line shares the bars' axes (same axis ids) so it is drawn on their scale.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from openpyxl.chart import BarChart, LineChart
from openpyxl.chart.data_source import AxDataSource, NumDataSource, NumRef, StrRef
from openpyxl.chart.marker import Marker
from openpyxl.chart.series import Series, SeriesLabel
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.chart.text import RichText
from openpyxl.drawing.line import LineProperties
from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties

from .chart_specs import ChartSpec

# Colours a reader of the morning report sees too (``letters.svg_charts`` uses the same).
PALETTE = ("2E7D32", "F9A825", "EF6C00", "C62828", "6A1B9A", "1565C0", "00838F")
TARGET_COLOURS = ("1B5E20", "0D47A1")


def _series(spec: ChartSpec, column: int, colour: str, line: bool = False) -> Series:
    look = GraphicalProperties(solidFill=None if line else colour)
    look.line = LineProperties(
        solidFill=colour,
        w=28575 if line else None,  # 2.25 pt
        prstDash="dash" if line else None,
    )
    return Series(
        val=NumDataSource(numRef=NumRef(f=spec.values(column))),
        tx=SeriesLabel(strRef=StrRef(f=spec.name_of(column))),
        cat=AxDataSource(strRef=StrRef(f=spec.category_ref())),
        spPr=look,
        marker=Marker(symbol="none") if line else None,
        smooth=False if line else None,
    )


def build_chart(spec: ChartSpec) -> BarChart:
    """The openpyxl chart for ``spec`` (not yet placed on a sheet)."""
    chart = BarChart()
    chart.type = "bar" if spec.horizontal else "col"
    chart.grouping = "stacked" if spec.stacked else "clustered"
    chart.overlap = 100 if spec.stacked else -10
    chart.gapWidth = 60
    chart.title = spec.title
    chart.style = 10
    chart.width, chart.height = spec.width_cm, spec.height_cm
    chart.legend.position = "b"
    colours = spec.colours or PALETTE
    for i, column in enumerate(spec.series):
        chart.series.append(_series(spec, column, colours[i % len(colours)]))
    chart.y_axis.title = spec.value_title or None
    chart.y_axis.number_format = spec.number_format
    for axis in (chart.x_axis, chart.y_axis):
        axis.delete = False
    if spec.horizontal:
        chart.x_axis.scaling.orientation = "maxMin"  # first row at the top, as in the sheet
        chart.y_axis.crosses = "max"
    chart.x_axis.txPr = _small_text()
    if spec.targets:
        line = LineChart()
        for i, column in enumerate(spec.targets):
            line.series.append(_series(spec, column, TARGET_COLOURS[i % len(TARGET_COLOURS)], line=True))
        line.x_axis, line.y_axis = chart.x_axis, chart.y_axis
        chart += line
    return chart


def _small_text() -> RichText:
    """9 pt category labels, so 30 supplier names fit."""
    props = CharacterProperties(sz=900)
    return RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=props), endParaRPr=props)])


def place_charts(ws: Any, specs: Iterable[ChartSpec]) -> int:
    """Replace the charts on worksheet ``ws`` by the charts of ``specs``; returns how many.
    An empty block (no categories) gets no chart: Excel would show an empty frame."""
    ws._charts = []  # openpyxl has no public way to remove a chart
    placed = 0
    for spec in specs:
        if spec.rows < 1:
            continue
        ws.add_chart(build_chart(spec), spec.anchor)
        placed += 1
    return placed


def add_charts(book: Any, specs: Iterable[ChartSpec]) -> None:
    """Hand charts to a workbook port (``OpenpyxlWorkbook``/``XlwingsWorkbook.add_chart``)."""
    add = getattr(book, "add_chart", None)
    if add is None:
        return
    for spec in specs:
        add(spec)
