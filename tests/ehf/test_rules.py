"""EHF reading rules on invoices written by hand in the shape PEPPOL BIS 3 senders write them:
payment terms from the due date (never from a cash-discount clause), a missing VAT percent, and
company identifiers read by their scheme and check digits."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from vareflyt.edi.ubl import read_ehf, read_ehf_document
from vareflyt.edi.ubl.amounts import days_in_text

SUPPLIER = """<cbc:EndpointID schemeID="0192">912345688</cbc:EndpointID>
  <cac:PartyIdentification><cbc:ID schemeID="0088">7080007654324</cbc:ID></cac:PartyIdentification>
  <cac:PartyName><cbc:Name>Nordisk Gips og Bygg AS</cbc:Name></cac:PartyName>
  <cac:PostalAddress><cbc:CityName>Drammen</cbc:CityName><cbc:PostalZone>3036</cbc:PostalZone>
    <cac:Country><cbc:IdentificationCode>NO</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
  <cac:PartyTaxScheme><cbc:CompanyID>NO912345688MVA</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
  <cac:PartyLegalEntity><cbc:RegistrationName>Nordisk Gips og Bygg AS</cbc:RegistrationName>
    <cbc:CompanyID schemeID="0192">912345688</cbc:CompanyID></cac:PartyLegalEntity>"""
BUYER = """<cbc:EndpointID schemeID="0192">987654325</cbc:EndpointID>
  <cac:PartyName><cbc:Name>Fjellbygg Trelast AS</cbc:Name></cac:PartyName>
  <cac:PostalAddress><cac:Country><cbc:IdentificationCode>NO</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
  <cac:PartyLegalEntity><cbc:RegistrationName>Fjellbygg Trelast AS</cbc:RegistrationName>
    <cbc:CompanyID schemeID="0192">987654325</cbc:CompanyID></cac:PartyLegalEntity>"""


def ehf(
    *,
    due: str | None = "2026-11-30",
    note: str | None = "2 % rabatt ved betaling innen 2 dager",
    supplier: str = SUPPLIER,
    category: str = "S",
    percent: str | None = "25",
    line_percent: str | None = "25",
    amount: str = "1000.00",
) -> bytes:
    pct = f"<cbc:Percent>{percent}</cbc:Percent>" if percent is not None else ""
    line_pct = f"<cbc:Percent>{line_percent}</cbc:Percent>" if line_percent is not None else ""
    tax = "250.00" if category == "S" else "0.00"
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
 xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
 xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
 <cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>
 <cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>
 <cbc:ID>F-9001</cbc:ID>
 <cbc:IssueDate>2026-11-10</cbc:IssueDate>
 {f"<cbc:DueDate>{due}</cbc:DueDate>" if due else ""}
 <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>
 <cbc:DocumentCurrencyCode>NOK</cbc:DocumentCurrencyCode>
 <cac:OrderReference><cbc:ID>4500012345</cbc:ID></cac:OrderReference>
 <cac:AccountingSupplierParty><cac:Party>{supplier}</cac:Party></cac:AccountingSupplierParty>
 <cac:AccountingCustomerParty><cac:Party>{BUYER}</cac:Party></cac:AccountingCustomerParty>
 <cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode><cbc:PaymentID>10023307</cbc:PaymentID>
  <cac:PayeeFinancialAccount><cbc:ID>15032080119</cbc:ID></cac:PayeeFinancialAccount></cac:PaymentMeans>
 {f"<cac:PaymentTerms><cbc:Note>{note}</cbc:Note></cac:PaymentTerms>" if note else ""}
 <cac:TaxTotal><cbc:TaxAmount currencyID="NOK">{tax}</cbc:TaxAmount>
  <cac:TaxSubtotal><cbc:TaxableAmount currencyID="NOK">1000.00</cbc:TaxableAmount>
   <cbc:TaxAmount currencyID="NOK">{tax}</cbc:TaxAmount>
   <cac:TaxCategory><cbc:ID>{category}</cbc:ID>{pct}<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory>
  </cac:TaxSubtotal></cac:TaxTotal>
 <cac:LegalMonetaryTotal><cbc:LineExtensionAmount currencyID="NOK">1000.00</cbc:LineExtensionAmount>
  <cbc:TaxExclusiveAmount currencyID="NOK">1000.00</cbc:TaxExclusiveAmount>
  <cbc:TaxInclusiveAmount currencyID="NOK">1250.00</cbc:TaxInclusiveAmount>
  <cbc:PayableAmount currencyID="NOK">{amount}</cbc:PayableAmount></cac:LegalMonetaryTotal>
 <cac:InvoiceLine><cbc:ID>1</cbc:ID><cbc:InvoicedQuantity unitCode="EA">10</cbc:InvoicedQuantity>
  <cbc:LineExtensionAmount currencyID="NOK">1000.00</cbc:LineExtensionAmount>
  <cac:OrderLineReference><cbc:LineID>1</cbc:LineID></cac:OrderLineReference>
  <cac:Item><cbc:Name>Gipsplate 12,5 mm</cbc:Name>
   <cac:StandardItemIdentification><cbc:ID \
schemeID="0160">7012345000013</cbc:ID></cac:StandardItemIdentification>
   <cac:ClassifiedTaxCategory><cbc:ID>{category}</cbc:ID>{line_pct}<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory>
  </cac:Item>
  <cac:Price><cbc:PriceAmount currencyID="NOK">100.00</cbc:PriceAmount></cac:Price></cac:InvoiceLine>
</Invoice>""".encode()


