"""Next level per invoice and notices per customer, with hand-computed amounts."""

from datetime import date, timedelta
from decimal import Decimal

from vareflyt.domain.receivables import CustomerKind, Level, SentNotice
from vareflyt.rules.dunning import DEFAULT_POLICY, Skip, next_level, plan_notices

DUE = date(2024, 1, 15)  # a Monday, business day


def test_consumer_gets_a_fee_free_reminder_at_day_10_never_a_fee(rates, make_invoice, make_customer):
    invoice, customer = make_invoice, make_customer
    plan = plan_notices(
        [invoice(due=DUE)], {"K1": customer()}, DEFAULT_POLICY, DUE + timedelta(days=10), rates
    )
    [notice] = plan.notices
    assert notice.level is Level.REMINDER
    assert notice.fee == 0 and notice.compensation == 0 and notice.interest == 0
    assert notice.total == Decimal("10000.00")


def test_fee_level_waits_for_previous_deadline_and_is_not_repeated(rates, make_invoice, make_customer):
    invoice, customer = make_invoice, make_customer
    sent = SentNotice(Level.REMINDER, DUE + timedelta(days=7), date(2024, 2, 5))
    inv = invoice(due=DUE, history=(sent,))
    cust = customer()
    assert next_level(inv, cust, DEFAULT_POLICY, date(2024, 2, 5)) is Skip.WAITING  # deadline day itself
    decision = next_level(inv, cust, DEFAULT_POLICY, date(2024, 2, 6))
    assert decision.rule.level is Level.DUNNING and decision.fee_allowed
    dunned = invoice(
        due=DUE,
        history=(sent, SentNotice(Level.DUNNING, date(2024, 2, 6), date(2024, 2, 20), fee=Decimal("35"))),
    )
    assert next_level(dunned, cust, DEFAULT_POLICY, date(2024, 2, 19)) is Skip.WAITING
    assert next_level(dunned, cust, DEFAULT_POLICY, date(2024, 2, 21)).rule.level is Level.INKASSOVARSEL


def test_business_debtor_dunning_amounts(rates, make_invoice, make_customer):
    invoice, customer = make_invoice, make_customer
    # 10 000 due 15.01.2024, dunning sent 06.02.2024 (22 days): interest 22 days at 12.50 %/366
    # = 10000*.125*22/366 = 75.1366 -> 75.14; fee 35.00; compensation 470 - 35 = 435.00
    sent = SentNotice(Level.REMINDER, date(2024, 1, 22), date(2024, 2, 5))
    cust = customer(kind=CustomerKind.B2B)
    plan = plan_notices(
        [invoice(due=DUE, history=(sent,))], {"K1": cust}, DEFAULT_POLICY, date(2024, 2, 6), rates
    )
    [notice] = plan.notices
    assert notice.level is Level.DUNNING
    assert (notice.principal, notice.interest, notice.fee, notice.compensation) == (
        Decimal("10000.00"),
        Decimal("75.14"),
        Decimal("35.00"),
        Decimal("435.00"),
    )
    assert notice.total == Decimal("10545.14")
    assert notice.deadline == date(2024, 2, 20)


def test_due_date_on_public_holiday_delays_everything(rates, make_invoice, make_customer):
    invoice, customer = make_invoice, make_customer
    # due 17.05.2024 (Grunnlovsdag, Friday) -> effective 21.05; day 7 is 28.05, not 24.05
    inv = invoice(due=date(2024, 5, 17))
    assert next_level(inv, customer(), DEFAULT_POLICY, date(2024, 5, 27)) is Skip.WAITING
    decision = next_level(inv, customer(), DEFAULT_POLICY, date(2024, 5, 28))
    assert decision.rule.level is Level.REMINDER and decision.days_overdue == 7


def test_customer_on_hold_and_small_amounts_are_not_dunned(rates, make_invoice, make_customer):
    invoice, customer = make_invoice, make_customer
    on = DUE + timedelta(days=40)
    held = customer(hold="Omtvistet")
    assert next_level(invoice(due=DUE), held, DEFAULT_POLICY, on) is Skip.HOLD
    assert next_level(invoice(due=DUE, amount="49.99"), customer(), DEFAULT_POLICY, on) is Skip.BELOW_MINIMUM
    assert (
        next_level(invoice(due=DUE, paid_unknown_date=Decimal("10000")), customer(), DEFAULT_POLICY, on)
        is Skip.PAID
    )


def test_no_fees_customer_gets_dunning_without_fee_or_compensation(rates, make_invoice, make_customer):
    invoice, customer = make_invoice, make_customer
    sent = SentNotice(Level.REMINDER, date(2024, 1, 22), date(2024, 2, 5))
    cust = customer(kind=CustomerKind.B2B, no_fees=True)
    plan = plan_notices(
        [invoice(due=DUE, history=(sent,))], {"K1": cust}, DEFAULT_POLICY, date(2024, 2, 6), rates
    )
    assert plan.notices[0].fee == 0 and plan.notices[0].compensation == 0 and plan.notices[0].interest > 0


def test_one_letter_per_customer_and_level_with_one_fee(rates, make_invoice, make_customer):
    invoice, customer = make_invoice, make_customer
    sent = SentNotice(Level.REMINDER, date(2024, 1, 22), date(2024, 2, 5))
    invoices = [
        invoice("1", due=DUE, history=(sent,)),
        invoice("2", due=DUE, amount="500", history=(sent,)),
        invoice("3", customer="K2", due=DUE),
    ]
    plan = plan_notices(
        invoices, {"K1": customer(), "K2": customer("K2")}, DEFAULT_POLICY, date(2024, 2, 6), rates
    )
    by_customer = {n.customer.number: n for n in plan.notices}
    assert [c.invoice_no for c in by_customer["K1"].lines] == ["1", "2"]
    assert by_customer["K1"].fee == Decimal("35.00")  # one fee per letter
    assert by_customer["K2"].level is Level.REMINDER


def test_collection_only_after_inkassovarsel_deadline(rates, make_invoice, make_customer):
    invoice, customer = make_invoice, make_customer
    history = (
        SentNotice(Level.REMINDER, date(2024, 1, 22), date(2024, 2, 5)),
        SentNotice(Level.DUNNING, date(2024, 2, 6), date(2024, 2, 20), fee=Decimal("35")),
        SentNotice(Level.INKASSOVARSEL, date(2024, 2, 21), date(2024, 3, 6), fee=Decimal("35")),
    )
    inv = invoice(due=DUE, history=history)
    assert next_level(inv, customer(), DEFAULT_POLICY, date(2024, 3, 6)) is Skip.WAITING
    assert next_level(inv, customer(), DEFAULT_POLICY, date(2024, 3, 7)).rule.level is Level.COLLECTION


def test_unconfirmed_rates_used_for_interest_are_reported(rates, make_invoice, make_customer):
    # dunning on 2024-08-20 for a claim due 2024-06-03: interest runs into H2 2024 (12.50 %, unconfirmed)
    sent = SentNotice(Level.REMINDER, date(2024, 6, 10), date(2024, 6, 24))
    plan = plan_notices(
        [make_invoice(due=date(2024, 6, 3), history=(sent,))],
        {"K1": make_customer()},
        DEFAULT_POLICY,
        date(2024, 8, 20),
        rates,
    )
    assert plan.notices[0].level is Level.DUNNING
    assert any("01.07.2024" in note for note in plan.unconfirmed)
