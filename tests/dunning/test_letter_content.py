"""What the letter says, read back from its PDF (and HTML): Norwegian number formats, pay
instructions that work (a KID per line, fees and interest paid with the line that carries
them, the invoice number where there is no KID), earlier fees apart from this letter's fee,
standardkompensasjon with its legal basis, credit notes, interest that runs on until payment
(also when a missing half-year rate cut it short), the betalingsoppfordring, and English
letters as complete as the Norwegian ones."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pypdf
import pytest

from vareflyt.config.company import parse as parse_company
from vareflyt.domain.receivables import Customer, CustomerKind, InvoiceCharge, Level, Notice
from vareflyt.letters.notice import Letter, render_letter
from vareflyt.letters.render import render_notice

COMPANY = parse_company(
    {
        "name": "Bygg & Ærlig AS",
        "orgnr": "923609016",
        "bank_account": "12345678903",
        "address": "Industriveien 5",
        "postcode": "7080",
        "city": "Heimdal",
        "email": "post@bygg.example",
    }
)
SENT, DEADLINE = date(2026, 12, 1), date(2026, 12, 15)


def charge(
    no="1001",
    principal="10000.00",
    *,
    interest="0",
    fee="0",
    earlier="0",
    comp="0",
    kid="1234567897",
    due=date(2026, 1, 15),
    through=None,
    credited="0",
    credit_notes=(),
    paid="0",
    amount=None,
) -> InvoiceCharge:
    claimed = interest != "0" or through is not None
    return InvoiceCharge(
        no,
        due,
        (SENT - due).days,
        Decimal(principal),
        Decimal(interest),
        Decimal("12.00") if claimed else Decimal(0),
        date(due.year, due.month, due.day + 1) if claimed else None,
        Decimal(fee),
        Decimal(earlier),
        Decimal(comp),
        kid=kid,
        rate_periods=((date(due.year, due.month, due.day + 1), Decimal("12.00")),) if claimed else (),
        interest_through=through,
        credited=Decimal(credited),
        credit_notes=credit_notes,
        paid=Decimal(paid),
        amount=Decimal(amount or principal),
    )


def notice(*lines, level=Level.DUNNING, kind=CustomerKind.B2B) -> Notice:
    customer = Customer(
        "K1", "Ødegård & Søn <AS>", kind, orgnr="974760673", address="Åsveien 3; 7020 Trondheim"
    )
    return Notice(customer, level, SENT, DEADLINE, tuple(lines))


def text_of(letter: Letter) -> str:
    reader = pypdf.PdfReader(io.BytesIO(letter.pdf))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def letter(n: Notice, language="nb", days=14) -> tuple[Letter, str]:
    result = render_letter(n, COMPANY, language=language, deadline_days=days)
    return result, text_of(result)


def test_numbers_dates_account_and_organisation_numbers_as_norwegians_write_them():
    _, text = letter(notice(charge(interest="1000.00", fee="37.50")))
    assert "Kontonr. 1234.56.78903" in text and "konto 1234.56.78903" in text
    assert "Org.nr. 923 609 016" in text and "974 760 673" in text  # sender and customer
    assert "10 000,00" in text and "1 000,00" in text and "15.01.2026" in text and "15.12.2026" in text
    assert "11 037,50" in text  # 10 000 + 1 000 + 37,50
    typed = parse_company({"name": "X AS", "bank_account": "1234 56 7890"})  # not a valid account: as typed
    assert "1234 56 7890" in text_of(render_letter(notice(charge()), typed, language="nb", deadline_days=14))


def test_one_invoice_is_paid_in_full_with_its_kid():
    _, text = letter(notice(charge(interest="1000.00", fee="37.50")))
    assert "Betal 11 037,50 kr til konto 1234.56.78903 med KID 1234567897, innen 15.12.2026." in text


def test_several_invoices_each_with_its_kid_fees_on_the_line_that_carries_them_and_no_kid_by_invoice_number():
    n = notice(
        charge("1001", "4000.00", interest="400.00", fee="37.50", earlier="37.50"),
        charge("1002", "1000.00", interest="100.00", kid=""),
    )
    result, text = letter(n)
    assert "Faktura Forfall Dager Hovedstol Rente Kostnader Å betale KID" in text
    # 4000 + 400 + 37.50 + 37.50 = 4 475,00 to pay with 1234567897; 1 100,00 for 1002 without a KID
    assert "1001 15.01.2026 320 4 000,00 400,00 75,00 4 475,00 1234567897" in text
    assert "1002 15.01.2026 320 1 000,00 100,00 0,00 1 100,00 –" in text
    assert "Purregebyr 75,00 kr er lagt til denne fakturaen og betales med samme KID." in text
    assert "Uten KID: merk betalingen med fakturanummer 1002." in text
    assert (
        "Betal beløpet under «Å betale» for hver faktura til konto 1234.56.78903 med KID-en på samme linje"
        in text
    )
    assert (
        "til sammen 5 575,00 kr" in text and "Der KID mangler, merk betalingen med fakturanummeret." in text
    )
    assert "«Å betale»" in result.html and "5 575,00" in result.html


def test_earlier_fees_this_notices_fee_and_compensation_stand_apart():
    n = notice(
        charge(interest="500.00", fee="37.50", earlier="37.50", comp="385.00"), level=Level.INKASSOVARSEL
    )
    _, text = letter(n)
    assert "Purregebyr fra tidligere purringer 37,50" in text
    assert "Purregebyr for dette inkassovarselet (inkassoforskriften § 1-2) 37,50" in text
    # 460 kr for H1 2026 less the 75 kr in reminder fees claimed
    assert "Standardkompensasjon (forsinkelsesrenteloven § 3a), fratrukket purregebyr 385,00" in text
    assert "Sum å betale 10 960,00" in text  # 10 000 + 500 + 75 + 385


def test_interest_runs_on_until_payment():
    _, text = letter(notice(charge(interest="1000.00", fee="37.50")))
    assert "med 12,00 % per år, fra 16.01.2026 til 01.12.2026." in text
    assert "Forsinkelsesrente påløper fra forfall til betaling skjer." in text
    assert "Renten er beregnet til og med" not in text


def test_interest_cut_short_by_a_missing_rate_says_through_which_day_and_that_it_runs_on():
    # 10 000 at 12 % from 16.01 to 30.06.2026 (166 days): 10 000 × 0.12 × 166 / 365 = 545.75
    n = notice(charge(interest="545.75", fee="37.50", through=date(2026, 6, 30)))
    assert n.interest_through == date(2026, 6, 30)
    result, text = letter(n)
    assert "Renten er beregnet til og med 30.06.2026, fordi satsen fra 01.07.2026 ennå ikke er kjent." in text
    assert "Forsinkelsesrente påløper fra forfall til betaling skjer." in text
    assert "til 01.12.2026" not in text and "545,75" in text
    _, english = letter(n, "en")
    assert "Interest is calculated up to and including 30.06.2026" in english
    assert "runs from the due date until payment is made" in english
    assert "Renten er beregnet til og med 30.06.2026" in result.html


def test_no_interest_column_or_sentence_when_none_is_claimed():
    _, text = letter(notice(charge(fee="37.50")))
    assert "Rente" not in text and "påløper" not in text and "Kostnader" in text
    _, reminder = letter(notice(charge(), level=Level.REMINDER))
    assert "Faktura Forfall Dager Beløp KID" in reminder
    assert (
        "Hovedstol" not in reminder and "Sum å betale 10 000,00" in reminder
    )  # no total line repeating another
    assert "Kostnader" not in reminder and "Å betale" not in reminder and " 0,00 " not in reminder


def test_credit_note_set_against_the_invoice_is_shown_and_the_principal_is_already_net():
    n = notice(
        charge(
            "1001", "7000.00", credited="2000.00", credit_notes=("5001",), paid="1000.00", amount="10000.00"
        )
    )
    _, text = letter(n)
    assert "Kreditnota 5001 på 2 000,00 kr er trukket fra fakturaen på 10 000,00 kr." in text
    assert "Innbetalt 1 000,00 kr er trukket fra." in text
    assert "Sum å betale 7 000,00" in text and "Betal 7 000,00 kr" in text


def test_betalingsoppfordring_shows_principal_interest_and_costs_apart_with_its_deadline():
    # fee 3/20 of the 2026 inkassosats 750 = 112,50; interest 10 000 × 12 % × 320 / 365 = 1 052,05
    n = notice(
        charge(interest="1052.05", fee="112.50", earlier="75.00", comp="272.50"),
        level=Level.BETALINGSOPPFORDRING,
    )
    result, text = letter(n)
    assert text.count("Betalingsoppfordring") >= 1 and "inkassoloven § 10" in text
    assert "Hovedstol 10 000,00" in text and "Forsinkelsesrente 1 052,05" in text
    assert "Gebyr for denne betalingsoppfordringen (3/20 av inkassosatsen) 112,50" in text
    assert "Purregebyr fra tidligere purringer 75,00" in text
    assert "12,00 % per år, fra 16.01.2026" in text  # rate and from-date
    assert "innen 14 dager, det vil si innen 15.12.2026, blir kravet overlevert til inkassobyrå" in text
    assert "ytterligere kostnader" in text and "Sum å betale 11 512,05" in text
    assert "<h1>Betalingsoppfordring</h1>" in result.html
    _, english = letter(n, "en")
    assert "Betalingsoppfordring – demand for payment" in english and "Debt Collection Act § 10" in english
    assert "Fee for this demand for payment (3/20 of the debt collection rate) 112.50" in english
    assert "by 15.12.2026, it will be handed over to a debt collection agency" in english


@pytest.mark.parametrize(
    "level", [Level.REMINDER, Level.DUNNING, Level.INKASSOVARSEL, Level.BETALINGSOPPFORDRING]
)
def test_norwegian_heading_is_the_level_label_and_english_letters_are_as_complete(level):
    interest = "0" if level is Level.REMINDER else "1000.00"
    fee = "0" if level is Level.REMINDER else "37.50"
    n = notice(charge(interest=interest, fee=fee))
    n = Notice(n.customer, level, n.sent_on, n.deadline, n.lines)
    nb, nb_text = letter(n)
    en, en_text = letter(n, "en")
    assert f"<h1>{level.label_nb}</h1>" in nb.html and level.label_nb in nb_text
    for text, total in (
        (nb_text, "11 037,50" if fee != "0" else "10 000,00"),
        (en_text, "11,037.50" if fee != "0" else "10,000.00"),
    ):
        assert total in text and "1234.56.78903" in text and "1234567897" in text and "15.12.2026" in text
        assert "Ødegård & Søn <AS>" in text and "Åsveien 3" in text and "7020 Trondheim" in text
    if level is not Level.REMINDER:
        assert "påløper fra forfall til betaling skjer" in nb_text and "until payment is made" in en_text
        assert "Interest" in en_text and "Costs" in en_text and "To pay" in en_text


def test_html_is_autoescaped_and_render_notice_gives_the_same_html():
    n = notice(charge(interest="1000.00", fee="37.50"))
    result = render_letter(n, COMPANY, language="nb", deadline_days=14)
    assert "Ødegård &amp; Søn &lt;AS&gt;" in result.html and "<AS>" not in result.html
    assert render_notice(n, COMPANY, language="nb", deadline_days=14) == result.html
    assert render_letter(n, COMPANY, language="de", deadline_days=14).html == result.html  # unknown: nb
    assert (
        result.pdf.startswith(b"%PDF")
        and render_letter(n, COMPANY, language="nb", deadline_days=14).pdf == result.pdf
    )


def test_collection_has_no_letter():
    with pytest.raises(ValueError, match="inkasso"):
        render_letter(notice(charge(), level=Level.COLLECTION), COMPANY, language="nb", deadline_days=0)


def test_paragraph_markup_doctests():
    import doctest

    from vareflyt.letters import markup

    result = doctest.testmod(markup)
    assert result.attempted > 0 and result.failed == 0


def test_a_shop_without_account_or_contact_details_still_gets_a_letter_that_says_how_to_pay():
    bare = parse_company({"name": "", "bank_account": ""})
    result = render_letter(notice(charge(kid="")), bare, language="nb", deadline_days=14)
    text = text_of(result)
    assert (
        "Betal 10 000,00 kr til kontonummeret på fakturaen og merk betalingen med fakturanummer 1001" in text
    )
    assert "Kontonr." not in text and "ta kontakt med oss. Har du betalt" in text
    english = text_of(render_letter(notice(charge()), bare, language="en", deadline_days=14))
    assert "to the account number on the invoice with KID 1234567897" in english


def test_betalingsoppfordring_for_several_invoices_gives_each_its_rates_and_from_date():
    two_rates = InvoiceCharge(
        "1001",
        date(2025, 10, 2),
        425,
        Decimal("1000.00"),
        Decimal("150.00"),
        Decimal("12.00"),
        date(2025, 10, 3),
        Decimal("112.50"),
        Decimal(0),
        Decimal(0),
        kid="1234567897",
        rate_periods=((date(2025, 10, 3), Decimal("12.25")), (date(2026, 1, 1), Decimal("12.00"))),
    )
    one_rate = charge("1002", "2000.00", interest="200.00", due=date(2026, 2, 15))
    _, text = letter(notice(two_rates, one_rate, level=Level.BETALINGSOPPFORDRING))
    assert "Forsinkelsesrente 12,25 % per år fra 03.10.2025 og 12,00 % per år fra 01.01.2026." in text
    assert "Forsinkelsesrente 12,00 % per år fra 16.02.2026." in text
    assert (
        "med 12,25 % per år fra 03.10.2025 og 12,00 % per år fra "
        "01.01.2026, fra dagen etter forfall for hver "
        "faktura til 01.12.2026." in text
    )
