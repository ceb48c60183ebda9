"""The Nøkkeltall and Diagramgrunnlag sheets: rows and chart specs from the key figures.

*Nøkkeltall* lists each figure with its value and one line saying what it means, how it was
computed and for which period (so "DSO 312,9 dager" comes with the amounts and dates behind
it); its charts sit under the list. *Diagramgrunnlag* holds the blocks the charts read (one
heading row, one row per customer, supplier or week), so a reader can see and check the
numbers behind each picture. Amounts and percentages in the text go through
``domain.money``'s Norwegian formatting; the cells themselves stay numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from ..domain.money import format_kr, nb_number, quantize
from ..excel.chart_specs import ChartSpec
from ..excel.schemas import table_schema
from ..rules.dunning import BUCKETS
from .key_figures import (
    DELIVERY_TARGET,
    INVOICE_TARGET,
    OUTCOME_COLOURS,
    OUTCOMES,
    PRICE_CHANGE_LIMIT,
    WEEKS,
    PurchasingFigures,
    ReceivablesFigures,
    outcome_label,
)

KEY_SHEET = "Nøkkeltall"
DATA_SHEET = "Diagramgrunnlag"
HEADING = ["Nøkkeltall", "Verdi", "Forklaring"]
CHART_ROWS = 19  # rows a chart of 8.5 cm covers, with a gap


@dataclass
class Layout:
    """The rows of both sheets and the charts over them."""

    key_rows: list[list] = field(default_factory=lambda: [list(HEADING)])
    data_rows: list[list] = field(default_factory=list)
    charts: list[ChartSpec] = field(default_factory=list)

    @property
    def sheets(self) -> dict[str, list[list]]:
        return {KEY_SHEET: self.key_rows, DATA_SHEET: self.data_rows}

    def block(self, heading: list, rows: list[list]) -> tuple[int, int]:
        """Append a block to Diagramgrunnlag; -> (its heading row, its last row)."""
        if self.data_rows:
            self.data_rows.append([])
        self.data_rows.append(heading)
        top = len(self.data_rows)
        self.data_rows.extend(rows)
        return top, len(self.data_rows)

    def chart(
        self, title: str, heading_row: int, first: int, last: int, series: tuple[int, ...], **kw
    ) -> None:
        """A chart under the figures (and under the charts before it) on Nøkkeltall."""
        anchor = f"A{len(self.key_rows) + 2 + CHART_ROWS * len(self.charts)}"
        self.charts.append(
            ChartSpec(DATA_SHEET, title, heading_row, first, last, series, anchor, sheet=KEY_SHEET, **kw)
        )


def _day(value: date) -> str:
    return f"{value:%d.%m.%Y}"


def _share(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    return quantize(Decimal(part) * 100 / Decimal(whole), 1) if whole else None


def layout_of(figures: ReceivablesFigures | PurchasingFigures) -> Layout:
    if isinstance(figures, ReceivablesFigures):
        return receivables_layout(figures)
    return purchasing_layout(figures)


# --- receivables ------------------------------------------------------------------------------


def dso_text(f: ReceivablesFigures) -> str:
    period = f"{_day(f.period_start)}–{_day(f.on)}"
    if f.dso is None:
        return f"Kan ikke regnes ut: ingen fakturaer med fakturadato i perioden {period}."
    text = (
        f"Days Sales Outstanding, hvor mange dagers salg kundene skylder: utestående "
        f"{format_kr(f.total.total)} kr ÷ kredittsalg {format_kr(f.credit_sales)} kr × {f.period_days} dager "
        f"= {nb_number(f.dso)} dager (periode {period})."
    )
    if f.first_invoice and f.first_invoice > f.period_start:
        text += (
            f" Vareflyt kjenner fakturaer først fra {_day(f.first_invoice)}; salget før det mangler, "
            f"så tallet blir for høyt."
        )
    return text


def receivables_layout(f: ReceivablesFigures) -> Layout:
    total = f.total.total
    over_90 = f.total.buckets["days_over_90"]
    layout = Layout()
    layout.key_rows += [
        ["Per dato", f.on, "Tallene gjelder fakturaene som er åpne i vareflyt denne datoen."],
        [
            "Utestående kundefordringer (kr)",
            total,
            "Det kundene skylder: åpne fakturaer minus kreditnotaer som ikke er brukt opp.",
        ],
        [
            "Herav forfalt (kr)",
            f.overdue,
            f"Utestående med forfallsdato før {_day(f.on)}"
            + (f": {nb_number(_share(f.overdue, total))} % av alt utestående." if total > 0 else "."),
        ],
        [
            "Herav mer enn 90 dager over forfall (kr)",
            over_90,
            "Den eldste delen av det forfalte; se arket Purreliste for inkassovarsel og inkasso.",
        ],
        ["Kunder med utestående", len(f.rows), "Kunder med et åpent beløp, også de som har penger til gode."],
        [
            f"Kredittsalg siste {f.period_days} dager (kr)",
            f.credit_sales,
            f"Fakturert med fakturadato {_day(f.period_start)}–{_day(f.on)}, åpne og betalte. Bare fakturaer "
            f"vareflyt har sett i åpne poster fra regnskapet er med.",
        ],
        ["DSO (dager)", f.dso, dso_text(f)],
    ]
    if f.compensation is not None:
        layout.key_rows.append(
            [
                "Kompensasjon i purringene (kr)",
                f.compensation,
                "Kompensasjon for inndrivingskostnader lagt til i denne kjøringens purringer.",
            ]
        )
    aging = table_schema("aging")
    top = f.top()
    heading, last = layout.block(
        ["Aldersfordeling (kr)", *(aging.column(b).heading for b in BUCKETS), "Sum"],
        [["Alle kunder", *(f.total.buckets[b] for b in BUCKETS), total]]
        + [[r.customer_name or r.customer_no, *(r.buckets[b] for b in BUCKETS), r.total] for r in top],
    )
    series = tuple(range(2, 2 + len(BUCKETS)))
    layout.chart(
        "Utestående per aldersgruppe, alle kunder",
        heading,
        heading + 1,
        heading + 1,
        series,
        height_cm=5.0,
        number_format="#,##0",
    )
    layout.chart(
        f"De {len(top)} kundene som skylder mest, per aldersgruppe",
        heading,
        heading + 2,
        last,
        series,
        number_format="#,##0",
    )
    return layout


# --- purchasing -------------------------------------------------------------------------------


def purchasing_layout(f: PurchasingFigures) -> Layout:
    scores = f.scores
    deliveries, on_time = sum(s.deliveries for s in scores), sum(s.on_time for s in scores)
    invoices, clean = sum(s.invoices for s in scores), sum(s.clean for s in scores)
    confirmed = [s for s in scores if s.confirm_hours is not None]
    answered = sum(s.confirmations for s in confirmed)
    hours = (
        quantize(
            sum((h * s.confirmations for s in confirmed if (h := s.confirm_hours) is not None), Decimal(0))
            / answered,
            1,
        )
        if answered
        else None
    )
    late = [s for s in scores if s.precision_pct is not None and s.precision_pct < DELIVERY_TARGET]
    pricey = [s for s in scores if s.price_change_pct is not None and s.price_change_pct > PRICE_CHANGE_LIMIT]
    counted = {o: sum(w.counts.get(o, 0) for w in f.weeks) for o in OUTCOMES}
    first_monday = f.on - timedelta(days=f.on.weekday(), weeks=WEEKS - 1)
    layout = Layout()
    layout.key_rows += [
        [
            "Periode",
            f"{_day(f.start)}–{_day(f.on)}",
            "Leverandørtallene gjelder ordrer laget, varer mottatt og "
            "fakturaer datert i dette året (som arket Leverandørscore).",
        ],
        [
            "Leveringspresisjon (%)",
            _share(on_time, deliveries),
            f"Leveranser (pakksedler) som kom senest på bekreftet leveringsdato: {on_time} av {deliveries}. "
            f"Mål: over {DELIVERY_TARGET} %.",
        ],
        [
            "Fakturapresisjon (%)",
            _share(clean, invoices),
            "Kontrollerte fakturaer godkjent uten ett eneste avvik: "
            f"{clean} av {invoices}; fakturaer som venter "
            f"på varemottak telles når de er kontrollert. Mål: over {INVOICE_TARGET} %.",
        ],
        [
            "Snitt bekreftelsestid (timer)",
            hours,
            f"Tid fra ordren ble laget til ordresvaret kom, i snitt over {answered} bekreftede ordrer.",
        ],
        [
            "Leverandører under leveringsmålet",
            len(late),
            f"Leverandører med leveringspresisjon under {DELIVERY_TARGET} %: "
            + (", ".join(f.name(s.supplier) for s in late) or "ingen")
            + ".",
        ],
        [
            f"Leverandører med prisendringer over {PRICE_CHANGE_LIMIT} % per år",
            len(pricey),
            "Andelen av artiklene med pris ved periodens start som har "
            "fått ny nettopris, regnet om til per år.",
        ],
        [
            f"Fakturaer kontrollert siste {WEEKS} uker",
            sum(counted.values()),
            f"Mottatt {_day(first_monday)}–{_day(f.on)}: "
            + ", ".join(f"{counted[o]} {outcome_label(o).lower()}" for o in OUTCOMES)
            + ".",
        ],
    ]
    measured = [s for s in scores if s.deliveries or s.invoices]
    heading, last = layout.block(
        ["Leverandør", "Leveringspresisjon %", "Mål levering %", "Fakturapresisjon %", "Mål faktura %"],
        [
            [f.name(s.supplier), s.precision_pct, DELIVERY_TARGET, s.accuracy_pct, INVOICE_TARGET]
            for s in measured
        ],
    )
    layout.chart(
        f"Leveringspresisjon og fakturapresisjon mot målene ({DELIVERY_TARGET} % og {INVOICE_TARGET} %)",
        heading,
        heading + 1,
        last,
        (2, 4),
        targets=(3, 5),
        horizontal=False,
        stacked=False,
        value_title="%",
        number_format="0",
    )
    heading, last = layout.block(
        ["Uke", *(outcome_label(o) for o in OUTCOMES)],
        [[w.label, *(w.counts.get(o, 0) for o in OUTCOMES)] for w in f.weeks],
    )
    layout.chart(
        "Fakturakontroll per uke (fakturaer etter utfall)",
        heading,
        heading + 1,
        last,
        tuple(range(2, 2 + len(OUTCOMES))),
        horizontal=False,
        value_title="Fakturaer",
        colours=OUTCOME_COLOURS,
    )
    priced = [s for s in scores if s.price_change_pct is not None]
    heading, last = layout.block(
        ["Leverandør", "Prisendringer % per år"], [[f.name(s.supplier), s.price_change_pct] for s in priced]
    )
    layout.chart(
        "Prisendringer per leverandør (% av artiklene per år)",
        heading,
        heading + 1,
        last,
        (2,),
        stacked=False,
        value_title="%",
        number_format="0",
    )
    return layout
