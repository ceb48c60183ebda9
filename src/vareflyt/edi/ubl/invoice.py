"""Read EHF 3.0 / PEPPOL BIS Billing 3.0 ``Invoice`` and ``CreditNote`` (UBL 2.1) into ``Invoice``.

The same domain type as EDIFACT INVOIC, so invoice control compares both alike. Parties:
EndpointID (0192 organisation number, 0088 GLN), PartyIdentification (0088 GLN, 0192 orgnr),
PartyLegalEntity/CompanyID (orgnr), PartyTaxScheme VAT (``NO…MVA``). Lines: OrderLineReference
(the order number is the header OrderReference), Item Sellers/StandardItemIdentification (0160
GTIN), AdditionalItemProperty "NOBB", quantity and unit, Price with BaseQuantity and the gross
price from Price/AllowanceCharge/BaseAmount, line allowances/charges, ClassifiedTaxCategory.
Payment-term days are taken from the terms text ("30 dager netto") when it names them.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from vareflyt.domain.invoices import (AllowanceCharge, Invoice, InvoiceKind, InvoiceLine, InvoiceTotals,
                                      PaymentTerms, VatBreakdown)
from vareflyt.domain.issues import Issue, Source, error
from vareflyt.domain.orders import PartyRef

from .detect import CREDIT_NOTE_NS, INVOICE_NS
from .safe_xml import parse_xml

CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
NS = {"cac": CAC, "cbc": CBC}
GTIN_SCHEMES = {"0160", "GTIN", "0088"}   # some senders (and old BIS examples) tag GS1 item ids 0088
GLN_SCHEMES = {"0088", "GLN"}
ORGNR_SCHEMES = {"0192", "NO:ORGNR"}
_DAYS = re.compile(r"(\d{1,3})\s*(?:dager|dagar|days|d\b)", re.IGNORECASE)


class _Doc:
    """XPath helpers that record unreadable values as issues."""

    def __init__(self, root, file: str | None):
        self.root, self.file, self.issues = root, file, []

    def err(self, code: str, message: str, field: str | None = None) -> None:
        self.issues.append(error(code, message[:1].upper() + message[1:], Source(file=self.file, field=field)))

    def text(self, node, path: str) -> str | None:
        found = node.find(path, NS)
        if found is None or found.text is None:
            return None
        value = found.text.strip()
        return value or None

    def dec(self, node, path: str, what: str) -> Decimal | None:
        raw = self.text(node, path)
        if raw is None:
            return None
        try:
            value = Decimal(raw.replace(",", "."))
            if not value.is_finite():
                raise InvalidOperation
            return value
        except InvalidOperation:
            self.err("ehf.tall", f"{what}: «{raw}» er ikke et tall", path)
            return None

    def day(self, node, path: str, what: str) -> date | None:
        raw = self.text(node, path)
        if raw is None:
            return None
        try:
            return date.fromisoformat(raw[:10])
        except ValueError:
            self.err("ehf.dato", f"{what}: «{raw}» er ikke en dato (ÅÅÅÅ-MM-DD)", path)
            return None


def _party(d: _Doc, party) -> PartyRef | None:
    if party is None:
        return None
    gln = orgnr = None
    ids = [(e.get("schemeID") or "", (e.text or "").strip()) for e in
           party.findall("cbc:EndpointID", NS) + party.findall("cac:PartyIdentification/cbc:ID", NS)]
    for scheme, value in ids:
        if scheme in GLN_SCHEMES and not gln:
            gln = value
        elif scheme in ORGNR_SCHEMES and not orgnr:
            orgnr = value
    legal = d.text(party, "cac:PartyLegalEntity/cbc:CompanyID")
    orgnr = legal or orgnr
    vat_no = None
    for scheme in party.findall("cac:PartyTaxScheme", NS):
        if d.text(scheme, "cac:TaxScheme/cbc:ID") == "VAT":
            vat_no = d.text(scheme, "cbc:CompanyID")
    name = d.text(party, "cac:PartyName/cbc:Name") or d.text(party, "cac:PartyLegalEntity/cbc:RegistrationName")
    return PartyRef(gln=gln, orgnr=orgnr, vat_no=vat_no, name=name)


def _allowance_charge(d: _Doc, node, with_tax: bool) -> AllowanceCharge | None:
    flag = d.text(node, "cbc:ChargeIndicator")
    amount = d.dec(node, "cbc:Amount", "beløp for tillegg/fradrag")
    if flag not in ("true", "false") or amount is None:
        d.err("ehf.tillegg", "tillegg/fradrag mangler ChargeIndicator (true/false) eller beløp", "AllowanceCharge")
        return None
    return AllowanceCharge(
        is_charge=flag == "true", amount=amount,
        reason_code=d.text(node, "cbc:AllowanceChargeReasonCode"), reason=d.text(node, "cbc:AllowanceChargeReason"),
        percent=d.dec(node, "cbc:MultiplierFactorNumeric", "prosentsats"),
        base_amount=d.dec(node, "cbc:BaseAmount", "grunnlag"),
        vat_category=d.text(node, "cac:TaxCategory/cbc:ID") if with_tax else None,
        vat_rate=d.dec(node, "cac:TaxCategory/cbc:Percent", "momssats") if with_tax else None)


def _line(d: _Doc, node, qty_tag: str, order_no: str | None) -> InvoiceLine | None:
    line_no = d.text(node, "cbc:ID")
    qty_node = node.find(f"cbc:{qty_tag}", NS)
    quantity = d.dec(node, f"cbc:{qty_tag}", "fakturert antall")
    amount = d.dec(node, "cbc:LineExtensionAmount", "linjebeløp")
    if line_no is None or quantity is None or amount is None:
        d.err("ehf.linje", f"fakturalinje {line_no or '?'} mangler ID, {qty_tag} eller LineExtensionAmount",
              "InvoiceLine")
        return None
    item = node.find("cac:Item", NS)
    gtin = nobb = None
    if item is not None:
        for ident in item.findall("cac:StandardItemIdentification/cbc:ID", NS):
            if (ident.get("schemeID") or "") in GTIN_SCHEMES:
                gtin = (ident.text or "").strip() or None
        for prop in item.findall("cac:AdditionalItemProperty", NS):
            if (d.text(prop, "cbc:Name") or "").upper().startswith("NOBB"):
                nobb = d.text(prop, "cbc:Value")
    price = node.find("cac:Price", NS)
    price = price if price is not None else node.makeelement("Price")
    acs = [_allowance_charge(d, ac, with_tax=False) for ac in node.findall("cac:AllowanceCharge", NS)]
    return InvoiceLine(
        line_no=line_no, quantity=quantity, line_amount=amount,
        unit=qty_node.get("unitCode") if qty_node is not None else None,
        order_no=d.text(node, "cac:OrderLineReference/cac:OrderReference/cbc:ID") or order_no,
        order_line=d.text(node, "cac:OrderLineReference/cbc:LineID"),
        seller_article_no=d.text(node, "cac:Item/cac:SellersItemIdentification/cbc:ID"),
        gtin=gtin, nobb=nobb, name=d.text(node, "cac:Item/cbc:Name"),
        net_price=d.dec(price, "cbc:PriceAmount", "pris"),
        gross_price=d.dec(price, "cac:AllowanceCharge/cbc:BaseAmount", "bruttopris"),
        price_base_qty=d.dec(price, "cbc:BaseQuantity", "prisenhet"),
        allowances_charges=tuple(a for a in acs if a),
        vat_category=d.text(node, "cac:Item/cac:ClassifiedTaxCategory/cbc:ID"),
        vat_rate=d.dec(node, "cac:Item/cac:ClassifiedTaxCategory/cbc:Percent", "momssats"))


def _tax_total(d: _Doc, root, currency: str | None):
    """The TaxTotal in the document currency (BIS 3 may add one in the tax currency)."""
    totals = root.findall("cac:TaxTotal", NS)
    for total in totals:
        amount = total.find("cbc:TaxAmount", NS)
        if total.find("cac:TaxSubtotal", NS) is not None or (amount is not None and amount.get("currencyID") == currency):
            return total
    return totals[0] if totals else None


def _vat(d: _Doc, tax_total) -> list[VatBreakdown]:
    out = []
    for sub in tax_total.findall("cac:TaxSubtotal", NS) if tax_total is not None else []:
        taxable, tax = d.dec(sub, "cbc:TaxableAmount", "momsgrunnlag"), d.dec(sub, "cbc:TaxAmount", "momsbeløp")
        category, rate = d.text(sub, "cac:TaxCategory/cbc:ID"), d.dec(sub, "cac:TaxCategory/cbc:Percent", "momssats")
        if taxable is None or tax is None or category is None:
            d.err("ehf.moms", "momsspesifikasjonen (TaxSubtotal) mangler grunnlag, beløp eller kategori", "TaxSubtotal")
            continue
        out.append(VatBreakdown(category=category, rate=rate if rate is not None else Decimal("0"),
                                taxable_amount=taxable, tax_amount=tax,
                                exemption_reason=d.text(sub, "cac:TaxCategory/cbc:TaxExemptionReason")))
    return out


def _totals(d: _Doc, root, tax_total) -> InvoiceTotals:
    m = root.find("cac:LegalMonetaryTotal", NS)
    if m is None:
        d.err("ehf.sum_mangler", "LegalMonetaryTotal (fakturaens summer) mangler", "LegalMonetaryTotal")
        return InvoiceTotals()
    fields = {"line_total": "LineExtensionAmount", "allowance_total": "AllowanceTotalAmount",
              "charge_total": "ChargeTotalAmount", "tax_exclusive": "TaxExclusiveAmount",
              "tax_inclusive": "TaxInclusiveAmount", "prepaid": "PrepaidAmount",
              "rounding": "PayableRoundingAmount", "payable": "PayableAmount"}
    values = {key: d.dec(m, f"cbc:{tag}", tag) for key, tag in fields.items()}
    if values["payable"] is None:
        d.err("ehf.sum_mangler", "beløp å betale (PayableAmount) mangler", "PayableAmount")
    vat_total = d.dec(tax_total, "cbc:TaxAmount", "momsbeløp") if tax_total is not None else None
    return InvoiceTotals(vat_total=vat_total, **values)


def _payment(d: _Doc, root) -> dict:
    out: dict = {}
    means = root.find("cac:PaymentMeans", NS)
    if means is not None:
        out["bank_account"] = d.text(means, "cac:PayeeFinancialAccount/cbc:ID")
        out["payment_ref"] = d.text(means, "cbc:PaymentID")
        out["_due"] = d.day(means, "cbc:PaymentDueDate", "forfallsdato")
    note = d.text(root, "cac:PaymentTerms/cbc:Note")
    if note:
        match = _DAYS.search(note)
        out["payment_terms"] = PaymentTerms(days=int(match.group(1)) if match else None, text=note)
    return out


def invoice_from_root(root, file: str | None = None) -> tuple[Invoice | None, list[Issue]]:
    """A parsed UBL root element -> (Invoice | None, issues)."""
    d = _Doc(root, file)
    namespace = root.tag.split("}")[0].lstrip("{") if root.tag.startswith("{") else ""
    local = root.tag.split("}")[-1]
    if (local, namespace) not in (("Invoice", INVOICE_NS), ("CreditNote", CREDIT_NOTE_NS)):
        d.err("ehf.ikke_ubl", f"rotelementet er «{local}» ({namespace or 'uten navnerom'}); en EHF-faktura "
              "må være UBL 2.1 Invoice eller CreditNote")
        return None, d.issues
    credit = local == "CreditNote"
    type_code = d.text(root, "cbc:CreditNoteTypeCode" if credit else "cbc:InvoiceTypeCode")
    kind = (InvoiceKind.CREDIT_NOTE if credit or type_code == "381"
            else InvoiceKind.DEBIT_NOTE if type_code == "383" else InvoiceKind.INVOICE)
    number = d.text(root, "cbc:ID")
    issue_date = d.day(root, "cbc:IssueDate", "fakturadato")
    supplier = _party(d, root.find("cac:AccountingSupplierParty/cac:Party", NS))
    buyer = _party(d, root.find("cac:AccountingCustomerParty/cac:Party", NS))
    for value, what, field in ((number, "fakturanummer (cbc:ID)", "ID"), (issue_date, "fakturadato (IssueDate)", "IssueDate"),
                               (supplier, "leverandør (AccountingSupplierParty)", "AccountingSupplierParty"),
                               (buyer, "kjøper (AccountingCustomerParty)", "AccountingCustomerParty")):
        if value is None and not any(i.source.field == field for i in d.issues):
            d.err("ehf.mangler", f"{what} mangler", field)
    order_no = d.text(root, "cac:OrderReference/cbc:ID")
    currency = d.text(root, "cbc:DocumentCurrencyCode")
    tax_total = _tax_total(d, root, currency)
    payment = _payment(d, root)
    due = d.day(root, "cbc:DueDate", "forfallsdato") or payment.pop("_due", None)
    payment.pop("_due", None)
    line_tag, qty_tag = ("cac:CreditNoteLine", "CreditedQuantity") if credit else ("cac:InvoiceLine", "InvoicedQuantity")
    lines = [_line(d, node, qty_tag, order_no) for node in root.findall(line_tag, NS)]
    if not lines:
        d.err("ehf.linjer_mangler", "fakturaen har ingen linjer", line_tag)
    delivery = root.find("cac:Delivery", NS)
    delivery_party = None
    if delivery is not None:
        location = delivery.find("cac:DeliveryLocation/cbc:ID", NS)
        scheme = location.get("schemeID") if location is not None else None
        gln = d.text(delivery, "cac:DeliveryLocation/cbc:ID") if scheme in GLN_SCHEMES | {None} else None
        name = d.text(delivery, "cac:DeliveryParty/cac:PartyName/cbc:Name")
        delivery_party = PartyRef(gln=gln, name=name) if gln or name else None
    acs = [_allowance_charge(d, n, with_tax=True) for n in root.findall("cac:AllowanceCharge", NS)]
    invoice_kwargs = dict(
        kind=kind, number=number or "", issue_date=issue_date, supplier=supplier or PartyRef(),
        buyer=buyer or PartyRef(), lines=tuple(x for x in lines if x), due_date=due,
        delivery_date=d.day(root, "cac:Delivery/cbc:ActualDeliveryDate", "leveringsdato"),
        currency=currency, delivery_party=delivery_party,
        order_refs=(order_no,) if order_no else (),
        despatch_refs=tuple(x.text.strip() for x in root.findall("cac:DespatchDocumentReference/cbc:ID", NS)
                            if x.text and x.text.strip()),
        contract_ref=d.text(root, "cac:ContractDocumentReference/cbc:ID"),
        credited_invoice=d.text(root, "cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID"),
        allowances_charges=tuple(a for a in acs if a), vat_breakdown=tuple(_vat(d, tax_total)),
        totals=_totals(d, root, tax_total), note=d.text(root, "cbc:Note"), **payment)
    if any(i.is_error for i in d.issues):
        return None, d.issues
    return Invoice(**invoice_kwargs), d.issues


def read_ehf(data: bytes, file: str | None = None) -> tuple[Invoice | None, list[Issue]]:
    """EHF bytes -> (Invoice | None, issues); bad or hostile XML gives an issue, never an exception."""
    root, issues = parse_xml(data, file)
    if root is None:
        return None, issues
    return invoice_from_root(root, file)
