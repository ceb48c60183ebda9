"""Decimal helpers shared by all rules: quantizing money (øre) and quantities explicitly.

Amounts are always ``decimal.Decimal``; rounding is ROUND_HALF_UP to øre unless a rule says
otherwise (e.g. øreavrunding to whole kroner on invoice totals).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext

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


def _ore_any_size(value: Decimal) -> Decimal:
    """``to_ore`` with room for every digit, so a huge amount is shown rather than refused;
    a negative zero becomes zero (nobody writes «-0,00»)."""
    value = Decimal(value)
    with localcontext() as ctx:
        ctx.prec = max(28, value.adjusted() + 4)
        rounded = to_ore(value)
    return abs(rounded) if rounded == 0 else rounded


def group_thousands(digits: str) -> str:
    """``"-12500"`` -> ``"-12 500"``: a space between thousands, as a Norwegian reader writes it."""
    sign, digits = ("-", digits[1:]) if digits.startswith("-") else ("", digits)
    return sign + f"{int(digits or 0):,}".replace(",", " ")


def format_kr(value: Decimal | None, language: str = "nb") -> str:
    """An amount for people: ``Decimal('10545.14')`` -> ``'10 545,14'`` (nb) or ``'10,545.14'`` (en).
    Never an exponent, however large or small the amount (``Decimal('1E+2')`` -> ``'100,00'``)."""
    if value is None:
        return ""
    text = f"{_ore_any_size(value):,.2f}"
    return text.replace(",", " ").replace(".", ",") if language == "nb" else text


def nb_number(value: Decimal | None) -> str:
    """A number as a Norwegian reader writes it: thousands grouped, decimal comma, no exponent,
    the digits given (``Decimal("1653.18")`` -> ``"1 653,18"``, ``Decimal("1E+3")`` -> ``"1 000"``)."""
    if value is None:
        return ""
    value = Decimal(value)
    whole, _, decimals = format(abs(value) if value == 0 else value, "f").partition(".")
    return group_thousands(whole) + (f",{decimals}" if decimals else "")


def quantity_nb(value: Decimal | None) -> str:
    """A quantity without needless decimals: ``Decimal("30.000")`` and ``Decimal("3E+1")`` -> ``"30"``,
    ``Decimal("2.50")`` -> ``"2,5"``, ``Decimal("12500")`` -> ``"12 500"``."""
    if value is None:
        return ""
    text = nb_number(value)
    return text.rstrip("0").rstrip(",") if "," in text else text
