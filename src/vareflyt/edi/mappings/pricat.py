"""PRICAT (price catalogue) <-> ``PriceCatalogue`` (``vareflyt.domain.catalogue``, DOMAIN.md §3).

BGM+9+<no>+<9 new | 5 replace | 4 change>; DTM+137 issue, DTM+157 valid from, DTM+36 valid to;
RFF+PL; NAD SU BY; CUX; PGI+1+<product group> opens a group of articles; per article
LIN+<n>+<2 when expired>+<GTIN>:EN, PIA (seller's number, NOBB), IMD, MEA+PD+AAB+KGM:<weight>,
QTY+59:<pack qty>, DTM+157/36 article validity, TAX+7+VAT+++:::<pct>, PRI+AAB gross / PRI+AAA net
(:::<basis>:<unit>), PCD+12 discount, PRI+AAA:<price>:CAM + DTM+157/36 campaign price,
ALC+C + MOA+23 fees, PAC++<F|D|T> packaging level. The order unit rides on PRI (6411), or on
QTY+59 when the article has no price. Not carried: ``dimensions`` (free text). NOBB numbers are
read and written only under the partner's NOBB code (``ItemCodes.for_partner``).
"""

from __future__ import annotations

from pydifact.segments import Segment

from vareflyt.domain.catalogue import CatalogueArticle, CatalogueKind, PriceCatalogue
from vareflyt.domain.issues import Issue

from .common import (
    DEFAULT_CODES,
    ItemCodes,
    Parties,
    Reader,
    clean,
    dtm,
    imd_text,
    item_segments,
    line_number,
    num,
    qty,
    read_lin_ids,
    read_pia,
    seg,
    text,
)

KIND = {"9": CatalogueKind.NEW, "5": CatalogueKind.REPLACE, "4": CatalogueKind.CHANGE}
KIND_CODE = {v: k for k, v in KIND.items()}
CAMPAIGN = "CAM"


def from_segments(
    body: list[Segment], *, message_ref=None, file=None, codes: ItemCodes = DEFAULT_CODES
) -> tuple[PriceCatalogue | None, list[Issue]]:
    r = Reader(body, message_ref, file)
    head: dict = {}
    parties = Parties()
    arts: list[dict] = []
    group: str | None = None
    sub: str | None = None  # open sub-group in the article: "price", "campaign", "alc"
    bgm_index = None
    for i, s in enumerate(body):
        tag, q, val = s.tag, text(s, 0, 0), text(s, 0, 1)
        art = arts[-1] if arts else None
        if tag == "BGM":
            bgm_index, head["number"] = i, text(s, 1, 0)
            code = text(s, 2) or "9"
            if code not in KIND:
                r.error(
                    "edi.document_code",
                    f"ukjent meldingsfunksjon «{code}» i BGM (9 ny, 5 erstatning, 4 endring)",
                    i,
                )
            head["kind"] = KIND.get(code, CatalogueKind.NEW)
        elif tag == "PGI":
            group, sub = text(s, 1, 0), "pgi"  # back to catalogue level until the next LIN
        elif tag == "LIN":
            ids = read_lin_ids(s, codes)
            if "seller_article_no" in ids:
                ids["article_no"] = ids.pop("seller_article_no")
            arts.append(
                {
                    "_index": i,
                    "_no": line_number(r, s, i),
                    **ids,
                    "expired": text(s, 1) == "2",
                    "product_group": group,
                }
            )
            sub = None
        elif art is None or sub == "pgi":
            if tag == "DTM":
                key = {"137": "issue_date", "157": "valid_from", "36": "valid_to"}.get(q or "")
                if key:
                    head[key] = r.day(s, i)
            elif tag == "RFF" and not parties.rff(s) and q == "PL":
                head["price_list_ref"] = val
            elif tag == "NAD":
                parties.nad(s)
            elif tag == "CUX":
                head["currency"] = val
        elif tag == "PIA":
            found = read_pia(s, codes)
            if "seller_article_no" in found:
                found["article_no"] = found.pop("seller_article_no")
            art.update(found)
        elif tag == "IMD":
            art["name"] = imd_text(s) or ""
        elif tag == "MEA" and text(s, 1, 0) == "AAB":
            art["weight_kg"] = r.decimal(text(s, 2, 1), i, "vekt")
        elif tag == "QTY" and q == "59":
            art["pack_qty"] = r.decimal(val, i, "antall i pakning")
            art["unit"] = art.get("unit") or text(s, 0, 2)
        elif tag == "DTM" and q in ("157", "36"):
            prefix = "campaign" if sub == "campaign" else "valid"
            art[f"{prefix}_{'from' if q == '157' else 'to'}"] = r.day(s, i)
        elif tag == "TAX":
            art["vat_pct"] = r.decimal(text(s, 4, 3), i, "momssats")
        elif tag == "PRI" and q in ("AAA", "AAB"):
            price = r.decimal(val, i, "pris")
            if text(s, 0, 2) == CAMPAIGN:
                art["campaign_net"], sub = price, "campaign"
                continue
            art["net" if q == "AAA" else "gross"], sub = price, "price"
            if text(s, 0, 4):
                art["price_basis"] = r.decimal(text(s, 0, 4), i, "prisenhet")
            art["unit"] = art.get("unit") or text(s, 0, 5)
        elif tag == "PCD" and q == "12":
            art["discount_pct"] = r.decimal(val, i, "rabatt")
        elif tag == "ALC":
            sub = "alc"
        elif tag == "MOA" and sub == "alc" and q == "23":
            fee = r.decimal(val, i, "avgift")
            if fee is not None:
                art["fees"] = (art.get("fees") or 0) + fee
        elif tag == "PAC":
            art["pack_level"] = text(s, 1, 0)
    if bgm_index is None:
        r.error("edi.bgm_missing", "BGM (katalognummer) mangler")
    supplier = parties.get("SU")
    if supplier is None or not supplier.gln:
        r.error("edi.supplier_missing", "leverandørens GLN (NAD+SU) mangler")
    articles = []
    for art in arts:
        index, line_no = art.pop("_index"), art.pop("_no")
        if not art.get("article_no"):
            r.error("edi.article_no_missing", "leverandørens varenummer (PIA ...:SA) mangler", index, line_no)
            continue
        articles.append(CatalogueArticle(**art))
    if r.has_errors:
        return None, r.issues
    buyer = parties.get("BY")
    cat = PriceCatalogue(
        supplier_gln=supplier.gln,
        kind=head.pop("kind"),
        valid_from=head.pop("valid_from", None),
        articles=tuple(articles),
        buyer_gln=buyer.gln if buyer else None,
        **head,
    )
    return cat, r.issues


