"""Native charts and the Nøkkeltall sheets (issue 16 item 6), read back from the xlsx zip and
with openpyxl: the chart parts exist and reference the cells that hold their numbers, the
targets are lines at 95 % and 98 %, the charts survive a save that does not touch them, and
each key figure is explained in one line (DSO with its amounts and period)."""

from __future__ import annotations

import re
import shutil
import zipfile
from datetime import date, datetime
from decimal import Decimal

import openpyxl
from tests.excel_port.demo_books import DAY, demo_books_fixture  # noqa: F401  (the fixture demo_books)

from vareflyt.excel.chart_specs import ChartSpec
from vareflyt.excel.openpyxl_adapter import OpenpyxlWorkbook
from vareflyt.excel.templates import template_path
from vareflyt.jobs.key_figures import ReceivablesFigures, invoice_weeks
from vareflyt.jobs.key_figures_sheet import dso_text
from vareflyt.rules.dunning import AgingRow


def _charts(path) -> dict[str, str]:
    with zipfile.ZipFile(path) as z:
        return {
            n: z.read(n).decode("utf-8") for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n)
        }


def _refs(xml: str) -> list[str]:
    return re.findall(r"<f>([^<]*)</f>", xml)


def _titled(charts: dict[str, str], words: str) -> str:
    return next(x for x in charts.values() if words in x)


def _row_of(ws, text: str) -> int:
    return next(c.row for c in ws["A"] if c.value == text)


def test_aged_receivables_chart_reads_the_total_and_the_top_customers(demo_books):
    path = demo_books / "Kundereskontro.xlsx"
    book = openpyxl.load_workbook(path)
    data = book["Diagramgrunnlag"]
    heading, total = _row_of(data, "Aldersfordeling (kr)"), _row_of(data, "Alle kunder")
    last = data.max_row
    assert [c.value for c in data[heading]][1:] == [
        "Ikke forfalt",
        "1–30 dager",
        "31–60 dager",
        "61–90 dager",
        "Over 90 dager",
        "Sum",
    ]
    sums = [data.cell(r, 7).value for r in range(total + 1, last + 1)]
    assert sums == sorted(sums, reverse=True) and len(sums) == 10  # the ten owing the most
    assert len(book["Nøkkeltall"]._charts) == 2

    charts = _charts(path)
    everyone = _titled(charts, "alle kunder")
    assert '<c:barDir val="bar"/>' in everyone or '<barDir val="bar"/>' in everyone
    assert 'grouping val="stacked"' in everyone
    assert f"'Diagramgrunnlag'!$B${total}" in _refs(everyone)
    assert f"'Diagramgrunnlag'!$F${heading}" in _refs(everyone)  # "Over 90 dager" names a series
    top = _titled(charts, "kundene som skylder mest")
    assert f"'Diagramgrunnlag'!$A${total + 1}:$A${last}" in _refs(top)
    assert f"'Diagramgrunnlag'!$B${total + 1}:$B${last}" in _refs(top)


def test_purchasing_charts_scorecard_against_targets_weeks_and_price_changes(demo_books):
    path = demo_books / "Innkjop.xlsx"
    book = openpyxl.load_workbook(path)
    data = book["Diagramgrunnlag"]
    assert len(book["Nøkkeltall"]._charts) == 3
    charts = _charts(path)

    score = _titled(charts, "mot målene")
    top = 1  # the scorecard block comes first
    last = _row_of(data, "Uke") - 2
    assert [data.cell(top, c).value for c in range(1, 6)] == [
        "Leverandør",
        "Leveringspresisjon %",
        "Mål levering %",
        "Fakturapresisjon %",
        "Mål faktura %",
    ]
    assert {data.cell(r, 3).value for r in range(2, last + 1)} == {95}
    assert {data.cell(r, 5).value for r in range(2, last + 1)} == {98}
    bars, line = score.split("<lineChart>") if "<lineChart>" in score else score.split("<c:lineChart>")
    assert f"'Diagramgrunnlag'!$B$2:$B${last}" in _refs(
        bars
    ) and f"'Diagramgrunnlag'!$D$2:$D${last}" in _refs(bars)
    assert f"'Diagramgrunnlag'!$C$2:$C${last}" in _refs(
        line
    ) and f"'Diagramgrunnlag'!$E$2:$E${last}" in _refs(line)

    weeks = _titled(charts, "Fakturakontroll per uke")
    head = _row_of(data, "Uke")
    assert f"'Diagramgrunnlag'!$A${head + 1}:$A${head + 12}" in _refs(weeks)
    assert [data.cell(head, c).value for c in range(2, 6)] == ["Godkjent", "Avvik", "Avvist", "Venter"]
    assert sum(data.cell(r, c).value for r in range(head + 1, head + 13) for c in range(2, 6)) > 0

    prices = _titled(charts, "Prisendringer per leverandør")
    head = next(
        r for r in range(head + 13, data.max_row + 1) if data.cell(r, 2).value == "Prisendringer % per år"
    )
    assert f"'Diagramgrunnlag'!$B${head + 1}:$B${data.max_row}" in _refs(prices)