def accepted(data: bytes):
    invoice, issues = read_ehf(data, file="f.xml")
    assert invoice is not None, [i.render() for i in issues]
    return invoice, issues


# -- payment terms ---------------------------------------------------------------------------


def test_terms_are_the_due_date_minus_the_issue_date_not_the_cash_discount_days():
    invoice, _ = accepted(ehf())
    assert invoice.payment_terms.days == 20 and invoice.due_date == date(2026, 11, 30)
    assert invoice.payment_terms.text == "2 % rabatt ved betaling innen 2 dager"


def test_without_a_due_date_a_cash_discount_clause_gives_no_terms():
    invoice, _ = accepted(ehf(due=None))
    assert invoice.payment_terms.days is None


@pytest.mark.parametrize(
    "note,days",
    [
        ("30 dager netto", 30),
        ("Netto 14 dager", 14),
        ("2/10 net 30", 30),
        ("Payment within 30 days", 30),
        ("Payment within 10 days, 2% discount", None),
        ("2 % discount if paid within 2 days", None),
        ("30 dager netto, 2 % rabatt innen 10 dager", 30),
        ("Betaling innen 14 dager. Forsinkelsesrente 12 %", 14),
        ("Betales ved levering", None),
    ],
)
def test_days_in_a_terms_text(note, days):
    assert days_in_text(note) == days
    invoice, _ = accepted(ehf(due=None, note=note))
    assert invoice.payment_terms.days == days


def test_due_date_before_the_issue_date_is_a_warning_and_no_terms():
    invoice, issues = accepted(ehf(due="2026-11-01"))
    assert invoice.payment_terms.days is None and [i.code for i in issues] == ["ehf.due_date"]


# -- VAT percent -----------------------------------------------------------------------------


def test_standard_rate_without_percent_is_refused_not_zero():
    invoice, issues = read_ehf(ehf(percent=None), file="f.xml")
    assert invoice is None
    issue = next(i for i in issues if i.code == "ehf.vat_rate")
    assert "kategori S" in issue.message and "1 000,00" in issue.message and issue.source.file == "f.xml"


def test_line_with_standard_category_and_no_percent_is_refused():
    invoice, issues = read_ehf(ehf(line_percent=None))
    assert invoice is None and "Fakturalinje 1" in next(i for i in issues if i.code == "ehf.vat_rate").message


@pytest.mark.parametrize("category", ["Z", "E", "AE", "K", "G", "O"])
def test_zero_categories_without_percent_are_certainly_zero(category):
    invoice, issues = accepted(ehf(category=category, percent=None, line_percent=None))
    assert [(v.category, v.rate) for v in invoice.vat_breakdown] == [(category, D(0))]
    assert (invoice.lines[0].vat_category, invoice.lines[0].vat_rate) == (category, D(0))
    assert not [i for i in issues if i.code == "ehf.vat_rate"]


def test_a_given_percent_is_kept():
    invoice, _ = accepted(ehf(percent="25.00"))
    assert invoice.vat_breakdown[0].rate == D("25.00")


# -- identifiers -----------------------------------------------------------------------------


def party(ids: str, country: str | None = "NO", vat: str | None = None, name: str = "Leverandør AS") -> str:
    address = (
        (
            f"<cac:PostalAddress><cac:Country><cbc:IdentificationCode>{country}</cbc:IdentificationCode>"
            "</cac:Country></cac:PostalAddress>"
        )
        if country
        else ""
    )
    tax = (
        (
            f"<cac:PartyTaxScheme><cbc:CompanyID>{vat}</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID>"
            "</cac:TaxScheme></cac:PartyTaxScheme>"
        )
        if vat
        else ""
    )
    return f"<cac:PartyName><cbc:Name>{name}</cbc:Name></cac:PartyName>{address}{tax}{ids}"


def legal(value: str, scheme: str | None = None) -> str:
    attr = f' schemeID="{scheme}"' if scheme else ""
    return (
        f"<cac:PartyLegalEntity><cbc:RegistrationName>X</cbc:RegistrationName>"
        f"<cbc:CompanyID{attr}>{value}</cbc:CompanyID></cac:PartyLegalEntity>"
    )


