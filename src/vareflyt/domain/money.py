"""Decimal helpers shared by all rules: quantizing money (øre) and quantities explicitly.

Amounts are always ``decimal.Decimal``; rounding is ROUND_HALF_UP to øre unless a rule says
otherwise (e.g. øreavrunding to whole kroner on invoice totals).
"""

from __future__ import annotations

from decimal import Decimal, ROUND_HALF_UP

ORE = Decimal("0.01")
KRONE = Decimal("1")
ZERO = Decimal("0")


def to_ore(value: Decimal) -> Decimal:
    """Round an amount to øre, half up: ``to_ore(Decimal('2.345'))`` -> ``Decimal('2.35')``."""
    return value.quantize(ORE, rounding=ROUND_HALF_UP)


def quantize(value: Decimal, places: int) -> Decimal:
    """Round to a given number of decimal places, half up."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def money_str(value: Decimal | None) -> str | None:
    """Decimal -> plain string with two decimals for JSON, None stays None."""
    return None if value is None else f"{to_ore(value):.2f}"


def format_kr(value: Decimal | None, language: str = "nb") -> str:
    """An amount for people: ``Decimal('10545.14')`` -> ``'10 545,14'`` (nb) or ``'10,545.14'`` (en)."""
    if value is None:
        return ""
    text = f"{to_ore(Decimal(value)):,.2f}"
    return text.replace(",", " ").replace(".", ",") if language == "nb" else text


def nb_number(value: Decimal | None) -> str:
    """A number as a Norwegian reader writes it in running text: decimal comma, no exponent,
    the digits given (``Decimal("653.18")`` -> ``"653,18"``, ``Decimal("1E+3")`` -> ``"1000"``)."""
    if value is None:
        return ""
    return format(value, "f").replace(".", ",")
