"""An EHF document as ``vareflyt edi show`` prints it: Norwegian text, or a dict for ``--json``.

``document_text(doc, file)`` lists kind, number and dates, the parties with every identifier
the file names (and what vareflyt took it as), references, payment, lines, allowances and
charges, the VAT breakdown and the totals. Amounts use the Norwegian form (``1 436,50``);
prices and quantities keep the digits the file gives (``2,48``). A refused document still
shows what could be read; the issues saying why are printed by the CLI after it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from vareflyt.domain.invoices import AllowanceCharge, Invoice, InvoiceKind
from vareflyt.domain.money import format_kr, nb_number

from .invoice import EhfDocument
from .parties import PartyInfo

KIND = {
    InvoiceKind.INVOICE: "faktura",
    InvoiceKind.CREDIT_NOTE: "kreditnota",
    InvoiceKind.DEBIT_NOTE: "debetnota",
}
ROLE = {"supplier": "Leverandør", "buyer": "Kjøper", "payee": "Betalingsmottaker"}
TAKEN = {
    "gln": "GLN",
    "orgnr": "org.nr.",
    "mva": "MVA-nr.",
    "utenlandsk": "utenlandsk ID (ikke org.nr.)",
    "annen": "annen ID",
    "ugyldig": "ugyldig, brukes ikke",
}
TOTALS = (
    ("line_total", "linjer"),
    ("allowance_total", "fradrag"),
    ("charge_total", "tillegg"),
    ("tax_exclusive", "eks. mva"),
    ("vat_total", "mva"),
    ("tax_inclusive", "inkl. mva"),
    ("prepaid", "forskuddsbetalt"),
    ("rounding", "øreavrunding"),
    ("payable", "å betale"),
)


def _day(value) -> str:
    return f"{value:%d.%m.%Y}" if value else "–"


def _pct(rate: Decimal | None) -> str:
    return f"{nb_number(rate.normalize())} %" if rate is not None else "? %"


def _vat(category: str | None, rate: Decimal | None) -> str:
    return f"{category or '?'} {_pct(rate)}" if category or rate is not None else "uten momskategori"


def _party(info: PartyInfo) -> list[str]:
    ref = info.ref
    known = [
        f"GLN {ref.gln}" if ref.gln else "",
        f"org.nr. {ref.orgnr}" if ref.orgnr else "",
        f"MVA-nr. {ref.vat_no}" if ref.vat_no else "",
    ]
    country = f" ({info.country})" if info.country else ""
    out = [
        f"  {ROLE.get(info.role, info.role)}: {ref.name or 'uten navn'}{country}",
        f"    {' · '.join(k for k in known if k) or 'ingen GLN eller org.nr.'}",
    ]
    if info.ids:
        ids = "; ".join(
            f"{i.element} {i.value}"
            + (f" (skjema {i.scheme})" if i.scheme else "")
            + f" → {TAKEN.get(i.taken_as, i.taken_as)}"
            for i in info.ids
        )
        out.append(f"    ID-er i filen: {ids}")
    return out


def _charge(ac: AllowanceCharge) -> str:
    sign = "+" if ac.is_charge else "−"
    what = ac.reason or ac.reason_code or ("tillegg" if ac.is_charge else "fradrag")
    vat = f" ({_vat(ac.vat_category, ac.vat_rate)})" if ac.vat_category or ac.vat_rate is not None else ""
    return f"{sign} {what} {format_kr(ac.amount)}{vat}"


def _invoice(inv: Invoice, facts: dict[str, str]) -> list[str]:
    out = []
    refs = [
        ("Ordre", ", ".join(inv.order_refs)),
        ("Salgsordre", facts.get("sales_order", "")),
        ("Kontrakt", inv.contract_ref),
        ("Pakkseddel", ", ".join(inv.despatch_refs)),
        ("Krediterer faktura", inv.credited_invoice),
        ("Kjøpers referanse", facts.get("buyer_reference", "")),
    ]
    if any(v for _, v in refs):
        out.append("  " + " · ".join(f"{k}: {v}" for k, v in refs if v))
    delivery = inv.delivery_party
    if inv.delivery_date or delivery:
        place = (
            ", sted "
            + " ".join(x for x in (delivery.name, f"GLN {delivery.gln}" if delivery.gln else "") if x)
            if delivery
            else ""
        )
        out.append(f"  Levering: {_day(inv.delivery_date)}{place}")
    terms = inv.payment_terms
    pay = [
        f"konto {inv.bank_account}" if inv.bank_account else "",
        f"KID {inv.payment_ref}" if inv.payment_ref else "",
        f"{terms.days} dager" if terms and terms.days is not None else "",
        f"«{terms.text}»" if terms and terms.text else "",
    ]
    if any(pay):
        out.append("  Betaling: " + ", ".join(p for p in pay if p))
    out.append(f"  Linjer ({len(inv.lines)}):")
    for ln in inv.lines:
        ids = ", ".join(
            x
            for x in (
                ln.seller_article_no,
                f"GTIN {ln.gtin}" if ln.gtin else "",
                f"NOBB {ln.nobb}" if ln.nobb else "",
            )
            if x
        )
        price = f" à {nb_number(ln.net_price)}" if ln.net_price is not None else ""
        base = f" per {nb_number(ln.price_base_qty)}" if ln.price_base_qty not in (None, Decimal(1)) else ""
        order = f", ordre {ln.order_no}" if ln.order_no else ""
        order += (" linje " if ln.order_no else ", ordrelinje ") + ln.order_line if ln.order_line else ""
        out.append(
            f"    {ln.line_no:>4}  {ln.name or '(uten navn)'}{' [' + ids + ']' if ids else ''}: "
            f"{nb_number(ln.quantity)} {ln.unit or ''}{price}{base} = {format_kr(ln.line_amount)}, "
            f"moms {_vat(ln.vat_category, ln.vat_rate)}{order}"
        )
        out.extend(f"          {_charge(ac)}" for ac in ln.allowances_charges)
    if inv.allowances_charges:
        out.append("  Tillegg og fradrag: " + "; ".join(_charge(ac) for ac in inv.allowances_charges))
    out.append("  Moms:")
    out.extend(
        (
            f"    {_vat(v.category, v.rate)}: grunnlag "
            f"{format_kr(v.taxable_amount)}, moms {format_kr(v.tax_amount)}"
        )
        + (f" ({v.exemption_reason})" if v.exemption_reason else "")
        for v in inv.vat_breakdown
    )
    totals = [
        f"{label} {format_kr(getattr(inv.totals, key))}"
        for key, label in TOTALS
        if getattr(inv.totals, key) is not None
    ]
    out.append(f"  Summer ({inv.currency}): " + " · ".join(totals))
    return out


def document_text(doc: EhfDocument, file: str) -> str:
    """The whole document as Norwegian text lines."""
    inv = doc.invoice
    if doc.kind is None:
        return f"{file}: ikke en EHF-faktura eller -kreditnota"
    if inv is None:
        head = [f"EHF {doc.kind} {file}: avvist, se meldingene under"]
        return "\n".join(head + [line for p in doc.parties for line in _party(p)])
    code = f" (type {doc.facts['type_code']})" if doc.facts.get("type_code") else ""
    head = [
        f"EHF-{KIND[inv.kind]} {inv.number}{code}: utstedt "
        f"{_day(inv.issue_date)}, forfall {_day(inv.due_date)}, "
        f"valuta {inv.currency}"
    ]
    if inv.note:
        head.append(f"  Merknad: {inv.note}")
    return "\n".join(head + [line for p in doc.parties for line in _party(p)] + _invoice(inv, doc.facts))


def document_dict(doc: EhfDocument) -> dict[str, Any]:
    """The JSON form: format, kind, whether it would be accepted, the domain invoice, parties, facts."""
    return {
        "format": "EHF",
        "kind": doc.kind,
        "accepted": doc.invoice is not None,
        "document": doc.invoice.to_dict() if doc.invoice is not None else None,
        "parties": [p.to_dict() for p in doc.parties],
        "facts": dict(doc.facts),
    }


__all__ = ["document_text", "document_dict"]
