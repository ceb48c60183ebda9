"""How counts, dates and coded values are written for a Norwegian reader, in one place.

``plural(1, "faktura", "fakturaer")`` is ``"1 faktura"``, ``plural(2, …)`` ``"2 fakturaer"``;
numbers are grouped the Norwegian way (``12 500``). ``date_text`` gives ``dd.mm.åååå``.
``value_label`` gives an enum's Norwegian label (never ``OrderPurpose.ORIGINAL``), and
``value_text`` any value as a person reads it: ``ja``/``nei``, decimal comma and no exponent
(``number_text``), dates as above, nothing for None. Quantities drop needless decimals
(``quantity_text``: ``30``, not ``30,000``) and units read as words (``unit_text``: ``MTR`` -> ``m``).
Amounts in kroner are ``money.format_kr``.

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
from .money import nb_number, quantity_nb
from .orders import LineAction, OrderPurpose, ResponseStatus
from .receivables import CustomerKind

ENUM_LABELS: dict[Enum, str] = {
    OrderPurpose.ORIGINAL: "opprinnelig",
    OrderPurpose.REPLACE: "erstatter tidligere ordre",
    OrderPurpose.CANCEL: "kansellering",
    ResponseStatus.ACCEPTED: "akseptert",
    ResponseStatus.CHANGED: "endret",
    ResponseStatus.REJECTED: "avvist",
    LineAction.ACCEPTED: "akseptert",
    LineAction.CHANGED: "endret",
    LineAction.NOT_ACCEPTED: "ikke akseptert",
    LineAction.ADDED: "lagt til",
    LineAction.DELETED: "slettet",
    InvoiceKind.INVOICE: "faktura",
    InvoiceKind.CREDIT_NOTE: "kreditnota",
    InvoiceKind.DEBIT_NOTE: "debetnota",
    CatalogueKind.NEW: "ny katalog",
    CatalogueKind.CHANGE: "endringsliste",
    CatalogueKind.REPLACE: "erstatningsliste",
    CustomerKind.B2B: "bedrift",
    CustomerKind.B2C: "forbruker",
    CustomerKind.PUBLIC: "offentlig",
    Severity.ERROR: "feil",
    Severity.WARNING: "advarsel",
    Severity.INFO: "info",
}


def whole_number(n: int) -> str:
    """``12500`` -> ``"12 500"`` (space between thousands, as in ``money.format_kr``)."""
    return nb_number(Decimal(n))


def number_text(value: Decimal | None) -> str:
    """A number with the digits given, grouped and with a decimal comma, never an exponent:
    ``Decimal("1049.3300")`` -> ``"1 049,3300"``, ``Decimal("1E+4")`` -> ``"10 000"``."""
    return nb_number(value)


def quantity_text(value: Decimal | None) -> str:
    """A quantity as people count it, without needless decimals: ``Decimal("3E+1")`` -> ``"30"``."""
    return quantity_nb(value)


def figure_text(value: str | Decimal | None) -> str:
    """A stored value as people read it: a number kept as text (``"126.00"``) with decimal comma
    and grouping (``"126,00"``), any other text (``"ordre og linje"``) as given."""
    if value is None or isinstance(value, Decimal):
        return nb_number(value)
    try:
        number = Decimal(value.strip())
    except ArithmeticError:
        return value
    return nb_number(number) if number.is_finite() else value


# Units of measure (UN/ECE rec. 20 and the trade's short codes) by the word a Norwegian reader
# uses. A code not listed is shown as given, so nothing is hidden.
UNIT_WORDS: dict[str, str] = {
    "EA": "stk",
    "STK": "stk",
    "PCE": "stk",
    "C62": "stk",
    "H87": "stk",
    "NAR": "stk",
    "MTR": "m",
    "MTK": "m²",
    "MTQ": "m³",
    "MMT": "mm",
    "CMT": "cm",
    "KMT": "km",
    "KGM": "kg",
    "GRM": "g",
    "TNE": "tonn",
    "LTR": "l",
    "MLT": "ml",
    "PK": "pk",
    "PAK": "pk",
    "PA": "pk",
    "PR": "par",
    "PAR": "par",
    "SET": "sett",
    "ST": "sett",
    "RO": "rull",
    "RL": "rull",
    "BX": "eske",
    "BG": "sekk",
    "PF": "pall",
    "PL": "pall",
    "HUR": "timer",
    "DAY": "dager",
}


def unit_text(code: str | None) -> str:
    """A unit code as the Norwegian word: ``"MTR"`` -> ``"m"``,
    ``"EA"`` -> ``"stk"``; unknown codes as given."""
    if not code:
        return ""
    return UNIT_WORDS.get(code.strip().upper(), code)


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


__all__ = [
    "ENUM_LABELS",
    "UNIT_WORDS",
    "whole_number",
    "number_text",
    "figure_text",
    "quantity_text",
    "unit_text",
    "plural",
    "date_text",
    "value_label",
    "value_text",
]
