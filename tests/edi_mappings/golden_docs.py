"""The hand-checked domain documents behind the golden files in tests/data/edi_golden/ and ehf/.

One order flow at Fjellbygg Trelast AS (buyer) from Nordisk Gips og Bygg AS (supplier):
order 4500012345 -> response -> packing slip -> invoice F-100233 (25 % and 15 % VAT, a line
discount, a price discount, header freight charge and campaign allowance, øreavrunding) ->
credit note K-100301; and the supplier's price catalogue. ``make_golden.py`` writes the files.
Arithmetic (checked by hand and by test_golden.py):
  lines 1798.00 + 698.25 (3 × 245.00 − 5 %) + 472.14 (36.6 MTR × 129.00 / 10) + 219.60 = 3187.99
  − allowance 100.00 + charge 350.00 = 3437.99; VAT 25 % of 3218.39 = 804.60, 15 % of 219.60 = 32.94
  total 4275.53, rounding −0.53, payable 4275.00.
"""

from datetime import date, datetime
from decimal import Decimal as D

from vareflyt.domain.catalogue import CatalogueArticle, CatalogueKind, PriceCatalogue
from vareflyt.domain.despatch import DespatchAdvice, DespatchLine, Package
from vareflyt.domain.invoices import (
    AllowanceCharge,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    InvoiceTotals,
    PaymentTerms,
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
from vareflyt.edi.mappings import ItemCodes

BUYER = PartyRef(gln="7080001234560", orgnr="987654325", vat_no="NO987654325MVA", name="Fjellbygg Trelast AS")
SUPPLIER = PartyRef(
    gln="7080007654324", orgnr="912345688", vat_no="NO912345688MVA", name="Nordisk Gips og Bygg AS"
)
DELIVERY = PartyRef(gln="7080001234577", name="Fjellbygg Trelast avd. Gjøvik")
ORDER_NO = "4500012345"
GIPS, SKRUE, LEKT, KAFFE, GIPS_PALL = (
    "7012345000013",
    "7012345000020",
    "7012345000037",
    "7012345000044",
    "7012345000051",
)
SSCC_1, SSCC_2 = "370123450000000014", "370123450000000021"

ORDER = Order(
    number=ORDER_NO,
    order_date=date(2026, 11, 2),
    buyer=BUYER,
    supplier=SUPPLIER,
    requested_delivery=datetime(2026, 11, 9, 7, 0),
    delivery_party=DELIVERY,
    agreement_ref="AVT-2026-01",
    price_list_ref="PL-2026-2",
    currency="NOK",
    note="Ring 61 00 00 00 ved ankomst",
    lines=(
        OrderLine(1, D("20"), "EA", GIPS, "GP-1224", "41234567", "Gipsplate standard 12,5x1200x2400"),
        OrderLine(2, D("5"), "PA", SKRUE, "SK-3925", "22345678", "Gipsskrue 3,9x25 1000 stk"),
        OrderLine(3, D("36.6"), "MTR", LEKT, "LK-4848", "53456789", "Lekt 48x48 impregnert"),
        OrderLine(4, D("4"), "EA", KAFFE, "KF-500", None, "Kaffe filtermalt 500 g"),
        OrderLine(
            5, D("10"), "EA", None, "GP-1515", None, "Gipsplate brann 15x1200x2400", net_price=D("149.00")
        ),
    ),
)

ORDER_RESPONSE = OrderResponse(
    number="OB-88001",
    order_no=ORDER_NO,
    issue_date=date(2026, 11, 3),
    status=ResponseStatus.CHANGED,
    supplier=SUPPLIER,
    buyer=BUYER,
    delivery_party=DELIVERY,
    currency="NOK",
    lines=(
        ResponseLine(
            1,
            LineAction.ACCEPTED,
            GIPS,
            "GP-1224",
            unit="EA",
            ordered_qty=D("20"),
            confirmed_qty=D("20"),
            delivery_date=date(2026, 11, 9),
            net_price=D("89.90"),
        ),
        ResponseLine(
            2,
            LineAction.CHANGED,
            SKRUE,
            "SK-3925",
            unit="PA",
            ordered_qty=D("5"),
            confirmed_qty=D("3"),
            backorder_qty=D("2"),
            backorder_date=date(2026, 11, 16),
            delivery_date=date(2026, 11, 9),
            net_price=D("245.00"),
            reason="Restnotert, kommer uke 47",
        ),
        ResponseLine(
            3,
            LineAction.ACCEPTED,
            LEKT,
            "LK-4848",
            unit="MTR",
            ordered_qty=D("36.6"),
            confirmed_qty=D("36.6"),
        ),
        ResponseLine(
            4, LineAction.ACCEPTED, KAFFE, "KF-500", unit="EA", ordered_qty=D("4"), confirmed_qty=D("4")
        ),
        ResponseLine(
            5,
            LineAction.NOT_ACCEPTED,
            None,
            "GP-1515",
            unit="EA",
            ordered_qty=D("10"),
            confirmed_qty=D("0"),
            reason="Utgått vare",
        ),
    ),
)

DESPATCH = DespatchAdvice(
    number="DS-77001",
    issue_date=date(2026, 11, 6),
    supplier=SUPPLIER,
    buyer=BUYER,
    order_no=ORDER_NO,
    despatch_date=datetime(2026, 11, 6, 14, 30),
    delivery_date=date(2026, 11, 9),
    delivery_party=DELIVERY,
    consignment_ref="FB123456789",
    final_delivery=False,
    packages=(Package(SSCC_1, "PX"), Package(SSCC_2, "CT")),
    lines=(
        DespatchLine(
            1,
            D("20"),
            "EA",
            GIPS,
            "GP-1224",
            name="Gipsplate standard 12,5x1200x2400",
            order_no=ORDER_NO,
            order_line="1",
            sscc=SSCC_1,
        ),
        DespatchLine(
            3,
            D("36.6"),
            "MTR",
            LEKT,
            "LK-4848",
            name="Lekt 48x48 impregnert",
            order_no=ORDER_NO,
            order_line="3",
            sscc=SSCC_1,
        ),
        DespatchLine(
            2,
            D("3"),
            "PA",
            SKRUE,
            "SK-3925",
            name="Gipsskrue 3,9x25 1000 stk",
            order_no=ORDER_NO,
            order_line="2",
            sscc=SSCC_2,
            ordered_qty=D("5"),
        ),
        DespatchLine(
            4,
            D("4"),
            "EA",
            KAFFE,
            "KF-500",
            name="Kaffe filtermalt 500 g",
            order_no=ORDER_NO,
            order_line="4",
            sscc=SSCC_2,
        ),
    ),
)

S25, S15 = ("S", D("25")), ("S", D("15"))


def _line(
    no,
    qty,
    unit,
    gtin,
    seller,
    nobb,
    name,
    amount,
    net,
    rate,
    gross=None,
    base=D("1"),
    acs=(),
    order_line=None,
):
    return InvoiceLine(
        line_no=no,
        quantity=D(qty),
        line_amount=D(amount),
        unit=unit,
        order_no=ORDER_NO,
        order_line=order_line or no,
        seller_article_no=seller,
        gtin=gtin,
        nobb=nobb,
        name=name,
        net_price=D(net),
        gross_price=D(gross) if gross else None,
        price_base_qty=base,
        allowances_charges=acs,
        vat_category="S",
        vat_rate=D(rate),
    )


INVOICE = Invoice(
    kind=InvoiceKind.INVOICE,
    number="F-100233",
    issue_date=date(2026, 11, 10),
    supplier=SUPPLIER,
    buyer=BUYER,
    due_date=date(2026, 12, 10),
    delivery_date=date(2026, 11, 9),
    currency="NOK",
    delivery_party=DELIVERY,
    order_refs=(ORDER_NO,),
    despatch_refs=("DS-77001",),
    contract_ref="AVT-2026-01",
    payment_terms=PaymentTerms(30, "30 dager netto"),
    bank_account="15032080119",
    payment_ref="10023307",
    note="Takk for handelen",
    lines=(
        _line(
            "1",
            "20",
            "EA",
            GIPS,
            "GP-1224",
            "41234567",
            "Gipsplate standard 12,5x1200x2400",
            "1798.00",
            "89.90",
            "25",
            gross="112.50",
        ),
        _line(
            "2",
            "3",
            "PA",
            SKRUE,
            "SK-3925",
            "22345678",
            "Gipsskrue 3,9x25 1000 stk",
            "698.25",
            "245.00",
            "25",
            acs=(AllowanceCharge(False, D("36.75"), "95", "Kvantumsrabatt", D("5"), D("735.00")),),
        ),
        _line(
            "3",
            "36.6",
            "MTR",
            LEKT,
            "LK-4848",
            "53456789",
            "Lekt 48x48 impregnert",
            "472.14",
            "129.00",
            "25",
            base=D("10"),
        ),
        _line("4", "4", "EA", KAFFE, "KF-500", None, "Kaffe filtermalt 500 g", "219.60", "54.90", "15"),
    ),
    allowances_charges=(
        AllowanceCharge(False, D("100.00"), "95", "Kampanjerabatt", vat_category="S", vat_rate=D("25")),
        AllowanceCharge(True, D("350.00"), "FC", "Frakt", vat_category="S", vat_rate=D("25")),
    ),
    vat_breakdown=(
        VatBreakdown("S", D("25"), D("3218.39"), D("804.60")),
        VatBreakdown("S", D("15"), D("219.60"), D("32.94")),
    ),
    totals=InvoiceTotals(
        line_total=D("3187.99"),
        allowance_total=D("100.00"),
        charge_total=D("350.00"),
        tax_exclusive=D("3437.99"),
        vat_total=D("837.54"),
        tax_inclusive=D("4275.53"),
        rounding=D("-0.53"),
        payable=D("4275.00"),
    ),
)

# Credit note: 5 plates back (10 % handling discount), 1 coffee, freight credited.
# 404.55 + 54.90 = 459.45; + 100.00 = 559.45; VAT 25 % of 504.55 = 126.14, 15 % of 54.90 = 8.24
# (8.235 half up)
# total 693.83, rounding +0.17, payable 694.00.
CREDIT_NOTE = Invoice(
    kind=InvoiceKind.CREDIT_NOTE,
    number="K-100301",
    issue_date=date(2026, 11, 20),
    supplier=SUPPLIER,
    buyer=BUYER,
    currency="NOK",
    order_refs=(ORDER_NO,),
    credited_invoice="F-100233",
    bank_account="15032080119",
    note="Retur av skadede plater",
    lines=(
        _line(
            "1",
            "5",
            "EA",
            GIPS,
            "GP-1224",
            "41234567",
            "Gipsplate standard 12,5x1200x2400",
            "404.55",
            "89.90",
            "25",
            acs=(AllowanceCharge(False, D("44.95"), "95", "Returfradrag", D("10"), D("449.50")),),
        ),
        _line(
            "2",
            "1",
            "EA",
            KAFFE,
            "KF-500",
            None,
            "Kaffe filtermalt 500 g",
            "54.90",
            "54.90",
            "15",
            order_line="4",
        ),
    ),
    allowances_charges=(
        AllowanceCharge(True, D("100.00"), "FC", "Frakt kreditert", vat_category="S", vat_rate=D("25")),
    ),
    vat_breakdown=(
        VatBreakdown("S", D("25"), D("504.55"), D("126.14")),
        VatBreakdown("S", D("15"), D("54.90"), D("8.24")),
    ),
    totals=InvoiceTotals(
        line_total=D("459.45"),
        charge_total=D("100.00"),
        tax_exclusive=D("559.45"),
        vat_total=D("134.38"),
        tax_inclusive=D("693.83"),
        rounding=D("0.17"),
        payable=D("694.00"),
    ),
)

CATALOGUE = PriceCatalogue(
    supplier_gln=SUPPLIER.gln,
    kind=CatalogueKind.NEW,
    valid_from=date(2026, 12, 1),
    number="PK-2026-12",
    buyer_gln=BUYER.gln,
    price_list_ref="PL-2026-2",
    currency="NOK",
    issue_date=date(2026, 11, 15),
    articles=(
        CatalogueArticle(
            "GP-1224",
            "Gipsplate standard 12,5x1200x2400",
            GIPS,
            "41234567",
            "EA",
            "F",
            D("1"),
            gross=D("112.50"),
            discount_pct=D("20"),
            net=D("90.00"),
            vat_pct=D("25"),
            product_group="0412",
            weight_kg=D("23.4"),
            price_basis=D("1"),
        ),
        CatalogueArticle(
            "GP-1224-P",
            "Gipsplate standard 12,5x1200x2400, pall",
            GIPS_PALL,
            None,
            "EA",
            "T",
            D("50"),
            gross=D("112.50"),
            discount_pct=D("22.22"),
            net=D("87.50"),
            vat_pct=D("25"),
            product_group="0412",
            campaign_net=D("79.90"),
            campaign_from=date(2026, 12, 1),
            campaign_to=date(2026, 12, 31),
            price_basis=D("1"),
        ),
        CatalogueArticle(
            "SK-3925",
            "Gipsskrue 3,9x25 1000 stk",
            SKRUE,
            "22345678",
            "PA",
            "F",
            D("1"),
            gross=D("306.25"),
            discount_pct=D("20"),
            net=D("245.00"),
            fees=D("2.50"),
            vat_pct=D("25"),
            product_group="0520",
        ),
        CatalogueArticle(
            "LK-4848",
            "Lekt 48x48 impregnert",
            LEKT,
            "53456789",
            "MTR",
            "F",
            D("1"),
            gross=D("161.25"),
            discount_pct=D("20"),
            net=D("129.00"),
            vat_pct=D("25"),
            valid_to=date(2027, 6, 30),
            product_group="0610",
            price_basis=D("10"),
        ),
    ),
)

# (file stem, message type, document, sender GLN, receiver GLN, control reference)
GOLDEN = [
    ("orders", "ORDERS", ORDER, BUYER.gln, SUPPLIER.gln, "100001"),
    ("ordrsp", "ORDRSP", ORDER_RESPONSE, SUPPLIER.gln, BUYER.gln, "200001"),
    ("desadv", "DESADV", DESPATCH, SUPPLIER.gln, BUYER.gln, "200002"),
    ("invoic", "INVOIC", INVOICE, SUPPLIER.gln, BUYER.gln, "200003"),
    ("invoic_credit_note", "INVOIC", CREDIT_NOTE, SUPPLIER.gln, BUYER.gln, "200004"),
    ("pricat", "PRICAT", CATALOGUE, SUPPLIER.gln, BUYER.gln, "200005"),
]
PREPARED = datetime(2026, 11, 20, 8, 15)
# The supplier in these files is set up in vareflyt.toml with nobb_code = "NB": its PIA+1+<no>:NB
# is a NOBB number. Without that setting NB is a batch number (UNCL 7143) and no NOBB is read.
PARTNER_CODES = ItemCodes.for_partner("NB")
# (EHF file, the domain document it must give: the same as the EDIFACT golden of the same invoice)
EHF = [("invoice_F-100233", INVOICE), ("creditnote_K-100301", CREDIT_NOTE)]
