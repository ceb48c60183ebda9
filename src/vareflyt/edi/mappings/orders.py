"""ORDERS (purchase order) <-> ``Order``: NeB usage of UN/EDIFACT D.03A (DOMAIN.md §3).

Body written: BGM+220, DTM+137/2, FTX+AAI, RFF+CT/PL/PW/AEP, NAD BY SU DP IV UD SF (+RFF VA/XA),
CUX, TOD+4 (pickup), lines LIN/PIA/IMD/QTY+21/DTM+2/PRI+AAA, UNS+S, CNT+2.
"""

from __future__ import annotations

from pydifact.segments import Segment

from vareflyt.domain.issues import Issue
from vareflyt.domain.orders import Order, OrderLine, OrderPurpose

from .common import (DEFAULT_CODES, ItemCodes, Parties, Reader, clean, count_segment, dtm, imd_text,
                     item_segments, line_number, num, party_segments, qty, read_lin_ids, read_pia,
                     seg, text)

PURPOSE = {"9": OrderPurpose.ORIGINAL, "5": OrderPurpose.REPLACE, "1": OrderPurpose.CANCEL}
PURPOSE_CODE = {v: k for k, v in PURPOSE.items()}
REFS = {"CT": "agreement_ref", "PL": "price_list_ref", "PW": "previous_order_no", "AEP": "project_ref"}
ROLES = {"DP": "delivery_party", "IV": "invoicee", "UD": "ultimate_customer", "SF": "pickup_place"}


def from_segments(body: list[Segment], *, message_ref=None, file=None,
                  codes: ItemCodes = DEFAULT_CODES) -> tuple[Order | None, list[Issue]]:
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
            purpose = text(s, 2) or "9"
            if purpose not in PURPOSE:
                r.error("edi.kode", f"ukjent meldingsfunksjon «{purpose}» i BGM", i)
            head["purpose"] = PURPOSE.get(purpose, OrderPurpose.ORIGINAL)
        elif tag == "DTM" and cur is None:
            if q == "137":
                head["order_date"] = r.day(s, i)
            elif q == "2":
                head["requested_delivery"] = r.date(s, i)
        elif tag == "FTX" and cur is None:
            head["note"] = text(s, 3, 0)
        elif tag == "RFF" and cur is None:
            if not parties.rff(s) and q in REFS:
                head[REFS[q]] = text(s, 0, 1)
        elif tag == "NAD":
            parties.nad(s)
        elif tag == "CUX":
            head["currency"] = text(s, 0, 1)
        elif tag == "TOD":
            head["pickup"] = text(s, 0) == "4"
        elif tag == "LIN":
            lines.append({"line_no": line_number(r, s, i), **read_lin_ids(s, codes), "_index": i})
        elif cur is not None and tag == "PIA":
            cur.update(read_pia(s, codes))
        elif cur is not None and tag == "IMD":
            cur["name"] = imd_text(s)
        elif cur is not None and tag == "QTY" and q == "21":
            cur["quantity"] = r.decimal(text(s, 0, 1), i, "antall")
            cur["unit"] = text(s, 0, 2)
        elif cur is not None and tag == "DTM" and q == "2":
            cur["delivery"] = r.date(s, i)
        elif cur is not None and tag == "PRI" and q == "AAA":
            cur["net_price"] = r.decimal(text(s, 0, 1), i, "pris")
    if bgm_index is None:
        r.error("edi.bgm_mangler", "BGM (ordrenummer) mangler")
    else:
        r.require(head.get("number"), "edi.ordrenummer_mangler", "ordrenummer i BGM", bgm_index)
    buyer, supplier = parties.get("BY"), parties.get("SU")
    r.require(buyer, "edi.kjoper_mangler", "kjøper (NAD+BY)")
    r.require(supplier, "edi.leverandor_mangler", "leverandør (NAD+SU)")
    out_lines = []
    for line in lines:
        index = line.pop("_index")
        if line.get("quantity") is None:
            r.error("edi.antall_mangler", "bestilt antall (QTY+21) mangler", index, line["line_no"])
            continue
        if not (line.get("gtin") or line.get("seller_article_no") or line.get("nobb")):
            r.error("edi.vare_mangler", "linjen har verken GTIN, varenummer eller NOBB-nummer",
                    index, line["line_no"])
        out_lines.append(OrderLine(**line))
    if r.has_errors:
        return None, r.issues
    order = Order(number=head.pop("number"), order_date=head.pop("order_date", None), buyer=buyer,
                  supplier=supplier, lines=tuple(out_lines), **head,
                  **{field: parties.get(role) for role, field in ROLES.items()})
    return order, r.issues


def to_segments(order: Order, *, codes: ItemCodes = DEFAULT_CODES) -> list[Segment]:
    out = [seg("BGM", "220", order.number, PURPOSE_CODE[order.purpose]),
           dtm("137", order.order_date), dtm("2", order.requested_delivery),
           seg("FTX", "AAI", None, None, order.note) if order.note else None]
    for qualifier, field in REFS.items():
        value = getattr(order, field)
        out.append(seg("RFF", [qualifier, value]) if value else None)
    out += party_segments("BY", order.buyer) + party_segments("SU", order.supplier)
    for role, field in ROLES.items():
        out += party_segments(role, getattr(order, field))
    out.append(seg("CUX", ["2", order.currency, "9"]) if order.currency else None)
    out.append(seg("TOD", "4") if order.pickup else None)
    for line in order.lines:
        out += item_segments(line.line_no, None, line.gtin, line.seller_article_no, line.nobb,
                             line.name, codes)
        out += [qty("21", line.quantity, line.unit), dtm("2", line.delivery),
                seg("PRI", ["AAA", num(line.net_price)]) if line.net_price is not None else None]
    out += [seg("UNS", "S"), count_segment(len(order.lines))]
    return clean(out)

