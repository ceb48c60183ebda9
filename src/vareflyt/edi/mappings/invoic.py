"""INVOIC (invoice, credit note, debit note) <-> ``Invoice`` (DOMAIN.md §3, checks a–w in §2.5).

Header: BGM+380/381/383, DTM+137/35, FTX+AAI note, FTX+AAB payment-terms text, RFF+ON/DQ/CT/PL/
IV (credited invoice; OI read too)/PQ (KID), NAD SU (+FII+RB bank account, RFF+VA/XA) BY IV DP, CUX+2:<cur>:9
(+ rate), PAT+1++5:3:D:<days> + DTM+13 due date, ALC/PCD/MOA/TAX header allowances and charges.
A header TAX outside an ALC group (EANCOM SG6) is the VAT of lines that state none.
Lines: LIN, PIA, IMD, QTY+47 (or 46), MOA+203 (or 38, 66), PRI+AAA (net, or INV; with basis and
unit) / PRI+AAB (gross) — ``invoice_lines``; RFF+ON:<order>:<line>, RFF+DQ, TAX+7+VAT+++:::<rate>+
<cat>, ALC/PCD/MOA. Summary: UNS+S, CNT+2, MOA 79/260/259/125/176/77/113/165/9 — read as EANCOM
and older directories state them, the total from 77/86/39/128 or 9, and checked against each
other in ``invoice_totals`` — then per VAT rate TAX + MOA+125 + MOA+124. Summary ALC groups are
totals per type: the header allowance/charge totals only when nothing else states them.

The walk over the segments is ``invoic_segments``; this module builds and checks the
``Invoice`` from what it found, and writes an ``Invoice`` as segments.
"""

from __future__ import annotations

from pydifact.segments import Segment

from vareflyt.domain.invoices import (
    AllowanceCharge,
    Invoice,
    InvoiceLine,
    InvoiceTotals,
    PaymentTerms,
)
from vareflyt.domain.issues import Issue

from .common import (
    DEFAULT_CODES,
    ItemCodes,
    Reader,
    clean,
    count_segment,
    dtm,
    item_segments,
    num,
    party_segments,
    qty,
    seg,
)
from .invoic_segments import KIND, SINGLE_REFS, InvoicState, read_segments
from .invoice_lines import line_values
from .invoice_totals import settle, summary_charges, vat_breakdown

KIND_CODE = {v: k for k, v in KIND.items()}
WRITTEN_TOTALS = {
    "79": "line_total",
    "260": "allowance_total",
    "259": "charge_total",
    "125": "tax_exclusive",
    "176": "vat_total",
    "77": "tax_inclusive",
    "113": "prepaid",
    "165": "rounding",
    "9": "payable",
}
ROLES = {"IV": "invoicee", "DP": "delivery_party"}


def _tax_segment(category: str | None, rate) -> Segment | None:
    if category is None and rate is None:
        return None
    return seg("TAX", "7", "VAT", None, None, [None, None, None, num(rate)], category)


def _ac_segments(ac: AllowanceCharge, with_tax: bool) -> list:
    out = [
        seg("ALC", "C" if ac.is_charge else "A", None, None, None, [ac.reason_code, None, None, ac.reason]),
        seg("PCD", ["3", num(ac.percent)]) if ac.percent is not None else None,
        seg("MOA", ["23" if ac.is_charge else "204", num(ac.amount)]),
        seg("MOA", ["25", num(ac.base_amount)]) if ac.base_amount is not None else None,
    ]
    if with_tax:
        out.append(_tax_segment(ac.vat_category, ac.vat_rate))
    return out


def _build_lines(r: Reader, st: InvoicState) -> list[InvoiceLine]:
    out = []
    default_tax = st.head_tax  # a header TAX (EANCOM SG6) holds for lines without their own
    for line in st.lines:
        index = line.pop("_index")
        no = int(line["line_no"]) if (line.get("line_no") or "").isdigit() else None
        acs = [_build_ac(r, ac, no) for ac in line.pop("allowances_charges")]
        line.update(line_values(r, line.pop("_qty"), line.pop("_amount"), line.pop("_prices", {}), index, no))
        if default_tax and line.get("vat_rate") is None and line.get("vat_category") is None:
            line["vat_category"], line["vat_rate"] = default_tax
        if r.has_errors:
            continue
        out.append(InvoiceLine(allowances_charges=tuple(a for a in acs if a), **line))
    return out


def _build_ac(r: Reader, ac: dict, line_no: int | None = None) -> AllowanceCharge | None:
    index = ac.pop("_index")
    if ac.get("amount") is None:
        r.error("edi.amount_missing", "beløp (MOA+23/204) mangler for tillegg/fradrag", index, line_no)
        return None
    return AllowanceCharge(**ac)


