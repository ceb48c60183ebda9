"""What a shop has agreed with a supplier for invoice control (checks a–w, DOMAIN.md §2.5):
the ``Agreement`` (payment days, currency, freight, charges, plausible exchange rates), the
``ControlSettings`` (a ``Tolerance`` per check letter, which checks block or reject) and the
check letters themselves.

These are the values ``[invoice_control]`` in ``vareflyt.toml`` parses into and the checks in
``rules.invoice_control`` receive; they live here so reading the settings (which every command
does at start) needs no rules module.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

__all__ = ["CHECK_LETTERS", "LINE_AMOUNT", "PLAUSIBLE_NOK_RATES", "Agreement", "ControlSettings", "Tolerance"]

CHECK_LETTERS = "abcdefghijklmnopqrstuvw"
LINE_AMOUNT = "line_amount"  # tolerance key next to the letters: check l on the line amount (kr per line)

# Plausible NOK per one unit of a currency (check h), used unless [invoice_control.exchange_rates]
# says otherwise. From Norges Bank's daily middle rates 2020–2025, whose lows and highs were about
# EUR 9.45–12.3, SEK 0.88–1.10, DKK 1.27–1.65, USD 8.3–11.6 and GBP 11.3–14.2 (approximate),
# widened so that normal swings still pass and a rate per 100 units or an inverted rate does not.
PLAUSIBLE_NOK_RATES: dict[str, tuple[Decimal, Decimal]] = {
    "EUR": (Decimal("9.00"), Decimal("13.50")),
    "SEK": (Decimal("0.80"), Decimal("1.25")),
    "DKK": (Decimal("1.20"), Decimal("1.80")),
    "USD": (Decimal("7.50"), Decimal("12.50")),
    "GBP": (Decimal("10.50"), Decimal("15.50")),
}


@dataclass(frozen=True)
class Tolerance:
    """Allowed difference: the larger of ``amount`` (kr, or days for b) and ``pct`` % of the expected."""

    amount: Decimal = Decimal(0)
    pct: Decimal = Decimal(0)

    def allows(self, expected: Decimal, actual: Decimal) -> bool:
        if expected == actual:
            return True
        return abs(actual - expected) <= max(self.amount, abs(expected) * self.pct / 100)


@dataclass(frozen=True)
class ControlSettings:
    """Tolerances per check letter, which failed checks block approval, which reject."""

    tolerances: Mapping[str, Tolerance] = field(default_factory=dict)
    blocking: frozenset[str] = frozenset(CHECK_LETTERS)
    reject: frozenset[str] = frozenset("ade")
    rounding: str = "krone"  # krone: nearest whole krone or in our favour; none: no rounding
    wait_days: int = 30  # how long an invoice for goods not yet received may wait

    def tolerance(self, check: str) -> Tolerance:
        return self.tolerances.get(check) or Tolerance()


@dataclass(frozen=True)
class Agreement:
    """The trade agreement with one supplier, as far as invoice control needs it."""

    payment_days: int | None = 30
    currency: str = "NOK"
    contract_refs: frozenset[str] = frozenset()  # known agreement numbers; empty = any
    price_list_required: bool = True
    free_freight: bool = False  # franko: no freight, not even announced (check f)
    allowed_charges: Mapping[str, Decimal | None] = field(default_factory=dict)  # code/article -> max kr
    exchange_rates: Mapping[str, tuple[Decimal, Decimal]] = field(
        default_factory=lambda: dict(PLAUSIBLE_NOK_RATES)
    )
    default_vat: Decimal = Decimal(25)
    price_list_refs: frozenset[str] = frozenset()  # price-list references accepted besides approved lists
