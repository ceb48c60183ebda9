"""The purchasing workbook's invoice tables, people's decisions in them, and the scorecard.

* ``take_decisions`` reads the invoice-control table first: a person may type *godkjenn* or
  *avvis* (with a comment and their name) on an invoice's row or one of its finding rows; each
  new decision is stored with who/when and logged, and later runs respect it.
* ``refresh_invoice_tables`` rewrites ``supplier_invoices`` (one row per invoice) and
  ``invoice_control`` (one row per invoice, then one per finding), coloured by outcome, plus a
  supplier scorecard sheet. A reconcile run hands it the headers and findings it has already
  read, so the tables are rendered from those; only the decisions and the order and article
  of the lines with findings are read again.
* ``scores`` is the supplier scorecard for a period (``vareflyt invoices scorecard``).

``CHECK_NAMES`` names each finding code in Norwegian: a–w are the guide's checks, ``x`` an
invoice that could not be controlled (see ``run``).

A finding keeps what was expected and what was invoiced as plain text (``"126.00"``); in the
table they become number cells where the check compares amounts, quantities, prices or rates
(``NUMBER_CHECKS``), so people can sum and filter them. References that are digits (an
article or invoice number, a GLN) stay text, due dates read ``dd.mm.åååå``.
"""

from __future__ import annotations

import getpass
import re
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ...domain.issues import JobResult, Source, WorkbookLocked, warning
from ...domain.money import nb_number
from ...domain.wording import date_text
from ...rules.invoice_control import LABELS, decision_of
from ...rules.scorecard import Confirmation, ControlledInvoice, Delivery, scorecard, sheet_rows
from ...store import invoice_reading, invoice_results, log
from ...store.invoice_rows import InvoiceHeader, StoredFinding

if TYPE_CHECKING:
    from ...workspace import Workspace

COLOURS = {"approved": "ok", "deviation": "warning", "rejected": "error", "waiting": "DDEBF7"}
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


def _open(ws: Workspace, book):
    if book is not None:
        return book, False
    if not ws.purchasing_workbook.exists():
        return None, False
    from ...excel.openpyxl_adapter import OpenpyxlWorkbook

    return OpenpyxlWorkbook(ws.purchasing_workbook), True


def _keyed(rows: list[InvoiceHeader], names: dict[str, str]) -> dict[tuple[str, str, int], InvoiceHeader]:
    """(supplier name, invoice no., occurrence) -> header row, in the order the table lists them."""
    out: dict[tuple[str, str, int], InvoiceHeader] = {}
    seen: dict[tuple[str, str], int] = {}
    for r in rows:
        key = (names.get(r.supplier_gln) or r.supplier_name or r.supplier_gln, r.number)
        seen[key] = seen.get(key, 0) + 1
        out[(*key, seen[key])] = r
    return out


def take_decisions(ws: Workspace, book, now: datetime, result: JobResult) -> int:
    """Store new approve/reject decisions typed into the invoice-control table; returns how many."""
    try:
        book, own = _open(ws, book)
    except WorkbookLocked:
        return 0
    if book is None:
        return 0
    try:
        frame = book.read_table("invoice_control")
        result.extend(frame.attrs.get("issues", []))
    finally:
        if own:
            book.close()
    with ws.store.connect() as conn:
        rows = invoice_reading.headers(conn)
    keyed = _keyed(rows, supplier_names(ws))
    occurrence: dict[tuple, int] = {}
    wanted: dict[int, tuple] = {}
    for _, r in frame.iterrows():
        key = (r["supplier_name"], r["invoice_no"])
        if not r["check"]:
            occurrence[key] = occurrence.get(key, 0) + 1
        header = keyed.get((*key, max(1, occurrence.get(key, 1))))
        decision = decision_of(r["decision"])
        if header is not None and decision and header.id not in wanted:
            wanted[header.id] = (header, decision, r["decision_comment"], r["decided_by"])
    taken = 0
    with ws.store.transaction() as conn:
        for invoice_id, (header, decision, comment, who) in wanted.items():
            if header.decision == decision:
                continue
            who = who or getpass.getuser()
            invoice_results.record_decision(conn, invoice_id, decision, comment, who, now)
            log.record(
                conn,
                job="invoices.decision",
                status="ok",
                partner=header.supplier_gln,
                doc_type="INVOIC" if header.format == "edifact" else "EHF",
                doc_number=header.number,
                at=now,
                message=f"{LABELS[decision]} av {who}" + (f": {comment}" if comment else ""),
            )
            taken += 1
    return taken


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


