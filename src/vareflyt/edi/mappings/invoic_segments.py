"""An INVOIC body read segment by segment into the raw values of each section.

One pass over the segments (``read_segments``) sorts what each one says into the header, the
parties, the lines with their allowance/charge groups, the header and summary allowance/charge
groups, the stated summary amounts and the per-rate VAT groups (``InvoicState``), as plain
values with the index of the segment they came from. ``invoic.from_segments`` builds and checks
the ``Invoice`` from them; this is its own module because the walk (which segment belongs to
which section, and what each qualifier means) is most of reading an INVOIC and reads best
apart from the building and from the writing in ``invoic``.
"""

from __future__ import annotations

from decimal import Decimal

from pydifact.segments import Segment

from vareflyt.domain.invoices import InvoiceKind

from ..ubl.amounts import ZERO_RATE_CATEGORIES
from .common import (
    ItemCodes,
    Parties,
    Reader,
    imd_text,
    line_number,
    read_lin_ids,
    read_pia,
    read_price,
    text,
)
from .invoice_lines import LINE_AMOUNTS, PRICES, QUANTITIES
from .invoice_totals import SUMMARY_CODES, Stated

KIND = {"380": InvoiceKind.INVOICE, "381": InvoiceKind.CREDIT_NOTE, "383": InvoiceKind.DEBIT_NOTE}
# read as well (the NeB guide allows them, and the EHF reader takes them so): a corrected invoice
# (384) and a factored invoice (393, the claim sold to a factoring company) are invoices
READ_KIND = {**KIND, "384": InvoiceKind.INVOICE, "393": InvoiceKind.INVOICE}
SINGLE_REFS = {"CT": "contract_ref", "PL": "price_list_ref", "IV": "credited_invoice", "PQ": "payment_ref"}


def _tax(r: Reader, s: Segment, i: int) -> tuple[str | None, object]:
    """(category, rate) of a TAX segment; a zero category (exempt E, zero Z, reverse charge AE …)
    written without a rate is 0 %, as the EHF reader takes it (``ubl.amounts``)."""
    category, rate = text(s, 5) or None, r.decimal(text(s, 4, 3), i, "momssats")
    if (
        rate is None
        and category is not None
        and category.upper() in ZERO_RATE_CATEGORIES
        and not text(s, 4, 3)
    ):
        rate = Decimal(0)
    return category, rate


class InvoicState:
    """What ``read_segments`` found, section by section, before the ``Invoice`` is built."""

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


def read_segments(r: Reader, body: list[Segment], codes: ItemCodes) -> InvoicState:
    """Each segment of ``body`` into its section of the state; errors go to ``r``."""
    st = InvoicState()
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


def _read_moa(r: Reader, s: Segment, i: int, st: InvoicState, section: str, line: dict | None) -> None:
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


def _read_head_segment(r: Reader, s: Segment, i: int, st: InvoicState) -> None:
    tag, q, val = s.tag, text(s, 0, 0), text(s, 0, 1)
    head = st.head
    if tag == "BGM":
        head["_bgm"] = i
        head["number"] = text(s, 1, 0)
        code = text(s, 0, 0)
        if code not in READ_KIND:
            r.error(
                "edi.document_code",
                f"dokumentkode «{code or ''}» i BGM er ikke faktura (380, korrigert 384, factoring 393), "
                "kreditnota (381) eller debetnota (383)",
                i,
            )
        head["kind"] = READ_KIND.get(code or "", InvoiceKind.INVOICE)
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
