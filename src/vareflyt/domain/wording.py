"""How counts, dates and coded values are written for a Norwegian reader, in one place.

``plural(1, "faktura", "fakturaer")`` is ``"1 faktura"``, ``plural(2, …)`` ``"2 fakturaer"``;
numbers are grouped the Norwegian way (``12 500``). ``date_text`` gives ``dd.mm.åååå``.
``value_label`` gives an enum's Norwegian label (never ``OrderPurpose.ORIGINAL``), and
``value_text`` any value as a person reads it: ``ja``/``nei``, decimal comma and no exponent
(``number_text``), dates as above, nothing for None. Amounts in kroner are
``money.format_kr``.

>>> plural(1, "ordre", "ordrer"), plural(12500, "ordre", "ordrer")
('1 ordre', '12 500 ordrer')
>>> from decimal import Decimal
>>> value_text(Decimal("1049.330")), value_text(True), value_text(OrderPurpose.ORIGINAL)
('1 049,330', 'ja', 'opprinnelig')
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import Enum

from .catalogue import CatalogueKind
from .invoices import InvoiceKind
from .issues import Severity
from .money import nb_number
from .orders import LineAction, OrderPurpose, ResponseStatus
from .receivables import CustomerKind

ENUM_LABELS: dict[Enum, str] = {
    OrderPurpose.ORIGINAL: "opprinnelig", OrderPurpose.REPLACE: "erstatter tidligere ordre",
    OrderPurpose.CANCEL: "kansellering",
    ResponseStatus.ACCEPTED: "akseptert", ResponseStatus.CHANGED: "endret", ResponseStatus.REJECTED: "avvist",
    LineAction.ACCEPTED: "akseptert", LineAction.CHANGED: "endret", LineAction.NOT_ACCEPTED: "ikke akseptert",
    LineAction.ADDED: "lagt til", LineAction.DELETED: "slettet",
    InvoiceKind.INVOICE: "faktura", InvoiceKind.CREDIT_NOTE: "kreditnota", InvoiceKind.DEBIT_NOTE: "debetnota",
    CatalogueKind.NEW: "ny katalog", CatalogueKind.CHANGE: "endringsliste", CatalogueKind.REPLACE: "erstatningsliste",
    CustomerKind.B2B: "bedrift", CustomerKind.B2C: "forbruker", CustomerKind.PUBLIC: "offentlig",
    Severity.ERROR: "feil", Severity.WARNING: "advarsel", Severity.INFO: "info",
}


def whole_number(n: int) -> str:
    """``12500`` -> ``"12 500"`` (space between thousands, as in ``money.format_kr``)."""
    return f"{n:,}".replace(",", " ")


def number_text(value: Decimal | None) -> str:
    """A number with the digits given, grouped and with a decimal comma, never an exponent:
    ``Decimal("1049.3300")`` -> ``"1 049,3300"``, ``Decimal("1E+4")`` -> ``"10 000"``."""
    if value is None:
        return ""
    whole, _, decimals = nb_number(value).partition(",")
    sign = "-" if whole.startswith("-") else ""
    return f"{sign}{whole_number(int(whole.lstrip('-') or 0))}" + (f",{decimals}" if decimals else "")


def plural(n: int, one: str, many: str) -> str:
    """``n`` with the word in the right number: ``1 faktura``, ``0 fakturaer``, ``2 fakturaer``."""
    return f"{whole_number(n)} {one if n == 1 else many}"


def date_text(day: date | None) -> str:
    """``date(2026, 3, 1)`` -> ``"01.03.2026"``; a datetime keeps its time (``01.03.2026 07:00``)."""
    if day is None:
        return ""
    if isinstance(day, datetime):
        return day.strftime("%d.%m.%Y %H:%M")
    return day.strftime("%d.%m.%Y")


def value_label(value: Enum) -> str:
    """An enum's Norwegian label: its ``label_nb`` if it has one, else the table above, else its value."""
    own = getattr(value, "label_nb", None)
    if isinstance(own, str):
        return own
    return ENUM_LABELS.get(value, str(value.value))


def value_text(value: object) -> str:
    """Any value as a person reads it in Norwegian text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nei"
    if isinstance(value, Enum):
        return value_label(value)
    if isinstance(value, date):
        return date_text(value)
    if isinstance(value, Decimal):
        return number_text(value)
    if isinstance(value, float):
        return number_text(Decimal(repr(value)))
    if isinstance(value, int):
        return str(value)
    return str(value)


__all__ = ["ENUM_LABELS", "whole_number", "number_text", "plural", "date_text", "value_label", "value_text"]
