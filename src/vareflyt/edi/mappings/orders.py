"""ORDERS (purchase order) <-> ``Order``: NeB usage of UN/EDIFACT D.03A (DOMAIN.md §3).

Body written: BGM+220, DTM+137/2, FTX+AAI, RFF+CT/PL/PW/AEP, NAD BY SU DP IV UD SF (+RFF VA/XA),
CUX, TOD+4 (pickup), lines LIN/PIA/IMD/QTY+21/DTM+2/PRI+AAA, UNS+S, CNT+2. A stored party given
in ``places`` for a role adds its address to that NAD (street over C059, city 3164, postcode 3251,
country 3207): the pickup place NAD+SF goes "med navn og adresse" (seed 004 §5.1).

Every value is written within D.03A (``bounded``): long party names go over NAD C080's five
components, the note over FTX C108, article names over IMD 7008 twice; a value that cannot fit
(an order number over 35 characters, a unit over 8) raises ``EdifactWriteError`` naming it.
Reading joins those components again with a space.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from pydifact.segments import Segment

from vareflyt.domain.issues import Issue
from vareflyt.domain.orders import Order, OrderLine, OrderPurpose, PartyRef
from vareflyt.domain.parties import Party

from ..writer import EdifactWriteError
from .bounded import STREET, description, fit, free_text, joined, party, split
from .bounded import clean as written
from .common import (
    DEFAULT_CODES,
    ItemCodes,
    Parties,
    Reader,
    clean,
    count_segment,
    dtm,
    line_number,
    num,
    read_lin_ids,
    read_pia,
    seg,
    text,
)

PURPOSE = {"9": OrderPurpose.ORIGINAL, "5": OrderPurpose.REPLACE, "1": OrderPurpose.CANCEL}
PURPOSE_CODE = {v: k for k, v in PURPOSE.items()}
REFS = {"CT": "agreement_ref", "PL": "price_list_ref", "PW": "previous_order_no", "AEP": "project_ref"}
ROLES = {"DP": "delivery_party", "IV": "invoicee", "UD": "ultimate_customer", "SF": "pickup_place"}
WHO = {
    "BY": "kjøper",
    "SU": "leverandør",
    "DP": "leveringsstedet",
    "IV": "fakturamottaker",
    "UD": "sluttkunden",
    "SF": "hentestedet",
}
REF_NAMES = {
    "CT": "avtalereferansen",
    "PL": "prislistereferansen",
    "PW": "ordrenummeret som erstattes",
    "AEP": "prosjektreferansen",
}
NUMBER_HINT = (
    "Bruk et kortere prefiks for ordrenumre (order_number_prefix under [purchasing] i vareflyt.toml)."
)


def from_segments(
    body: list[Segment], *, message_ref=None, file=None, codes: ItemCodes = DEFAULT_CODES
) -> tuple[Order | None, list[Issue]]:
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
                r.error("edi.document_code", f"ukjent meldingsfunksjon «{purpose}» i BGM", i)
            head["purpose"] = PURPOSE.get(purpose, OrderPurpose.ORIGINAL)
        elif tag == "DTM" and cur is None:
            if q == "137":
                head["order_date"] = r.day(s, i)
            elif q == "2":
                head["requested_delivery"] = r.date(s, i)
        elif tag == "FTX" and cur is None:
            head["note"] = joined(s, 3)
        elif tag == "RFF" and cur is None:
            if not parties.rff(s) and q in REFS:
                head[REFS[q]] = text(s, 0, 1)
        elif tag == "NAD":
            parties.nad(s)
            name = joined(s, 3, 0, 4)  # C080: the name over its five components
            if name and parties.last:
                parties.by_role[parties.last] = replace(parties.by_role[parties.last], name=name)
        elif tag == "CUX":
            head["currency"] = text(s, 0, 1)
        elif tag == "TOD":
            head["pickup"] = text(s, 0) == "4"
        elif tag == "LIN":
            lines.append({"line_no": line_number(r, s, i), **read_lin_ids(s, codes), "_index": i})
        elif cur is not None and tag == "PIA":
            cur.update(read_pia(s, codes))
        elif cur is not None and tag == "IMD":
            cur["name"] = joined(s, 2, 3, 4)  # 7008 twice
        elif cur is not None and tag == "QTY" and q == "21":
            cur["quantity"] = r.decimal(text(s, 0, 1), i, "antall")
            cur["unit"] = text(s, 0, 2)
        elif cur is not None and tag == "DTM" and q == "2":
            cur["delivery"] = r.date(s, i)
        elif cur is not None and tag == "PRI" and q == "AAA":
            cur["net_price"] = r.decimal(text(s, 0, 1), i, "pris")
    if bgm_index is None:
        r.error("edi.bgm_missing", "BGM (ordrenummer) mangler")
    else:
        r.require(head.get("number"), "edi.order_number_missing", "ordrenummer i BGM", bgm_index)
    buyer, supplier = parties.buyer_and_supplier(r)
    out_lines = []
    for line in lines:
        index = line.pop("_index")
        if line.get("quantity") is None:
            r.error("edi.quantity_missing", "bestilt antall (QTY+21) mangler", index, line["line_no"])
            continue
        if not (line.get("gtin") or line.get("seller_article_no") or line.get("nobb")):
            r.error(
                "edi.item_missing",
                "linjen har verken GTIN, varenummer eller NOBB-nummer",
                index,
                line["line_no"],
            )
        out_lines.append(OrderLine(**line))
    if r.has_errors:
        return None, r.issues
    order = Order(
        number=head.pop("number"),
        order_date=head.pop("order_date", None),
        buyer=buyer,
        supplier=supplier,
        lines=tuple(out_lines),
        **head,
        **{field: parties.get(role) for role, field in ROLES.items()},
    )
    return order, r.issues


def to_segments(
    order: Order, *, codes: ItemCodes = DEFAULT_CODES, places: Mapping[str, Party] | None = None
) -> list[Segment]:
    """The ORDERS body; ``EdifactWriteError`` when a value cannot fit D.03A. ``places`` maps a
    NAD role to the stored party whose address goes with it (see ``fitting_address``)."""
    places = places or {}
    number = fit(order.number, 35, "ordrenummeret", "BGM 1004", NUMBER_HINT)
    out = [
        seg("BGM", "220", number, PURPOSE_CODE[order.purpose]),
        dtm("137", order.order_date),
        dtm("2", order.requested_delivery),
        free_text("AAI", order.note, "merknaden på ordren"),
    ]
    for qualifier, field in REFS.items():
        value = fit(getattr(order, field), 70, REF_NAMES[qualifier], f"RFF+{qualifier} 1154")
        out.append(seg("RFF", [qualifier, value]) if value else None)
    out += _party("BY", order.buyer) + _party("SU", order.supplier)
    for role, field in ROLES.items():
        out += _party(role, getattr(order, field), places.get(role))
    if order.currency:
        out.append(seg("CUX", ["2", fit(order.currency, 3, "valutakoden", "CUX 6345"), "9"]))
    out.append(seg("TOD", "4") if order.pickup else None)
    for line in order.lines:
        out += _line(line, codes)
    out += [seg("UNS", "S"), count_segment(len(order.lines))]
    return clean(out)


def fitting_address(place: Party) -> tuple[Party, list[str]]:
    """``place`` with only the address parts that fit NAD (street over C059 4 x an..35 split at
    spaces, city 3164 an..35, postcode 3251 an..17, country 3207 an..3), and the Norwegian names
    of the parts left out. Lengths are counted as the writer writes them (``bounded.clean``)."""
    dropped, keep = [], {}
    try:
        split(place.address or "", *STREET, "gateadressen")
    except EdifactWriteError:
        dropped.append("gateadressen")
        keep["address"] = None
    for fld, width, what in (
        ("city", 35, "poststedet"),
        ("postcode", 17, "postnummeret"),
        ("country", 3, "landkoden"),
    ):
        value = getattr(place, fld)
        if value and len(written(value)) > width:
            dropped.append(what)
            keep[fld] = None
    return place.with_values(**keep), dropped


def _party(role: str, ref: PartyRef | None, place: Party | None = None) -> list[Segment]:
    if ref is None:
        return []
    who = WHO.get(role, role)
    address = (
        {}
        if place is None
        else {
            "street": [place.address] if place.address else [],
            "city": place.city,
            "postcode": place.postcode,
            "country": place.country,
        }
    )
    out = [party(role, ref.gln, ref.name, who=who, **address)]
    if ref.vat_no:
        out.append(seg("RFF", ["VA", fit(ref.vat_no, 70, f"MVA-nummeret til {who}", "RFF+VA 1154")]))
    if ref.orgnr:
        out.append(seg("RFF", ["XA", fit(ref.orgnr, 70, f"organisasjonsnummeret til {who}", "RFF+XA 1154")]))
    return out


def _line(line: OrderLine, codes: ItemCodes) -> list[Segment]:
    n = line.line_no
    gtin = fit(line.gtin, 35, f"GTIN på linje {n}", "LIN 7140")
    out = [seg("LIN", fit(n, 6, "linjenummeret", "LIN 1082"), None, [gtin, codes.gtin] if gtin else None)]
    if line.seller_article_no:
        out.append(
            seg(
                "PIA",
                "1",
                [
                    fit(line.seller_article_no, 35, f"leverandørens varenummer på linje {n}", "PIA 7140"),
                    codes.seller,
                ],
            )
        )
    if line.nobb and codes.nobb:  # without the partner's NOBB code, NOBB is not sent
        out.append(
            seg("PIA", "1", [fit(line.nobb, 35, f"NOBB-nummeret på linje {n}", "PIA 7140"), codes.nobb])
        )
    out.append(description(line.name, f"varenavnet på linje {n}"))
    if line.quantity is not None:
        out.append(
            seg("QTY", ["21", num(line.quantity), fit(line.unit, 8, f"enheten på linje {n}", "QTY 6411")])
        )
    out += [
        dtm("2", line.delivery),
        seg("PRI", ["AAA", num(line.net_price)]) if line.net_price is not None else None,
    ]
    return out
