"""What a dunning letter shows, worked out once for both its HTML and its PDF: sender and
recipient lines, the information beside the address window, the invoice table (only the
columns that have something to say: no Rente column when no interest is claimed, no
Kostnader column without fees) with a note under a row for credit notes, payments, fees and a
missing KID, and the totals with earlier fees and this letter's fee apart.

Everything here is text formatted for people: amounts ``10 000,00``, dates ``15.01.2024``,
account numbers ``1234.56.78903`` and organisation numbers ``123 456 789`` (python-stdnum),
only when the number is valid (anything else is shown as typed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from stdnum.no import kontonr, orgnr

from ..domain.money import ZERO, format_kr
from ..domain.receivables import Notice
from .render import format_date, format_pct
from .table import Column, Row, TotalLine
from .wording import NEW_FEE, labels

__all__ = [
    "Column",
    "Row",
    "TotalLine",
    "Content",
    "build_content",
    "account_text",
    "orgnr_text",
    "address_lines",
]

# Column widths in mm on the page (content width 170 mm); the invoice column and then the KID
# column get what dropped columns leave.
_WIDTHS = {
    "invoice": 22,
    "due": 19,
    "days": 11,
    "principal": 25,
    "interest": 19,
    "costs": 20,
    "payable": 25,
    "kid": 29,
}
_CONTENT_WIDTH = 170
KID_GAP = 2.0  # mm: more room between the last amount and the KID


@dataclass(frozen=True)
class Content:
    language: str
    sender: tuple[str, ...]  # company name, address, postcode and city
    sender_details: tuple[tuple[str, str], ...]  # (label, value): org.nr., phone, e-mail
    recipient: tuple[str, ...]  # customer name and address lines, in full
    info: tuple[tuple[str, str], ...]  # date, customer no., org.nr., deadline, account
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    totals: tuple[TotalLine, ...]
    footer: str
    account: str  # formatted bank account, "" if none
    amount_label: str  # the column that holds what to pay per invoice

    @property
    def page_label(self) -> str:
        """``Side {page} av {pages}`` in the letter's language."""
        return labels(self.language)["page"]

    @property
    def amount_column(self) -> int:
        """Index of the column whose right edge the totals line up under."""
        keys = [c.key for c in self.columns]
        return keys.index("payable") if "payable" in keys else keys.index("principal")


def account_text(value: str) -> str:
    """``12345678903`` -> ``1234.56.78903``; anything not a valid Norwegian account as typed."""
    value = (value or "").strip()
    return kontonr.format(value) if value and kontonr.is_valid(value) else value


def orgnr_text(value: str) -> str:
    """``923609016`` -> ``923 609 016``; anything not a valid organisation number as typed."""
    value = (value or "").strip()
    return orgnr.format(value) if value and orgnr.is_valid(value) else value


_POSTCODE_PLACE = re.compile(r",\s*(?=\d{4}\s+\S)")


def address_lines(address: str) -> list[str]:
    """An address as typed (lines separated by ``;`` or new lines) as its non-empty lines; the
    export's one-line form puts the postcode and place on a line of their own, as Posten wants.

    >>> address_lines("Lia 3, 2000 Lillestrøm"), address_lines("Postboks 7700; 5020 Bergen")
    (['Lia 3', '2000 Lillestrøm'], ['Postboks 7700', '5020 Bergen'])
    """
    text = _POSTCODE_PLACE.sub("\n", (address or "").replace(";", "\n"))
    return [part.strip() for part in text.splitlines() if part.strip()]


def _columns(notice: Notice, t: dict[str, str]) -> tuple[Column, ...]:
    keys = ["invoice", "due", "days", "principal"]
    extra = bool(notice.interest) or bool(notice.fee or notice.compensation)
    if notice.interest:
        keys.append("interest")
    if notice.fee or notice.compensation:
        keys.append("costs")
    if extra:
        keys.append("payable")
    keys.append("kid")
    spare = _CONTENT_WIDTH - sum(_WIDTHS[k] for k in keys)
    widths = {k: _WIDTHS[k] for k in keys}
    widths["invoice"] += min(spare / 2, 12)
    widths["kid"] += spare - min(spare / 2, 12)
    label = {**t, "principal": t["principal"] if extra else t["amount"]}
    return tuple(
        Column(
            k,
            label[k],
            k not in ("invoice", "due", "kid"),
            widths[k],
            gap=KID_GAP if k == "kid" else 0.0,
            exact=k == "kid",
        )
        for k in keys
    )


