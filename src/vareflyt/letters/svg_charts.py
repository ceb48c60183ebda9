"""Horizontal bar charts as inline SVG for HTML reports (the morning report): no script, no
network, nothing to install, readable in any browser and in an e-mail client that shows HTML.

Why hand-written: the pictures are rectangles and text on a fixed grid (about 150 lines here).
The charting libraries that write SVG either embed or link JavaScript and fonts from the
network by default (pygal, plotly) or are large numerical stacks for a handful of bars
(matplotlib); an SVG element builder (drawsvg) would save no lines over the f-strings below.

``bar_chart`` draws one row per category: the segments of a stacked bar (buckets of one
total), or one thin bar per series side by side; optional target lines (e.g. 95 %) across
the rows. Every text is escaped; values are placed with ``float`` (geometry, not money) and
labelled with the caller's Norwegian formatting (``value_text``).

>>> svg = bar_chart("Test", [("A & B", [Decimal(3), Decimal(1)])], ["x", "y"], value_text=str)
>>> svg.count("<rect"), "A &amp; B" in svg, "http" in svg
(4, True, False)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

# The same colours as the workbook charts (``excel.charts.PALETTE``).
PALETTE = ("#2E7D32", "#F9A825", "#EF6C00", "#C62828", "#6A1B9A", "#1565C0", "#00838F")
TARGET_COLOURS = ("#1B5E20", "#0D47A1")
WIDTH = 760
LABEL_WIDTH = 230  # category names
BAR_WIDTH = 400
TEXT_GAP = 6
TOP = 34  # title
LEGEND = 22
ROW = 24  # a stacked row; side-by-side rows add SUB_BAR per series
SUB_BAR = 11


@dataclass(frozen=True)
class Target:
    label: str  # e.g. "Mål levering 95 %"
    value: Decimal


def _text(
    x: float,
    y: float,
    text: str,
    *,
    anchor: str = "start",
    size: int = 12,
    weight: str = "normal",
    colour: str = "#222",
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" font-weight="{weight}" fill="{colour}" '
        f'text-anchor="{anchor}">{escape(text)}</text>'
    )


def _rect(x: float, y: float, width: float, height: float, colour: str, tip: str) -> str:
    return (
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(width, 0):.1f}" height="{height:.1f}" '
        f'fill="{colour}"><title>{escape(tip)}</title></rect>'
    )


def _short(label: str, limit: int = 34) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _legend(series: Sequence[str], colours: Sequence[str], targets: Sequence[Target], y: float) -> list[str]:
    """Legend items left to right from the chart's left edge, wrapping to a new line."""
    parts, x = [], 0.0
    items = [(name, colours[i % len(colours)], False) for i, name in enumerate(series)]
    items += [(t.label, TARGET_COLOURS[i % len(TARGET_COLOURS)], True) for i, t in enumerate(targets)]
    for name, colour, line in items:
        width = 30 + 6.5 * len(name)
        if x and x + width > WIDTH:
            x, y = 0.0, y + LEGEND
        if line:
            parts.append(
                f'<line x1="{x:.1f}" y1="{y - 4:.1f}" x2="{x + 14:.1f}" y2="{y - 4:.1f}" stroke="{colour}" '
                f'stroke-width="2" stroke-dasharray="4 2"/>'
            )
        else:
            parts.append(f'<rect x="{x + 1:.1f}" y="{y - 10:.1f}" width="12" height="12" fill="{colour}"/>')
        parts.append(_text(x + 18, y, name, size=11))
        x += width
    return parts


def _legend_lines(series: Sequence[str], targets: Sequence[Target]) -> int:
    lines, x = 1, 0.0
    for name in [*series, *(t.label for t in targets)]:
        width = 30 + 6.5 * len(name)
        if x and x + width > WIDTH:
            lines, x = lines + 1, 0.0
        x += width
    return lines


