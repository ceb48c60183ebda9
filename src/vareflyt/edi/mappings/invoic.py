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
"""

from __future__ import annotations

from pydifact.segments import Segment

from vareflyt.domain.invoices import (
    AllowanceCharge,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    InvoiceTotals,
    PaymentTerms,
)
from vareflyt.domain.issues import Issue

from .common import (
    DEFAULT_CODES,
    ItemCodes,
    Parties,
    Reader,
    clean,
    count_segment,
    dtm,
    imd_text,
    item_segments,
    line_number,
    num,
    party_segments,
    qty,
    read_lin_ids,
    read_pia,
    read_price,
    seg,
    text,
)
from .invoice_lines import LINE_AMOUNTS, PRICES, QUANTITIES, line_values
from .invoice_totals import SUMMARY_CODES, Stated, settle, summary_charges, vat_breakdown

KIND = {"380": InvoiceKind.INVOICE, "381": InvoiceKind.CREDIT_NOTE, "383": InvoiceKind.DEBIT_NOTE}
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
SINGLE_REFS = {"CT": "contract_ref", "PL": "price_list_ref", "IV": "credited_invoice", "PQ": "payment_ref"}
ROLES = {"IV": "invoicee", "DP": "delivery_party"}


def _tax(r: Reader, s: Segment, i: int) -> tuple[str | None, object]:
    return text(s, 5) or None, r.decimal(text(s, 4, 3), i, "momssats")


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


class _State:
    def __init__(self) -> None:
        self.head: dict = {"order_refs": [], "despatch_refs": []}
        self.parties = Parties()
        self.lines: list[dict] = []
        self.acs: list[dict] = []  # header allowances/charges
        self.summary_acs: list[dict] = []  # summary ALC groups: totals per type, not new charges
        self.stated: Stated = {}  # summary MOA amounts, for ``invoice_totals.settle``
        self.vat: list[dict] = []
        self.terms: dict = {}
        self.head_tax: tuple | None = None  # a header TAX outside ALC: the rate of lines without one
        self.group: dict | None = None  # the open ALC (header or line) or summary TAX


def _read(r: Reader, body: list[Segment], codes: ItemCodes) -> _State:
    st = _State()
    section = "head"
    for i, s in enumerate(body):
        tag, q = s.tag, text(s, 0, 0)
        line = st.lines[-1] if st.lines and section == "line" else None
        if tag == "UNS":
            section, st.group = "summary", None
        elif tag == "LIN":
            section, st.group = "line", None
            st.lines.append(
                {
                    "line_no": text(s, 0),
                    **read_lin_ids(s, codes),
                    "_index": i,
                    "allowances_charges": [],
                    "_qty": {},
                    "_amount": {},
                }
            )
            line_number(r, s, i)
        elif tag == "ALC":
            ac = {"is_charge": q == "C", "reason_code": text(s, 4, 0), "reason": text(s, 4, 3), "_index": i}
            if q not in ("A", "C"):
                r.error(
                    "edi.document_code", f"ALC må være A (fradrag) eller C (tillegg), ikke «{q or ''}»", i
                )
            target = (
                st.summary_acs
                if section == "summary"
                else line["allowances_charges"]
                if line is not None
                else st.acs
            )
            target.append(ac)
            st.group = ac
        elif tag == "PCD" and st.group is not None:
            st.group["percent"] = r.decimal(text(s, 0, 1), i, "prosentsats")
        elif tag == "TAX" and section == "summary":
            category, rate = _tax(r, s, i)
            st.group = {"category": category, "rate": rate, "_index": i, "_totals": {}}
            st.vat.append(st.group)
        elif tag == "TAX":
            category, rate = _tax(r, s, i)
            target = st.group if st.group is not None else line
            if target is not None:
                target["vat_category"], target["vat_rate"] = category, rate
            elif st.head_tax is None:
                st.head_tax = (category, rate)
        elif tag == "MOA":
            _read_moa(r, s, i, st, section, line)
        elif line is not None:
            _read_line_segment(r, s, i, line, codes)
        else:
            _read_head_segment(r, s, i, st)
    return st


def _read_moa(r: Reader, s: Segment, i: int, st: _State, section: str, line: dict | None) -> None:
    q, val, group = text(s, 0, 0), text(s, 0, 1), st.group
    if group is not None and "category" not in group:  # an ALC group
        if q in ("23", "204", "8", "131"):
            group["amount"] = r.decimal(val, i, "beløp")
        elif q == "25":
            group["base_amount"] = r.decimal(val, i, "beløp")
    elif section == "summary":
        value = r.decimal(val, i, "totalbeløp") if q in (*SUMMARY_CODES, "124") else None
        if value is None:
            return
        if group is not None and q in ("125", "124"):
            group["taxable_amount" if q == "125" else "tax_amount"] = value
        elif group is not None:  # per-rate amounts in a TAX group
            group["_totals"].setdefault(q, []).append((value, i))
        else:
            st.stated.setdefault(q, []).append((value, i))
    elif line is not None and q in LINE_AMOUNTS:
        line["_amount"].setdefault(q, (r.decimal(val, i, "linjebeløp"), i))


def _read_line_segment(r: Reader, s: Segment, i: int, line: dict, codes: ItemCodes) -> None:
    tag, q, val = s.tag, text(s, 0, 0), text(s, 0, 1)
    if tag == "PIA":
        line.update(read_pia(s, codes))
    elif tag == "IMD":
        line["name"] = imd_text(s)
    elif tag == "QTY" and q in QUANTITIES:
        line["_qty"].setdefault(q, (r.decimal(val, i, "fakturert antall"), text(s, 0, 2), i))
    elif tag == "PRI" and q in PRICES:
        price = read_price(r, s, i)
        if price is not None:
            line.setdefault("_prices", {}).setdefault(q, price)
    elif tag == "RFF" and q == "ON":
        line["order_no"], line["order_line"] = val, text(s, 0, 2)
    elif tag == "RFF" and q == "DQ":
        line["despatch_ref"] = val


def _read_head_segment(r: Reader, s: Segment, i: int, st: _State) -> None:
    tag, q, val = s.tag, text(s, 0, 0), text(s, 0, 1)
    head = st.head
    if tag == "BGM":
        head["_bgm"] = i
        head["number"] = text(s, 1, 0)
        code = text(s, 0, 0)
        if code not in KIND:
            r.error(
                "edi.document_code",
                f"dokumentkode «{code or ''}» i BGM er ikke faktura (380), kreditnota (381) "
                "eller debetnota (383)",
                i,
            )
        head["kind"] = KIND.get(code or "", InvoiceKind.INVOICE)
    elif tag == "DTM":
        key = {"137": "issue_date", "3": "issue_date", "35": "delivery_date", "13": "due_date"}.get(q or "")
        if key:
            head[key] = r.day(s, i)
    elif tag == "FTX":
        if q == "AAB":
            st.terms["text"] = text(s, 3, 0)
        else:
            head["note"] = text(s, 3, 0)
    elif tag == "RFF":
        if st.parties.rff(s):
            return
        if q == "ON" and val:
            head["order_refs"].append(val)
        elif q == "DQ" and val:
            head["despatch_refs"].append(val)
        elif q in SINGLE_REFS or q == "OI":  # OI (previous invoice) is read like IV
            head[SINGLE_REFS.get(q, "credited_invoice")] = val
    elif tag == "NAD":
        st.parties.nad(s)
    elif tag == "FII" and q == "RB":
        head["bank_account"] = text(s, 1, 0)
    elif tag == "CUX":
        head["currency"] = val
        if text(s, 2):
            head["exchange_rate"] = r.decimal(text(s, 2), i, "valutakurs")
    elif tag == "PAT":
        days = text(s, 2, 3)
        if days is not None and not days.isdigit():
            r.error("edi.not_positive", f"betalingsfrist «{days}» er ikke et antall dager", i)
        elif days is not None:
            st.terms["days"] = int(days)


def _build_lines(r: Reader, st: _State) -> list[InvoiceLine]:
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
    st = _read(r, body, codes)
    head, parties = st.head, st.parties
    if "_bgm" not in head:
        r.error("edi.bgm_missing", "BGM (fakturanummer) mangler")
    else:
        r.require(head.get("number"), "edi.invoice_number_missing", "fakturanummer i BGM", head.pop("_bgm"))
    r.require(head.get("issue_date"), "edi.invoice_date_missing", "fakturadato (DTM+137)")
    buyer, supplier = parties.buyer_and_supplier(r)
    others = bool(st.acs) or any(ln["allowances_charges"] for ln in st.lines)
    summary_charges(st.stated, st.summary_acs, others)
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
