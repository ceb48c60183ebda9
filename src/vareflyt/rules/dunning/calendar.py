"""Norwegian business days for due dates and deadlines.

A due date (or a notice's deadline) on a Saturday, Sunday or Norwegian public holiday moves
to the next business day (DOMAIN.md §5). Holidays come from the ``holidays`` package (a pure
library: no files or clock), cached per year and imported on first use: every command reads
``[dunning]`` at start (``config.dunning`` checks the policy with ``rules.dunning``), and the
library's import costs more than a price lookup should wait.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import holidays

__all__ = ["is_business_day", "next_business_day", "effective_due_date", "deadline_from", "holiday_name"]


@lru_cache(maxsize=64)
def _holidays(year: int) -> holidays.HolidayBase:
    import holidays

    return holidays.country_holidays("NO", years=year, language="no")


def holiday_name(day: date) -> str | None:
    """The public holiday on ``day`` (Norwegian name), or None.

    >>> holiday_name(date(2024, 5, 17))
    'Grunnlovsdag'
    """
    return _holidays(day.year).get(day)


@lru_cache(maxsize=8192)
def is_business_day(day: date) -> bool:
    """True for Monday–Friday that is not a public holiday.

    >>> is_business_day(date(2024, 3, 28)), is_business_day(date(2024, 3, 27))
    (False, True)
    """
    return day.weekday() < 5 and day not in _holidays(day.year)


@lru_cache(maxsize=8192)
def next_business_day(day: date) -> date:
    """``day`` itself if a business day, else the next one.

    >>> next_business_day(date(2024, 3, 28))   # skjærtorsdag -> langfredag, påske -> tirsdag
    datetime.date(2024, 4, 2)
    """
    while not is_business_day(day):
        day += timedelta(days=1)
    return day


def effective_due_date(due: date) -> date:
    """The due date the debtor really has: moved past weekends and public holidays."""
    return next_business_day(due)


def deadline_from(sent_on: date, days: int) -> date:
    """A notice's deadline: ``days`` after sending, moved to a business day (never shorter).

    >>> deadline_from(date(2024, 5, 3), 14)   # 17 May -> 21 May (Whit Monday 20 May)
    datetime.date(2024, 5, 21)
    """
    return next_business_day(sent_on + timedelta(days=days))
