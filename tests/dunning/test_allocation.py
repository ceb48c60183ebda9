"""Part payments after a fee: costs, then interest, then principal (or principal first), with
hand-computed figures. Nothing claimed is ever dropped without a word."""

from datetime import date
from decimal import Decimal

from vareflyt.domain.receivables import Level, Payment, SentNotice
from vareflyt.rules.dunning import COSTS_FIRST, DEFAULT_POLICY, PRINCIPAL_FIRST, plan_notices, settle
from vareflyt.rules.dunning.policy import Policy

DUE = date(2024, 1, 15)  # Monday
# the purring of 06.02.2024 claimed a fee of 35 and interest 75.14 (22 days at 12.50 %/366)
HISTORY = (
    SentNotice(Level.REMINDER, date(2024, 1, 22), date(2024, 2, 5)),
    SentNotice(
        Level.DUNNING, date(2024, 2, 6), date(2024, 2, 20), fee=Decimal("35"), interest=Decimal("75.14")
    ),
)


def _invoice(make_invoice, paid: str, on=date(2024, 2, 20)):
    return make_invoice(due=DUE, history=HISTORY, payments=(Payment(on, Decimal(paid)),))


def test_part_payment_covers_the_fee_then_interest_then_principal(rates, make_invoice):
    # 5 000 paid 20.02.2024. Interest 16.01–20.02 = 36 days at 12.50 %/366 on 10 000 = 122.9508 -> 122.95.
    # 5 000 = 35 fee + 122.95 interest + 4 842.05 principal -> principal 5 157.95 left.
    # Through 01.03: 10 more days on 5 157.95 = 17.61595; open interest 140.56677 - 122.95 = 17.62.
    s = settle(_invoice(make_invoice, "5000"), DUE, date(2024, 3, 1), rates, COSTS_FIRST)
    assert (s.to_costs, s.to_interest, s.to_principal) == (
        Decimal("35"),
        Decimal("122.95"),
        Decimal("4842.05"),
    )
    assert s.principal == Decimal("5157.95") and s.fees == 0
    assert round(s.interest, 2) == Decimal("17.62")


def test_principal_first_leaves_the_fee_and_all_interest_open(rates, make_invoice):
    # 5 000 to principal; interest 122.9508 (36 days on 10 000) + 10 days on 5 000 = 17.0765 -> 140.03
    s = settle(_invoice(make_invoice, "5000"), DUE, date(2024, 3, 1), rates, PRINCIPAL_FIRST)
    assert s.principal == Decimal("5000") and s.fees == Decimal("35")
    assert round(s.interest, 2) == Decimal("140.03")


def test_a_payment_before_any_notice_goes_to_the_principal(rates, make_invoice):
    invoice = make_invoice(due=DUE, payments=(Payment(date(2024, 1, 20), Decimal("4000")),))
    s = settle(invoice, DUE, date(2024, 1, 20), rates, COSTS_FIRST)
    assert s.principal == Decimal("6000") and s.to_costs == 0 and s.to_interest == 0


def test_exactly_the_principal_after_a_fee_is_not_a_write_off(rates, make_invoice, make_customer):
    invoice = _invoice(make_invoice, "10000")
    customers = {"K1": make_customer()}
    costs_first = plan_notices([invoice], customers, DEFAULT_POLICY, date(2024, 3, 1), rates)
    [left] = costs_first.open_after_payment
    # 10 000 = 35 + 122.95 + 9 842.05: 157.95 of the principal is still owed, and the notice level
    # moves on (the inkassovarsel's day has come) for that rest with its interest
    assert (left.principal, left.to_costs, left.to_interest) == (
        Decimal("157.95"),
        Decimal("35.00"),
        Decimal("122.95"),
    )
    [notice] = costs_first.notices
    assert notice.level is Level.INKASSOVARSEL and notice.principal == Decimal("157.95")

    policy = Policy(levels=DEFAULT_POLICY.levels, payment_allocation=PRINCIPAL_FIRST)
    principal_first = plan_notices([invoice], customers, policy, date(2024, 3, 1), rates)
    [left] = principal_first.open_after_payment
    assert (left.principal, left.fees, left.interest) == (
        Decimal("0.00"),
        Decimal("35.00"),
        Decimal("122.95"),
    )
    assert principal_first.notices == [] and principal_first.skipped["paid"] == 1


def test_later_notice_claims_only_the_fees_still_unpaid(rates, make_invoice, make_customer):
    # 35 paid on 20.02 covers the purring's fee; the inkassovarsel of 01.03 claims only its own 35
    invoice = _invoice(make_invoice, "35")
    plan = plan_notices([invoice], {"K1": make_customer()}, DEFAULT_POLICY, date(2024, 3, 1), rates)
    [notice] = plan.notices
    assert notice.level is Level.INKASSOVARSEL
    assert (notice.new_fee, notice.fee, notice.principal) == (
        Decimal("35.00"),
        Decimal("35.00"),
        Decimal("10000.00"),
    )


def test_the_run_says_so_when_a_payment_of_the_principal_leaves_costs(tmp_path):
    """Through the jobs: an export, a purring, then the bank pays exactly the principal."""
    from vareflyt.jobs.import_payments import import_payments
    from vareflyt.jobs.import_receivables import import_receivables
    from vareflyt.jobs.run_dunning import run_dunning
    from vareflyt.workspace import init_workspace

    ws = init_workspace(tmp_path / "ws")
    try:
        export = tmp_path / "apne.csv"
        export.write_bytes(
            "Kundenr;Kundenavn;Kundetype;Fakturanr;Fakturadato;Forfallsdato;Beløp\r\n"
            "40001;Ola Normann;Privat;6001;02.01.2024;15.01.2024;10 000,00\r\n".encode()
        )
        import_receivables(ws, export, as_of=date(2024, 1, 20))
        run_dunning(ws, on=date(2024, 1, 22))
        purring = run_dunning(ws, on=date(2024, 2, 6))
        assert purring.extra["reminders"][0]["level"] == "dunning"
        bank = tmp_path / "innbetalinger.csv"
        bank.write_bytes("Dato;Beløp;Fakturanr\r\n20.02.2024;10 000,00;6001\r\n".encode())
        assert import_payments(ws, bank).counts["matched_invoice"] == 1
        after = run_dunning(ws, on=date(2024, 3, 1), preview=True)
    finally:
        ws.close()
    [said] = [i for i in after.issues if i.code == "dunning.open_after_payment"]
    # costs first: 35,00 fee and 122,95 interest (36 days at 12.50 %/366) were covered first
    assert "35,00" in said.message and "122,95" in said.message and "157,95" in said.message
    [notice] = after.extra["reminders"]
    assert (notice["level"], notice["principal"]) == ("inkassovarsel", "157.95")