def _notes(line, notice: Notice, t: dict[str, str], language: str) -> tuple[str, ...]:
    kr = lambda v: format_kr(v, language)  # noqa: E731
    notes = []
    if line.credited > 0:
        invoiced = line.amount if line.amount > 0 else line.principal + line.credited + line.paid
        key = "credited" if line.credit_notes else "credited_unnamed"
        notes.append(
            t[key].format(notes=", ".join(line.credit_notes), amount=kr(line.credited), invoiced=kr(invoiced))
        )
    if line.paid > 0:
        notes.append(t["paid"].format(amount=kr(line.paid)))
    fees = line.fee + line.earlier_fees
    if fees and len(notice.lines) > 1:
        notes.append(t["fees_on_line"].format(amount=kr(fees)))
    if line.interest and len(notice.lines) > 1 and notice.level.value == "betalingsoppfordring":
        periods = line.rate_periods or ((line.interest_from, line.interest_rate),)
        rates = [
            t["rate_from"].format(rate=format_pct(pct, language), first=format_date(first))
            for first, pct in periods
        ]
        notes.append(t["interest_on_line"].format(rates=t["and"].join(rates)))
    if not (line.kid or "").strip():
        notes.append(t["no_kid"].format(invoice=line.invoice_no))
    return tuple(notes)


def _cells(line, columns: tuple[Column, ...], language: str) -> tuple[str, ...]:
    kr = lambda v: format_kr(v, language)  # noqa: E731
    value = {
        "invoice": line.invoice_no,
        "due": format_date(line.due_date),
        "days": str(line.days_overdue),
        "principal": kr(line.principal),
        "interest": kr(line.interest),
        "costs": kr(line.fee + line.earlier_fees + line.compensation),
        "payable": kr(line.total),
        "kid": (line.kid or "").strip() or "–",
    }
    return tuple(value[c.key] for c in columns)


def _totals(notice: Notice, t: dict[str, str], language: str) -> tuple[TotalLine, ...]:
    kr = lambda v: format_kr(v, language)  # noqa: E731
    earlier = notice.fee - notice.new_fee
    lines = [TotalLine(t["total_principal"], kr(notice.principal))]
    if notice.interest:
        lines.append(TotalLine(t["total_interest"], kr(notice.interest)))
    if earlier > ZERO:
        lines.append(TotalLine(t["earlier_fees"], kr(earlier)))
    if notice.new_fee > ZERO:
        fee_labels = NEW_FEE.get(language, NEW_FEE["nb"])
        lines.append(
            TotalLine(fee_labels.get(notice.level.value, fee_labels["reminder"]), kr(notice.new_fee))
        )
    if notice.compensation > ZERO:
        lines.append(TotalLine(t["compensation"], kr(notice.compensation)))
    if len(lines) == 1:  # principal only: the sum says it
        lines = []
    lines.append(TotalLine(t["total"], kr(notice.total), strong=True))
    return tuple(lines)


def build_content(notice: Notice, company, language: str) -> Content:
    """The letter's text for ``notice`` from ``company`` (``config.company.Company``)."""
    t = labels(language)
    customer = notice.customer
    account = account_text(company.bank_account)
    sender = tuple(
        x
        for x in (company.name, company.address, f"{company.postcode} {company.city}".strip())
        if x and x.strip()
    )
    details = tuple(
        (label, value)
        for label, value in (
            (t["orgnr"], orgnr_text(company.orgnr)),
            (t["phone"], company.phone),
            (t["email"], company.email),
        )
        if value
    )
    info = [(t["date"], format_date(notice.sent_on)), (t["customer_no"], customer.number)]
    if customer.orgnr:
        info.append((t["orgnr"], orgnr_text(customer.orgnr)))
    info.append((t["deadline"], format_date(notice.deadline)))
    if account:
        info.append((t["account"], account))
    columns = _columns(notice, t)
    rows = tuple(
        Row(_cells(line, columns, language), _notes(line, notice, t, language)) for line in notice.lines
    )
    footer = " · ".join(
        x
        for x in (
            *sender,
            f"{t['orgnr']} {orgnr_text(company.orgnr)}" if company.orgnr else "",
            f"{t['account']} {account}" if account else "",
        )
        if x
    )
    payable = next(
        c.label
        for c in columns
        if c.key in ("payable", "principal")
        and (c.key == "payable" or not any(k.key == "payable" for k in columns))
    )
    return Content(
        language=language,
        sender=sender,
        sender_details=details,
        recipient=(customer.name, *address_lines(customer.address)),
        info=tuple(info),
        columns=columns,
        rows=rows,
        totals=_totals(notice, t, language),
        footer=footer,
        account=account,
        amount_label=payable,
    )


def rate_periods(notice: Notice) -> list[tuple]:
    """(first day, percent) for each interest rate used in the letter, earliest first; a rate
    the same as the one before it is not repeated."""
    periods = sorted({p for line in notice.lines if line.interest for p in line.rate_periods})
    merged: list[tuple] = []
    for first, pct in periods:
        if not merged or merged[-1][1] != pct:
            merged.append((first, pct))
    return merged
