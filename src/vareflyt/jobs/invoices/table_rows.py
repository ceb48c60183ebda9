"""The rows of the purchasing workbook's two invoice tables, and how a finding reads in them.

``table_rows`` builds ``supplier_invoices`` (one row per invoice) and ``invoice_control`` (one
row per invoice, then one per finding) from the store, or from the headers and findings a
reconcile run has already read; ``tables.refresh_invoice_tables`` writes them.

``CHECK_NAMES`` names each finding code in Norwegian: a–w are the guide's checks, ``x`` an
invoice that could not be controlled (see ``run``); the deviation notices (``notices``) use
the same names.

A finding keeps what was expected and what was invoiced as plain text (``"126.00"``); in the
table they become number cells where the check compares amounts, quantities, prices or rates
(``NUMBER_CHECKS``), so people can sum and filter them. References that are digits (an
article or invoice number, a GLN) stay text, due dates read ``dd.mm.åååå``.

Its own module because what the rows hold is separate from reading people's decisions and
writing the workbook (``tables``).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ...domain.money import nb_number
from ...domain.wording import date_text
from ...rules.invoice_control import LABELS
from ...store import invoice_reading, invoice_results
from ...store.invoice_rows import InvoiceHeader, StoredFinding

if TYPE_CHECKING:
    from ...workspace import Workspace

CHECK_NAMES = {
    "a": "fakturanummer brukt før",
    "b": "forfallsdato",
    "c": "avtale/prisliste",
    "d": "ordre/varemottak",
    "e": "parter",
    "f": "frakt/tillegg",
    "g": "valuta",
    "h": "valutakurs",
    "i": "ordrelinjereferanse",
    "j": "pakkseddel",
    "k": "artikkelnummer",
    "l": "enhetspris",
    "m": "antall mot mottatt",
    "n": "rabatter/gebyrer",
    "o": "momssats",
    "p": "linjebeløp",
    "q": "sum linjer",
    "r": "tillegg/fradrag",
    "s": "momsbeløp",
    "t": "øreavrunding",
    "u": "fakturatotal",
    "v": "sum delbeløp",
    "w": "momsspesifikasjon",
    "x": "kunne ikke kontrolleres",
}

# Checks whose expected/actual are numbers (amounts, quantities, prices, rates, percentages)
# when they are not a word such as "mangler"; the others compare references, dates and codes.
NUMBER_CHECKS = frozenset("fhlmnopqrstuvw")
DATE_CHECKS = frozenset("b")  # the due date: ISO text in the store, dd.mm.åååå for people
_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")
_DECIMAL_IN_TEXT = re.compile(r"\d+\.\d+")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def figure_cell(check: str, value: str | None) -> Decimal | str | None:
    """A finding's expected/actual text -> what its cell holds: a Decimal for a number of a
    ``NUMBER_CHECKS`` check, else text as people read it (``"0.00 / 25.00"`` -> ``"0,00 / 25,00"``,
    ``"2026-03-01"`` -> ``"01.03.2026"``; ``"7080001234567"`` of check e stays as it is)."""
    if value is None:
        return None
    if check in DATE_CHECKS and _ISO_DAY.fullmatch(value):
        try:
            return date_text(date.fromisoformat(value))
        except ValueError:  # digits shaped like a date that is none: as given
            return value
    if check not in NUMBER_CHECKS:
        return value
    if _PLAIN_NUMBER.fullmatch(value):
        return Decimal(value)
    return _DECIMAL_IN_TEXT.sub(lambda m: nb_number(Decimal(m.group())), value)


def supplier_names(ws: Workspace) -> dict[str, str]:
    from ..suppliers import supplier_names as names  # the one supplier directory

    return names(ws)


def table_rows(
    ws: Workspace,
    rows: list[InvoiceHeader] | None = None,
    findings: dict[int, list[StoredFinding]] | None = None,
) -> dict[str, list[dict]]:
    """Rows for ``supplier_invoices`` and ``invoice_control`` (from the store unless given)."""
    names = supplier_names(ws)
    with ws.store.connect() as conn:
        rows = invoice_reading.headers(conn) if rows is None else rows
        findings = invoice_results.findings_of(conn) if findings is None else findings
        decided = invoice_results.decisions(conn)
        lines = invoice_reading.line_refs(conn, [r.id for r in rows if findings.get(r.id)])
    invoices_table: list[dict[str, Any]] = []
    control: list[dict[str, Any]] = []
    for r in rows:
        name = names.get(r.supplier_gln) or r.supplier_name or r.supplier_gln
        status = LABELS.get(r.status, r.status)
        invoices_table.append(
            {
                "supplier_gln": r.supplier_gln,
                "supplier_name": name,
                "invoice_no": r.number,
                "kind": "kreditnota" if r.kind == "credit_note" else "faktura",
                "invoice_date": r.issue_date,
                "due_date": r.due_date,
                "order_no": r.order_refs,
                "despatch_no": r.despatch_refs,
                "currency": r.currency,
                "net_total": r.tax_exclusive,
                "vat": r.vat_total,
                "total": r.payable,
                "kid": r.payment_ref,
                "bank_account": r.bank_account,
                "received": r.received_at,
                "status": status,
                "file": r.file_name,
            }
        )
        d = decided.get(r.id)
        found = findings.get(r.id, [])
        summary = (
            "; ".join(sorted({f"{f.check} {CHECK_NAMES.get(f.check, '')}" for f in found}))
            or "alle kontroller a–w stemmer"
        )
        control.append(
            {
                "supplier_name": name,
                "invoice_no": r.number,
                "invoice_date": r.issue_date,
                "order_no": r.order_refs,
                "result": status,
                "message": f"{r.format.upper()}: " + (f"{len(found)} funn: {summary}" if found else summary),
                "decision": {"approved": "godkjenn", "rejected": "avvis"}.get(d.decision) if d else None,
                "decision_comment": d.comment if d else None,
                "decided_by": d.decided_by if d else None,
                "_status": r.status,
            }
        )
        for f in found:
            ln = lines.get((r.id, f.line_no)) if f.line_no else None
            control.append(
                {
                    "supplier_name": name,
                    "invoice_no": r.number,
                    "invoice_date": r.issue_date,
                    "order_no": (ln.order_no if ln else None) or r.order_refs,
                    "line_no": int(f.line_no) if f.line_no and f.line_no.isdigit() else None,
                    "check": f.check,
                    "article_no": ln.article_no if ln else None,
                    "expected": figure_cell(f.check, f.expected),
                    "actual": figure_cell(f.check, f.actual),
                    "difference": f.difference,
                    "result": "venter"
                    if f.waits
                    else LABELS.get(r.status, "avvik")
                    if f.blocking
                    else "merknad",
                    "message": f.message,
                    "_status": "waiting" if f.waits else r.status,
                }
            )
    return {"supplier_invoices": invoices_table, "invoice_control": control}
