"""The morning report's pictures (issue 16 item 6): inline SVG bars with their labels, for
aged receivables, the supplier scorecard, invoice control per week and price changes; no
script and no address on the network anywhere in the report; names are escaped; nothing to
show gives no empty pictures."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import Decimal

import sqlalchemy as sa

from tests.batch.conftest import DAY
from vareflyt.jobs.key_figures import PurchasingFigures, WeekOutcome
from vareflyt.jobs.nightly import run_batch
from vareflyt.jobs.nightly.report_pictures import purchasing_pictures
from vareflyt.rules.scorecard import Score
from vareflyt.workspace import Workspace


def _report(ws: Workspace) -> str:
    return (ws.root / "rapporter" / f"morgenrapport-{DAY.isoformat()}.html").read_text(encoding="utf-8")


def test_the_morning_report_shows_the_key_figures_as_inline_svg(ws_copy):
    ws = Workspace(ws_copy())
    try:
        run_batch(ws, on=DAY, now=datetime.combine(DAY, time(2, 30)), force=True)
        with ws.store.connect() as conn:
            largest = conn.execute(
                sa.text(
                    "select c.name from customer_invoices i join customers c on "
                    "c.customer_no = i.customer_no "
                    "where i.status = 'open' group by c.name order by sum(i.amount - i.paid) desc limit 1"
                )
            ).scalar_one()
            controlled = conn.execute(
                sa.text(
                    "select count(*) from supplier_invoices where status in "
                    "('approved', 'deviation', 'rejected', 'waiting')"
                )
            ).scalar_one()
        html = _report(ws)
    finally:
        ws.close()
    figures = re.findall(r"<figure class=\"picture\">(.*?)</figure>", html, re.S)
    titles = [re.search(r"<title>([^<]*)</title>", f).group(1) for f in figures]
    assert titles[:2] == ["Utestående per aldersgruppe, alle kunder", "De 10 kundene som skylder mest"]
    assert "Leveringspresisjon og fakturapresisjon per leverandør" in titles
    assert "Prisendringer per leverandør (% av artiklene per år)" in titles
    aging = figures[1]
    assert aging.count("<rect") > 10 and "Ikke forfalt" in aging and largest[:20] in aging
    assert re.search(r">\d[\d ]*,\d\d kr</text>", aging)  # Norwegian amounts on the bars
    scorecard = figures[titles.index("Leveringspresisjon og fakturapresisjon per leverandør")]
    assert (
        'class="target"' in scorecard and "Mål levering 95 %" in scorecard and "Mål faktura 98 %" in scorecard
    )
    assert ("Fakturakontroll per uke, siste 12 uker" in titles) == (controlled > 0), titles
    assert "Days Sales Outstanding" in html
    assert "http" not in html and "<script" not in html.lower() and "javascript:" not in html.lower()


def test_names_in_pictures_are_escaped():
    hostile = '<script>alert("x")</script> & Co'
    figures = PurchasingFigures(
        date(2026, 11, 22),
        date(2025, 11, 22),
        (
            Score(
                "7080000000017", deliveries=4, on_time=3, invoices=2, clean=2, price_change_pct=Decimal("2.5")
            ),
        ),
        {"7080000000017": hostile},
        (WeekOutcome(2026, 47, {"approved": 2, "deviation": 0, "rejected": 0, "waiting": 0}),),
    )
    pictures = purchasing_pictures(figures)
    assert [p.title for p in pictures] == [
        "Leveringspresisjon og fakturapresisjon per leverandør",
        "Fakturakontroll per uke, siste 12 uker",
        "Prisendringer per leverandør (% av artiklene per år)",
    ]
    svg = pictures[0].svg
    assert "<script" not in svg and "&lt;script&gt;" in svg and "&amp; Co" in svg
    assert ">75,0 %</text>" in svg and ">100,0 %</text>" in svg


def test_an_empty_workspace_gets_a_report_without_pictures(workspace):
    run_batch(workspace, on=DAY)
    html = _report(workspace)
    assert "Morgenrapport" in html and "<svg" not in html and "Nøkkeltall i bilder" not in html


def test_pictures_that_fail_do_not_cost_the_report(workspace, monkeypatch):
    def broken(ws, on, kept=None):
        raise RuntimeError("tegnefeil")

    monkeypatch.setattr("vareflyt.jobs.nightly.report.report_pictures", broken)
    run_batch(workspace, on=DAY)
    html = _report(workspace)
    assert "uventet feil i vareflyt (RuntimeError: tegnefeil)" in html and "Kom inn" in html
