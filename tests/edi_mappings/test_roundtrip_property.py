"""Property test: any order or invoice written as EDIFACT reads back as the same document.

Texts use the awkward characters (separators ``+:'``, release ``?``, æøå, the decimal comma) and
quantities/amounts are Decimals of any scale, so releasing, number formatting and element
positions are exercised together with the real writer and reader.
"""

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vareflyt.domain.catalogue import CatalogueArticle, CatalogueKind, PriceCatalogue
from vareflyt.domain.despatch import DespatchAdvice, DespatchLine, Package
from vareflyt.domain.invoices import (
    AllowanceCharge,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    InvoiceTotals,
    VatBreakdown,
)
from vareflyt.domain.orders import (
    LineAction,
    Order,
    OrderLine,
    OrderResponse,
    PartyRef,
    ResponseLine,
    ResponseStatus,
)
from vareflyt.edi.mappings import ItemCodes, document_from_message, segments_from_document
from vareflyt.edi.reader import read_interchanges
from vareflyt.edi.writer import write_interchange

ALPHABET = "ABCXYZabcxyzæøåÆØÅ0123456789 -./+:'?,"
texts = st.text(ALPHABET, min_size=1, max_size=20).map(str.strip).filter(bool)
opt_texts = st.none() | texts
codes = st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-", min_size=1, max_size=12)
# D.03A limits the writer keeps (it refuses longer values): RFF 1156 an..6, ALC 7161 an..3
line_refs = st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-", min_size=1, max_size=6)
reason_codes = st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=1, max_size=3)
amounts = st.decimals(min_value=Decimal("-99999"), max_value=Decimal("999999"), places=2, allow_nan=False)
quantities = st.decimals(min_value=Decimal("0"), max_value=Decimal("100000"), places=3, allow_nan=False)
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))
glns = st.from_regex(r"\A70[0-9]{11}\Z")
parties = st.builds(
    PartyRef,
    gln=glns,
    orgnr=st.none() | st.from_regex(r"\A[89][0-9]{8}\Z"),
    vat_no=st.none() | st.from_regex(r"\ANO[0-9]{9}MVA\Z"),
    name=opt_texts,
)
units = st.sampled_from(["EA", "MTR", "KGM", "PA", "MTK", None])

order_lines = st.builds(
    OrderLine,
    line_no=st.integers(1, 9999),
    quantity=quantities,
    unit=units,
    gtin=st.none() | st.from_regex(r"\A[0-9]{13}\Z"),
    seller_article_no=texts,
    nobb=st.none() | st.from_regex(r"\A[0-9]{8}\Z"),
    name=opt_texts,
    net_price=st.none() | amounts,
    delivery=st.none()
    | days
    | st.datetimes(datetime(2000, 1, 1), datetime(2099, 1, 1)).map(
        lambda d: d.replace(second=0, microsecond=0)
    ),
)
orders = st.builds(
    Order,
    number=codes,
    order_date=days,
    buyer=parties,
    supplier=parties,
    lines=st.lists(order_lines, min_size=1, max_size=5).map(tuple),
    agreement_ref=opt_texts,
    price_list_ref=opt_texts,
    delivery_party=st.none() | parties,
    pickup=st.booleans(),
    currency=st.sampled_from(["NOK", "SEK", None]),
    note=opt_texts,
)