def refresh_invoice_tables(
    ws: Workspace,
    *,
    book=None,
    result: JobResult | None = None,
    on: date | None = None,
    rows: list[InvoiceHeader] | None = None,
    findings: dict[int, list[StoredFinding]] | None = None,
) -> JobResult:
    """Rewrite the two invoice tables (and the scorecard sheet) of Innkjop.xlsx."""
    result = result or JobResult()
    path = ws.purchasing_workbook
    try:
        book, own = _open(ws, book)
        if book is None:
            result.add(
                warning(
                    "workbook.missing",
                    f"Fant ikke {path.name}; fakturatabellene ble ikke oppdatert.",
                    Source(file=path.name),
                )
            )
            return result
        try:
            tables = table_rows(ws, rows, findings)
            book.replace_rows("supplier_invoices", tables["supplier_invoices"])
            control = tables["invoice_control"]
            book.replace_rows(
                "invoice_control", [{k: v for k, v in r.items() if k != "_status"} for r in control]
            )
            for i, r in enumerate(control):
                book.mark_cell("invoice_control", i, "result", COLOURS.get(r["_status"], "warning"))
            day = on or date.today()
            book.add_sheet(
                "Leverandørscore",
                sheet_rows(
                    scores(ws, day.replace(year=day.year - 1), day, rows, findings), supplier_names(ws)
                ),
            )
            book.save()
            if own:
                result.outputs.append(str(path))
        finally:
            if own:
                book.close()
    except WorkbookLocked:
        result.add(
            warning(
                "workbook.locked",
                f"{path.name} er åpen i Excel; fakturatabellene ble ikke oppdatert. "
                "Lukk arbeidsboken og kjør på nytt.",
                Source(file=path.name),
            )
        )
    return result


def _day(value):
    return value.date() if isinstance(value, datetime) else value


def scores(
    ws: Workspace,
    start: date,
    end: date,
    invoices: list[InvoiceHeader] | None = None,
    found: dict[int, list[StoredFinding]] | None = None,
):
    """The supplier scorecard for ``start``..``end`` (orders sent, deliveries and invoices in it)."""
    from ...rules.scorecard import price_change_pct
    from ...store import prices as price_store
    from ...store.purchasing_sheet_rows import OrderSheetRow, table_rows
    from ..effective_prices import effective_on

    with ws.store.connect() as conn:
        data = table_rows(conn)
        invoices = invoice_reading.headers(conn) if invoices is None else invoices
        found = invoice_results.findings_of(conn) if found is None else found
        prices = {}
        for s in price_store.suppliers(conn):  # from the start, or from the first price list if later
            first = min((v.valid_from for v in price_store.versions(conn, s) if v.valid_from), default=start)
            begin = max(start, first)
            before = {k: a.net for k, (_, a) in effective_on(conn, s, begin).items()}
            after = {k: a.net for k, (_, a) in effective_on(conn, s, end).items()}
            prices[s] = price_change_pct(before, after, (end - begin).days)
    orders: dict[tuple[str, str | None], OrderSheetRow] = {(o.supplier_gln, o.number): o for o in data.orders}
    slips = {}
    for r in data.receipts:
        when = r.received_date or _day(r.despatch_date) or _day(r.received_at)
        if when and start <= when <= end:
            order = orders.get((r.supplier_gln, r.order_no))
            slips[(r.supplier_gln, r.despatch_no)] = Delivery(
                r.supplier_gln, order.confirmed_date if order else None, when
            )
    sent = [
        Confirmation(o.supplier_gln, o.sent_at, o.response_at)
        for o in data.orders
        if o.sent_at and start <= o.sent_at.date() <= end
    ]
    controlled = [
        ControlledInvoice(r.supplier_gln, r.status, len(found.get(r.id, [])))
        for r in invoices
        if r.issue_date and start <= r.issue_date <= end
    ]
    return scorecard(slips.values(), sent, controlled, prices)