def to_segments(cat: PriceCatalogue, *, codes: ItemCodes = DEFAULT_CODES) -> list[Segment]:
    out = [
        seg("BGM", "9", cat.number, KIND_CODE[cat.kind]),
        dtm("137", cat.issue_date),
        dtm("157", cat.valid_from),
        dtm("36", cat.valid_to),
        seg("RFF", ["PL", cat.price_list_ref]) if cat.price_list_ref else None,
        seg("NAD", "SU", [cat.supplier_gln, None, "9"]),
        seg("NAD", "BY", [cat.buyer_gln, None, "9"]) if cat.buyer_gln else None,
        seg("CUX", ["2", cat.currency, "9"]),
    ]
    group: object = object()
    for n, a in enumerate(cat.articles, start=1):
        if a.product_group != group:
            group = a.product_group
            out.append(seg("PGI", "1", a.product_group))
        out += item_segments(n, "2" if a.expired else None, a.gtin, a.article_no, a.nobb, a.name, codes)
        out += [
            seg("MEA", "PD", "AAB", ["KGM", num(a.weight_kg)]) if a.weight_kg is not None else None,
            qty("59", a.pack_qty, a.unit if a.gross is None and a.net is None else None),
            dtm("157", a.valid_from),
            dtm("36", a.valid_to),
            seg("TAX", "7", "VAT", None, None, [None, None, None, num(a.vat_pct)])
            if a.vat_pct is not None
            else None,
        ]
        basis = num(a.price_basis)
        for q, price in (("AAB", a.gross), ("AAA", a.net)):
            if price is not None:
                out.append(seg("PRI", [q, num(price), None, None, basis, a.unit]))
            if q == "AAB" and a.discount_pct is not None and a.gross is not None:
                out.append(seg("PCD", ["12", num(a.discount_pct)]))
        if a.discount_pct is not None and a.gross is None:
            out.append(seg("PCD", ["12", num(a.discount_pct)]))
        if a.campaign_net is not None:
            out += [
                seg("PRI", ["AAA", num(a.campaign_net), CAMPAIGN]),
                dtm("157", a.campaign_from),
                dtm("36", a.campaign_to),
            ]
        if a.fees is not None:
            out += [seg("ALC", "C"), seg("MOA", ["23", num(a.fees)])]
        out.append(seg("PAC", None, a.pack_level) if a.pack_level else None)
    return clean(out)  # D.03A PRICAT has no UNS/CNT
