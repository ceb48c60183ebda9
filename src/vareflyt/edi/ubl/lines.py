"""Invoice / credit-note lines and allowances/charges of an EHF / PEPPOL BIS 3 document.

Lines: ``OrderLineReference`` (the order number is the header ``OrderReference`` unless the
line names its own), Item ``SellersItemIdentification``, ``StandardItemIdentification`` under
0160/GTIN (or 0088, which some senders and old BIS examples use for GS1 item ids) taken as the
GTIN only when it passes the GS1 check, ``AdditionalItemProperty`` "NOBB", quantity and unit,
``Price`` with ``BaseQuantity`` and the gross price from ``Price/AllowanceCharge/BaseAmount``,
line allowances/charges and ``ClassifiedTaxCategory`` (rate rules in ``amounts.vat_rate``).
A line without ID, quantity or line amount is an error naming what is missing.
"""

from __future__ import annotations

from stdnum import ean

from vareflyt.domain.invoices import AllowanceCharge, InvoiceLine

from .amounts import vat_rate
from .doc import NS, Doc

GTIN_SCHEMES = {"0160", "GTIN", "0088"}

NO_ORDER = {"NA", "N/A"}  # BIS 3: OrderReference/ID "NA" when there is only a sales order


def order_number(value: str | None) -> str | None:
    """An order reference, or None for the BIS 3 placeholder "NA" (no purchase order)."""
    return None if value is None or value.strip().upper() in NO_ORDER else value


def allowance_charge(d: Doc, node, with_tax: bool) -> AllowanceCharge | None:
    flag = d.text(node, "cbc:ChargeIndicator")
    amount = d.dec(node, "cbc:Amount", "beløp for tillegg/fradrag")
    if flag not in ("true", "false") or amount is None:
        d.error(
            "ehf.allowance_charge",
            "tillegg/fradrag mangler ChargeIndicator (true/false) eller beløp",
            "AllowanceCharge",
            node,
        )
        return None
    category = rate = None
    if with_tax:
        what = (
            f"{'tillegg' if flag == 'true' else 'fradrag'} "
            f"«{d.text(node, 'cbc:AllowanceChargeReason') or amount}»"
        )
        category, rate, ok = vat_rate(d, node, "cac:TaxCategory/cbc:ID", "cac:TaxCategory/cbc:Percent", what)
        if not ok:
            return None
    return AllowanceCharge(
        is_charge=flag == "true",
        amount=amount,
        reason_code=d.text(node, "cbc:AllowanceChargeReasonCode"),
        reason=d.text(node, "cbc:AllowanceChargeReason"),
        percent=d.dec(node, "cbc:MultiplierFactorNumeric", "prosentsats"),
        base_amount=d.dec(node, "cbc:BaseAmount", "grunnlag"),
        vat_category=category,
        vat_rate=rate,
    )


def _gtin(d: Doc, item, line_no: str) -> str | None:
    for ident in item.findall("cac:StandardItemIdentification/cbc:ID", NS):
        scheme = (ident.get("schemeID") or "").strip()
        value = (ident.text or "").strip()
        if scheme not in GTIN_SCHEMES or not value:
            continue
        if value.isdigit() and len(value) in (8, 12, 13, 14) and ean.is_valid(value):
            return value
        d.warning(
            "ehf.gtin",
            f"linje {line_no}: varenummeret «{value}» (skjema {scheme}) er ikke et gyldig GTIN "
            "(8, 12, 13 eller 14 siffer med gyldig kontrollsiffer) og brukes ikke",
            "StandardItemIdentification",
            ident,
        )
    return None


def read_line(d: Doc, node, qty_tag: str, order_no: str | None) -> InvoiceLine | None:
    line_no = d.text(node, "cbc:ID")
    qty_node = node.find(f"cbc:{qty_tag}", NS)
    quantity = d.dec(node, f"cbc:{qty_tag}", "fakturert antall")
    amount = d.dec(node, "cbc:LineExtensionAmount", "linjebeløp")
    missing = [
        name
        for name, path in (
            ("ID", "cbc:ID"),
            (f"{qty_tag} (antall)", f"cbc:{qty_tag}"),
            ("LineExtensionAmount (linjebeløp)", "cbc:LineExtensionAmount"),
        )
        if d.text(node, path) is None
    ]
    if missing:
        d.error("ehf.line", f"fakturalinje {line_no or '?'} mangler {' og '.join(missing)}", qty_tag, node)
        return None
    if quantity is None or amount is None:
        return None  # unreadable: ``Doc.dec`` has said why
    item = node.find("cac:Item", NS)
    gtin = nobb = None
    if item is not None:
        gtin = _gtin(d, item, line_no)
        for prop in item.findall("cac:AdditionalItemProperty", NS):
            if (d.text(prop, "cbc:Name") or "").upper().startswith("NOBB"):
                nobb = d.text(prop, "cbc:Value")
    price = node.find("cac:Price", NS)
    acs = [allowance_charge(d, ac, with_tax=False) for ac in node.findall("cac:AllowanceCharge", NS)]
    category, rate, _ok = vat_rate(
        d,
        node,
        "cac:Item/cac:ClassifiedTaxCategory/cbc:ID",
        "cac:Item/cac:ClassifiedTaxCategory/cbc:Percent",
        f"fakturalinje {line_no}",
    )
    return InvoiceLine(
        line_no=line_no,
        quantity=quantity,
        line_amount=amount,
        unit=qty_node.get("unitCode") if qty_node is not None else None,
        order_no=order_number(d.text(node, "cac:OrderLineReference/cac:OrderReference/cbc:ID")) or order_no,
        order_line=d.text(node, "cac:OrderLineReference/cbc:LineID"),
        seller_article_no=d.text(node, "cac:Item/cac:SellersItemIdentification/cbc:ID"),
        gtin=gtin,
        nobb=nobb,
        name=d.text(node, "cac:Item/cbc:Name"),
        net_price=d.dec(price, "cbc:PriceAmount", "pris"),
        gross_price=d.dec(price, "cac:AllowanceCharge/cbc:BaseAmount", "bruttopris"),
        price_base_qty=d.dec(price, "cbc:BaseQuantity", "prisenhet"),
        allowances_charges=tuple(a for a in acs if a),
        vat_category=category,
        vat_rate=rate,
    )


__all__ = ["read_line", "allowance_charge", "order_number", "GTIN_SCHEMES"]
