"""Credit notes as accounting systems write them: some state the credited amounts positive (as NeB
and the domain do, BGM 381 telling it is a credit), others with a minus. Both must be stored
and controlled alike: one line of 1 EA × 89.00 at 25 % VAT credited against invoice F-1."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal as D

import pytest

from vareflyt.jobs.invoices.run import reconcile_invoices
from vareflyt.store.invoice_reading import headers, load_invoices

from .flow import ON, OUR, QTY, SUPPLIER, deliver, drop, invoic_text, workspace


def credit_note_text(number: str, sign: str, quantity: str = "1") -> bytes:
    """NeB INVOIC BGM+381 crediting 1 EA of order line 2 of invoice F-1, its amounts written
    with ``sign`` ("" or "-") and its quantity as ``quantity``, as the supplier's system writes them."""
    s = sign
    body = [
        f"BGM+381+{number}+9",
        "DTM+137:20260303:102",
        "RFF+ON:100001",
        "RFF+IV:F-1",
        f"NAD+SU+{SUPPLIER}::9++Trelast Vest AS",
        f"NAD+BY+{OUR}::9",
        "CUX+2:NOK:9",
        "LIN+1",
        "PIA+1+T200:SA",
        f"QTY+47:{quantity}:EA",
        f"MOA+203:{s}89.00",
        "PRI+AAA:89.00:::1:EA",
        "RFF+ON:100001:2",
        "TAX+7+VAT+++:::25+S",
        "UNS+S",
        "CNT+2:1",
        f"MOA+79:{s}89.00",
        f"MOA+125:{s}89.00",
        f"MOA+176:{s}22.25",
        f"MOA+77:{s}111.25",
        f"MOA+165:{'' if s else '-'}0.25",
        f"MOA+9:{s}111.00",
        "TAX+7+VAT+++:::25+S",
        f"MOA+125:{s}89.00",
        f"MOA+124:{s}22.25",
    ]
    segments = [
        "UNA:+.? ",
        f"UNB+UNOC:3+{SUPPLIER}:14+{OUR}:14+260303:1300+C{number}",
        "UNH+1+INVOIC:D:03A:UN",
        *body,
        f"UNT+{len(body) + 2}+1",
        f"UNZ+1+C{number}",
    ]
    return ("'".join(segments) + "'").encode("latin-1")


def read_and_control(path, sign: str, quantity: str = "1"):
    """Invoice F-1 and credit note K-1 (amounts written with ``sign``) read and controlled in a
    fresh workspace: (issues of reading K-1, K-1 as stored, K-1's control result)."""
    with workspace(path, delivered=False) as ws:
        deliver(ws, "PS1", QTY)
        lines = [(1, "T100", "10", "MTR", "45.50"), (2, "T200", "6", "EA", "89.00")]
        drop(ws, "F-1.edi", invoic_text("F-1", "100001", lines, slip="PS1"))
        (doc,) = drop(ws, "K-1.edi", credit_note_text("K-1", sign, quantity)).extra["documents"]
        assert doc["status"] == "accepted", doc
        with ws.store.connect() as conn:
            stored = {inv.number: inv for inv in load_invoices(conn, headers(conn)).values()}
        result = reconcile_invoices(ws, on=ON, now=datetime(2026, 3, 4, 8))
        found = {i["number"]: i for i in result.extra["invoices"]}
        return doc["issues"], stored["K-1"], found["K-1"]


@pytest.mark.parametrize("quantity", ["1", "-1"])
def test_a_credit_note_written_with_minus_is_stored_and_controlled_as_one_written_positive(
    tmp_path, quantity
):
    plain_issues, plain, plain_control = read_and_control(tmp_path / "plain", "")
    minus_issues, minus, minus_control = read_and_control(tmp_path / "minus", "-", quantity)
    assert plain_issues == []
    assert [(i["code"], i["message"]) for i in minus_issues] == [
        (
            "invoice.credit_signs",
            "Kreditnota K-1 har beløpene med minus (totalt -111,00); de er lagret som positive beløp, "
            "slik kreditnotaer lagres",
        )
    ]
    assert minus == plain
    assert (minus.totals.payable, minus.totals.rounding, minus.lines[0].line_amount) == (
        D("111.00"),
        D("-0.25"),
        D("89.00"),
    )
    assert plain_control["status"] == "approved", plain_control
    assert (minus_control["status"], minus_control["findings"]) == ("approved", [])
