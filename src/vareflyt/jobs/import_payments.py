"""``vareflyt payments import FILE``: record customer payments and match them to invoices.

Reads a bank camt.054 notification (XML) or a payments workbook/CSV (headings from
``data/headers/payments.toml``; read by ``jobs.payment_reading``), archives it first, matches
each payment to an open invoice by KID, then by invoice number and amount
(``rules.dunning.matching``), and records every payment — matched ones against their invoice
(part payments included; a payment whose text names several invoices and pays exactly what
they owe is recorded once per invoice, each share under its own key), the rest listed as
unmatched — in one transaction. A payment already recorded (same bank reference, date, amount,
KID) is not recorded again, so importing the same or an overlapping file is safe.

Only NOK settles invoices: a camt.054 credit in another currency (EUR, CHF …) is never matched
and not recorded in the NOK ledger; it is listed as unmatched with its currency and a warning,
for a person to book. A bank file for another account than ``[company] bank_account`` is read
with a warning naming both accounts. A bank file with an unreadable transaction (an amount
that is no ISO 20022 amount, a missing date) is refused whole, nothing recorded.

Counts (the convention in docs/imports.md): a row is a credit transaction (camt.054; one per
invoice when the bank gives the amount paid on each invoice it pays) or a data row (sheet).
``imported`` = NOK payments, ``new`` (recorded now) + ``unchanged`` (recorded before);
``rejected`` = sheet rows without a readable date or amount, sheet rows of money out (an
amount of 0 or less), and credits in another currency (``foreign_currency``); extras
``matched_kid``, ``matched_invoice``, ``part_payments``, ``unmatched`` (not matched to an
invoice, the foreign ones included) and ``earlier_now_matched`` (payments of earlier files
matched now).
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..collector import collector_paused
from ..domain.issues import JobResult, Source, info, warning
from ..domain.money import format_kr, money_str
from ..domain.wording import plural
from ..rules.dunning.credits import apply_credits
from ..rules.dunning.matching import Incoming, OpenItem, match_payments
from ..store import log
from ..store import receivables as repo
from ..store.receivables_rows import NewPayment
from .archive import archive_input
from .payment_reading import key_rows, read_payments, shares
from .poison import refuse_input_errors
from .progress import NULL_PROGRESS

if TYPE_CHECKING:
    from ..workspace import Workspace

JOB = "payments.import"
# The counting convention of every import (docs/imports.md), then this import's extras.
COUNT_KEYS = ("rows_read", "imported", "rejected", "new", "changed", "unchanged", "expired")
EXTRA_KEYS = (
    "matched_kid",
    "matched_invoice",
    "part_payments",
    "unmatched",
    "foreign_currency",
    "earlier_now_matched",
)


def counts(**values: int) -> dict[str, int]:
    """The import's counts: every key of the convention and the extras, zero unless given."""
    return {key: values.get(key, 0) for key in COUNT_KEYS + EXTRA_KEYS}


LEDGER_CURRENCY = "NOK"


def kr(amount, currency: str = LEDGER_CURRENCY) -> str:
    """An amount with its currency for a message: ``2 000,00 kr``, ``778,29 CHF``."""
    return f"{format_kr(amount)} {'kr' if currency == LEDGER_CURRENCY else currency or '(ukjent valuta)'}"


def _foreign(rows: list[dict], result: JobResult) -> list[dict]:
    """Credits not in NOK: never matched, not recorded; each a warning and an unmatched row."""
    out = []
    for row in rows:
        currency = row["currency"] or "ukjent valuta"
        result.add(
            warning(
                "payments.currency",
                f"Innbetaling {kr(row['amount'], row['currency'])} "
                f"{row['paid_on']:%d.%m.%Y} ({row['payer'] or 'ukjent betaler'}"
                f"{', KID ' + row['kid'] if row['kid'] else ''}) er i {currency}, ikke NOK, og avstemmes "
                "ikke mot fakturaene (de er i NOK); bokfør den manuelt",
                row["where"],
            )
        )
        out.append(
            {
                "date": row["paid_on"].isoformat(),
                "amount": money_str(row["amount"]),
                "currency": row["currency"],
                "kid": row["kid"],
                "invoice_no": row["invoice_no"],
                "payer": row["payer"],
                "reference": row["reference"],
                "reason": f"valuta {currency}, ikke NOK",
            }
        )
    return out


