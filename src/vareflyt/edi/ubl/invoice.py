"""Read EHF 3.0 / PEPPOL BIS Billing 3.0 ``Invoice`` and ``CreditNote`` (UBL 2.1) into ``Invoice``.

The same domain type as EDIFACT INVOIC, so invoice control compares both alike. Parties by
identifier scheme (``parties``), lines (``lines``), VAT, totals and payment terms (``amounts``).
``read_ehf_document`` also keeps what the domain type has no room for — every party identifier
with its scheme and what it was taken as, the sales order, the buyer's reference — for
``edi show``. A document with any error issue is refused whole (``Invoice`` None). PEPPOL access
points deliver the document inside a Standard Business Document Header envelope (SBDH); the
envelope is taken off and its one document read. Attachments (``EmbeddedDocumentBinaryObject``,
often a scanned PDF of several MB) are not read: their base64 text is left out before parsing
(line breaks kept, so issues name the file's own lines), so an attachment over libxml2's 10 MB
text limit does not refuse the invoice and is not held in memory; the archive keeps the file whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from vareflyt.domain.invoices import Invoice, InvoiceKind
from vareflyt.domain.issues import Issue
from vareflyt.domain.orders import PartyRef

from . import amounts
from .detect import CREDIT_NOTE_NS, INVOICE_NS
from .doc import NS, Doc
from .lines import allowance_charge, order_number, read_line
from .parties import PartyInfo, delivery_gln, read_party
from .safe_xml import MAX_BYTES, parse_xml

SBDH_NS = "http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader"
_ATTACHMENT = re.compile(rb"(<(?:[A-Za-z_][\w.-]*:)?EmbeddedDocumentBinaryObject\b[^>]*>)([^<]*)")


def without_attachments(data: bytes) -> bytes:
    """The bytes with every embedded attachment's content left out (its line breaks kept)."""
    if b"EmbeddedDocumentBinaryObject" not in data:
        return data
    return _ATTACHMENT.sub(lambda m: m.group(1) + b"\n" * m.group(2).count(b"\n"), data)


@dataclass
class EhfDocument:
    """What ``edi show`` prints for an EHF file: the invoice (None when refused), its parties
    as the file names them, a few header facts the domain type does not carry, and the issues."""

    kind: str | None  # "Invoice" | "CreditNote" | None (not UBL)
    invoice: Invoice | None
    parties: list[PartyInfo] = field(default_factory=list)
    facts: dict[str, str] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)


def _facts(d: Doc, root) -> dict[str, str]:
    paths = {
        "customization": "cbc:CustomizationID",
        "profile": "cbc:ProfileID",
        "type_code": "cbc:InvoiceTypeCode",
        "buyer_reference": "cbc:BuyerReference",
        "sales_order": "cac:OrderReference/cbc:SalesOrderID",
        "payment_means": "cac:PaymentMeans/cbc:PaymentMeansCode",
        "ubl_version": "cbc:UBLVersionID",
    }
    out = {key: d.text(root, path) for key, path in paths.items()}
    out["type_code"] = out["type_code"] or d.text(root, "cbc:CreditNoteTypeCode")
    return {k: v for k, v in out.items() if v}


def unwrap_sbdh(root):
    """The document inside a PEPPOL ``StandardBusinessDocument`` envelope (the element after its
    header), or ``root`` itself when it is no envelope; None for an envelope with no document."""
    if root.tag != f"{{{SBDH_NS}}}StandardBusinessDocument":
        return root
    header = f"{{{SBDH_NS}}}StandardBusinessDocumentHeader"
    return next((c for c in root if isinstance(c.tag, str) and c.tag != header), None)


