"""An EHF writer for the demo's simulated supplier: PEPPOL BIS Billing 3.0 (UBL 2.1) Invoice and
CreditNote documents for a domain ``Invoice``, written as text the way a small supplier's
invoicing program does.

``ehf_xml(inv)`` gives the document's bytes: parties by GLN (scheme 0088), order, despatch,
contract and billing references, delivery, payment means and terms, document and line
allowances/charges, the VAT breakdown, the monetary totals and the lines (seller's article
number, GTIN (scheme 0160), NOBB number as an item property, price and base quantity).
Amounts are written with two decimals.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from ..domain.invoices import Invoice, InvoiceKind


def _x(value) -> str:
    return escape(str(value), {'"': "&quot;"})


def _amt(tag: str, value, cur: str) -> str:
    return f'<cbc:{tag} currencyID="{cur}">{value:.2f}</cbc:{tag}>'


def _party(ref, role: str) -> str:
    ids = f'<cbc:EndpointID schemeID="0088">{_x(ref.gln)}</cbc:EndpointID>' if ref.gln else ""
    ids += (
        f'<cac:PartyIdentification><cbc:ID schemeID="0088">{_x(ref.gln)}</cbc:ID></cac:PartyIdentification>'
        if ref.gln
        else ""
    )
    name = f"<cac:PartyName><cbc:Name>{_x(ref.name)}</cbc:Name></cac:PartyName>" if ref.name else ""
    legal = (
        f"<cac:PartyLegalEntity><cbc:RegistrationName>{_x(ref.name or '')}</cbc:RegistrationName>"
        + (f"<cbc:CompanyID>{_x(ref.orgnr)}</cbc:CompanyID>" if ref.orgnr else "")
        + "</cac:PartyLegalEntity>"
    )
    return f"<cac:{role}><cac:Party>{ids}{name}{legal}</cac:Party></cac:{role}>"


def _ac(ac, cur: str, with_tax: bool) -> str:
    out = (
        f"<cac:AllowanceCharge><cbc:ChargeIndicator>{'true' if ac.is_charge else 'false'}"
        "</cbc:ChargeIndicator>"
    )
    if ac.reason_code:
        out += f"<cbc:AllowanceChargeReasonCode>{_x(ac.reason_code)}</cbc:AllowanceChargeReasonCode>"
    if ac.reason:
        out += f"<cbc:AllowanceChargeReason>{_x(ac.reason)}</cbc:AllowanceChargeReason>"
    if ac.percent is not None:
        out += f"<cbc:MultiplierFactorNumeric>{ac.percent}</cbc:MultiplierFactorNumeric>"
    out += _amt("Amount", ac.amount, cur)
    if ac.base_amount is not None:
        out += _amt("BaseAmount", ac.base_amount, cur)
    if with_tax:
        out += (
            f"<cac:TaxCategory><cbc:ID>{ac.vat_category or 'S'}</cbc:ID>"
            f"<cbc:Percent>{ac.vat_rate or 0}</cbc:Percent>"
            "<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory>"
        )
    return out + "</cac:AllowanceCharge>"


def _ehf_line(ln, cur: str, credit: bool) -> str:
    tag, qty = ("CreditNoteLine", "CreditedQuantity") if credit else ("InvoiceLine", "InvoicedQuantity")
    out = (
        f'<cac:{tag}><cbc:ID>{_x(ln.line_no)}</cbc:ID><cbc:{qty} unitCode="{_x(ln.unit or "EA")}">'
        f"{ln.quantity}</cbc:{qty}>" + _amt("LineExtensionAmount", ln.line_amount, cur)
    )
    if ln.order_line:
        out += (
            f"<cac:OrderLineReference><cbc:LineID>{_x(ln.order_line)}</cbc:LineID></cac:OrderLineReference>"
        )
    out += "".join(_ac(ac, cur, False) for ac in ln.allowances_charges)
    out += f"<cac:Item><cbc:Name>{_x(ln.name or ln.seller_article_no or '')}</cbc:Name>"
    if ln.seller_article_no:
        out += (
            f"<cac:SellersItemIdentification><cbc:ID>{_x(ln.seller_article_no)}</cbc:ID>"
            "</cac:SellersItemIdentification>"
        )
    if ln.gtin:
        out += (
            "<cac:StandardItemIdentification><cbc:ID "
            f'schemeID="0160">{_x(ln.gtin)}</cbc:ID></cac:StandardItemIdentification>'
        )
    out += (
        f"<cac:ClassifiedTaxCategory><cbc:ID>{ln.vat_category or 'S'}</cbc:ID>"
        f"<cbc:Percent>{ln.vat_rate}</cbc:Percent>"
        "<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory>"
    )
    if ln.nobb:
        out += (
            "<cac:AdditionalItemProperty><cbc:Name>NOBB</cbc:Name>"
            f"<cbc:Value>{_x(ln.nobb)}</cbc:Value></cac:AdditionalItemProperty>"
        )
    out += f"</cac:Item><cac:Price>{_amt('PriceAmount', ln.net_price, cur)}"
    if ln.price_base_qty is not None:
        out += f'<cbc:BaseQuantity unitCode="{_x(ln.unit or "EA")}">{ln.price_base_qty}</cbc:BaseQuantity>'
    return out + f"</cac:Price></cac:{tag}>"


def ehf_xml(inv: Invoice) -> bytes:
    """An EHF 3.0 (PEPPOL BIS Billing 3.0) Invoice or CreditNote for a domain invoice."""
    credit = inv.kind is InvoiceKind.CREDIT_NOTE
    root = "CreditNote" if credit else "Invoice"
    cur, t = inv.currency or "NOK", inv.totals
    out = [
        f'<?xml version="1.0" encoding="UTF-8"?>\n<{root} '
        f'xmlns="urn:oasis:names:specification:ubl:schema:xsd:{root}-2" '
        'xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" '
        'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">',
        "<cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
        "</cbc:CustomizationID><cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>",
        f"<cbc:ID>{_x(inv.number)}</cbc:ID><cbc:IssueDate>{inv.issue_date.isoformat()}</cbc:IssueDate>",
    ]
    if inv.due_date and not credit:
        out.append(f"<cbc:DueDate>{inv.due_date.isoformat()}</cbc:DueDate>")
    out.append(f"<cbc:{root}TypeCode>{'381' if credit else '380'}</cbc:{root}TypeCode>")
    if inv.note:
        out.append(f"<cbc:Note>{_x(inv.note)}</cbc:Note>")
    out.append(f"<cbc:DocumentCurrencyCode>{cur}</cbc:DocumentCurrencyCode>")
    if inv.order_refs:
        out.append(f"<cac:OrderReference><cbc:ID>{_x(inv.order_refs[0])}</cbc:ID></cac:OrderReference>")
    if inv.credited_invoice:
        out.append(
            f"<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>{_x(inv.credited_invoice)}</cbc:ID>"
            "</cac:InvoiceDocumentReference></cac:BillingReference>"
        )
    out += [
        f"<cac:DespatchDocumentReference><cbc:ID>{_x(d)}</cbc:ID></cac:DespatchDocumentReference>"
        for d in inv.despatch_refs
    ]
    if inv.contract_ref:
        out.append(
            f"<cac:ContractDocumentReference><cbc:ID>{_x(inv.contract_ref)}</cbc:ID></cac:ContractDocumentReference>"
        )
    out += [_party(inv.supplier, "AccountingSupplierParty"), _party(inv.buyer, "AccountingCustomerParty")]
    if inv.delivery_date or inv.delivery_party:
        out.append(
            "<cac:Delivery>"
            + (
                f"<cbc:ActualDeliveryDate>{inv.delivery_date.isoformat()}</cbc:ActualDeliveryDate>"
                if inv.delivery_date
                else ""
            )
            + (
                f'<cac:DeliveryLocation><cbc:ID schemeID="0088">{_x(inv.delivery_party.gln)}</cbc:ID>'
                "</cac:DeliveryLocation>"
                if inv.delivery_party and inv.delivery_party.gln
                else ""
            )
            + "</cac:Delivery>"
        )
    if inv.bank_account:
        out.append(
            "<cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode>"
            + (f"<cbc:PaymentID>{_x(inv.payment_ref)}</cbc:PaymentID>" if inv.payment_ref else "")
            + f"<cac:PayeeFinancialAccount><cbc:ID>{_x(inv.bank_account)}</cbc:ID>"
            "</cac:PayeeFinancialAccount>"
            "</cac:PaymentMeans>"
        )
    if inv.payment_terms and inv.payment_terms.text:
        out.append(f"<cac:PaymentTerms><cbc:Note>{_x(inv.payment_terms.text)}</cbc:Note></cac:PaymentTerms>")
    out += [_ac(ac, cur, True) for ac in inv.allowances_charges]
    out.append(
        "<cac:TaxTotal>"
        + _amt("TaxAmount", t.vat_total, cur)
        + "".join(
            "<cac:TaxSubtotal>"
            + _amt("TaxableAmount", v.taxable_amount, cur)
            + _amt("TaxAmount", v.tax_amount, cur)
            + f"<cac:TaxCategory><cbc:ID>{v.category}</cbc:ID><cbc:Percent>{v.rate}</cbc:Percent>"
            "<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal>"
            for v in inv.vat_breakdown
        )
        + "</cac:TaxTotal>"
    )
    money = [
        ("LineExtensionAmount", t.line_total),
        ("TaxExclusiveAmount", t.tax_exclusive),
        ("TaxInclusiveAmount", t.tax_inclusive),
        ("AllowanceTotalAmount", t.allowance_total),
        ("ChargeTotalAmount", t.charge_total),
        ("PrepaidAmount", t.prepaid),
        ("PayableRoundingAmount", t.rounding),
        ("PayableAmount", t.payable),
    ]
    out.append(
        "<cac:LegalMonetaryTotal>"
        + "".join(_amt(tag, v, cur) for tag, v in money if v is not None)
        + "</cac:LegalMonetaryTotal>"
    )
    out += [_ehf_line(ln, cur, credit) for ln in inv.lines]
    out.append(f"</{root}>")
    return "".join(out).encode("utf-8")
