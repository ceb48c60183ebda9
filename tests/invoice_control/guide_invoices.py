"""Invoices for the guide cases (issue 15) as a supplier's system writes them: EDIFACT INVOIC
text typed out here, read with vareflyt's reader, and the settings as a shop owner writes them
in vareflyt.toml.

``F1_LINES`` and ``F1_SUMMARY`` are invoice F-1 of ``base``: order 100001's three lines, 10 MTR ×
45.50 and 5 EA × 89.00 at 25 % VAT, 4 EA × 54.90 at 15 %; 1 119.60 + VAT 257.94 = 1 377.54,
rounded to 1 378.00. A test swaps the parts its case is about and types the totals that go with
them.
"""

from __future__ import annotations

import tomllib

from vareflyt.config.invoice_control import parse
from vareflyt.domain.invoices import Invoice
from vareflyt.edi.mappings import invoic
from vareflyt.edi.reader import read_interchanges
from vareflyt.rules.invoice_control import Agreement, ControlSettings

from .base import SUPPLIER

F1_LINES = (
    "LIN+1'PIA+1+T100:SA'QTY+47:10:MTR'MOA+203:455.00'PRI+AAA:45.50:::1:MTR'RFF+ON:100001:1'"
    "TAX+7+VAT+++:::25+S'"
    "LIN+2'PIA+1+T200:SA'QTY+47:5:EA'MOA+203:445.00'PRI+AAA:89.00:::1:EA'RFF+ON:100001:2'"
    "TAX+7+VAT+++:::25+S'"
    "LIN+3'PIA+1+KF-500:SA'QTY+47:4:EA'MOA+203:219.60'PRI+AAA:54.90:::1:EA'RFF+ON:100001:3'"
    "TAX+7+VAT+++:::15+S'"
)
F1_SUMMARY = (
    "UNS+S'CNT+2:3'MOA+79:1119.60'MOA+125:1119.60'MOA+176:257.94'MOA+77:1377.54'MOA+165:0.46'"
    "MOA+9:1378.00'TAX+7+VAT+++:::25+S'MOA+125:900.00'MOA+124:225.00'TAX+7+VAT+++:::15+S'"
    "MOA+125:219.60'MOA+124:32.94'"
)


def invoic_text(
    *,
    refs: str = "",
    currency: str = "CUX+2:NOK:9'",
    charges: str = "",
    lines: str = F1_LINES,
    summary: str = F1_SUMMARY,
) -> str:
    """One INVOIC interchange from Trelast Vest AS (…029) to us (…012) for order 100001."""
    body = (
        "UNH+1+INVOIC:D:03A:UN'BGM+380+F-1+9'DTM+137:20260310:102'RFF+ON:100001'RFF+DQ:PS1'"
        + refs
        + "NAD+SU+7080000000029::9++Trelast Vest AS'NAD+BY+7080000000012::9'"
        + currency
        + "PAT+1++5:3:D:30'DTM+13:20260409:102'"
        + charges
        + lines
        + summary
    )
    segments = body.count("'") + 1
    return (
        "UNA:+.? 'UNB+UNOC:3+7080000000029:14+7080000000012:14+260310:0900+1'"
        + body
        + f"UNT+{segments}+1'UNZ+1+1'"
    )


def read_invoice(**parts: str) -> Invoice:
    msg = read_interchanges(invoic_text(**parts).encode("utf-8")).messages[0]
    inv, issues = invoic.from_segments(msg.body, message_ref=msg.number)
    assert inv is not None and not issues, issues
    return inv


def configured(toml: str = "") -> dict[str, Agreement | ControlSettings]:
    """``agreement`` and ``settings`` for the supplier from a vareflyt.toml text (defaults when empty)."""
    agreement, settings = parse(tomllib.loads(toml).get("invoice_control", {})).for_supplier(SUPPLIER)
    return {"agreement": agreement, "settings": settings}