@pytest.mark.parametrize(
    "supplier,gln,orgnr,codes",
    [
        # a British company id is kept as a foreign id, never an organisation number
        (party(legal("GB983294"), country="GB", vat="GB1232434"), None, None, []),
        # a Greek id that passes MOD11 is still Greek
        (party(legal("061828591", "9933"), country="GR", vat="EL061828591"), None, None, []),
        (party(legal("061828591"), country="SE"), None, None, []),
        # Norwegian organisation number by scheme 0192, by a Norwegian address, or inside NO…MVA
        (party(legal("912345688", "0192"), country="GB"), None, "912345688", []),
        (party(legal("912 345 688")), None, "912345688", []),
        (party(legal("NO912345688MVA")), None, "912345688", []),
        (party("", country="GB", vat="NO912345688MVA"), None, "912345688", []),
        # no country at all (some writers leave it out): a 9-digit MOD11 number is taken
        (party(legal("912345688"), country=None), None, "912345688", []),
        (party(legal("912345689"), country=None), None, None, []),
        # wrong check digits are reported and not used
        (party(legal("912345689", "0192")), None, None, ["ehf.org_number"]),
        (party(legal("912345689")), None, None, ["ehf.org_number"]),
        # 0088 is a GLN only when 13 digits with a GS1 check digit
        (party('<cbc:EndpointID schemeID="0088">7080007654324</cbc:EndpointID>'), "7080007654324", None, []),
        (
            party('<cbc:EndpointID schemeID="0088">9482348239847239874</cbc:EndpointID>'),
            None,
            None,
            ["ehf.gln"],
        ),
        (party('<cbc:EndpointID schemeID="0088">7080007654325</cbc:EndpointID>'), None, None, ["ehf.gln"]),
        (
            party(
                '<cac:PartyIdentification><cbc:ID schemeID="GLN">7080007654324</cbc:ID>'
                "</cac:PartyIdentification>"
            ),
            "7080007654324",
            None,
            [],
        ),
    ],
)
def test_company_ids_by_their_scheme(supplier, gln, orgnr, codes):
    invoice, issues = accepted(ehf(supplier=supplier))
    assert (invoice.supplier.gln, invoice.supplier.orgnr) == (gln, orgnr)
    assert [i.code for i in issues] == codes


def test_different_organisation_numbers_warn_and_the_legal_entity_wins():
    ids = '<cbc:EndpointID schemeID="0192">987654325</cbc:EndpointID>' + legal("912345688", "0192")
    invoice, issues = accepted(ehf(supplier=party(ids)))
    assert invoice.supplier.orgnr == "912345688" and [i.code for i in issues] == ["ehf.org_numbers_differ"]


def test_every_identifier_is_listed_with_what_it_was_taken_as():
    doc = read_ehf_document(ehf(supplier=party(legal("GB983294"), country="GB", vat="GB1232434")))
    assert [(i.value, i.scheme, i.element, i.taken_as) for i in doc.parties[0].ids] == [
        ("GB983294", None, "PartyLegalEntity", "utenlandsk"),
        ("GB1232434", None, "PartyTaxScheme", "mva"),
    ]


# -- amounts ---------------------------------------------------------------------------------


@pytest.mark.parametrize("amount", ["1E+400", "1" * 40, "NaN", "Infinity", "12,50,00"])
def test_an_absurd_amount_is_an_issue_at_its_line(amount):
    invoice, issues = read_ehf(ehf(amount=amount), file="f.xml")
    assert invoice is None
    issue = next(i for i in issues if i.code == "ehf.number_invalid")
    assert issue.source.row is not None and "PayableAmount" in issue.message


def in_euro(data: bytes, tax_currency: str | None, nok_tax: str = "2912.50") -> bytes:
    """The same invoice in EUR, as BIS 3 senders write one whose VAT is also stated in NOK (BR-53)."""
    text = (
        data.decode()
        .replace('currencyID="NOK"', 'currencyID="EUR"')
        .replace(
            "<cbc:DocumentCurrencyCode>NOK</cbc:DocumentCurrencyCode>",
            "<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>"
            + (f"<cbc:TaxCurrencyCode>{tax_currency}</cbc:TaxCurrencyCode>" if tax_currency else ""),
        )
    )
    if tax_currency:
        text = text.replace(
            "<cac:LegalMonetaryTotal>",
            f'<cac:TaxTotal><cbc:TaxAmount currencyID="{tax_currency}">'
            f"{nok_tax}</cbc:TaxAmount></cac:TaxTotal><cac:LegalMonetaryTotal>",
        )
    return text.encode()


def test_the_rate_is_the_nok_vat_over_the_document_vat():
    inv, _ = accepted(in_euro(ehf(), "NOK"))
    assert inv.currency == "EUR" and inv.exchange_rate == D("11.650000")  # 2 912,50 / 250,00


def test_without_vat_in_nok_the_rate_is_unknown():
    assert accepted(in_euro(ehf(), None))[0].exchange_rate is None
    assert accepted(in_euro(ehf(), "SEK", "2800.00"))[0].exchange_rate is None


def test_a_nok_invoice_has_no_rate():
    assert accepted(ehf())[0].exchange_rate is None
