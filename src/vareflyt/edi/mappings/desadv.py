"""DESADV (despatch advice / packing slip) <-> ``DespatchAdvice`` (DOMAIN.md §3).

Written: BGM+351, DTM+137/11/17, RFF+ON/CN, NAD SU BY DP, then CPS+1 (the shipment; with
``FTX+DEL+++SLUTTLEVERING`` when the delivery is final, an assumed NeB-like code) holding the
lines not in a package, and per package ``CPS+<n>+1``, ``PAC+<count>++<type>``, ``PCI+33E``,
``GIN+BJ+<SSCC>`` and its lines: LIN, PIA, IMD, QTY+12 (despatched), QTY+21, RFF+ON:<order>:<line>.
Lines are written grouped by package (lines in no package first), so a document whose lines
are in that order reads back equal. Reading follows CPS/PAC/GIN: a LIN belongs to the package
whose GIN+BJ came last in its CPS group. EANCOM suppliers put the batch number in
``PIA+1+<batch>:NB``: it is a NOBB number only from a partner whose ``nobb_code`` is NB
(``ItemCodes``), and is otherwise left out.
"""

from __future__ import annotations

from pydifact.segments import Segment

from vareflyt.domain.despatch import DespatchAdvice, DespatchLine, Package
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
    party_segments,
    qty,
    read_lin_ids,
    read_pia,
    seg,
    text,
)

FINAL_TEXT = "SLUTTLEVERING"


def from_segments(
    body: list[Segment], *, message_ref=None, file=None, codes: ItemCodes = DEFAULT_CODES
) -> tuple[DespatchAdvice | None, list[Issue]]:
    r = Reader(body, message_ref, file)
    head: dict = {"final_delivery": False}
    parties = Parties()
    lines: list[dict] = []
    packages: list[dict] = []
    in_cps = line_open = False
    package: dict | None = None
    bgm_index = None
    for i, s in enumerate(body):
        tag, q = s.tag, text(s, 0, 0)
        cur = lines[-1] if line_open else None
        if tag == "BGM":
            bgm_index = i
            head["number"] = text(s, 1, 0)
        elif tag == "DTM" and not in_cps:
            key = {"137": "issue_date", "11": "despatch_date", "17": "delivery_date"}.get(q or "")
            if key:
                head[key] = r.day(s, i) if key == "issue_date" else r.date(s, i)
        elif tag == "RFF" and not in_cps:
            if not parties.rff(s):
                if q == "ON":
                    head["order_no"] = text(s, 0, 1)
                elif q == "CN":
                    head["consignment_ref"] = text(s, 0, 1)
        elif tag == "NAD" and not in_cps:
            parties.nad(s)
        elif tag == "CPS":
            in_cps, package, line_open = True, None, False
        elif tag == "FTX" and in_cps and FINAL_TEXT in " ".join(filter(None, [text(s, 2), text(s, 3, 0)])):
            head["final_delivery"] = True
        elif tag == "PAC" and in_cps and cur is None:
            count = text(s, 0)
            package = {
                "sscc": None,
                "package_type": text(s, 2, 0),
                "count": int(count) if count and count.isdigit() else 1,
            }
            packages.append(package)
        elif tag == "GIN" and package is not None and cur is None and q == "BJ":
            package["sscc"] = text(s, 1, 0)
        elif tag == "LIN":
            lines.append(
                {"line_no": line_number(r, s, i), **read_lin_ids(s, codes), "_pkg": package, "_index": i}
            )
            line_open = True
        elif cur is None:
            continue
        elif tag == "PIA":
            cur.update(read_pia(s, codes))
        elif tag == "IMD":
            cur["name"] = imd_text(s)
        elif tag == "QTY" and q in ("12", "21"):
            cur["quantity" if q == "12" else "ordered_qty"] = r.decimal(text(s, 0, 1), i, "antall")
            cur["unit"] = cur.get("unit") or text(s, 0, 2)
        elif tag == "RFF" and q == "ON":
            cur["order_no"], cur["order_line"] = text(s, 0, 1), text(s, 0, 2)
    if bgm_index is None:
        r.error("edi.bgm_missing", "BGM (pakkseddelnummer) mangler")
    else:
        r.require(head.get("number"), "edi.despatch_number_missing", "pakkseddelnummer i BGM", bgm_index)
    buyer, supplier = parties.buyer_and_supplier(r)
    out_lines = []
    for line in lines:
        pkg, index = line.pop("_pkg"), line.pop("_index")
        if line.get("quantity") is None:
            r.error("edi.quantity_missing", "levert antall (QTY+12) mangler", index, line["line_no"])
            continue
        out_lines.append(DespatchLine(sscc=pkg["sscc"] if pkg else None, **line))
    if r.has_errors:
        return None, r.issues
    doc = DespatchAdvice(
        number=head.pop("number"),
        issue_date=head.pop("issue_date", None),
        supplier=supplier,
        buyer=buyer,
        lines=tuple(out_lines),
        packages=tuple(Package(**p) for p in packages),
        delivery_party=parties.get("DP"),
        **head,
    )
    return doc, r.issues


def _line_segments(line: DespatchLine, codes: ItemCodes) -> list:
    out = item_segments(line.line_no, None, line.gtin, line.seller_article_no, line.nobb, line.name, codes)
    out += [qty("12", line.quantity, line.unit), qty("21", line.ordered_qty, line.unit)]
    if line.order_no or line.order_line:
        out.append(seg("RFF", ["ON", line.order_no, line.order_line]))
    return out


def to_segments(doc: DespatchAdvice, *, codes: ItemCodes = DEFAULT_CODES) -> list[Segment]:
    out = [
        seg("BGM", "351", doc.number, "9"),
        dtm("137", doc.issue_date),
        dtm("11", doc.despatch_date),
        dtm("17", doc.delivery_date),
    ]
    out.append(seg("RFF", ["ON", doc.order_no]) if doc.order_no else None)
    out.append(seg("RFF", ["CN", doc.consignment_ref]) if doc.consignment_ref else None)
    out += party_segments("SU", doc.supplier) + party_segments("BY", doc.buyer)
    out += party_segments("DP", doc.delivery_party)
    out.append(seg("CPS", "1"))
    out.append(seg("FTX", "DEL", None, None, FINAL_TEXT) if doc.final_delivery else None)
    packed = {p.sscc for p in doc.packages if p.sscc}
    for line in doc.lines:
        if line.sscc not in packed:
            out += _line_segments(line, codes)
    for n, package in enumerate(doc.packages, start=2):
        out += [
            seg("CPS", str(n), "1"),
            seg("PAC", str(package.count), None, package.package_type),
            seg("PCI", "33E"),
        ]
        out.append(seg("GIN", "BJ", package.sscc) if package.sscc else None)
        for line in doc.lines:
            if package.sscc and line.sscc == package.sscc:
                out += _line_segments(line, codes)
    out.append(count_segment(len(doc.lines)))
    return clean(out)
