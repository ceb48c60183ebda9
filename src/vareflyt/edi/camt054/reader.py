"""Reading bank payment notifications: ISO 20022 camt.054 (BankToCustomerDebitCreditNotification).

Each credited transaction (``Ntry/NtryDtls/TxDtls`` with ``CdtDbtInd`` CRDT) becomes a
``CamtPayment``: booking (or value) date, amount, currency, the KID from the structured
creditor reference (``RmtInf/Strd/CdtrRefInf/Ref``), payer name, the bank's reference and any
unstructured remittance text. Any camt.054 version is read (elements are matched by local
name). Parsing is safe: no DTDs or entities, no network, files over ``MAX_BYTES`` refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from lxml import etree

from ..domain.issues import Issue, Source, VareflytError, warning

__all__ = ["CamtPayment", "read_camt054", "parse_camt054", "looks_like_camt054", "MAX_BYTES"]

MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class CamtPayment:
    paid_on: date
    amount: Decimal
    currency: str
    kid: str
    payer: str
    reference: str          # the bank's reference (AcctSvcrRef, else EndToEndId, else entry reference)
    text: str               # unstructured remittance information
    index: int              # 1-based transaction number in the file


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, remove_comments=True, remove_pis=True)


def _local(el) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _find(el, *path: str):
    """First descendant following local names ``path`` (direct children at each step)."""
    current = [el]
    for name in path:
        current = [c for parent in current for c in parent if _local(c) == name]
        if not current:
            return None
    return current[0]


def _first(*elements):
    return next((e for e in elements if e is not None), None)


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


def looks_like_camt054(head: bytes) -> bool:
    """Cheap sniffing on the first bytes of a file."""
    return b"BkToCstmrDbtCdtNtfctn" in head or b"camt.054" in head


def parse_camt054(data: bytes, file_name: str = "") -> tuple[list[CamtPayment], list[Issue]]:
    if len(data) > MAX_BYTES:
        raise VareflytError(f"{file_name} er større enn {MAX_BYTES // (1024 * 1024)} MB og leses ikke. Del filen opp.")
    if b"<!DOCTYPE" in data[:4096].upper():
        raise VareflytError(f"{file_name} inneholder en DOCTYPE-erklæring, som ikke er tillatt i camt.054. "
                            f"Be banken om filen på nytt.")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise VareflytError(f"{file_name} er ikke gyldig XML: {exc}. Be banken om filen på nytt.") from None
    notification = _find(root, "BkToCstmrDbtCdtNtfctn")
    if notification is None:
        raise VareflytError(f"{file_name} er ikke en camt.054-fil (fant ikke BkToCstmrDbtCdtNtfctn).")
    payments: list[CamtPayment] = []
    issues: list[Issue] = []
    index = 0
    for ntfctn in (c for c in notification if _local(c) == "Ntfctn"):
        for entry in (c for c in ntfctn if _local(c) == "Ntry"):
            status = _text(entry, "Sts") or _text(entry, "Sts", "Cd")
            if status and status != "BOOK" or _text(entry, "RvslInd").lower() == "true":
                continue                      # pending/informational entries and reversals are not payments
            entry_date = _date(entry, "BookgDt") or _date(entry, "ValDt")
            entry_sign = _text(entry, "CdtDbtInd")
            details = [tx for d in entry if _local(d) == "NtryDtls" for tx in d if _local(tx) == "TxDtls"]
            for tx in details or [entry]:
                index += 1
                where = Source(file=file_name, line=index)
                sign = _text(tx, "CdtDbtInd") or entry_sign
                if sign and sign != "CRDT":
                    continue
                amount_el = _first(_find(tx, "Amt"), _find(tx, "AmtDtls", "TxAmt", "Amt"),
                                   _find(tx, "AmtDtls", "InstdAmt", "Amt"),
                                   _find(entry, "Amt") if len(details) <= 1 else None)
                try:
                    amount = Decimal((amount_el.text or "").strip()) if amount_el is not None else None
                except InvalidOperation:
                    amount = None
                if amount is None or entry_date is None:
                    issues.append(warning("camt.unreadable", "Transaksjonen mangler beløp eller dato og ble hoppet over.",
                                          where))
                    continue
                kid = ""
                for strd in (s for r in tx if _local(r) == "RmtInf" for s in r if _local(s) == "Strd"):
                    kid = kid or _text(strd, "CdtrRefInf", "Ref")
                unstructured = " ".join(_text(u) for r in tx if _local(r) == "RmtInf" for u in r if _local(u) == "Ustrd")
                payer = _text(tx, "RltdPties", "Dbtr", "Nm") or _text(tx, "RltdPties", "Dbtr", "Pty", "Nm")
                reference = (_text(tx, "Refs", "AcctSvcrRef") or _text(tx, "Refs", "EndToEndId")
                             or _text(entry, "AcctSvcrRef") or _text(entry, "NtryRef"))
                if reference == "NOTPROVIDED":
                    reference = _text(tx, "Refs", "AcctSvcrRef") or _text(entry, "AcctSvcrRef")
                payments.append(CamtPayment(entry_date, amount, amount_el.get("Ccy", "NOK"), kid.replace(" ", ""),
                                            payer, reference, unstructured.strip(), index))
    return payments, issues


def read_camt054(path: Path) -> tuple[list[CamtPayment], list[Issue]]:
    path = Path(path)
    if path.stat().st_size > MAX_BYTES:
        raise VareflytError(f"{path.name} er større enn {MAX_BYTES // (1024 * 1024)} MB og leses ikke. Del filen opp.")
    return parse_camt054(path.read_bytes(), path.name)
