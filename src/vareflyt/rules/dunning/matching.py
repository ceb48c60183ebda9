"""Matching received payments to open customer invoices: by KID first (the payment's own,
else a valid KID of an open invoice written in its free text, as in "Giro 0005002001" or a
camt.054 Ustrd "KID 0005002001"), then by invoice number and amount (an invoice number in the
payment's own column, in its reference when that is no open KID, or in its free text). A
payment that names several open invoices (by its KID and its text) and whose amount is exactly
what they owe together pays each of them in full (``Match.parts``).

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
>>> match_payments([Incoming(D("150"), kid="0005001003", text="og 5002")], inv)[0].parts
(('5001', Decimal('100')), ('5002', Decimal('50')))

A KID per customer (every invoice of the customer has the same KID): the payment goes to the
invoice that owes exactly its amount, else to the oldest still owing, and what that one does not
owe to the next (``Match.parts``; an overpayment stays on the last).

>>> same = [OpenItem("7001", "K2", "0000100016", D("300"), date(2026, 1, 10)),
...         OpenItem("7002", "K2", "0000100016", D("80"), date(2026, 2, 10))]
>>> [(m.invoice_no, m.parts) for m in match_payments([Incoming(D("80"), kid="0000100016")], same)]
[('7002', ())]
>>> match_payments([Incoming(D("380"), kid="0000100016")], same)[0].parts
(('7001', Decimal('300')), ('7002', Decimal('80')))
>>> (lambda m: (m.invoice_no, m.part))(match_payments([Incoming(D("50"), kid="0000100016")], same)[0])
('7001', True)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
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
    due: date | None = None  # orders invoices that share one KID (a KID per customer): oldest first


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
    by_kid: dict[str, list[OpenItem]] = {}
    by_no: dict[str, OpenItem] = {}
    for known in invoices:
        if known.kid:
            by_kid.setdefault(_kid_key(known.kid), []).append(known)
        by_no[known.invoice_no] = known
    for group in by_kid.values():
        group.sort(key=lambda i: (i.due or date.max, i.invoice_no))  # a KID per customer: oldest first
    remaining = {item.invoice_no: item.outstanding for item in by_no.values()}
    return [_match(payment, by_kid, by_no, remaining) for payment in payments]


def _match(
    payment: Incoming,
    by_kid: dict[str, list[OpenItem]],
    by_no: dict[str, OpenItem],
    remaining: dict[str, Decimal],
) -> Match:
    """One payment's match; ``remaining`` (what each invoice still owes) is updated."""
    kid = payment.kid.replace(" ", "")
    group = by_kid.get(_kid_key(kid), []) if kid else []  # the open invoices of the payment's KID
    text_kids = _kids_in_text(payment.text, by_kid) if payment.text else []
    by_text = [i.invoice_no for k in text_kids for i in by_kid[k]]
    # the open invoices it names by number: its own column, its reference when that is no open
    # KID (ERPs send the invoice number as the creditor reference; payers type it in the KID
    # field), its text
    written = [payment.invoice_no, "" if group else kid, *_TOKEN.findall(payment.text)]
    candidates = [no for no in dict.fromkeys(written) if no and no in by_no]
    item = _exact(group, payment.amount, remaining)
    if item is None and group and payment.may_split:
        shared = _oldest_first(payment, group, remaining)  # a KID per customer
        if shared is not None:
            return shared
    # the invoices the payment names (its own KID's, those its text names), when it is not what
    # its own KID's invoice owes but exactly what they all owe together
    own = [item.invoice_no] if item is not None else []
    exact = item is not None and remaining[item.invoice_no] == payment.amount
    named = [] if exact else list(dict.fromkeys(own + by_text + candidates))
    owed = [remaining[n] for n in named]
    if payment.may_split and len(named) > 1 and all(o > 0 for o in owed) and payment.amount == sum(owed):
        remaining.update(dict.fromkeys(named, Decimal(0)))
        by = "kid" if set(own + by_text) >= set(named) else "invoice"
        return Match(payment, named[0], by, parts=tuple(zip(named, owed)))
    if item is None and (group or text_kids):
        kin = group or by_kid[text_kids[0]]
        item = _exact(kin, payment.amount, remaining) or next(
            (i for i in kin if remaining[i.invoice_no] > 0), kin[0]
        )
    by = "kid" if item is not None else "none"
    if item is None:
        found = next((by_no[no] for no in candidates if 0 < payment.amount <= remaining[no]), None)
        item, by = (found, "invoice") if found is not None else (None, by)
    if item is None:
        return Match(payment, None, "none", reason=_why_unmatched(payment, kid, bool(candidates)))
    left = remaining[item.invoice_no]
    remaining[item.invoice_no] = left - payment.amount
    return Match(
        payment, item.invoice_no, by, part=payment.amount < left, over=max(payment.amount - left, Decimal(0))
    )


def _oldest_first(payment: Incoming, group: list[OpenItem], remaining: dict[str, Decimal]) -> Match | None:
    """A payment on a KID several open invoices share, more than the oldest owes: shared out
    over them oldest first (what is left over stays on the last); None when the oldest takes it all."""
    owing = [i.invoice_no for i in group if remaining[i.invoice_no] > 0]
    if len(owing) < 2 or payment.amount <= remaining[owing[0]]:
        return None
    parts, left = [], payment.amount
    for no in owing:
        take = min(left, remaining[no]) if no != owing[-1] else left
        if take <= 0:
            break
        parts.append((no, take))
        left -= take
    last, paid = parts[-1]
    over = max(paid - remaining[last], Decimal(0))
    part = paid < remaining[last]
    for no, amount in parts:
        remaining[no] -= amount
    return Match(payment, last, "kid", part=part, over=over, parts=tuple(parts))


def _why_unmatched(payment: Incoming, kid: str, names_open: bool) -> str:
    """Why a payment matched no invoice (``names_open``: it names an open invoice), in Norwegian."""
    if names_open:
        return "beløpet er større enn det som står åpent på fakturaen"
    if kid:
        return "KID finnes ikke blant åpne fakturaer"
    if payment.invoice_no:
        return "fakturanummeret finnes ikke blant åpne fakturaer"
    if payment.text:
        return "teksten nevner verken KID eller nummeret på en åpen faktura"
    return "mangler KID og fakturanummer"


def _kid_key(kid: str) -> str:
    return kid.lstrip("0") or "0"


def _exact(group: list[OpenItem], amount: Decimal, remaining: dict[str, Decimal]) -> OpenItem | None:
    """Of the open invoices sharing one KID: the only one, else the first (oldest) that owes
    exactly ``amount``; None when several share it and none owes the amount."""
    if len(group) == 1:
        return group[0]
    return next((i for i in group if remaining[i.invoice_no] == amount), None)


def _kids_in_text(text: str, by_kid: dict[str, list[OpenItem]]) -> list[str]:
    """The open KIDs (as ``by_kid`` keys them) the text names: a number with a valid KID check
    digit, written whole or in groups of digits ("0005 0020 01"); each group is tried on its own too."""
    found: list[str] = []
    for run in _NUMBERS.findall(text):
        groups = run.split(" ")
        for number in dict.fromkeys([run.replace(" ", ""), *groups] if len(groups) > 1 else groups):
            key = _kid_key(number)
            if (
                key in by_kid
                and kid_number.MIN_LENGTH <= len(number) <= kid_number.MAX_LENGTH
                and kid_number.is_valid(number)
            ):
                found.append(key)
    return list(dict.fromkeys(found))