def test_key_figures_explain_each_figure_in_one_line(demo_books):
    receivables = openpyxl.load_workbook(demo_books / "Kundereskontro.xlsx")["Nøkkeltall"]
    lines = {r[0]: (r[1], r[2]) for r in receivables.iter_rows(min_row=2, values_only=True)}
    value, text = lines["DSO (dager)"]
    assert isinstance(value, float) and text.startswith("Days Sales Outstanding")
    assert "(periode 23.11.2025–22.11.2026)" in text and "× 365 dager" in text
    assert all(isinstance(t, str) and t.endswith(".") and "\n" not in t for _, t in lines.values())
    purchasing = openpyxl.load_workbook(demo_books / "Innkjop.xlsx")["Nøkkeltall"]
    lines = {r[0]: (r[1], r[2]) for r in purchasing.iter_rows(min_row=2, values_only=True)}
    assert "Mål: over 95 %" in lines["Leveringspresisjon (%)"][1]
    assert "Mål: over 98 %" in lines["Fakturapresisjon (%)"][1]
    assert lines["Periode"][0] == "22.11.2025–22.11.2026"


def test_charts_survive_a_save_that_does_not_touch_them_and_are_not_doubled(demo_books, tmp_path):
    path = tmp_path / "Kundereskontro.xlsx"
    shutil.copyfile(demo_books / "Kundereskontro.xlsx", path)
    before = sorted(_refs(x) for x in _charts(path).values())
    port = OpenpyxlWorkbook(path)
    port.replace_rows("payments", [{"date": DAY, "amount": Decimal("100.00"), "kid": "0001234"}])
    port.save()
    assert sorted(_refs(x) for x in _charts(path).values()) == before
    assert len(openpyxl.load_workbook(path)["Nøkkeltall"]._charts) == 2


def test_charts_queued_for_a_sheet_replace_the_ones_it_had(tmp_path):
    path = tmp_path / "Innkjop.xlsx"
    shutil.copyfile(template_path("purchasing"), path)
    rows = [["Leverandør", "Beløp"], ["A", Decimal(5)], ["B", Decimal(7)]]
    spec = ChartSpec("Tall", "Beløp per leverandør", 1, 2, 3, (2,), "D2")
    for _ in range(2):
        port = OpenpyxlWorkbook(path)
        port.add_sheet("Tall", rows)
        port.add_chart(spec)
        port.add_chart(spec)
        port.save()
    charts = _charts(path)
    assert len(charts) == 2 and len(openpyxl.load_workbook(path)["Tall"]._charts) == 2
    assert all("'Tall'!$B$2:$B$3" in _refs(x) for x in charts.values())


def _figures(first_invoice, sales) -> ReceivablesFigures:
    total = AgingRow("", "Sum")
    total.buckets["not_due"] = Decimal("50000.00")
    return ReceivablesFigures(date(2026, 3, 31), (), total, sales, 365, first_invoice)


def test_dso_is_explained_with_amounts_period_and_what_is_missing():
    text = dso_text(_figures(date(2026, 1, 10), Decimal("365000.00")))
    assert text == (
        "Days Sales Outstanding, hvor mange dagers salg kundene skylder: utestående 50 000,00 kr ÷ "
        "kredittsalg 365 000,00 kr × 365 dager = 50,0 dager (periode 01.04.2025–31.03.2026). Vareflyt "
        "kjenner fakturaer først fra 10.01.2026; salget før det mangler, så tallet blir for høyt."
    )
    assert "først fra" not in dso_text(_figures(date(2024, 1, 1), Decimal("365000.00")))
    assert dso_text(_figures(None, Decimal(0))) == (
        "Kan ikke regnes ut: ingen fakturaer med fakturadato i perioden 01.04.2025–31.03.2026."
    )


def test_invoice_control_is_counted_by_the_week_it_came_in():
    rows = [
        (datetime(2026, 11, 16, 2, 30), "approved"),  # week 47
        (datetime(2026, 11, 22, 23, 0), "deviation"),  # Sunday, week 47
        (datetime(2026, 11, 23, 1, 0), "approved"),  # after the date
        (date(2026, 9, 6), "rejected"),  # week 36, the first shown
        (datetime(2026, 8, 30, 1, 0), "approved"),  # too old
        (datetime(2026, 11, 20, 1, 0), "new"),
    ]  # not controlled yet
    weeks = invoice_weeks(rows, date(2026, 11, 22))
    assert [w.label for w in weeks] == [f"Uke {n}" for n in range(36, 48)]
    assert weeks[-1].counts == {"approved": 1, "deviation": 1, "rejected": 0, "waiting": 0}
    assert weeks[0].counts["rejected"] == 1 and sum(sum(w.counts.values()) for w in weeks) == 3
