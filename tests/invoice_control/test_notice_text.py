"""The deviation notice a supplier reads: amounts in Norwegian form ("45,50", never "45.50"),
the check named once (not "enhetspris: Enhetspris …"), headers not broken mid-word in the PDF.

The invoice is EDIFACT text written by hand (``flow.invoic_text``), priced above the list."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
from pypdf import PdfReader

from vareflyt.jobs.invoices.run import reconcile_invoices

from . import flow

DAY = date(2026, 3, 4)
NOTICE = f"fakturaavvik-{flow.SUPPLIER}"


@pytest.fixture
def notice(tmp_path):
    with flow.workspace(tmp_path / "ws") as ws:
        flow.drop(
            ws,
            "INVOIC_F-1.edi",
            flow.invoic_text("F-1", flow.ORDER, [(1, "T100", "10", "MTR", "49.00")], "PS1"),
        )
        reconcile_invoices(ws, on=DAY, now=datetime.combine(DAY, datetime.min.time()))
        folder = ws.letters / DAY.isoformat()
        html = (folder / f"{NOTICE}.html").read_text(encoding="utf-8")
        pdf = "\n".join(p.extract_text() for p in PdfReader(folder / f"{NOTICE}.pdf").pages)
        yield html, pdf


def test_expected_and_invoiced_prices_are_written_the_norwegian_way(notice):
    html, pdf = notice
    assert "<td>45,50</td><td>49,00</td>" in html  # the Forventet and Fakturert cells
    assert re.search(r"45,50\s+49,00", pdf), pdf


def test_the_check_is_named_once_and_headers_are_whole(notice):
    html, pdf = notice
    assert not re.search(r"enhetspris:\s*Enhetspris", html, re.I)
    assert "l enhetspris" in html
    for header in ("Kontroll", "Linje", "Varenr", "Forventet", "Fakturert", "Beskrivelse"):
        assert header in pdf, (header, pdf)
