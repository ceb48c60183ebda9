"""The demo's invoicing: a simulated supplier invoices the demo's orders and deliveries, with a
few planted deviations, and the invoice control runs on the result.

``run_invoicing_demo(ws, today)`` runs after the purchasing demo (``demo.purchasing``): for
every EDI order with deliveries it writes an invoice into ``inbox/`` — NeB INVOIC for most,
EHF (PEPPOL BIS 3, written by ``ehf_xml``) for every third and for pickup orders — priced from
the price list on the order date, quantities as received, one invoice per packing slip for a
split delivery. Planted, in turn on the clean orders: a price above the agreement (check l),
a quantity above what was received (m), a wrong VAT rate (o), a duplicate arriving as both
EDIFACT and EHF (a), an invoice for backordered goods not yet received (waits), and a credit
note for one unit of an approved invoice. Then ``edi read`` and ``invoices reconcile``.
``result.extra["planted"]`` says which invoice should end how; every other invoice passes.
"""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from ..domain.invoices import Invoice, InvoiceKind, InvoiceLine, PaymentTerms
from ..domain.issues import JobResult
from ..domain.orders import PartyRef
from ..edi.mappings import invoic
from ..edi.writer import write_interchange
from ..rules.invoice_control.arithmetic import complete
from ..safe_paths import inside, name_part
from .identifiers import demo_codes

if TYPE_CHECKING:
    from ..workspace import Workspace

D = Decimal
PLANTS = ("price", "quantity", "vat", "duplicate")


# --- the simulated supplier ---------------------------------------------------------------------


def price_rows(conn, supplier: str, on: date) -> dict:
    from ..jobs.effective_prices import effective_on

    return {a.article_no: (v, a) for v, a in effective_on(conn, supplier, on).values()}


def invoice_line(no: int, order_no: str, ln: dict, qty: Decimal, rows: dict, on: date) -> InvoiceLine:
    from ..rules.prices import quote

    found = rows.get(ln["article_no"])
    if found is not None and not ln["added"]:
        article = found[1]
        price, basis, vat = quote(*found, on).net, article.price_basis or D(1), article.vat_pct
    else:
        price, basis, vat = ln["net_price"], D(1), None
    return InvoiceLine(
        str(no),
        qty,
        D(0),
        unit=ln["unit"],
        order_no=order_no,
        order_line=str(ln["line_no"]),
        seller_article_no=ln["article_no"],
        gtin=ln["gtin"],
        nobb=ln["nobb"],
        name=ln["name"],
        net_price=price,
        price_base_qty=basis,
        vat_category="S",
        vat_rate=D(25) if vat is None else vat,
    )


class SimulatedInvoicer:
    """Writes INVOIC / EHF files for the demo's deliveries into ``inbox/``."""

    def __init__(self, ws: Workspace, today: date):
        self.ws, self.today, self.count = ws, today, 0
        company = ws.config.company
        self.buyer = PartyRef(gln=company.gln, orgnr=company.orgnr or None, name=company.name)
        self.partners = ws.config.partners

    def invoice(self, number: str, order: dict, lines: list[InvoiceLine], slips: list[str], **kw) -> Invoice:
        gln = order["supplier_gln"]
        name = self.partners[gln].name if gln in self.partners else None
        inv = Invoice(
            kind=InvoiceKind.INVOICE,
            number=number,
            issue_date=self.today,
            supplier=PartyRef(gln=gln, name=name),
            buyer=self.buyer,
            lines=tuple(lines),
            due_date=self.today + timedelta(days=30),
            delivery_date=self.today,
            currency="NOK",
            order_refs=(order["number"],),
            despatch_refs=tuple(slips),
            payment_terms=PaymentTerms(30, "30 dager netto"),
            bank_account="15032080119",
            **kw,
        )
        return complete(inv)

    def drop(self, inv: Invoice, ehf: bool) -> str:
        self.count += 1
        now = datetime.combine(self.today, time(14, 0)) + timedelta(minutes=self.count)
        if ehf:
            data, name = ehf_xml(inv), f"EHF_{name_part(inv.supplier.gln)}_{name_part(inv.number)}.xml"
        else:
            data = write_interchange(
                inv.supplier.gln,
                self.buyer.gln,
                [("INVOIC", invoic.to_segments(inv, codes=demo_codes()))],
                f"I{self.count}",
                now,
            )
            name = f"INVOIC_{name_part(inv.supplier.gln)}_{name_part(inv.number)}.edi"
        path = inside(self.ws.inbox, name)
        path.write_bytes(data)
        stamp = int(now.timestamp()) * 1_000_000_000
        os.utime(path, ns=(stamp, stamp))
        return name


def delivered_orders(ws: Workspace):
    from ..store.purchasing import table_rows

    with ws.store.connect() as conn:
        data = table_rows(conn)
    lines: dict[int, list] = {}
    for ln in data["order_lines"]:
        lines.setdefault(ln["order_id"], []).append(ln)
    slips: dict[int, dict[str, dict]] = {}
    for r in data["receipts"]:
        if r["order_id"] is not None and r["order_line"] is not None:
            got = r["despatched_qty"] if r["received_qty"] is None else r["received_qty"]
            per = slips.setdefault(r["order_id"], {}).setdefault(r["despatch_no"], {})
            per[r["order_line"]] = per.get(r["order_line"], D(0)) + got
    return [
        (o, lines.get(o["id"], []), slips.get(o["id"], {}))
        for o in data["orders"]
        if o["source"] == "own" and o["format"] == "edifact"
    ]


