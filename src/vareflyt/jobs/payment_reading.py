"""Reading a payments file into payment rows for ``jobs.import_payments``.

A bank camt.054 notification (XML, by its suffix or its first bytes) or a payments
workbook/CSV (headings from ``data/headers/payments.toml``) becomes one dict per readable
payment (date, amount, KID, invoice number, payer, reference, text, where it stands; camt.054
rows also their currency; a sheet's text column is also the text the matcher reads), with the
file's problems added to the caller's issues. A Nets OCR giro file (fixed width) is not read: it
is refused with a message saying what to fetch from the bank instead. It is its own
module because reading the two formats is apart from matching and recording the payments:
``import_payments`` only sees the rows and how many the file held.
"""

from __future__ import annotations

from pathlib import Path

from ..domain.issues import Severity, Source, VareflytError, error, warning
from ..edi.camt054 import looks_like_camt054, read_camt054
from ..excel.tabular import parse_table, read_table
from ..ids.kid import MAX_LENGTH as KID_LENGTH

MAX_KID = KID_LENGTH  # digits of a KID (store column customer_payments.kid)
OCR_START = b"NY000010"  # the start record of a Nets OCR giro file (80 characters a line)


def _read_sheet(path: Path, issues: list) -> tuple[list[dict], int]:
    """The sheet's readable payments, and how many data rows it has (unreadable ones included)."""
    read = read_table(path, "payments")
    issues.extend(read.issues)
    if any(i.is_error for i in read.issues):
        return [], 0
    typed = parse_table(read)
    rows = []
    for row_no, v, problems in typed.iter_rows():
        for fkey, problem in problems.items():
            severity = Severity.ERROR if fkey in ("paid_on", "amount") else Severity.WARNING
            issues.append(typed.problem_issue(row_no, fkey, problem, severity, code="payments.value"))
        if v.get("paid_on") is None or v.get("amount") is None:
            if not problems:
                issues.append(
                    error(
                        "payments.missing",
                        "Mangler dato eller beløp; raden ble hoppet over.",
                        read.source(row_no),
                    )
                )
            continue
        kid = (v.get("kid") or "").replace(" ", "")
        if len(kid) > MAX_KID:
            issues.append(
                warning(
                    "payments.kid",
                    f"KID «{kid[:30]}…» har {len(kid)} tegn (en KID har høyst {MAX_KID}) "
                    "og er ikke brukt; innbetalingen avstemmes på fakturanummer og beløp.",
                    read.source(row_no, "kid"),
                )
            )
            kid = ""
        rows.append(
            {
                "paid_on": v["paid_on"],
                "amount": v["amount"],
                "kid": kid,
                "invoice_no": v.get("invoice_no") or "",
                "payer": v.get("payer") or "",
                "reference": v.get("reference") or "",
                # a bank export's one text column (Forklaring, Tekst, Melding) is also where the
                # payer's KID or invoice number stands: the matcher looks in it as in camt.054's Ustrd
                "text": v.get("reference") or "",
                "where": read.source(row_no),
            }
        )
    return rows, len(read)


def read_payments(path: Path, issues: list, own_account: str = "") -> tuple[list[dict], str, int]:
    """(readable payments, "camt054" or "sheet", rows read: credit transactions or data rows)."""
    with open(path, "rb") as fh:
        head = fh.read(4096)
    if head.startswith(OCR_START):
        raise VareflytError(
            f"{path.name} ser ut som en OCR-fil fra Nets (fast bredde, starter med «NY000010»). "
            "vareflyt leser ikke OCR-filer: hent innbetalingene som camt.054 (XML) fra banken, "
            "eller som regneark med kolonnene Dato, Beløp og KID.",
            [error("payments.ocr", "OCR-filer leses ikke", Source(file=path.name))],
        )
    if path.suffix.lower() == ".xml" or looks_like_camt054(head):
        payments, camt_issues = read_camt054(path, own_account)
        issues.extend(camt_issues)
        unreadable = sum(1 for i in camt_issues if i.is_error)  # one per transaction without amount or date
        return (
            [
                {
                    "paid_on": p.paid_on,
                    "amount": p.amount,
                    "kid": p.kid,
                    "invoice_no": p.invoice_no,
                    "payer": p.payer,
                    "reference": p.reference,
                    "text": p.text,
                    "currency": p.currency,
                    "where": p.where(path.name),
                }
                for p in payments
            ],
            "camt054",
            len(payments) + unreadable,  # a credit split over the invoices it names: a row per invoice
        )
    rows, read = _read_sheet(path, issues)
    return rows, "sheet", read