@refuse_input_errors
@collector_paused()
def import_payments(ws: Workspace, path: Path, *, progress=NULL_PROGRESS) -> JobResult:
    path = Path(path)
    result = JobResult()
    archived = archive_input(ws, path)
    read = read_payments(path, result.issues, ws.config.company.bank_account)
    rows, kind, rows_read = read.rows, read.kind, read.rows_read
    if any(i.is_error and i.code.startswith("header") for i in result.issues):
        result.ok = False
        result.counts = counts()
        result.summary = f"{path.name} avvist: fant ikke kolonnene for dato og beløp."
        return result
    if kind == "camt054" and any(i.is_error for i in result.issues):
        result.ok = False
        result.counts = counts(rows_read=rows_read, rejected=rows_read)
        result.summary = f"{path.name} avvist: banken må rette filen; ingen innbetalinger er registrert."
        return result
    foreign = [r for r in rows if r.get("currency", LEDGER_CURRENCY) != LEDGER_CURRENCY]
    rows = [r for r in rows if r.get("currency", LEDGER_CURRENCY) == LEDGER_CURRENCY]
    foreign_out = _foreign(foreign, result)
    key_rows(rows)
    now = datetime.now()
    unmatched_out = []
    with ws.store.transaction() as conn, progress.task(f"Avstemmer {path.name}", total=len(rows)) as task:
        # credit notes are set against their invoices first: a payment is matched to what is owed
        open_items = [
            OpenItem(i.invoice_no, i.customer_no, i.kid, i.outstanding, i.due_date)
            for i in apply_credits(repo.load_invoices(conn))
            if not i.is_credit
        ]
        known = set()
        for start in range(0, len(rows), 500):
            known |= repo.existing_payment_keys(conn, [r["payment_key"] for r in rows[start : start + 500]])
        fresh = [r for r in rows if r["payment_key"] not in known]
        # payments left unmatched earlier get another chance first (their invoice may have arrived since)
        earlier = repo.unmatched_payments(conn)
        matches = match_payments(
            [Incoming(p.amount, p.kid, "", p.reference, may_split=False) for p in earlier]
            + [Incoming(r["amount"], r["kid"], r["invoice_no"], r["text"]) for r in fresh],
            open_items,
        )
        rematched = [(p.id, m.invoice_no, m.by) for p, m in zip(earlier, matches) if m.invoice_no]
        repo.set_matches(conn, rematched)
        matches = matches[len(earlier) :]
        records, tally = [], Counter[str]()
        for row, match in zip(fresh, matches):
            records += [
                NewPayment(
                    payment_key=key,
                    paid_on=row["paid_on"],
                    amount=amount,
                    kid=row["kid"],
                    invoice_no=invoice_no,
                    matched_by=match.by,
                    payer=row["payer"][:200],
                    reference=row["reference"][:100],
                    file_hash=archived.sha256,
                )
                for key, invoice_no, amount in shares(row, match)
            ]
            if match.parts:
                tally["shares"] += len(match.parts) - 1
                result.add(
                    info(
                        "payments.shared",
                        f"Innbetaling {kr(row['amount'])} {row['paid_on']:%d.%m.%Y} er fordelt på "
                        + ", ".join(f"faktura {no} ({kr(amount)})" for no, amount in match.parts)
                        + ".",
                        row["where"],
                    )
                )
            tally[f"matched_{match.by}" if match.invoice_no else "unmatched"] += 1
            if match.part:
                tally["part_payments"] += 1
            if match.over > 0:
                result.add(
                    warning(
                        "payments.overpaid",
                        f"Betalt {kr(match.over)} mer enn utestående på faktura {match.invoice_no}.",
                        row["where"],
                    )
                )
            if match.invoice_no is None:
                result.add(
                    warning(
                        "payments.unmatched",
                        f"Innbetaling {kr(row['amount'])} "
                        f"{row['paid_on']:%d.%m.%Y} ({row['payer'] or 'ukjent betaler'}"
                        f"{', KID ' + row['kid'] if row['kid'] else ''}) ble ikke avstemt: {match.reason}.",
                        row["where"],
                    )
                )
                unmatched_out.append(
                    {
                        "date": row["paid_on"].isoformat(),
                        "amount": money_str(row["amount"]),
                        "currency": LEDGER_CURRENCY,
                        "kid": row["kid"],
                        "invoice_no": row["invoice_no"],
                        "payer": row["payer"],
                        "reference": row["reference"],
                        "reason": match.reason,
                    }
                )
            task.advance()
        inserted = repo.add_payments(conn, records, now).inserted
        result.counts = counts(
            rows_read=rows_read,
            imported=len(rows),
            rejected=rows_read - len(rows),
            new=inserted - tally["shares"],
            unchanged=len(rows) - inserted + tally["shares"],
            earlier_now_matched=len(rematched),
            matched_kid=tally["matched_kid"],
            matched_invoice=tally["matched_invoice"],
            part_payments=tally["part_payments"],
            unmatched=tally["unmatched"] + len(foreign),
            foreign_currency=len(foreign),
        )
        log.record(
            conn,
            job=JOB,
            status="ok",
            file_name=path.name,
            file_hash=archived.sha256,
            doc_type=kind,
            counts=result.counts,
        )
    if len(rows) and not fresh:
        result.add(
            info(
                "payments.already_imported",
                f"Alle innbetalingene i {path.name} er registrert fra før.",
                Source(file=path.name),
            )
        )
    result.extra["unmatched"] = unmatched_out + foreign_out
    skipped = rows_read - len(rows) - len(foreign) - read.money_out
    result.summary = (
        f"{path.name}: {plural(len(rows) + len(foreign), 'innbetaling', 'innbetalinger')}, "
        f"{result.counts['new']} nye, "
        f"{tally['matched_kid'] + tally['matched_invoice']} avstemt, "
        f"{tally['unmatched'] + len(foreign)} ikke avstemt"
        + (f" (derav {len(foreign)} i utenlandsk valuta)" if foreign else "")
        + (
            f"; {plural(skipped, 'rad', 'rader')} uten lesbar dato eller beløp er hoppet over"
            if skipped
            else ""
        )
        + (
            f"; {plural(read.money_out, 'rad', 'rader')} med penger ut er ikke innbetalinger"
            if read.money_out
            else ""
        )
        + "."
    )
    return result
