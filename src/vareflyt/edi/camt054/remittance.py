"""What a payer wrote about what a camt.054 credit pays: its structured references (the KID,
the number of a referred invoice, the amount remitted on each) and its free text.

A transfer from a business's accounting system often pays several invoices at once: one
``RmtInf/Strd`` per invoice, each with the creditor reference (``CdtrRefInf/Ref``: the KID) or
the invoice's number (``RfrdDocInf/Nb``) and the amount paid on it (``RfrdDocAmt/RmtdAmt``).
``split`` makes such a credit one part per invoice when every part names its amount and the
amounts add up to the credit. Otherwise the credit stays whole under its first KID (else its
first invoice number); ``unplaced`` then names the other references (the reader adds them to
the text, so the matcher can share the credit out when it is exactly what they all owe, as it
knows what each invoice still owes), and ``unplaced_issue`` warns that a person should look.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ...domain.issues import Issue, Source, warning
from ...domain.money import format_kr
from .elements import children, find, iso_amount, text

__all__ = ["Reference", "references", "free_text", "split", "unplaced", "unplaced_issue"]


@dataclass(frozen=True)
class Reference:
    creditor_ref: str = ""  # CdtrRefInf/Ref as written, without spaces
    invoice_no: str = ""  # RfrdDocInf/Nb
    amount: Decimal | None = None  # RfrdDocAmt/RmtdAmt; None when not given or no ISO amount

    def named(self) -> str:
        return f"KID {self.creditor_ref}" if self.creditor_ref else f"faktura {self.invoice_no}"


def references(tx) -> list[Reference]:
    """Every structured remittance block of the transaction that names a KID or an invoice."""
    out = []
    for strd in (s for r in children(tx, "RmtInf") for s in children(r, "Strd")):
        ref = text(strd, "CdtrRefInf", "Ref").replace(" ", "")
        number = next((n for d in children(strd, "RfrdDocInf") if (n := text(d, "Nb"))), "")
        if ref or number:
            remitted = find(strd, "RfrdDocAmt", "RmtdAmt")
            amount = iso_amount(text(remitted))[0] if remitted is not None else None
            out.append(Reference(ref, number, amount))
    return out


def free_text(tx) -> str:
    """The unstructured remittance lines (``RmtInf/Ustrd``), joined by spaces."""
    return " ".join(text(u) for r in children(tx, "RmtInf") for u in children(r, "Ustrd")).strip()


def split(total: Decimal, refs: list[Reference]) -> list[tuple[Decimal, Reference]]:
    """The credit's parts: one per reference when each names an amount and together they make
    the credit, else the whole credit under its first reference with a KID (else its first)."""
    amounts = [r.amount for r in refs]
    if (
        len(refs) > 1
        and all(a is not None and a > 0 for a in amounts)
        and sum(a for a in amounts if a) == total
    ):
        return [(r.amount, r) for r in refs if r.amount is not None]
    first = next((r for r in refs if r.creditor_ref), refs[0] if refs else Reference())
    return [(total, first)]


def unplaced(parts: list[tuple[Decimal, Reference]], refs: list[Reference]) -> list[Reference]:
    """References of a credit kept whole that its single part does not stand for."""
    if len(parts) != 1:
        return []
    return [r for r in refs if r != parts[0][1]]


def unplaced_issue(
    index: int, amount: Decimal, parts: list[tuple[Decimal, Reference]], refs: list[Reference], where: Source
) -> list[Issue]:
    """A warning when a credit kept whole names other invoices too (``index``: its number in the file)."""
    others = unplaced(parts, refs)
    if not others:
        return []
    kept = parts[0][1]
    return [
        warning(
            "camt.several_refs",
            f"Innbetaling nr. {index} i filen ({format_kr(amount)} kr) gjelder {kept.named()} og "
            f"{', '.join(r.named() for r in others)}, men banken oppgir ikke beløpet for hver. Er det "
            f"nøyaktig det fakturaene skylder til sammen, er det fordelt på dem; ellers er hele beløpet "
            f"ført på {kept.named()}. Kontroller fordelingen i Innbetalinger.",
            where,
        )
    ]