def _document(root, file: str | None) -> EhfDocument:
    d = Doc(root, file)
    payload = unwrap_sbdh(root)
    if payload is None:
        d.error("ehf.not_ubl", "SBDH-konvolutten (StandardBusinessDocument) inneholder ikke noe dokument")
        return EhfDocument(None, None, issues=d.issues)
    root = d.root = payload
    namespace = root.tag.split("}")[0].lstrip("{") if root.tag.startswith("{") else ""
    local = root.tag.split("}")[-1]
    if (local, namespace) not in (("Invoice", INVOICE_NS), ("CreditNote", CREDIT_NOTE_NS)):
        d.error(
            "ehf.not_ubl",
            f"rotelementet er «{local}» ({namespace or 'uten navnerom'}); en EHF-faktura "
            "må være UBL 2.1 Invoice eller CreditNote",
        )
        return EhfDocument(None, None, issues=d.issues)
    credit = local == "CreditNote"
    type_code = d.text(root, "cbc:CreditNoteTypeCode" if credit else "cbc:InvoiceTypeCode")
    kind = (
        InvoiceKind.CREDIT_NOTE
        if credit or type_code == "381"
        else InvoiceKind.DEBIT_NOTE
        if type_code == "383"
        else InvoiceKind.INVOICE
    )
    number = d.text(root, "cbc:ID")
    issue_date = d.day(root, "cbc:IssueDate", "fakturadato")
    supplier = read_party(
        d, root.find("cac:AccountingSupplierParty/cac:Party", NS), "supplier", "leverandøren"
    )
    buyer = read_party(d, root.find("cac:AccountingCustomerParty/cac:Party", NS), "buyer", "kjøperen")
    payee = read_party(d, root.find("cac:PayeeParty", NS), "payee", "betalingsmottakeren")
    currency = d.text(root, "cbc:DocumentCurrencyCode")
    for value, what, where in (
        (number, "fakturanummer (cbc:ID)", "ID"),
        (issue_date, "fakturadato (IssueDate)", "IssueDate"),
        (currency, "valuta (DocumentCurrencyCode)", "DocumentCurrencyCode"),
        (supplier, "leverandør (AccountingSupplierParty)", "AccountingSupplierParty"),
        (buyer, "kjøper (AccountingCustomerParty)", "AccountingCustomerParty"),
    ):
        if value is None and not any(i.source.field == where for i in d.issues):
            d.error("ehf.missing", f"{what} mangler", where)
    order_no = order_number(d.text(root, "cac:OrderReference/cbc:ID"))
    total = amounts.tax_total(root, currency)
    means = root.find("cac:PaymentMeans", NS)
    due = d.day(root, "cbc:DueDate", "forfallsdato") or d.day(means, "cbc:PaymentDueDate", "forfallsdato")
    terms = amounts.payment_terms(d, d.text(root, "cac:PaymentTerms/cbc:Note"), issue_date, due)
    line_tag, qty_tag = (
        ("cac:CreditNoteLine", "CreditedQuantity") if credit else ("cac:InvoiceLine", "InvoicedQuantity")
    )
    lines = [read_line(d, node, qty_tag, order_no) for node in root.findall(line_tag, NS)]
    if not lines:
        d.error("ehf.no_lines", "fakturaen har ingen linjer", line_tag)
    gln, delivery_name = delivery_gln(d, root)
    acs = [allowance_charge(d, n, with_tax=True) for n in root.findall("cac:AllowanceCharge", NS)]
    kwargs = dict(
        kind=kind,
        number=number or "",
        issue_date=issue_date,
        supplier=supplier.ref if supplier else PartyRef(),
        buyer=buyer.ref if buyer else PartyRef(),
        lines=tuple(x for x in lines if x),
        due_date=due,
        delivery_date=d.day(root, "cac:Delivery/cbc:ActualDeliveryDate", "leveringsdato"),
        currency=currency,
        exchange_rate=amounts.exchange_rate(d, root, currency),
        delivery_party=PartyRef(gln=gln, name=delivery_name) if gln or delivery_name else None,
        order_refs=(order_no,) if order_no else (),
        despatch_refs=tuple(
            x.text.strip()
            for x in root.findall("cac:DespatchDocumentReference/cbc:ID", NS)
            if x.text and x.text.strip()
        ),
        contract_ref=d.text(root, "cac:ContractDocumentReference/cbc:ID"),
        credited_invoice=d.text(root, "cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID"),
        allowances_charges=tuple(a for a in acs if a),
        vat_breakdown=tuple(amounts.vat_breakdown(d, total)),
        totals=amounts.totals(d, root, total),
        note=d.text(root, "cbc:Note"),
        payment_terms=terms,
        bank_account=d.text(means, "cac:PayeeFinancialAccount/cbc:ID"),
        payment_ref=d.text(means, "cbc:PaymentID"),
    )
    parties = [p for p in (supplier, buyer, payee) if p is not None]
    invoice = None if any(i.is_error for i in d.issues) else Invoice(**kwargs)
    return EhfDocument(local, invoice, parties, _facts(d, root), d.issues)


def invoice_from_root(root, file: str | None = None) -> tuple[Invoice | None, list[Issue]]:
    """A parsed UBL root element -> (Invoice | None, issues)."""
    doc = _document(root, file)
    return doc.invoice, doc.issues


def read_ehf_document(data: bytes, file: str | None = None) -> EhfDocument:
    """EHF bytes -> EhfDocument; bad or hostile XML gives an issue, never an exception."""
    if isinstance(data, bytes) and len(data) <= MAX_BYTES:  # a larger file is refused whole
        data = without_attachments(data)
    root, issues = parse_xml(data, file)
    if root is None:
        return EhfDocument(None, None, issues=issues)
    return _document(root, file)


def read_ehf(data: bytes, file: str | None = None) -> tuple[Invoice | None, list[Issue]]:
    """EHF bytes -> (Invoice | None, issues); bad or hostile XML gives an issue, never an exception."""
    doc = read_ehf_document(data, file)
    return doc.invoice, doc.issues


__all__ = ["EhfDocument", "read_ehf", "read_ehf_document", "invoice_from_root"]
