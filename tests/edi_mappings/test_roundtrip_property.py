"""Property test: any order or invoice written as EDIFACT reads back as the same document.

Texts use the awkward characters (separators ``+:'``, release ``?``, æøå, the decimal comma) and
quantities/amounts are Decimals of any scale, so releasing, number formatting and element
positions are exercised together with the real writer and reader.
"""

from datetime import date, datetime
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vareflyt.domain.invoices import AllowanceCharge, Invoice, InvoiceKind, InvoiceLine, InvoiceTotals, VatBreakdown
from vareflyt.domain.orders import Order, OrderLine, PartyRef
from vareflyt.edi.mappings import document_from_message, segments_from_document
from vareflyt.edi.reader import read_interchanges
from vareflyt.edi.writer import write_interchange

ALPHABET = "ABCXYZabcxyzæøåÆØÅ0123456789 -./+:'?,"
texts = st.text(ALPHABET, min_size=1, max_size=20).map(str.strip).filter(bool)
opt_texts = st.none() | texts
codes = st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-", min_size=1, max_size=12)
amounts = st.decimals(min_value=Decimal("-99999"), max_value=Decimal("999999"), places=2, allow_nan=False)
quantities = st.decimals(min_value=Decimal("0"), max_value=Decimal("100000"), places=3, allow_nan=False)
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))
glns = st.from_regex(r"\A70[0-9]{11}\Z")
parties = st.builds(PartyRef, gln=glns, orgnr=st.none() | st.from_regex(r"\A[89][0-9]{8}\Z"),
                    vat_no=st.none() | st.from_regex(r"\ANO[0-9]{9}MVA\Z"), name=opt_texts)
units = st.sampled_from(["EA", "MTR", "KGM", "PA", "MTK", None])

order_lines = st.builds(OrderLine, line_no=st.integers(1, 9999), quantity=quantities, unit=units,
                        gtin=st.none() | st.from_regex(r"\A[0-9]{13}\Z"), seller_article_no=texts,
                        nobb=st.none() | st.from_regex(r"\A[0-9]{8}\Z"), name=opt_texts,
                        net_price=st.none() | amounts,
                        delivery=st.none() | days | st.datetimes(datetime(2000, 1, 1), datetime(2099, 1, 1)).map(
                            lambda d: d.replace(second=0, microsecond=0)))
orders = st.builds(Order, number=codes, order_date=days, buyer=parties, supplier=parties,
                   lines=st.lists(order_lines, min_size=1, max_size=5).map(tuple),
                   agreement_ref=opt_texts, price_list_ref=opt_texts, delivery_party=st.none() | parties,
                   pickup=st.booleans(), currency=st.sampled_from(["NOK", "SEK", None]), note=opt_texts)

acs = st.builds(AllowanceCharge, is_charge=st.booleans(), amount=amounts, reason_code=st.none() | codes,
                reason=opt_texts, percent=st.none() | st.decimals(0, 100, places=2))
rates = st.sampled_from([Decimal("25"), Decimal("15"), Decimal("12"), Decimal("0")])
invoice_lines = st.builds(InvoiceLine, line_no=st.integers(1, 999).map(str), quantity=quantities,
                          line_amount=amounts, unit=units, order_no=opt_texts, order_line=st.none() | codes,
                          seller_article_no=opt_texts, gtin=st.none() | st.from_regex(r"\A[0-9]{13}\Z"),
                          name=opt_texts, net_price=st.none() | amounts, gross_price=st.none() | amounts,
                          allowances_charges=st.lists(acs, max_size=2).map(tuple),
                          vat_category=st.sampled_from(["S", "Z", "E"]), vat_rate=rates)
invoices = st.builds(Invoice, kind=st.sampled_from(list(InvoiceKind)), number=codes, issue_date=days,
                     supplier=parties, buyer=parties, lines=st.lists(invoice_lines, max_size=4).map(tuple),
                     due_date=st.none() | days, order_refs=st.lists(codes, max_size=2).map(tuple),
                     despatch_refs=st.lists(codes, max_size=2).map(tuple), bank_account=st.none() | codes,
                     allowances_charges=st.lists(acs.map(lambda a: a.__class__(**{**a.__dict__, "vat_category": "S",
                                                                                "vat_rate": Decimal("25")})),
                                                 max_size=2).map(tuple),
                     vat_breakdown=st.lists(st.builds(VatBreakdown, category=st.just("S"), rate=rates,
                                                      taxable_amount=amounts, tax_amount=amounts),
                                            max_size=2).map(tuple),
                     totals=st.builds(InvoiceTotals, line_total=amounts, vat_total=amounts, payable=amounts,
                                      rounding=st.none() | amounts))


def round_trip(doc):
    mtype, body = segments_from_document(doc)
    data = write_interchange("7080000000001", "7080000000002", [(mtype, body)], "1", datetime(2026, 1, 1))
    result = read_interchanges(data)
    assert result.ok, [i.render() for i in result.issues]
    back, issues = document_from_message(result.messages[0])
    assert [i for i in issues if i.is_error] == [], [i.render() for i in issues]
    return back


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(orders)
def test_any_order_round_trips(order):
    assert round_trip(order) == order


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(invoices)
def test_any_invoice_round_trips(invoice):
    assert round_trip(invoice) == invoice