acs = st.builds(
    AllowanceCharge,
    is_charge=st.booleans(),
    amount=amounts,
    reason_code=st.none() | reason_codes,
    reason=opt_texts,
    percent=st.none() | st.decimals(0, 100, places=2),
)
rates = st.sampled_from([Decimal("25"), Decimal("15"), Decimal("12"), Decimal("0")])
invoice_lines = st.builds(
    InvoiceLine,
    line_no=st.integers(1, 999).map(str),
    quantity=quantities,
    line_amount=amounts,
    unit=units,
    order_no=opt_texts,
    order_line=st.none() | line_refs,
    despatch_ref=st.none() | codes,
    seller_article_no=opt_texts,
    gtin=st.none() | st.from_regex(r"\A[0-9]{13}\Z"),
    nobb=st.none() | st.from_regex(r"\A[0-9]{8}\Z"),
    name=opt_texts,
    net_price=st.none() | amounts,
    gross_price=st.none() | amounts,
    price_base_qty=st.none() | st.sampled_from([Decimal("1"), Decimal("10"), Decimal("100")]),
    allowances_charges=st.lists(acs, max_size=2).map(tuple),
    vat_category=st.sampled_from(["S", "Z", "E"]),
    vat_rate=rates,
).map(
    # a base quantity belongs to a price (PRI 5284; UBL Price/BaseQuantity)
    lambda x: replace(x, price_base_qty=None) if x.net_price is None and x.gross_price is None else x
)


def with_header_totals(inv: Invoice) -> Invoice:
    """Header allowances and charges with their totals (MOA+260/259), as an invoice states them;
    the reader takes header ALC groups as the totals when a file leaves the totals out."""
    charges = [ac.amount for ac in inv.allowances_charges if ac.is_charge]
    allowances = [ac.amount for ac in inv.allowances_charges if not ac.is_charge]
    totals = replace(
        inv.totals,
        charge_total=sum(charges, Decimal(0)) if charges else None,
        allowance_total=sum(allowances, Decimal(0)) if allowances else None,
    )
    return replace(inv, totals=totals)


invoices = st.builds(
    Invoice,
    kind=st.sampled_from(list(InvoiceKind)),
    number=codes,
    issue_date=days,
    supplier=parties,
    buyer=parties,
    lines=st.lists(invoice_lines, max_size=4).map(tuple),
    due_date=st.none() | days,
    order_refs=st.lists(codes, max_size=2).map(tuple),
    despatch_refs=st.lists(codes, max_size=2).map(tuple),
    bank_account=st.none() | codes,
    allowances_charges=st.lists(
        acs.map(lambda a: a.__class__(**{**a.__dict__, "vat_category": "S", "vat_rate": Decimal("25")})),
        max_size=2,
    ).map(tuple),
    vat_breakdown=st.lists(
        st.builds(
            VatBreakdown, category=st.just("S"), rate=rates, taxable_amount=amounts, tax_amount=amounts
        ),
        max_size=2,
    ).map(tuple),
    totals=st.builds(
        InvoiceTotals, line_total=amounts, vat_total=amounts, payable=amounts, rounding=st.none() | amounts
    ),
).map(with_header_totals)


# The partner these documents go to and come from uses NB for NOBB numbers (nobb_code = "NB").
PARTNER_CODES = ItemCodes.for_partner("NB")


def round_trip(doc):
    mtype, body = segments_from_document(doc, codes=PARTNER_CODES)
    data = write_interchange("7080000000001", "7080000000002", [(mtype, body)], "1", datetime(2026, 1, 1))
    result = read_interchanges(data)
    assert result.ok, [i.render() for i in result.issues]
    back, issues = document_from_message(result.messages[0], codes=PARTNER_CODES)
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


@st.composite
def response_lines(draw):
    backorder = draw(st.none() | quantities)
    ordered, confirmed = draw(st.none() | quantities), draw(st.none() | quantities)
    return ResponseLine(
        line_no=draw(st.integers(1, 9999)),
        action=draw(st.sampled_from(list(LineAction))),
        gtin=draw(st.none() | st.from_regex(r"\A[0-9]{13}\Z")),
        seller_article_no=draw(opt_texts),
        name=draw(opt_texts),
        ordered_qty=ordered,
        confirmed_qty=confirmed,
        backorder_qty=backorder,
        unit=draw(units)
        if (ordered, confirmed, backorder) != (None, None, None)
        else None,  # unit rides on QTY
        backorder_date=draw(days) if backorder is not None and draw(st.booleans()) else None,
        delivery_date=draw(st.none() | days),
        net_price=draw(st.none() | amounts),
        reason=draw(opt_texts),
    )


