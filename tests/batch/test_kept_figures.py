"""The morning report draws the key figures the night's workbook steps computed (kept on the
run's context) instead of gathering them again from the store (issue 16: ~2 s a night)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from tests.batch.conftest import DAY
from vareflyt.jobs import key_figures
from vareflyt.jobs.nightly import report_pictures, run_batch
from vareflyt.workspace import Workspace


def _counting(monkeypatch):
    """Count every gathering of the purchasing figures (the workbook step's and the report's)
    and every gathering of the receivables figures from the store by the report."""
    calls = {"purchasing": 0, "receivables": 0}
    gather_purchasing, gather_receivables = key_figures.purchasing_figures, key_figures.receivables_figures

    def purchasing(ws, on):
        calls["purchasing"] += 1
        return gather_purchasing(ws, on)

    def receivables(ws, on):
        calls["receivables"] += 1
        return gather_receivables(ws, on)

    for module in (key_figures, report_pictures):
        monkeypatch.setattr(module, "purchasing_figures", purchasing)
        monkeypatch.setattr(module, "receivables_figures", receivables)
    return calls


def _report(ws: Workspace) -> str:
    return (ws.root / "rapporter" / f"morgenrapport-{DAY.isoformat()}.html").read_text(encoding="utf-8")


def test_the_report_shows_the_figures_the_workbook_steps_computed(ws_copy, monkeypatch):
    calls = _counting(monkeypatch)
    ws = Workspace(ws_copy())
    try:
        result = run_batch(ws, on=DAY, now=datetime.combine(DAY, time(2, 30)), force=True)
        html = _report(ws)
    finally:
        ws.close()
    assert [s["step"] for s in result.extra["steps"]][-2:] == ["tables", "report"]
    assert calls == {"purchasing": 1, "receivables": 0}  # the tables step's; dunning's receivables
    assert "Utestående per aldersgruppe, alle kunder" in html
    assert "Leveringspresisjon og fakturapresisjon per leverandør" in html


def test_figures_kept_for_another_date_are_gathered_again(ws_copy, monkeypatch):
    calls = _counting(monkeypatch)
    ws = Workspace(ws_copy())
    try:  # the workbook steps compute for the clock's date, the report is for the run date
        run_batch(ws, on=DAY, now=datetime.combine(DAY + timedelta(days=1), time(2, 30)), force=True)
    finally:
        ws.close()
    assert calls["purchasing"] == 2
