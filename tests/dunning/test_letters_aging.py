"""Letters in both languages survive into PDF text; aged receivables, DSO and credit use."""

import io
from datetime import date
from decimal import Decimal

import pypdf
import pytest

from vareflyt.config.company import parse as parse_company
from vareflyt.domain.receivables import CustomerKind, Level, SentNotice
from vareflyt.letters.notice import render_letter
from vareflyt.letters.render import format_kr
from vareflyt.rules.dunning import DEFAULT_POLICY, aged_receivables, credit_use, dso, plan_notices

COMPANY = parse_company({"name": "Bygg & Ærlig AS", "orgnr": "923609016", "bank_account": "12345678903"})
HISTORY = {
    Level.REMINDER: (),
    Level.DUNNING: (SentNotice(Level.REMINDER, date(2024, 1, 22), date(2024, 2, 5)),),
    Level.INKASSOVARSEL: (
        SentNotice(Level.REMINDER, date(2024, 1, 22), date(2024, 2, 5)),
        SentNotice(Level.DUNNING, date(2024, 2, 6), date(2024, 2, 20), fee=Decimal("35")),
    ),
}
HEADINGS = {
    ("reminder", "nb"): "Betalingspåminnelse",
    ("dunning", "nb"): "Purring",
    ("inkassovarsel", "nb"): "Inkassovarsel",
    ("reminder", "en"): "Payment reminder",
    ("dunning", "en"): "Payment demand",
    ("inkassovarsel", "en"): "Inkassovarsel",
}


@pytest.mark.parametrize("level", [Level.REMINDER, Level.DUNNING, Level.INKASSOVARSEL])
@pytest.mark.parametrize("language", ["nb", "en"])
def test_letter_pdf_text_has_heading_names_and_amounts(rates, make_invoice, make_customer, level, language):
    customer = make_customer(
        kind=CustomerKind.B2B, name="Ødegård & Søn <AS>", address="Åsveien 3; 7020 Trondheim"
    )
    on = {
        Level.REMINDER: date(2024, 1, 22),
        Level.DUNNING: date(2024, 2, 6),
        Level.INKASSOVARSEL: date(2024, 2, 21),
    }[level]
    plan = plan_notices(
        [make_invoice(due=date(2024, 1, 15), kid="1234567897", history=HISTORY[level])],
        {"K1": customer},
        DEFAULT_POLICY,
        on,
        rates,
    )
    [notice] = plan.notices
    assert notice.level is level
    letter = render_letter(notice, COMPANY, language=language, deadline_days=14)
    assert "&lt;AS&gt;" in letter.html  # autoescaped
    text = " ".join(pypdf.PdfReader(io.BytesIO(letter.pdf)).pages[0].extract_text().split())
    assert HEADINGS[(level.value, language)] in text
    assert "Ødegård & Søn <AS>" in text and "Åsveien 3" in text and "Bygg & Ærlig AS" in text
    assert format_kr(notice.total, language) in text and "1234567897" in text and "1234.56.78903" in text
    if notice.fee:
        assert (
            format_kr(notice.new_fee, language) in text and format_kr(notice.compensation, language) in text
        )
    if notice.fee > notice.new_fee:  # earlier fees on their own line
        assert format_kr(notice.fee - notice.new_fee, language) in text


def test_amount_formats():
    assert format_kr(Decimal("10545.1"), "nb") == "10 545,10"
    assert format_kr(Decimal("10545.1"), "en") == "10,545.10"


def test_aged_receivables_per_customer_and_total(make_invoice, make_customer):
    on = date(2024, 6, 30)
    invoices = [
        make_invoice("1", "A", due=date(2024, 7, 10), amount="100"),  # not due
        make_invoice("2", "A", due=date(2024, 6, 28), amount="200"),  # 2 days
        make_invoice("3", "B", due=date(2024, 5, 15), amount="300"),  # 46 days
        make_invoice("4", "B", due=date(2024, 4, 10), amount="400"),  # 81 days
        make_invoice(
            "5",
            "B",
            due=date(2024, 3, 1),
            amount="500",  # 121 days, part paid
            paid_unknown_date=Decimal("125"),
        ),
    ]
    customers = {"A": make_customer("A", credit_limit=Decimal("1000")), "B": make_customer("B")}
    rows, total = aged_receivables(invoices, customers, on)
    assert [r.customer_no for r in rows] == ["A", "B"]
    assert rows[0].buckets["not_due"] == 100 and rows[0].buckets["days_1_30"] == 200
    assert rows[0].credit_use_pct == Decimal("30.0") and rows[1].credit_use_pct is None
    assert (total.buckets["days_31_60"], total.buckets["days_61_90"], total.buckets["days_over_90"]) == (
        300,
        400,
        375,
    )
    assert total.total == Decimal("1375")


def test_dso_and_credit_use():
    assert dso(Decimal("120000"), Decimal("1460000"), 365) == Decimal("30.0")
    assert dso(Decimal("1"), Decimal("0"), 365) is None
    assert credit_use(Decimal("750"), Decimal("500")) == Decimal("150.0")