responses = st.builds(
    OrderResponse,
    number=codes,
    order_no=codes,
    issue_date=days,
    status=st.sampled_from(list(ResponseStatus)),
    supplier=parties,
    buyer=parties,
    lines=st.lists(response_lines(), max_size=4).map(tuple),
    delivery_date=st.none() | days,
    delivery_party=st.none() | parties,
    note=opt_texts,
)


@st.composite
def despatches(draw):
    ssccs = draw(st.lists(st.from_regex(r"\A3[0-9]{17}\Z"), max_size=3, unique=True))
    packages = tuple(
        Package(x, draw(st.sampled_from(["PX", "CT", None])), draw(st.integers(1, 5))) for x in ssccs
    )
    lines = draw(
        st.lists(
            st.builds(
                DespatchLine,
                line_no=st.integers(1, 999),
                quantity=quantities,
                unit=units,
                gtin=st.none() | st.from_regex(r"\A[0-9]{13}\Z"),
                seller_article_no=opt_texts,
                name=opt_texts,
                order_no=opt_texts,
                order_line=st.none() | line_refs,
                sscc=st.sampled_from([None, *ssccs]),
                ordered_qty=st.none() | quantities,
            ),
            max_size=5,
        )
    )
    order = {None: -1, **{x: i for i, x in enumerate(ssccs)}}
    lines.sort(key=lambda line: order[line.sscc])  # the written order: loose lines, then per package
    return DespatchAdvice(
        number=draw(codes),
        issue_date=draw(days),
        supplier=draw(parties),
        buyer=draw(parties),
        lines=tuple(lines),
        packages=packages,
        order_no=draw(opt_texts),
        despatch_date=draw(st.none() | days),
        consignment_ref=draw(st.none() | codes),
        final_delivery=draw(st.booleans()),
    )


@st.composite
def articles(draw):
    campaign = draw(st.none() | amounts)
    gross, net, pack_qty = draw(st.none() | amounts), draw(st.none() | amounts), draw(st.none() | quantities)
    has_price = gross is not None or net is not None
    return CatalogueArticle(
        article_no=draw(texts),
        name=draw(st.just("") | texts),
        gtin=draw(st.none() | st.from_regex(r"\A[0-9]{13}\Z")),
        nobb=draw(st.none() | st.from_regex(r"\A[0-9]{8}\Z")),
        pack_level=draw(st.sampled_from([None, "F", "D", "T"])),
        unit=draw(units) if has_price or pack_qty is not None else None,  # the unit rides on PRI or QTY+59
        pack_qty=pack_qty,
        gross=gross,
        discount_pct=draw(st.none() | st.decimals(0, 100, places=2)),
        net=net,
        fees=draw(st.none() | amounts),
        vat_pct=draw(st.none() | rates),
        valid_from=draw(st.none() | days),
        valid_to=draw(st.none() | days),
        product_group=draw(st.sampled_from([None, "0412", "0520"])),
        weight_kg=draw(st.none() | quantities),
        campaign_net=campaign,
        campaign_from=draw(days) if campaign is not None else None,
        campaign_to=draw(st.none() | days) if campaign is not None else None,
        expired=draw(st.booleans()),
        price_basis=draw(st.none() | st.sampled_from([Decimal("1"), Decimal("10")])) if has_price else None,
    )


catalogues = st.builds(
    PriceCatalogue,
    supplier_gln=glns,
    kind=st.sampled_from(list(CatalogueKind)),
    valid_from=st.none() | days,
    articles=st.lists(articles(), max_size=4).map(tuple),
    number=codes,
    valid_to=st.none() | days,
    buyer_gln=st.none() | glns,
    price_list_ref=opt_texts,
    currency=st.sampled_from(["NOK", "EUR"]),
    issue_date=days,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(responses)
def test_any_order_response_round_trips(response):
    assert round_trip(response) == response


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(despatches())
def test_any_despatch_advice_round_trips(advice):
    assert round_trip(advice) == advice


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogues)
def test_any_price_catalogue_round_trips(catalogue):
    assert round_trip(catalogue) == catalogue
