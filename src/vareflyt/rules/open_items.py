"""What an open-items export means, before the store is made to match it: document types,
credit notes and the guard against a truncated export. Pure: values in, values and issues out.

* ``doc_kind`` reads a document-type cell as exports write it (Faktura, Kreditnota, KN,
  Credit note, Innbetaling, ...) into ``invoice``, ``credit`` or ``payment``.
* ``check_credits`` checks the credit notes' references to the invoice they credit
  (``credit_for``): a credit note naming itself or another credit note is an error; one naming
  an invoice that is not open in this export, or another customer's invoice, is a warning and
  is kept unassigned (it reduces the customer's balance); one larger than what is left on its
  invoice is a warning (the excess reduces the balance); a reference on a positive row is
  ignored with a warning.
* ``close_guard`` says whether an import would close (treat as paid) so large a share of the
  open invoices that the export is more likely cut short than a day's payments.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from ..domain.issues import Issue, Source, error, warning
from ..domain.money import ZERO, format_kr, quantize
from ..domain.receivables import ExportedItem, StoredItem  # StoredItem re-exported: the store hands these out

__all__ = ["doc_kind", "check_credits", "CloseGuard", "close_guard", "StoredItem"]

_KINDS = {
    "invoice": (
        "faktura",
        "salgsfaktura",
        "fakt",
        "fa",
        "f",
        "invoice",
        "inv",
        "rentenota",
        "gebyrfaktura",
        "purregebyr",
        "debetnota",
    ),
    "credit": (
        "kreditnota",
        "kreditnotat",
        "kredittnota",
        "kreditfaktura",
        "kreditering",
        "kredit",
        "kreditnote",
        "kn",
        "cn",
        "creditnote",
        "credit",
        "creditmemo",
    ),
    "payment": (
        "innbetaling",
        "betaling",
        "forskudd",
        "forskuddsbetaling",
        "akonto",
        "uplassertinnbetaling",
        "inbetalning",
        "betalning",
        "forskott",
        "payment",
        "prepayment",
        "unappliedpayment",
    ),
}
_WORDS = {word: kind for kind, words in _KINDS.items() for word in words}


def doc_kind(text: str | None) -> str | None:
    """``"Kreditnota"`` -> ``"credit"``, ``"Faktura"`` -> ``"invoice"``, ``"Innbetaling"`` ->
    ``"payment"``; None for an empty or unknown value.

    >>> [doc_kind(t) for t in ("KN", "Credit note", "faktura", "A-konto", "Rabatt", "")]
    ['credit', 'credit', 'invoice', 'payment', None, None]
    """
    word = "".join(ch for ch in (text or "").lower() if ch.isalnum())
    return _WORDS.get(word)


def _open_amount(row: ExportedItem) -> Decimal:
    return row.amount - row.paid


def check_credits(
    rows: list[ExportedItem], stored: Mapping[str, StoredItem], where: Callable[[str, str], Source]
) -> tuple[list[ExportedItem], list[Issue]]:
    """The rows with ``credit_for`` kept only where the credit can be set against that invoice,
    and the issues found. ``where(invoice_no, field)`` gives a row's place."""
    in_export = {r.invoice_no: r for r in rows}
    applied: dict[str, Decimal] = defaultdict(lambda: ZERO)
    issues: list[Issue] = []
    out: list[ExportedItem] = []
    for row in rows:
        ref, no, customer = row.credit_for, row.invoice_no, row.customer_no
        if not ref:
            out.append(row)
            continue
        place = where(no, "credit_for")
        target = in_export.get(ref)
        if row.amount >= 0:
            issues.append(
                warning(
                    "receivables.credit_positive",
                    f"Raden viser til faktura {ref} som kreditert, men "
                    f"beløpet er ikke negativt, så det er ingen kreditnota. Henvisningen er ikke "
                    f"brukt.",
                    place,
                )
            )
            row = row._replace(credit_for="")
        elif ref == no:
            issues.append(
                error(
                    "receivables.credit_self",
                    f"Kreditnota {no} viser til seg selv som kreditert "
                    f"faktura. Rett henvisningen i regnskapet og eksporter på nytt.",
                    place,
                )
            )
        elif (target is not None and target.amount < 0) or (
            target is None and ref in stored and stored[ref].amount < 0
        ):
            issues.append(
                error(
                    "receivables.credit_to_credit",
                    f"Kreditnota {no} viser til {ref}, som selv er en "
                    f"kreditnota. En kreditnota må gjelde en faktura; rett henvisningen og eksporter "
                    f"på nytt.",
                    place,
                )
            )
        elif target is None:
            known = stored.get(ref)
            why = (
                "som verken står i eksporten eller er kjent i vareflyt"
                if known is None
                else "som ikke står i eksporten og derfor lukkes som betalt nå"
                if known.status == "open"
                else "som er lukket (betalt)"
            )
            issues.append(
                warning(
                    "receivables.credit_unknown",
                    f"Kreditnota {no} gjelder faktura {ref}, {why}. "
                    f"Kreditten regnes som ikke tilordnet og reduserer saldoen til kunde {customer}.",
                    place,
                )
            )
            row = row._replace(credit_for="")
        elif target.customer_no != customer:
            issues.append(
                warning(
                    "receivables.credit_customer",
                    f"Kreditnota {no} er til kunde {customer}, men "
                    f"faktura {ref} er til kunde {target.customer_no}. Kreditten regnes som ikke "
                    f"tilordnet og reduserer saldoen til kunde {customer}.",
                    place,
                )
            )
            row = row._replace(credit_for="")
        else:
            credit = -_open_amount(row)
            left = max(_open_amount(target) - applied[ref], ZERO)
            applied[ref] += credit
            if credit > left:
                earlier = " etter tidligere kreditnotaer i eksporten" if applied[ref] != credit else ""
                issues.append(
                    warning(
                        "receivables.credit_exceeds",
                        f"Kreditnota {no} på {format_kr(credit)} kr er "
                        f"større enn det som står igjen på faktura {ref} ({format_kr(left)} "
                        f"kr{earlier}). Overskuddet, {format_kr(credit - left)} kr, reduserer kundens "
                        f"saldo.",
                        place,
                    )
                )
        out.append(row)
    return out, issues


