"""Betalingsoppfordring (inkassoloven § 10) as an optional level after the inkassovarsel's
deadline: its 3/20 fee, the figures shown apart, and the policy refusing unlawful settings."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

from vareflyt.domain.receivables import CustomerKind, Level, SentNotice
from vareflyt.rules.dunning import DEFAULT_POLICY, Skip, check_policy, next_level, plan_notices
from vareflyt.rules.dunning.policy import Policy

DUE = date(2026, 1, 15)  # Thursday
HISTORY = (
    SentNotice(Level.REMINDER, date(2026, 1, 22), date(2026, 2, 5)),
    SentNotice(
        Level.DUNNING, date(2026, 2, 6), date(2026, 2, 20), fee=Decimal("37.50"), interest=Decimal("72.33")
    ),
    SentNotice(
        Level.INKASSOVARSEL,
        date(2026, 2, 20),
        date(2026, 3, 6),
        fee=Decimal("37.50"),
        interest=Decimal("118.36"),
    ),
)


def _policy(**demand) -> Policy:
    levels = []
    for rule in DEFAULT_POLICY.levels:
        if rule.level is Level.BETALINGSOPPFORDRING:
            rule = replace(rule, enabled=True, **demand)
        if rule.level is Level.COLLECTION:
            rule = replace(rule, days_after_due=63)
        levels.append(rule)
    return Policy(levels=tuple(levels))


def test_fee_is_three_twentieths_and_figures_are_apart(rates, make_invoice, make_customer):
    invoice = make_invoice(due=DUE, history=HISTORY)
    plan = plan_notices([invoice], {"K1": make_customer()}, _policy(), date(2026, 3, 9), rates)
    [notice] = plan.notices
    [line] = notice.lines
    # 750 × 3/20 = 112.50; interest 16.01–09.03.2026 = 53 days at 12.00 %/365 on 10 000 = 174.246 -> 174.25
    assert notice.level is Level.BETALINGSOPPFORDRING
    assert (line.fee, line.earlier_fees, line.interest, line.interest_rate, line.interest_from) == (
        Decimal("112.50"),
        Decimal("75.00"),
        Decimal("174.25"),
        Decimal("12.00"),
        date(2026, 1, 16),
    )
    assert notice.total == Decimal("10361.75")
    assert notice.deadline == date(2026, 3, 23)  # 14 days, a Monday


def test_business_debtor_compensation_less_every_fee(rates, make_invoice, make_customer):
    invoice = make_invoice(due=DUE, history=HISTORY)
    plan = plan_notices(
        [invoice], {"K1": make_customer(kind=CustomerKind.B2B)}, _policy(), date(2026, 3, 9), rates
    )
    # standardkompensasjon 460 (H1 2026) - (37.50 + 37.50 + 112.50) = 272.50
    assert plan.notices[0].compensation == Decimal("272.50")


def test_waits_for_the_inkassovarsel_deadline_and_needs_one(rates, make_invoice, make_customer):
    policy = _policy()
    invoice = make_invoice(due=DUE, history=HISTORY)
    assert next_level(invoice, make_customer(), policy, date(2026, 3, 6)) is Skip.WAITING  # deadline day
    without_warning = make_invoice(due=DUE, history=HISTORY[:2])
    decision = next_level(without_warning, make_customer(), policy, date(2026, 3, 9))
    assert decision.rule.level is Level.INKASSOVARSEL


def test_collection_comes_after_the_demand_deadline(rates, make_invoice, make_customer):
    demanded = HISTORY + (
        SentNotice(Level.BETALINGSOPPFORDRING, date(2026, 3, 9), date(2026, 3, 23), fee=Decimal("112.50")),
    )
    invoice = make_invoice(due=DUE, history=demanded)
    assert next_level(invoice, make_customer(), _policy(), date(2026, 3, 23)) is Skip.WAITING
    assert next_level(invoice, make_customer(), _policy(), date(2026, 3, 24)).rule.level is Level.COLLECTION


def test_the_demand_fee_is_not_one_of_the_two_reminder_fees():
    # reminder fee + inkassovarsel fee + the demand's fee: lawful, the demand's fee is counted apart
    assert not check_policy(_policy())


def test_policy_refuses_unlawful_demands():
    short = check_policy(_policy(deadline_days=10))
    assert any(
        v.key == "dunning.betalingsoppfordring.deadline_days" and "inkassoloven § 10" in v.fix for v in short
    )
    no_warning = _policy()
    no_warning = Policy(
        levels=tuple(
            replace(r, enabled=False) if r.level is Level.INKASSOVARSEL else r for r in no_warning.levels
        )
    )
    assert any(v.key == "dunning.betalingsoppfordring.enabled" for v in check_policy(no_warning))
    early_collection = Policy(
        levels=tuple(
            replace(r, days_after_due=49) if r.level is Level.COLLECTION else r for r in _policy().levels
        )
    )
    [violation] = [v for v in check_policy(early_collection) if v.key == "dunning.collection.days_after_due"]
    assert "63" in violation.fix and "betalingsoppfordring" in violation.problem


def test_config_turns_it_on_and_refuses_it_with_the_reason():
    import pytest

    from vareflyt.config import ConfigError
    from vareflyt.config.dunning import parse

    settings = parse({"betalingsoppfordring": {"enabled": True}, "collection": {"days_after_due": 63}})
    assert settings.policy.rule(Level.BETALINGSOPPFORDRING).enabled
    with pytest.raises(ConfigError) as refused:
        parse({"betalingsoppfordring": {"enabled": True}})  # collection still at day 49
    assert "dunning.collection.days_after_due" in str(refused.value) and "63" in str(refused.value)
