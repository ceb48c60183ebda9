"""Reminder fees, compensation, business days and the legal check of the policy."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

from vareflyt.domain.receivables import Level
from vareflyt.rules.dunning import (
    DEFAULT_POLICY,
    check_policy,
    compensation,
    effective_due_date,
    next_business_day,
    reminder_fee,
)


def test_fee_is_one_twentieth_of_inkassosats_for_claims_due_after_october_2020(rates):
    assert reminder_fee(date(2024, 3, 1), [date(2024, 1, 15)], rates) == Decimal("35.00")


def test_fee_was_one_tenth_for_claims_due_before_october_2020(rates):
    assert reminder_fee(date(2020, 11, 1), [date(2020, 9, 15)], rates) == Decimal("70.00")
    # a notice covering both kinds charges the lower fee
    assert reminder_fee(date(2020, 11, 1), [date(2020, 9, 15), date(2020, 10, 5)], rates) == Decimal("35.00")


def test_fee_uses_the_inkassosats_of_the_sending_date(rates):
    assert reminder_fee(date(2026, 2, 1), [date(2025, 12, 1)], rates) == Decimal("37.50")
    assert not rates.unconfirmed_used([date(2026, 2, 1)])  # 2026 sats 750 confirmed (kred.no)


def test_compensation_for_business_minus_fees_and_none_for_consumers(rates):
    assert compensation(True, date(2024, 1, 15), Decimal("35"), rates) == Decimal("435.00")
    assert compensation(True, date(2023, 8, 15), Decimal("0"), rates) == Decimal("460.00")  # H2 2023: 460
    assert compensation(True, date(2024, 8, 15), Decimal("0"), rates) == Decimal(
        "470.00"
    )  # H2 2024 carries H1
    assert compensation(False, date(2024, 1, 15), Decimal("0"), rates) == Decimal("0.00")
    assert compensation(True, date(2024, 1, 15), Decimal("500"), rates) == Decimal("0.00")


def test_due_date_on_public_holiday_and_weekend_moves_to_next_business_day():
    assert effective_due_date(date(2024, 5, 17)) == date(
        2024, 5, 21
    )  # 17 May Fri, 18-19 weekend, 20 Whit Monday
    assert effective_due_date(date(2024, 12, 25)) == date(2024, 12, 27)
    assert effective_due_date(date(2024, 3, 2)) == date(2024, 3, 4)  # Saturday
    assert next_business_day(date(2024, 3, 4)) == date(2024, 3, 4)


def test_default_policy_is_lawful():
    assert check_policy(DEFAULT_POLICY) == []


def _with(level, **changes):
    return replace(
        DEFAULT_POLICY,
        levels=tuple(replace(r, **changes) if r.level is level else r for r in DEFAULT_POLICY.levels),
    )


def test_policy_refuses_fee_before_14_days():
    found = check_policy(_with(Level.DUNNING, days_after_due=10))
    assert any(v.key == "dunning.dunning.days_after_due" and "§ 1-2" in v.fix for v in found)


def test_policy_refuses_three_fee_bearing_notices():
    found = check_policy(_with(Level.REMINDER, fee=True, days_after_due=14))
    assert any("for mange" in v.problem for v in found)


def test_policy_refuses_short_inkassovarsel_deadline():
    found = check_policy(_with(Level.INKASSOVARSEL, deadline_days=10))
    assert any(v.key == "dunning.inkassovarsel.deadline_days" and "§ 9" in v.fix for v in found)


def test_policy_refuses_collection_without_inkassovarsel():
    found = check_policy(_with(Level.INKASSOVARSEL, enabled=False))
    assert any(v.key == "dunning.collection.enabled" for v in found)