@dataclass(frozen=True)
class CloseGuard:
    """How many of the open invoices an import would close, against the limits."""

    open: int  # open invoices (not credit notes) in the store
    closing: int  # of those, how many are missing from the export
    max_share: Decimal  # percent that may close without confirmation
    min_count: int  # the guard applies only from this many closing
    full: bool = False  # the user confirmed the export is complete

    @property
    def share(self) -> Decimal:
        """Percent of the open invoices that would close, to one decimal."""
        return quantize(Decimal(self.closing) * 100 / self.open, 1) if self.open else ZERO

    @property
    def trips(self) -> bool:
        return (
            self.closing >= self.min_count
            and self.closing > 0
            and Decimal(self.closing) * 100 > self.max_share * self.open
        )

    @property
    def stops(self) -> bool:
        return self.trips and not self.full


def close_guard(
    open_invoices: Iterable[str],
    exported: Iterable[str],
    max_share: Decimal,
    min_count: int,
    full: bool = False,
) -> tuple[CloseGuard, list[str]]:
    """The guard and the open invoices the import would close (sorted).

    >>> g, gone = close_guard([str(n) for n in range(270)], ["1", "2", "3"], Decimal(20), 5)
    >>> (g.closing, g.open, g.share, g.stops, gone[:2])
    (267, 270, Decimal('98.9'), True, ['0', '10'])
    >>> close_guard(["1", "2", "3"], ["2", "3"], Decimal(20), 5)[0].stops      # 33 %, but only one
    False
    """
    kept = set(exported)
    current = sorted(set(open_invoices))
    gone = [no for no in current if no not in kept]
    return CloseGuard(len(current), len(gone), max_share, min_count, full), gone
