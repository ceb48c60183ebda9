"""ORDRSP (order response) <-> ``OrderResponse``, with the per-line action (DOMAIN.md §3).

BGM+231+<no>+<29 accepted | 4 changed | 27 rejected>; RFF+ON the order; LIN+<n>+<action>
with 5 accepted, 3 changed, 7 not accepted, 1 added, 2 deleted; QTY+21 ordered, +113 to be
delivered, +83 backorder; line DTM+2 promised date, DTM+69 after QTY+83 backorder date
(without a backorder DTM+69 is read as the promised date); FTX+ACD reason; PRI+AAA net price
(a price on a basis, ``PRI+AAA:129:::10:MTR``, is stored per unit: 12.9). A PIA item number is
NOBB only under the partner's NOBB code (``ItemCodes``).
"""

from __future__ import annotations

from decimal import Decimal

from pydifact.segments import Segment

from vareflyt.domain.issues import Issue
from vareflyt.domain.money import quantize
from vareflyt.domain.orders import LineAction, OrderResponse, ResponseLine, ResponseStatus

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

STATUS = {"29": ResponseStatus.ACCEPTED, "4": ResponseStatus.CHANGED, "27": ResponseStatus.REJECTED}
STATUS_CODE = {v: k for k, v in STATUS.items()}
ACTION = {
    "5": LineAction.ACCEPTED,
    "3": LineAction.CHANGED,
    "7": LineAction.NOT_ACCEPTED,
    "1": LineAction.ADDED,
    "2": LineAction.DELETED,
}
ACTION_CODE = {v: k for k, v in ACTION.items()}
ONE = Decimal(1)
QTYS = {"21": "ordered_qty", "113": "confirmed_qty", "83": "backorder_qty"}


def from_segments(
    body: list[Segment], *, message_ref=None, file=None, codes: ItemCodes = DEFAULT_CODES
) -> tuple[OrderResponse | None, list[Issue]]:
    r = Reader(body, message_ref, file)
    head: dict = {}
    parties = Parties()
    lines: list[dict] = []
    bgm_index = None
    for i, s in enumerate(body):
        tag, q = s.tag, text(s, 0, 0)
        cur = lines[-1] if lines else None
        if tag == "BGM":
            bgm_index = i
            head["number"] = text(s, 1, 0)
            code = text(s, 2)
            if code not in STATUS:
                r.error("edi.document_code", f"ukjent svarkode «{code or ''}» i BGM (29, 4 eller 27)", i)
            head["status"] = STATUS.get(code or "", ResponseStatus.CHANGED)
        elif tag == "DTM" and cur is None:
            if q == "137":
                head["issue_date"] = r.day(s, i)
            elif q in ("2", "69"):
                head["delivery_date"] = r.date(s, i)
        elif tag == "FTX" and cur is None:
            head["note"] = text(s, 3, 0)
        elif tag == "RFF" and cur is None:
            if not parties.rff(s) and q == "ON":
                head["order_no"] = text(s, 0, 1)
        elif tag == "NAD":
            parties.nad(s)
        elif tag == "CUX":
            head["currency"] = text(s, 0, 1)
        elif tag == "LIN":
            action = text(s, 1)
            if action not in ACTION:
                r.error("edi.line_action", f"ukjent linjekode «{action or ''}» i LIN (5, 3, 7, 1 eller 2)", i)
            lines.append(
                {
                    "line_no": line_number(r, s, i),
                    "action": ACTION.get(action or "", LineAction.CHANGED),
                    **read_lin_ids(s, codes),
                }
            )
        elif cur is None:
            continue
        elif tag == "PIA":
            cur.update(read_pia(s, codes))
        elif tag == "IMD":
            cur["name"] = imd_text(s)
        elif tag == "QTY" and q in QTYS:
            cur[QTYS[q]] = r.decimal(text(s, 0, 1), i, "antall")
            cur["unit"] = cur.get("unit") or text(s, 0, 2)
        elif tag == "DTM" and q == "2":
            cur["delivery_date"] = r.day(s, i)
        elif tag == "DTM" and q == "69":
            key = "backorder_date" if cur.get("backorder_qty") is not None else "delivery_date"
            cur[key] = r.day(s, i)
        elif tag == "FTX":
            cur["reason"] = text(s, 3, 0)
        elif tag == "PRI" and q == "AAA":
            price = read_price(r, s, i)
            if price is not None:  # per unit: "129 per 10 MTR" is 12.9 per MTR
                basis = price.basis or ONE
                cur["net_price"] = price.amount if basis == ONE else quantize(price.amount / basis, 6)
    if bgm_index is None:
        r.error("edi.bgm_missing", "BGM (svarnummer) mangler")
    else:
        r.require(
            head.get("number"), "edi.response_number_missing", "nummer på ordrebekreftelsen i BGM", bgm_index
        )
    # RFF+ON is optional: a response to a telephone or pickup order (seed 004 §8) may carry only
    # the supplier's own number in BGM; the reader then treats it as an unsolicited order.
    buyer, supplier = parties.buyer_and_supplier(r)
    if r.has_errors:
        return None, r.issues
    doc = OrderResponse(
        number=head.pop("number"),
        order_no=head.pop("order_no", None),
        issue_date=head.pop("issue_date", None),
        status=head.pop("status"),
        supplier=supplier,
        buyer=buyer,
        lines=tuple(ResponseLine(**x) for x in lines),
        delivery_party=parties.get("DP"),
        **head,
    )
    return doc, r.issues


def to_segments(doc: OrderResponse, *, codes: ItemCodes = DEFAULT_CODES) -> list[Segment]:
    out = [
        seg("BGM", "231", doc.number, STATUS_CODE[doc.status]),
        dtm("137", doc.issue_date),
        dtm("2", doc.delivery_date),
        seg("FTX", "AAI", None, None, doc.note) if doc.note else None,
        seg("RFF", ["ON", doc.order_no]) if doc.order_no else None,
    ]
    out += party_segments("BY", doc.buyer) + party_segments("SU", doc.supplier)
    out += party_segments("DP", doc.delivery_party)
    out.append(seg("CUX", ["2", doc.currency, "9"]) if doc.currency else None)
    for line in doc.lines:
        out += item_segments(
            line.line_no,
            ACTION_CODE[line.action],
            line.gtin,
            line.seller_article_no,
            line.nobb,
            line.name,
            codes,
        )
        out += [
            qty("21", line.ordered_qty, line.unit),
            qty("113", line.confirmed_qty, line.unit),
            qty("83", line.backorder_qty, line.unit),
            dtm("69", line.backorder_date),
            dtm("2", line.delivery_date),
            seg("FTX", "ACD", None, None, line.reason) if line.reason else None,
            seg("PRI", ["AAA", num(line.net_price)]) if line.net_price is not None else None,
        ]
    out += [seg("UNS", "S"), count_segment(len(doc.lines))]
    return clean(out)
