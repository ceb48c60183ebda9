"""Reading a payments file into payment rows for ``jobs.import_payments``.

A bank camt.054 notification (XML, by its suffix or its first bytes) or a payments
workbook/CSV (headings from ``data/headers/payments.toml``) becomes one dict per readable
payment (date, amount, KID, invoice number, payer, reference, text, where it stands; camt.054
rows also their currency; a sheet's text column is also the text the matcher reads), with the
file's problems added to the caller's issues. A sheet row of money out (an amount of 0 or less
in a bank export's signed amount column, or nothing in its money-in column beside one for money
out) is no payment: such rows are left out with one message.
A Nets OCR giro file (fixed width) is not read: it is refused with a message saying what to
fetch from the bank instead.

``key_rows`` gives each row its identity (``customer_payments.payment_key``: a hash of what the
bank says about it and how many identical payments came before it in the file), so importing a
file twice records each payment once; ``shares`` are the records of a payment shared out over
several invoices (``Match.parts``): the first keeps the payment's key, so a later import finds
it, and each other share's key is derived from it and its invoice. It is its own
module because reading the two formats is apart from matching and recording the payments:
``import_payments`` only sees the rows and how many the file held.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from ..domain.issues import Severity, Source, VareflytError, error, info, warning
from ..domain.wording import plural
from ..edi.camt054 import looks_like_camt054, read_camt054
from ..excel.tabular import parse_table, read_table
from ..ids.kid import MAX_LENGTH as KID_LENGTH
from ..rules.dunning.matching import Match

MAX_KID = KID_LENGTH  # digits of a KID (store column customer_payments.kid)
MONEY_OUT_HEADINGS = frozenset({"ut fra konto", "uttak", "ut", "utbetalt", "utbetaling", "belastet", "debet"})
OCR_START = b"NY000010"  # the start record of a Nets OCR giro file (80 characters a line)


class PaymentRows(NamedTuple):
    rows: list[dict]  # the readable payments
    kind: str  # "camt054" or "sheet"
    rows_read: int  # credit transactions or data rows, unreadable ones included
    money_out: int = 0  # sheet rows with an amount of 0 or less: money out of the account, no payment


def _read_sheet(path: Path, issues: list) -> PaymentRows:
    """The sheet's readable payments, how many data rows it has (unreadable ones included) and
    how many of them are money out (a bank export's signed amount column: card purchases,
    transfers out), which are no customer payments and are left out with one message."""
    read = read_table(path, "payments")
    issues.extend(read.issues)
    if any(i.is_error for i in read.issues):
        return PaymentRows([], "sheet", 0)
    typed = parse_table(read)
    rows = []
    money_out = []
    # an account export with a column of its own for money out (DNB: "Ut fra konto" beside "Inn
    # på konto"): a row with nothing in the money-in column is money out, no broken payment
    out_column = any(heading.strip().lower() in MONEY_OUT_HEADINGS for heading in read.unmapped)
    # The payment's reference (part of its key) is the leftmost of the bank's reference and the
    # payer's text, the one column both headings were read as before the text had a field of its
    # own: a file imported then is known again by the same keys.
    ref_first = read.columns.get("reference", 10**6) < read.columns.get("text", 10**6)
    reference = "reference" if ref_first else "text"
    for row_no, v, problems in typed.iter_rows():
        for fkey, problem in problems.items():
            severity = Severity.ERROR if fkey in ("paid_on", "amount") else Severity.WARNING
            issues.append(typed.problem_issue(row_no, fkey, problem, severity, code="payments.value"))
        if out_column and not problems and v.get("paid_on") is not None and v.get("amount") is None:
            money_out.append(row_no)  # the money-in cell is empty: the row's money went out
            continue
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
        if v["amount"] <= 0:
            money_out.append(row_no)
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
                "reference": v.get(reference) or "",
                # the text column (Forklaring, Tekst, Melding) is where the payer's KID or invoice
                # number stands: the matcher looks in it as in camt.054's Ustrd
                "text": v.get("text") or v.get("reference") or "",
                "where": read.source(row_no),
            }
        )
    if money_out:
        issues.append(
            info(
                "payments.money_out",
                f"{plural(len(money_out), 'rad', 'rader')} med penger ut av kontoen (beløp på 0 eller "
                "mindre, eller tomt der pengene inn står) er ikke innbetalinger og er hoppet over"
                + ("; står innbetalingene med minus i filen, snu fortegnet før import." if not rows else "."),
                read.source(money_out[0], "amount"),
            )
        )
    return PaymentRows(rows, "sheet", len(read), len(money_out))


def read_payments(path: Path, issues: list, own_account: str = "") -> PaymentRows:
    """The readable payments of a camt.054 notification or a payments sheet (``PaymentRows``)."""
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
        return PaymentRows(
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
    return _read_sheet(path, issues)


def _key(row: dict, occurrence: int) -> str:
    parts = [
        row["reference"],
        row["paid_on"].isoformat(),
        f"{row['amount']:.2f}",
        row["kid"],
        row["invoice_no"],
        row["payer"],
        str(occurrence),
    ]
    return hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()


def key_rows(rows: list[dict]) -> None:
    """Give every payment row its ``payment_key`` (identical rows of one file each their own)."""
    seen: Counter[str] = Counter()
    for row in rows:
        base = _key(row, 0)
        row["payment_key"] = _key(row, seen[base])
        seen[base] += 1


def shares(row: dict, match: Match) -> list[tuple[str, str | None, Decimal]]:
    """(payment key, invoice, amount) of each record the payment makes: one, or one per
    invoice it pays in full."""
    if not match.parts:
        return [(row["payment_key"], match.invoice_no, row["amount"])]
    return [
        (
            row["payment_key"]
            if i == 0
            else hashlib.sha256(f"{row['payment_key']}|{no}".encode()).hexdigest(),
            no,
            amount,
        )
        for i, (no, amount) in enumerate(match.parts)
    ]
