"""Forsinkelsesrente against hand-computed expectations (DOMAIN.md §5)."""

from datetime import date
from decimal import Decimal

import pytest

from vareflyt.rules.dunning import MissingRate, late_interest
from vareflyt.rules.dunning.rates import RateTable


def test_worked_example_from_domain(rates):
    # 30 days at 11.75 %/365 + 61 days at 12.50 %/366 = 96.575 + 208.333 = 304.91
    result = late_interest(Decimal("10000"), date(2023, 12, 1), date(2024, 3, 1), (), rates)
    assert result.amount == Decimal("304.91")
    assert [s.days for s in result.segments] == [30, 61]
    assert [s.year_days for s in result.segments] == [365, 366]
    assert result.from_date == date(2023, 12, 2)


def test_crossing_half_year_boundary_in_same_year(rates):
    # due 2022-06-20: 10 days (21.–30.6.) at 8.50 % + 31 days (1.–31.7.) at 9.25 %, /365
    # 5000*0.085*10/365 = 11.6438 ; 5000*0.0925*31/365 = 39.2808 ; sum 50.9246 -> 50.92
    result = late_interest(Decimal("5000"), date(2022, 6, 20), date(2022, 7, 31), (), rates)
    assert result.amount == Decimal("50.92")
    assert result.rate == Decimal("9.25")


def test_leap_day_counts_as_a_day_at_366(rates):
    # due 2024-02-27, through 2024-03-01: 28.2, 29.2, 1.3 = 3 days at 12.50 %/366
    # 36600 * 0.125 * 3 / 366 = 37.50 exactly
    result = late_interest(Decimal("36600"), date(2024, 2, 27), date(2024, 3, 1), (), rates)
    assert result.amount == Decimal("37.50")


def test_part_payment_reduces_interest_from_the_day_after(rates):
    # 10 000 due 2024-01-31; 4 000 paid 2024-02-10 (interest on full amount through 10.2);
    # through 2024-03-01: 10 days on 10 000 + 20 days on 6 000, at 12.50 %/366
    # 10000*.125*10/366 = 34.1530 ; 6000*.125*20/366 = 40.9836 ; 75.1366 -> 75.14
    result = late_interest(
        Decimal("10000"), date(2024, 1, 31), date(2024, 3, 1), [(date(2024, 2, 10), Decimal("4000"))], rates
    )
    assert result.amount == Decimal("75.14")
    assert [s.balance for s in result.segments] == [Decimal("10000"), Decimal("6000")]


def test_payment_before_due_date_never_earns_interest(rates):
    result = late_interest(
        Decimal("1000"), date(2024, 1, 31), date(2024, 2, 29), [(date(2024, 1, 20), Decimal("1000"))], rates
    )
    assert result.amount == Decimal("0.00")


def test_no_interest_on_the_due_date_itself(rates):
    assert late_interest(Decimal("1000"), date(2024, 1, 31), date(2024, 1, 31), (), rates).amount == 0


def test_missing_half_year_stops_interest_on_the_last_known_day(rates):
    # 1 000 due 01.06.2026, asked through 01.08.2026; H2 2026 has no rate in the table:
    # 29 days (02.06–30.06) at 12.00 %/365 = 9.534… -> 9.53, and nothing guessed after 30.06
    table = RateTable(
        tuple(h for h in rates.half_years if h.start < date(2026, 7, 1)), rates.satser, rates.fee_rules
    )
    result = late_interest(Decimal("1000"), date(2026, 6, 1), date(2026, 8, 1), (), table)
    assert (result.amount, result.through, result.missing_from) == (
        Decimal("9.53"),
        date(2026, 6, 30),
        date(2026, 7, 1),
    )
    assert result.rate == Decimal("12.00") and [s.days for s in result.segments] == [29]


def test_the_plain_lookup_still_names_the_file_for_a_missing_half_year(rates):
    table = RateTable(
        tuple(h for h in rates.half_years if h.start < date(2026, 7, 1)), rates.satser, rates.fee_rules
    )
    assert table.known_half_year(date(2026, 8, 1)) is None
    with pytest.raises(MissingRate) as exc:
        table.interest_rate(date(2026, 8, 1))
    assert "01.07.2026" in str(exc.value) and "rates.toml" in str(exc.value)