def from_segments(
    body: list[Segment], *, message_ref=None, file=None, codes: ItemCodes = DEFAULT_CODES
) -> tuple[Invoice | None, list[Issue]]:
    r = Reader(body, message_ref, file)
    st = read_segments(r, body, codes)
    head, parties = st.head, st.parties
    if "_bgm" not in head:
        r.error("edi.bgm_missing", "BGM (fakturanummer) mangler")
    else:
        r.require(head.get("number"), "edi.invoice_number_missing", "fakturanummer i BGM", head.pop("_bgm"))
    r.require(head.get("issue_date"), "edi.invoice_date_missing", "fakturadato (DTM+137)")
    buyer, supplier = parties.buyer_and_supplier(r)
    others = bool(st.acs) or any(ln["allowances_charges"] for ln in st.lines)
    summary_charges(st.stated, st.summary_acs, others, st.acs)
    if len(st.vat) == 1:  # one rate: amounts stated in its group are the invoice's
        for code, found in st.vat[0]["_totals"].items():
            st.stated.setdefault(code, found)
    totals = settle(r, st.stated)
    vat = vat_breakdown(r, st.vat, totals)
    lines = _build_lines(r, st)
    acs = [_build_ac(r, ac) for ac in st.acs]
    if r.has_errors:
        return None, r.issues
    head["order_refs"], head["despatch_refs"] = tuple(head["order_refs"]), tuple(head["despatch_refs"])
    invoice = Invoice(
        buyer=buyer,
        supplier=supplier,
        lines=tuple(lines),
        allowances_charges=tuple(acs),
        vat_breakdown=tuple(vat),
        totals=InvoiceTotals(**totals),
        payment_terms=PaymentTerms(**st.terms) if st.terms else None,
        **{field: parties.get(role) for role, field in ROLES.items()},
        **head,
    )
    return invoice, r.issues


def to_segments(inv: Invoice, *, codes: ItemCodes = DEFAULT_CODES) -> list[Segment]:
    terms = inv.payment_terms or PaymentTerms()
    out = [
        seg("BGM", KIND_CODE[inv.kind], inv.number, "9"),
        dtm("137", inv.issue_date),
        dtm("35", inv.delivery_date),
        seg("FTX", "AAI", None, None, inv.note) if inv.note else None,
        seg("FTX", "AAB", None, None, terms.text) if terms.text else None,
    ]
    out += [seg("RFF", ["ON", ref]) for ref in inv.order_refs]
    out += [seg("RFF", ["DQ", ref]) for ref in inv.despatch_refs]
    out += [seg("RFF", [q, getattr(inv, f)]) for q, f in SINGLE_REFS.items() if getattr(inv, f)]
    supplier = party_segments("SU", inv.supplier)
    if inv.bank_account:
        supplier.insert(1, seg("FII", "RB", inv.bank_account))
    out += supplier + party_segments("BY", inv.buyer)
    for role, field in ROLES.items():
        out += party_segments(role, getattr(inv, field))
    if inv.currency:
        out.append(seg("CUX", ["2", inv.currency, "9"], None, num(inv.exchange_rate)))
    if terms.days is not None or inv.due_date:
        out.append(seg("PAT", "1", None, ["5", "3", "D", terms.days] if terms.days is not None else None))
        out.append(dtm("13", inv.due_date))
    for ac in inv.allowances_charges:
        out += _ac_segments(ac, with_tax=True)
    for line in inv.lines:
        out += item_segments(
            line.line_no, None, line.gtin, line.seller_article_no, line.nobb, line.name, codes
        )
        out += [qty("47", line.quantity, line.unit), seg("MOA", ["203", num(line.line_amount)])]
        for q, price in (("AAA", line.net_price), ("AAB", line.gross_price)):
            if price is not None:
                base = num(line.price_base_qty)
                out.append(seg("PRI", [q, num(price), None, None, base, line.unit if base else None]))
        if line.order_no or line.order_line:
            out.append(seg("RFF", ["ON", line.order_no, line.order_line]))
        out.append(seg("RFF", ["DQ", line.despatch_ref]) if line.despatch_ref else None)
        out.append(_tax_segment(line.vat_category, line.vat_rate))
        for ac in line.allowances_charges:
            out += _ac_segments(ac, with_tax=False)
    out += [seg("UNS", "S"), count_segment(len(inv.lines))]
    for q, field in WRITTEN_TOTALS.items():
        value = getattr(inv.totals, field)
        out.append(seg("MOA", [q, num(value)]) if value is not None else None)
    for v in inv.vat_breakdown:
        out += [
            _tax_segment(v.category, v.rate),
            seg("MOA", ["125", num(v.taxable_amount)]),
            seg("MOA", ["124", num(v.tax_amount)]),
        ]
    return clean(out)
