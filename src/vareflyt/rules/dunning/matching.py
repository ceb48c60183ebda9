"""Matching received payments to open customer invoices: by KID first (the payment's own,
else a valid KID of an open invoice written in its free text, as in "Giro 0005002001" or a
camt.054 Ustrd "KID 0005002001"), then by invoice number and amount (an invoice number in the
payment's own column, in its reference when that is no open KID, or in its free text). A
payment whose text names several open invoices and whose amount is exactly what they owe
together pays each of them in full (``Match.parts``).

Pure: payments and open invoices in, matches out. Outstanding amounts are tracked through
the batch, so two part payments of one invoice in the same file both match and an
overpayment is flagged.

>>> from decimal import Decimal as D
>>> inv = [OpenItem("5001", "K1", "0005001003", D("100")), OpenItem("5002", "K1", "", D("50"))]
>>> [m.invoice_no for m in match_payments([Incoming(D("40"), kid="0005001003"),
...     Incoming(D("50"), text="Faktura 5002"), Incoming(D("7"))], inv)]
['5001', '5002', None]
>>> match_payments([Incoming(D("40"), text="KID: 0005001003")], inv)[0].by
'kid'
>>> match_payments([Incoming(D("40"), text="kid 0005 0010 03")], inv)[0].invoice_no
'5001'
>>> match_payments([Incoming(D("150"), text="Faktura 5001 og 5002")], inv)[0].parts
(('5001', Decimal('100')), ('5002', Decimal('50')))
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from ...ids import kid as kid_number

__all__ = ["OpenItem", "Incoming", "Match", "match_payments"]

_TOKEN = re.compile(r"[A-Za-z0-9\-/]+")
_NUMBERS = re.compile(r"\d+(?: \d+)*")  # digits, also in groups as people type a KID: 0005 0020 01


@dataclass(frozen=True)
class OpenItem:
    invoice_no: str
    customer_no: str
    kid: str
    outstanding: Decimal


@dataclass(frozen=True)
class Incoming:
    amount: Decimal
    kid: str = ""
    invoice_no: str = ""
    text: str = ""  # free text that may name an invoice
    may_split: bool = True  # may be shared out over several invoices it names (a recorded payment may not)


@dataclass(frozen=True)
class Match:
    payment: Incoming
    invoice_no: str | None  # None = not matched
    by: str  # kid | invoice | none
    part: bool = False  # less than the outstanding amount
    over: Decimal = Decimal(0)  # paid more than outstanding
    reason: str = ""  # Norwegian, for unmatched payments
    # (invoice, amount) for each invoice when one payment pays several it names in full; else ()
    parts: tuple[tuple[str, Decimal], ...] = ()


def match_payments(payments: Iterable[Incoming], invoices: Iterable[OpenItem]) -> list[Match]:
    by_kid: dict[str, OpenItem] = {}
    by_no: dict[str, OpenItem] = {}
    for known in invoices:
        if known.kid:
            by_kid.setdefault(known.kid.lstrip("0") or "0", known)
        by_no[known.invoice_no] = known
    remaining = {item.invoice_no: item.outstanding for item in by_no.values()}
    out: list[Match] = []
    for payment in payments:
        item: OpenItem | None = None
        by = "none"
        kid = payment.kid.replace(" ", "")
        if kid:
            item = by_kid.get(kid.lstrip("0") or "0")
            by = "kid" if item else by
        text_kids = _kids_in_text(payment.text, by_kid) if item is None else []
        candidates = [payment.invoice_no] if payment.invoice_no else []
        # a reference that is no open KID may be the invoice's number (ERPs send it as the
        # structured creditor reference; payers type it in the KID field)
        candidates += [kid] if kid and item is None and kid in by_no else []
        candidates += [t for t in _TOKEN.findall(payment.text) if t in by_no]
        if item is None and payment.may_split:
            named = list(
                dict.fromkeys([i.invoice_no for i in text_kids] + [n for n in candidates if n in by_no])
            )
            owed = [remaining[n] for n in named]
            if len(named) > 1 and all(o > 0 for o in owed) and payment.amount == sum(owed):
                via_kid = {i.invoice_no for i in text_kids} >= set(named)
                out.append(
                    Match(payment, named[0], "kid" if via_kid else "invoice", parts=tuple(zip(named, owed)))
                )
                remaining.update(dict.fromkeys(named, Decimal(0)))
                continue
        if item is None and text_kids:
            item, by = text_kids[0], "kid"
        if item is None:
            for no in candidates:
                found = by_no.get(no)
                if found is not None and 0 < payment.amount <= remaining[no]:
                    item, by = found, "invoice"
                    break
        if item is None:
            reason = (
                "beløpet er større enn det som står åpent på fakturaen"
                if any(no in by_no for no in candidates)
                else "KID finnes ikke blant åpne fakturaer"
                if kid
                else "fakturanummeret finnes ikke blant åpne fakturaer"
                if payment.invoice_no
                else "teksten nevner verken KID eller nummeret på en åpen faktura"
                if payment.text
                else "mangler KID og fakturanummer"
            )
            out.append(Match(payment, None, "none", reason=reason))
            continue
        left = remaining[item.invoice_no]
        over = max(payment.amount - left, Decimal(0))
        remaining[item.invoice_no] = left - payment.amount
        out.append(Match(payment, item.invoice_no, by, part=payment.amount < left, over=over))
    return out


def _kids_in_text(text: str, by_kid: dict[str, OpenItem]) -> list[OpenItem]:
    """The open invoices whose KIDs the text names: a number with a valid KID check digit,
    written whole or in groups of digits ("0005 0020 01"); each group is tried on its own too."""
    found: list[OpenItem] = []
    for run in _NUMBERS.findall(text):
        groups = run.split(" ")
        for number in dict.fromkeys([run.replace(" ", ""), *groups] if len(groups) > 1 else groups):
            item = by_kid.get(number.lstrip("0") or "0")
            if (
                item
                and kid_number.MIN_LENGTH <= len(number) <= kid_number.MAX_LENGTH
                and kid_number.is_valid(number)
            ):
                found.append(item)
    return list(dict.fromkeys(found))
