"""Reading bank payment notifications: ISO 20022 camt.054 (BankToCustomerDebitCreditNotification).

Each credited transaction (``Ntry/NtryDtls/TxDtls``, credit by its own or its entry's
``CdtDbtInd``) of a booked entry becomes a ``CamtPayment``: booking (else value) date, the
amount booked and its currency (``Amt/@Ccy``, else the account's ``Acct/Ccy``), the structured
creditor reference (``RmtInf/Strd/CdtrRefInf/Ref``; the KID when it can be one), payer, the
bank's reference, unstructured remittance text, and the credited account of its notification
(``Ntfctn/Acct/Id/IBAN`` or ``Othr/Id``). Debits, pending entries and reversals (``RvslInd``)
are not customer payments and are left out.

Versions: the namespaces ``urn:iso:std:iso:20022:tech:xsd:camt.054.001.NN`` of .02, .04 and
.08 are read as tested (the elements used are the same; .08 nests the payer's name in
``Pty``, .02 has no ``TxDtls/Amt``); another camt.054 version is read with a warning.

Parsing is ``ubl.safe_xml.parse_xml``: no DTD, entities or network, a DOCTYPE refused wherever
it is in the file, bounded size and depth. An amount that is not an ISO 20022 amount (no
exponent, at most 18 digits, 5 decimals: "1E+400", 40 digits) is an error at its XML line; the
import then refuses the file whole. A file that is no camt.054 at all raises ``VareflytError``.
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
_AMOUNT = re.compile(r"\+?(\d+)(?:\.(\d*))?")
MAX_DIGITS, MAX_DECIMALS = 18, 5  # ISO 20022 ActiveOrHistoricCurrencyAndAmount
MAX_KID = KID_LENGTH  # a KID is 2–25 digits; longer references are kept as text
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
    text: str  # unstructured remittance information
    index: int  # 1-based transaction number in the file
    account: str = ""  # the credited account of its notification
    creditor_ref: str = ""  # the structured creditor reference as written (also when too long for a KID)
    row: int | None = None  # XML line of the transaction, for issues

    def where(self, file: str) -> Source:
        return Source(file=file, row=self.row)


def _local(el) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _children(el, name: str) -> list:
    return [c for c in el if _local(c) == name] if el is not None else []


def _find(el, *path: str):
    """First descendant following local names ``path`` (direct children at each step)."""
    current = [el] if el is not None else []
    for name in path:
        current = [c for parent in current for c in parent if _local(c) == name]
        if not current:
            return None
    return current[0]


def _text(el, *path: str) -> str:
    found = _find(el, *path) if path else el
    return (found.text or "").strip() if found is not None else ""


def _date(el, *path: str) -> date | None:
    found = _find(el, *path)
    if found is None:
        return None
    value = _text(found, "Dt") or _text(found, "DtTm")[:10]
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _amount(raw: str) -> tuple[Decimal | None, str]:
    """An ISO 20022 amount -> (value, "") or (None, why not)."""
    match = _AMOUNT.fullmatch(raw)
    if not match:
        return None, "er ikke et beløp (bare siffer og desimalpunktum, uten eksponent)"
    whole, fraction = match.group(1), match.group(2) or ""
    if len(whole.lstrip("0")) + len(fraction) > MAX_DIGITS or len(fraction) > MAX_DECIMALS:
        return None, f"har flere enn {MAX_DIGITS} siffer eller {MAX_DECIMALS} desimaler"
    return Decimal(raw.lstrip("+")), ""


def looks_like_camt054(head: bytes) -> bool:
    """Cheap sniffing on the first bytes of a file."""
    return b"BkToCstmrDbtCdtNtfctn" in head or b"camt.054" in head


def _root(data: bytes, file_name: str):
    root, issues = parse_xml(data, file_name, max_bytes=MAX_BYTES, label="camt.054", prefix="camt")
    if root is None:
        issue = issues[0]
        fix = "Be banken om filen på nytt." if issue.code != "camt.too_large" else "Del filen opp."
        raise VareflytError(f"{file_name}: {issue.message}. {fix}", issues)
    notification = root if _local(root) == "BkToCstmrDbtCdtNtfctn" else _find(root, "BkToCstmrDbtCdtNtfctn")
    if notification is None:
        raise VareflytError(
            f"{file_name} er ikke en camt.054-fil (fant ikke BkToCstmrDbtCdtNtfctn).",
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
        _text(tx, "Refs", "AcctSvcrRef"),
        _text(tx, "Refs", "EndToEndId"),
        _text(entry, "AcctSvcrRef"),
        _text(entry, "NtryRef"),
        _text(tx, "Refs", "TxId"),
    ):
        if value and value.upper() != "NOTPROVIDED":
            return value
    return ""


def _transactions(entry, file_name: str, issues: list[Issue]):
    """(tx element, amount element, sign) for every transaction of an entry."""
    details = [tx for d in _children(entry, "NtryDtls") for tx in _children(d, "TxDtls")]
    entry_sign = _text(entry, "CdtDbtInd")
    out = []
    for tx in details or [entry]:
        amount_el = next(
            (
                a
                for a in (
                    _find(tx, "Amt"),
                    _find(tx, "AmtDtls", "TxAmt", "Amt"),
                    _find(entry, "Amt") if len(details) <= 1 else None,
                    _find(tx, "AmtDtls", "InstdAmt", "Amt"),
                )
                if a is not None
            ),
            None,
        )
        out.append((tx, amount_el, _text(tx, "CdtDbtInd") or entry_sign))
    entry_amount = _find(entry, "Amt")
    if details and entry_amount is not None and all(a is not None for _, a, _ in out):
        total, _ = _amount(_text(entry_amount))
        parts = [_amount(_text(a))[0] for _, a, _ in out]
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


def parse_camt054(
    data: bytes, file_name: str = "", own_account: str = ""
) -> tuple[list[CamtPayment], list[Issue]]:
    """camt.054 bytes -> (credited payments, issues). ``own_account`` is the company's bank
    account (``[company] bank_account``): a notification for another account is a warning."""
    root, notification = _root(data, file_name)
    payments: list[CamtPayment] = []
    issues = _version_issues(root, file_name)
    index = 0
    for ntfctn in _children(notification, "Ntfctn"):
        acct = _find(ntfctn, "Acct")
        account = _text(acct, "Id", "IBAN") or _text(acct, "Id", "Othr", "Id")
        account_currency = _text(acct, "Ccy")
        mismatch = check_account(
            account, own_account, Source(file=file_name, row=getattr(acct, "sourceline", None))
        )
        issues.extend([mismatch] if mismatch else [])
        for entry in _children(ntfctn, "Ntry"):
            status = _text(entry, "Sts", "Cd") or _text(entry, "Sts")
            if status and status != "BOOK" or _text(entry, "RvslInd").lower() == "true":
                continue  # pending/informational entries and reversals are not payments
            entry_date = _date(entry, "BookgDt") or _date(entry, "ValDt")
            for tx, amount_el, sign in _transactions(entry, file_name, issues):
                index += 1
                if sign and sign != "CRDT":
                    continue
                where = Source(file=file_name, row=(amount_el if amount_el is not None else tx).sourceline)
                raw = _text(amount_el) if amount_el is not None else ""
                amount, why = _amount(raw) if raw else (None, "mangler")
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
                ref = next(
                    (
                        v
                        for r in _children(tx, "RmtInf")
                        for s in _children(r, "Strd")
                        if (v := _text(s, "CdtrRefInf", "Ref"))
                    ),
                    "",
                ).replace(" ", "")
                unstructured = " ".join(
                    _text(u) for r in _children(tx, "RmtInf") for u in _children(r, "Ustrd")
                )
                payer = _text(tx, "RltdPties", "Dbtr", "Nm") or _text(tx, "RltdPties", "Dbtr", "Pty", "Nm")
                payments.append(
                    CamtPayment(
                        entry_date,
                        amount,
                        (amount_el.get("Ccy") or account_currency or "").strip().upper(),
                        ref if len(ref) <= MAX_KID else "",
                        payer,
                        _reference(tx, entry),
                        unstructured.strip(),
                        index,
                        account,
                        ref,
                        (tx if tx is not entry else entry).sourceline,
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
