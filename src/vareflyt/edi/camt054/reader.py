"""Reading bank payment notifications: ISO 20022 camt.054 (BankToCustomerDebitCreditNotification).

Each credited transaction (``Ntry/NtryDtls/TxDtls``, credit by its own or its entry's
``CdtDbtInd``) of a booked entry becomes a ``CamtPayment``: booking (else value) date, the
amount booked and its currency (``Amt/@Ccy``, else the account's ``Acct/Ccy``), the structured
creditor reference (``RmtInf/Strd/CdtrRefInf/Ref``; the KID when it can be one) and referred
invoice number (``RfrdDocInf/Nb``), payer, the bank's reference, unstructured remittance text,
and the credited account of its notification (``Ntfctn/Acct/Id/IBAN`` or ``Othr/Id``). A credit
that pays several invoices with the amount for each becomes one payment per invoice; without
the amounts it stays whole, with a warning naming the other invoices (``remittance``). Debits,
pending entries and reversals (``RvslInd``) are not customer payments and are left out; a
reversed credit is a warning, as a payment recorded earlier may have been taken back.

Versions: the namespaces ``urn:iso:std:iso:20022:tech:xsd:camt.054.001.NN`` of .02, .04 and
.08 are read as tested (the elements used are the same; .08 nests the payer's name in
``Pty``, .02 has no ``TxDtls/Amt``); another camt.054 version is read with a warning.

Parsing is ``ubl.safe_xml.parse_xml``: no DTD, entities or network, a DOCTYPE refused wherever
it is in the file, bounded size and depth. An amount that is not an ISO 20022 amount (no
exponent, at most 18 digits, 5 decimals: "1E+400", 40 digits) is an error at its XML line; the
import then refuses the file whole. A file that is no camt.054 at all raises ``VareflytError``,
naming the bank file it is when it is a known other one (a camt.053 statement, a pain.002).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from lxml import etree

from ...domain.issues import Issue, Source, VareflytError, error, warning
from ...domain.money import format_kr
from ...ids.kid import MAX_LENGTH as KID_LENGTH
from ..ubl.safe_xml import parse_xml
from .accounts import check_account
from .elements import children, day, find, iso_amount, local, text
from .remittance import free_text, references, split, unplaced, unplaced_issue

__all__ = [
    "CamtPayment",
    "read_camt054",
    "parse_camt054",
    "looks_like_camt054",
    "MAX_BYTES",
    "TESTED_VERSIONS",
]

MAX_BYTES = 50 * 1024 * 1024
TESTED_VERSIONS = ("02", "04", "08")
_NAMESPACE = re.compile(r"urn:iso:std:iso:20022:tech:xsd:camt\.054\.001\.(\d{2})")
MAX_KID = KID_LENGTH  # a KID is 2–25 digits; longer references are kept as text
# bank files given instead of a camt.054, by their message element (for a message saying so)
_OTHER_BANK_FILES = {
    "BkToCstmrStmt": "en kontoutskrift (camt.053)",
    "BkToCstmrAcctRpt": "en kontorapport (camt.052)",
    "CstmrPmtStsRpt": "en statusrapport for betalinger (pain.002)",
    "CstmrCdtTrfInitn": "et betalingsoppdrag (pain.001)",
}
# what ``parse_xml`` refuses a file with, under this format's prefix (raised as VareflytError)
XML_REFUSALS = ("camt.dtd", "camt.xml", "camt.empty", "camt.too_large")


@dataclass(frozen=True)
class CamtPayment:
    paid_on: date
    amount: Decimal
    currency: str  # ISO 4217 as the bank wrote it; "" when the file names none
    kid: str
    payer: str
    reference: str  # the bank's reference (AcctSvcrRef, else EndToEndId, entry refs, TxId)
    text: str  # unstructured remittance information, then references named without their amounts
    index: int  # 1-based transaction number in the file
    account: str = ""  # the credited account of its notification
    creditor_ref: str = ""  # the structured creditor reference as written (also when too long for a KID)
    row: int | None = None  # XML line of the transaction, for issues
    invoice_no: str = ""  # the invoice a structured remittance names (RfrdDocInf/Nb)

    def where(self, file: str) -> Source:
        return Source(file=file, row=self.row)


def looks_like_camt054(head: bytes) -> bool:
    """Cheap sniffing on the first bytes of a file."""
    return b"BkToCstmrDbtCdtNtfctn" in head or b"camt.054" in head


def _root(data: bytes, file_name: str):
    root, issues = parse_xml(data, file_name, max_bytes=MAX_BYTES, label="camt.054", prefix="camt")
    if root is None:
        issue = issues[0]
        fix = "Be banken om filen på nytt." if issue.code != "camt.too_large" else "Del filen opp."
        raise VareflytError(f"{file_name}: {issue.message}. {fix}", issues)
    notification = root if local(root) == "BkToCstmrDbtCdtNtfctn" else find(root, "BkToCstmrDbtCdtNtfctn")
    if notification is None:
        message = next((local(el) for el in root if local(el) in _OTHER_BANK_FILES), local(root))
        what = _OTHER_BANK_FILES.get(message)
        raise VareflytError(
            f"{file_name} er {what}, ikke en camt.054-fil med innbetalinger. Hent innbetalingsvarselet "
            "(camt.054) fra nettbanken eller banken og importer det."
            if what
            else f"{file_name} er ikke en camt.054-fil (fant ikke BkToCstmrDbtCdtNtfctn).",
            [error("camt.not_camt", "Filen er ikke en camt.054-fil", Source(file=file_name))],
        )
    return root, notification


def _version_issues(root, file_name: str) -> list[Issue]:
    namespace = etree.QName(root).namespace or ""
    match = _NAMESPACE.fullmatch(namespace)
    where = Source(file=file_name, row=root.sourceline)
    if match is None:
        return [
            warning(
                "camt.version",
                f"Filen har ikke navnerommet til camt.054 ({namespace or 'intet navnerom'}); "
                "den er lest som camt.054, kontroller beløpene",
                where,
            )
        ]
    if match.group(1) not in TESTED_VERSIONS:
        return [
            warning(
                "camt.version",
                f"camt.054.001.{match.group(1)} er ikke testet (vareflyt leser "
                f"{', '.join('.' + v for v in TESTED_VERSIONS)}); kontroller beløpene",
                where,
            )
        ]
    return []


def _reference(tx, entry) -> str:
    for value in (
        text(tx, "Refs", "AcctSvcrRef"),
        text(tx, "Refs", "EndToEndId"),
        text(entry, "AcctSvcrRef"),
        text(entry, "NtryRef"),
        text(tx, "Refs", "TxId"),
    ):
        if value and value.upper() != "NOTPROVIDED":
            return value
    return ""


def _transactions(entry, file_name: str, issues: list[Issue]):
    """(tx element, amount element, sign) for every transaction of an entry."""
    details = [tx for d in children(entry, "NtryDtls") for tx in children(d, "TxDtls")]
    entry_sign = text(entry, "CdtDbtInd")
    out = []
    for tx in details or [entry]:
        amount_el = next(
            (
                a
                for a in (
                    find(tx, "Amt"),
                    find(tx, "AmtDtls", "TxAmt", "Amt"),
                    find(entry, "Amt") if len(details) <= 1 else None,
                    find(tx, "AmtDtls", "InstdAmt", "Amt"),
                )
                if a is not None
            ),
            None,
        )
        out.append((tx, amount_el, text(tx, "CdtDbtInd") or entry_sign))
    entry_amount = find(entry, "Amt")
    if details and entry_amount is not None and all(a is not None for _, a, _ in out):
        total, _ = iso_amount(text(entry_amount))
        parts = [iso_amount(text(a))[0] for _, a, _ in out]
        currencies = {a.get("Ccy") for _, a, _ in out} | {entry_amount.get("Ccy")}
        if total is not None and None not in parts and len(currencies) == 1 and sum(parts) != total:
            issues.append(
                warning(
                    "camt.sum",
                    f"Posten er på {format_kr(total)}, men transaksjonene i den er til sammen "
                    f"{format_kr(sum(parts))}; kontroller filen",
                    Source(file=file_name, row=entry.sourceline),
                )
            )
    return out


def _reversal_issue(entry, file_name: str) -> list[Issue]:
    """A warning for a booked credit the bank takes back (``RvslInd`` on a debit): a payment
    recorded from an earlier file may no longer be paid."""
    if text(entry, "CdtDbtInd") != "DBIT":
        return []  # a reversed debit is money back to us, not a customer's payment
    amount = iso_amount(text(entry, "Amt"))[0]
    booked = day(entry, "BookgDt") or day(entry, "ValDt")
    kids = [
        r.creditor_ref
        for d in children(entry, "NtryDtls")
        for tx in children(d, "TxDtls")
        for r in references(tx)
    ]
    return [
        warning(
            "camt.reversal",
            "Banken har tilbakeført en innbetaling"
            + (f" på {format_kr(amount)} kr" if amount is not None else "")
            + (f" ({booked:%d.%m.%Y})" if booked else "")
            + (f" med KID {', '.join(k for k in kids if k)}" if any(kids) else "")
            + ". Tilbakeføringen er ikke trukket fra i vareflyt: er innbetalingen registrert fra en "
            "tidligere fil, står fakturaen som betalt. Kontroller fakturaen og rett den i regnskapet.",
            Source(file=file_name, row=entry.sourceline),
        )
    ]


def parse_camt054(
    data: bytes, file_name: str = "", own_account: str = ""
) -> tuple[list[CamtPayment], list[Issue]]:
    """camt.054 bytes -> (credited payments, issues). ``own_account`` is the company's bank
    account (``[company] bank_account``): a notification for another account is a warning."""
    root, notification = _root(data, file_name)
    payments: list[CamtPayment] = []
    issues = _version_issues(root, file_name)
    index = 0
    for ntfctn in children(notification, "Ntfctn"):
        acct = find(ntfctn, "Acct")
        account = text(acct, "Id", "IBAN") or text(acct, "Id", "Othr", "Id")
        account_currency = text(acct, "Ccy")
        mismatch = check_account(
            account, own_account, Source(file=file_name, row=getattr(acct, "sourceline", None))
        )
        issues.extend([mismatch] if mismatch else [])
        for entry in children(ntfctn, "Ntry"):
            status = text(entry, "Sts", "Cd") or text(entry, "Sts")
            if status and status != "BOOK":
                continue  # pending and informational entries are not payments (yet)
            if text(entry, "RvslInd").lower() == "true":
                issues.extend(_reversal_issue(entry, file_name))
                continue  # a reversal is no payment
            entry_date = day(entry, "BookgDt") or day(entry, "ValDt")
            for tx, amount_el, sign in _transactions(entry, file_name, issues):
                index += 1
                if sign and sign != "CRDT":
                    continue
                where = Source(file=file_name, row=(amount_el if amount_el is not None else tx).sourceline)
                raw = text(amount_el) if amount_el is not None else ""
                amount, why = iso_amount(raw) if raw else (None, "mangler")
                if amount is None:
                    issues.append(
                        error(
                            "camt.amount",
                            f"Innbetaling nr. {index} i filen: beløpet «{raw[:50]}» {why}; "
                            "filen leses ikke før banken har rettet den",
                            where,
                        )
                    )
                    continue
                if entry_date is None:
                    issues.append(
                        error(
                            "camt.date",
                            f"Innbetaling nr. {index} i filen mangler bokføringsdato "
                            "(BookgDt og ValDt); filen leses ikke før banken har rettet den",
                            where,
                        )
                    )
                    continue
                refs = references(tx)
                parts = split(amount, refs)
                others = unplaced(parts, refs)  # named without amounts: the matcher reads them as text
                issues.extend(unplaced_issue(index, amount, parts, refs, where))
                payer = text(tx, "RltdPties", "Dbtr", "Nm") or text(tx, "RltdPties", "Dbtr", "Pty", "Nm")
                for part, ref in parts:
                    payments.append(
                        CamtPayment(
                            entry_date,
                            part,
                            (amount_el.get("Ccy") or account_currency or "").strip().upper(),
                            ref.creditor_ref if len(ref.creditor_ref) <= MAX_KID else "",
                            payer,
                            _reference(tx, entry),
                            " ".join(
                                [free_text(tx), *(r.creditor_ref or r.invoice_no for r in others)]
                            ).strip(),
                            index,
                            account,
                            ref.creditor_ref,
                            (tx if tx is not entry else entry).sourceline,
                            ref.invoice_no,
                        )
                    )
    return payments, issues


def read_camt054(path: Path, own_account: str = "") -> tuple[list[CamtPayment], list[Issue]]:
    path = Path(path)
    if path.stat().st_size > MAX_BYTES:
        raise VareflytError(
            f"{path.name} er større enn {MAX_BYTES // (1024 * 1024)} MB og leses ikke. Del filen opp.",
            [error("camt.too_large", "Filen er for stor", Source(file=path.name))],
        )
    return parse_camt054(path.read_bytes(), path.name, own_account)