def bar_chart(
    title: str,
    rows: Sequence[tuple[str, Sequence[Decimal | None]]],
    series: Sequence[str],
    *,
    value_text: Callable[[Decimal], str],
    stacked: bool = True,
    targets: Sequence[Target] = (),
    scale_max: Decimal | None = None,
    colours: Sequence[str] = PALETTE,
) -> str:
    """An ``<svg>`` element: ``rows`` are (category, one value per series); an empty value
    (None) draws nothing and is labelled "–". Negative segments are not drawn (a stacked
    row's label still shows its real total). ``colours``: one per series, e.g. "#2E7D32"."""
    per_row = ROW if stacked else 6 + SUB_BAR * len(series)
    legend = len(series) > 1 or bool(targets)
    top = TOP + (LEGEND * _legend_lines(series, targets) if legend else 0)
    height = top + per_row * len(rows) + 10
    values = [v for _, vs in rows for v in vs if v is not None]
    largest = max(
        [_row_max(vs, stacked) for _, vs in rows] + [t.value for t in targets] + [scale_max or Decimal(0)]
    )
    # float only for geometry (pixels, printed to 0.1); every number shown goes through value_text
    scale = BAR_WIDTH / float(largest) if largest > 0 else 0.0
    parts = [
        f'<svg class="chart" role="img" aria-label="{escape(title)}" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="Segoe UI, Arial, sans-serif">',
        f"<title>{escape(title)}</title>",
        _text(0, 18, title, size=14, weight="bold"),
    ]
    if legend:
        parts += _legend(series, colours, targets, TOP + 6)
    for i, (label, vs) in enumerate(rows):
        y = top + i * per_row
        parts.append(_text(LABEL_WIDTH - TEXT_GAP, y + per_row / 2 + 4, _short(label), anchor="end"))
        draw = _stacked if stacked else _side_by_side
        parts += draw(label, vs, series, colours, y, scale, value_text)
    for i, target in enumerate(targets):
        x = LABEL_WIDTH + float(target.value) * scale
        parts.append(
            f'<line class="target" x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{height - 8}" '
            f'stroke="{TARGET_COLOURS[i % len(TARGET_COLOURS)]}" stroke-width="2" stroke-dasharray="4 2">'
            f"<title>{escape(target.label)}</title></line>"
        )
    if not values:
        parts.append(_text(LABEL_WIDTH, top + 14, "Ingen tall å vise ennå.", colour="#777"))
    parts.append("</svg>")
    return "".join(parts)


def _row_max(vs: Sequence[Decimal | None], stacked: bool) -> Decimal:
    positive = [v for v in vs if v is not None and v > 0]
    if not positive:
        return Decimal(0)
    return sum(positive, Decimal(0)) if stacked else max(positive)


def _stacked(label, vs, series, colours, y, scale, value_text) -> list[str]:
    parts, x = [], float(LABEL_WIDTH)
    for j, v in enumerate(vs):
        if v is None or v <= 0:
            continue
        width = float(v) * scale
        parts.append(
            _rect(
                x, y + 3, width, ROW - 6, colours[j % len(colours)], f"{label}, {series[j]}: {value_text(v)}"
            )
        )
        x += width
    present = [v for v in vs if v is not None]
    total = value_text(sum(present, Decimal(0))) if present else "–"
    parts.append(_text(x + TEXT_GAP, y + ROW / 2 + 4, total, size=11))
    return parts


def _side_by_side(label, vs, series, colours, y, scale, value_text) -> list[str]:
    parts = []
    for j, v in enumerate(vs):
        bar_y = y + 3 + j * SUB_BAR
        width = float(v) * scale if v is not None and v > 0 else 0.0
        if v is not None:
            parts.append(
                _rect(
                    LABEL_WIDTH,
                    bar_y,
                    width,
                    SUB_BAR - 2,
                    colours[j % len(colours)],
                    f"{label}, {series[j]}: {value_text(v)}",
                )
            )
        parts.append(
            _text(
                LABEL_WIDTH + width + TEXT_GAP,
                bar_y + SUB_BAR - 3,
                value_text(v) if v is not None else "–",
                size=10,
            )
        )
    return parts
