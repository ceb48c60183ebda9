"""Credit notes reduce what a customer owes: in aging, in the notices, in interest and fees."""

from datetime import date
from decimal import Decimal

from vareflyt.domain.receivables import CustomerKind, Level, SentNotice
from vareflyt.rules.dunning import DEFAULT_POLICY, aged_receivables, apply_credits, plan_notices

DUE = date(2024, 1, 15)


def _credit(make_invoice, no, amount, credit_for="", day=date(2024, 1, 20), customer="K1"):
    return make_invoice(
        no=no, customer=customer, due=day, amount=amount, invoice_date=day, credit_for=credit_for
    )


def test_credit_note_naming_an_invoice_is_set_against_it_in_aging(make_invoice, make_customer):
    items = [make_invoice(no="1001", due=DUE), _credit(make_invoice, "KN7", "-2000", credit_for="1001")]
    rows, total = aged_receivables(items, {"K1": make_customer()}, date(2024, 2, 1))
    # 10 000 - 2 000: the customer owes 8 000, 17 days overdue; the used credit note shows nowhere
    assert total.total == Decimal("8000") and rows[0].buckets["days_1_30"] == Decimal("8000")


def test_dunning_charges_interest_and_fee_only_on_what_is_owed(rates, make_invoice, make_customer):
    reminded = SentNotice(Level.REMINDER, date(2024, 1, 22), date(2024, 2, 5))
    items = [
        make_invoice(no="1001", due=DUE, history=(reminded,)),
        _credit(make_invoice, "KN7", "-2000", credit_for="1001"),
    ]
    plan = plan_notices(
        items, {"K1": make_customer(kind=CustomerKind.B2B)}, DEFAULT_POLICY, date(2024, 2, 6), rates
    )
    [notice] = plan.notices
    [line] = notice.lines
    # interest 22 days at 12.50 %/366 on 8 000 = 60.1093 -> 60.11 (not 75.14 on 10 000)
    assert (line.principal, line.interest, line.credited, line.credit_notes) == (
        Decimal("8000.00"),
        Decimal("60.11"),
        Decimal("2000.00"),
        ("KN7",),
    )
    assert notice.total == Decimal("8000.00") + Decimal("60.11") + Decimal("35.00") + Decimal("435.00")
    assert plan.skipped["credit_note"] == 1


def test_unassigned_credit_goes_to_the_oldest_due_invoice_first(make_invoice):
    items = [
        make_invoice(no="2", due=date(2024, 2, 15), amount="500"),
        make_invoice(no="1", due=DUE, amount="300"),
        _credit(make_invoice, "KN1", "-700"),
    ]
    by_no = {i.invoice_no: i for i in apply_credits(items)}
    # 300 of the credit clears invoice 1 (due first), the other 400 goes to invoice 2
    assert (by_no["1"].outstanding, by_no["2"].outstanding, by_no["KN1"].outstanding) == (0, 100, 0)
    assert by_no["2"].credit_notes == ("KN1",)


def test_a_customer_in_credit_gets_no_letter_and_aging_shows_the_credit(rates, make_invoice, make_customer):
    items = [make_invoice(no="1001", due=DUE, amount="1000"), _credit(make_invoice, "KN9", "-1500")]
    plan = plan_notices(items, {"K1": make_customer()}, DEFAULT_POLICY, date(2024, 3, 1), rates)
    assert plan.notices == [] and plan.skipped["paid"] == 1
    _rows, total = aged_receivables(items, {"K1": make_customer()}, date(2024, 3, 1))
    assert total.total == Decimal("-500")  # the customer has 500 to their credit


def test_credit_note_larger_than_the_invoice_it_names_reduces_the_rest(make_invoice):
    items = [
        make_invoice(no="1", due=DUE, amount="1000"),
        make_invoice(no="2", due=date(2024, 2, 1), amount="800"),
        _credit(make_invoice, "KN1", "-1500", credit_for="1"),
    ]
    by_no = {i.invoice_no: i for i in apply_credits(items)}
    assert (by_no["1"].outstanding, by_no["2"].outstanding, by_no["KN1"].outstanding) == (0, 300, 0)


def test_credit_of_another_customer_is_never_used(make_invoice):
    items = [
        make_invoice(no="1", due=DUE, amount="1000"),
        _credit(make_invoice, "KN1", "-400", credit_for="1", customer="K2"),
    ]
    by_no = {i.invoice_no: i for i in apply_credits(items)}
    assert by_no["1"].outstanding == 1000 and by_no["KN1"].outstanding == -400