def run_invoicing_demo(ws: Workspace, today: date) -> JobResult:
    """Invoice the demo's deliveries (with planted deviations), read them and reconcile."""
    from ..jobs.invoices.run import reconcile_invoices
    from ..jobs.read_inbox import read_inbox

    sim, planted, plain = SimulatedInvoicer(ws, today), [], []
    todo = list(PLANTS)
    credit_for = None
    with ws.store.connect() as conn:
        for k, (order, lines, slips) in enumerate(delivered_orders(ws)):
            rows = price_rows(conn, order["supplier_gln"], order["order_date"] or today)
            by_no = {ln["line_no"]: ln for ln in lines}
            ehf = order["pickup"] or k % 3 == 2
            if order["pickup"]:
                parts = [
                    (
                        [],
                        {
                            ln["line_no"]: ln["confirmed_qty"] or ln["ordered_qty"]
                            for ln in lines
                            if not ln["rejected"]
                        },
                    )
                ]
            elif not slips:
                continue
            elif len(slips) > 1:
                parts = [([slip], got) for slip, got in sorted(slips.items())]
            else:
                parts = [
                    (
                        sorted(slips),
                        {
                            n: sum((g[n] for g in slips.values() if n in g), D(0))
                            for g in slips.values()
                            for n in g
                        },
                    )
                ]
            backordered = [ln for ln in lines if ln["backorder_qty"]]
            for j, (refs, got) in enumerate(parts):
                number = f"F{order['number']}" + (f"-{j + 1}" if len(parts) > 1 else "")
                inv_lines = [
                    invoice_line(i + 1, order["number"], by_no[n], q, rows, order["order_date"] or today)
                    for i, (n, q) in enumerate(sorted(got.items()))
                    if q and n in by_no
                ]
                if not inv_lines:
                    continue
                plant = (
                    todo.pop(0)
                    if todo and len(parts) == 1 and not backordered and not order["pickup"]
                    else None
                )
                first = inv_lines[0]
                if plant == "price":
                    inv_lines[0] = replace(first, net_price=(first.net_price * D("1.07")).quantize(D("0.01")))
                elif plant == "quantity":
                    inv_lines[0] = replace(first, quantity=first.quantity + 3)
                elif plant == "vat":
                    inv_lines[0] = replace(first, vat_rate=D(15) if first.vat_rate != 15 else D(25))
                inv = sim.invoice(number, order, inv_lines, refs)
                sim.drop(inv, ehf)
                if plant == "duplicate":
                    sim.drop(inv, not ehf)
                    planted.append(
                        {
                            "number": number,
                            "supplier_gln": inv.supplier.gln,
                            "plant": plant,
                            "format": "ehf" if ehf else "edifact",
                            "status": "approved",
                            "checks": [],
                        }
                    )
                    planted.append(
                        {
                            "number": number,
                            "supplier_gln": inv.supplier.gln,
                            "plant": plant,
                            "format": "edifact" if ehf else "ehf",
                            "status": "rejected",
                            "checks": ["a"],
                        }
                    )
                elif plant:
                    check = {"price": "l", "quantity": "m", "vat": "o"}[plant]
                    planted.append(
                        {
                            "number": number,
                            "supplier_gln": inv.supplier.gln,
                            "plant": plant,
                            "status": "deviation",
                            "checks": [check],
                        }
                    )
                else:
                    plain.append(inv)
                    credit_for = credit_for or (inv if not order["pickup"] and not refs[1:] else None)
            for ln in backordered[:1]:
                wait = sim.invoice(
                    f"F{order['number']}-R",
                    order,
                    [
                        invoice_line(
                            1, order["number"], ln, ln["backorder_qty"], rows, order["order_date"] or today
                        )
                    ],
                    [f"PS{order['number']}-9"],
                )
                sim.drop(wait, False)
                planted.append(
                    {
                        "number": wait.number,
                        "supplier_gln": wait.supplier.gln,
                        "plant": "not_received",
                        "status": "waiting",
                        "checks": ["j", "m"],
                    }
                )
    if credit_for is not None:
        ln = credit_for.lines[0]
        credit = complete(
            replace(
                credit_for,
                kind=InvoiceKind.CREDIT_NOTE,
                number=f"K{credit_for.number[1:]}",
                credited_invoice=credit_for.number,
                due_date=None,
                lines=(replace(ln, quantity=D(1)),),
                note="Kreditert 1 stk (skadet)",
            )
        )
        sim.drop(credit, False)
        planted.append(
            {
                "number": credit.number,
                "supplier_gln": credit.supplier.gln,
                "plant": "credit_note",
                "status": "approved",
                "checks": [],
            }
        )
    read = read_inbox(ws, on=today, now=datetime.combine(today, time(15, 0)))
    result = reconcile_invoices(ws, on=today, now=datetime.combine(today, time(15, 5)))
    result.counts.update({"invoice_files": sim.count, "read_rejected": read.counts.get("rejected", 0)})
    result.extend(i for i in read.issues if i.is_error)
    result.extra["planted"] = planted
    result.summary = (
        f"Fakturaer: {sim.count} fakturafiler fra leverandørene; "
        + result.summary
        + f" Se Fakturakontroll i {ws.purchasing_workbook.name} og avviksbrev i letters/."
    )
    return result


# --- EHF (PEPPOL BIS Billing 3.0, UBL 2.1) writer for the simulated supplier ---------------------


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
