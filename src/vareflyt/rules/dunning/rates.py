"""Lookups in the dated rate table: forsinkelsesrente per half-year, standardkompensasjon,
inkassosats per year and the reminder-fee fraction.

The table is data passed in (loaded by ``vareflyt.jobs.rates`` from the shipped
``data/rates/no_rates.toml`` merged with the workspace's ``rates.toml``); nothing here reads
files. A half-year row covers exactly its half-year: a date in a half-year without a row has
no rate. The ``known_*`` lookups return None for it, so callers can go on without guessing
(interest only through the last day with a known rate); the plain lookups raise
``MissingRate`` naming the file to add the half-year to.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ...domain.issues import VareflytError

__all__ = [
    "HalfYear",
    "Inkassosats",
    "FeeRule",
    "RateTable",
    "MissingRate",
    "half_year_start",
    "half_year_end",
]


class MissingRate(VareflytError):
    """No rate for a date: the user must add the half-year (or year) to the rates file."""


def half_year_start(day: date) -> date:
    return date(day.year, 1 if day.month <= 6 else 7, 1)


def half_year_end(start: date) -> date:
    """Last day of the half-year starting ``start``."""
    return date(start.year, 6, 30) if start.month == 1 else date(start.year, 12, 31)


@dataclass(frozen=True)
class HalfYear:
    start: date  # 1 January or 1 July
    interest: Decimal  # forsinkelsesrente, percent per year
    compensation: Decimal | None = None  # standardkompensasjon kr; None = same as before
    source: str = ""
    confirmed: bool = True


@dataclass(frozen=True)
class Inkassosats:
    start: date  # in force from (normally 1 January)
    amount: Decimal
    source: str = ""
    confirmed: bool = True


@dataclass(frozen=True)
class FeeRule:
    """Reminder fee = inkassosats / divisor, for claims due on or after ``due_from``."""

    due_from: date
    divisor: int
    source: str = ""


@dataclass(frozen=True)
class RateTable:
    half_years: tuple[HalfYear, ...]
    satser: tuple[Inkassosats, ...]
    fee_rules: tuple[FeeRule, ...]
    hint: str = "rates.toml"  # where a user adds missing rows (named in errors)
    _starts: tuple[date, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "half_years", tuple(sorted(self.half_years, key=lambda h: h.start)))
        object.__setattr__(self, "satser", tuple(sorted(self.satser, key=lambda s: s.start)))
        object.__setattr__(self, "fee_rules", tuple(sorted(self.fee_rules, key=lambda r: r.due_from)))
        object.__setattr__(self, "_starts", tuple(h.start for h in self.half_years))

    # forsinkelsesrente and standardkompensasjon
    def known_half_year(self, day: date) -> HalfYear | None:
        """The half-year row covering ``day``, or None when the table has none."""
        index = bisect_right(self._starts, day) - 1
        if index < 0 or self._starts[index] != half_year_start(day):
            return None
        return self.half_years[index]

    def half_year(self, day: date) -> HalfYear:
        row = self.known_half_year(day)
        if row is None:
            start = half_year_start(day)
            raise MissingRate(
                f"Forsinkelsesrenten for halvåret som starter {start:%d.%m.%Y} mangler. Legg den til i "
                f'{self.hint} som [[half_year]] med start = {start.isoformat()}, interest = "…", '
                f'source = "…" (satsen fastsettes av Finansdepartementet).'
            )
        return row

    def interest_rate(self, day: date) -> Decimal:
        return self.half_year(day).interest

    def known_compensation(self, day: date) -> Decimal | None:
        """Standardkompensasjon in force on ``day`` (the latest amount given up to its half-year),
        or None when ``day``'s half-year has no row or no amount is given at all."""
        row = self.known_half_year(day)
        if row is None:
            return None
        index = self._starts.index(row.start)
        return next(
            (r.compensation for r in reversed(self.half_years[: index + 1]) if r.compensation is not None),
            None,
        )

    def compensation(self, day: date) -> Decimal:
        amount = self.known_compensation(day)
        if amount is None:
            self.half_year(day)  # names the missing half-year
            raise MissingRate(
                f'Standardkompensasjon for {day:%d.%m.%Y} mangler. Legg til compensation = "…" '
                f"for halvåret i {self.hint}."
            )
        return amount

    def compensation_carried(self, day: date) -> bool:
        """True when ``day``'s half-year states no amount of its own (an earlier one is used)."""
        row = self.known_half_year(day)
        return row is not None and row.compensation is None

    # inkassosats and reminder fee
    def known_inkassosats(self, day: date) -> Inkassosats | None:
        """The inkassosats of ``day``'s year, or None when the table has none for that year."""
        candidates = [s for s in self.satser if s.start <= day]
        if not candidates or candidates[-1].start.year < day.year:
            return None
        return candidates[-1]

    def inkassosats(self, day: date) -> Inkassosats:
        found = self.known_inkassosats(day)
        if found is None:
            raise MissingRate(
                f"Inkassosatsen for {day.year} mangler. Legg den til i {self.hint} som "
                f'[[inkassosats]] med start = {day.year}-01-01, amount = "…", source = "…".'
            )
        return found

    def fee_divisor(self, due: date) -> int:
        rules = [r for r in self.fee_rules if r.due_from <= due]
        if not rules:
            raise MissingRate(
                f"Ingen gebyrregel for krav med forfall {due:%d.%m.%Y}. Legg til [[fee_rule]] i {self.hint}."
            )
        return rules[-1].divisor

    def unconfirmed_used(self, days: list[date]) -> list[str]:
        """Texts naming unconfirmed rows that a computation over ``days`` relied on."""
        notes = set()
        for day in days:
            row = self.known_half_year(day)
            if row is not None and not row.confirmed:
                notes.add(f"forsinkelsesrente fra {row.start:%d.%m.%Y} ({row.interest} %)")
            sats = next((s for s in reversed(self.satser) if s.start <= day), None)
            if sats is not None and not sats.confirmed:
                notes.add(f"inkassosats fra {sats.start:%d.%m.%Y} ({sats.amount} kr)")
        return sorted(notes)
