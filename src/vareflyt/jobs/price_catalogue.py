"""The catalogue table and price lookups: what the store's price lists say on a date.

``refresh_catalogue_table`` rewrites the Katalog table of the purchasing workbook from the
store (every supplier's prices in effect on the date; a row carried from the previous version
because its row in the new list was rejected says "pris ikke oppdatert" in Merknad), warning
instead of failing when Excel has the workbook open. ``lookup_price`` is ``vareflyt prices
lookup``: the price of one article from one supplier on a date, campaign price included.
"""

from __future__ import annotations

from datetime import date
from operator import itemgetter
from typing import Mapping

from ..domain.catalogue import CatalogueArticle
from ..domain.issues import JobResult, Source, VareflytError, WorkbookLocked, error, info, warning
from ..domain.wording import date_text, number_text
from ..rules.prices import best_match, effective, quote
from ..store import prices as repo
from .suppliers import supplier_label, supplier_names

NOT_UPDATED = "pris ikke oppdatert"


def refresh_catalogue_table(ws, result: JobResult, on: date | None = None, known: dict | None = None) -> None:
    """Rewrite the purchasing workbook's catalogue table from the store (through the port)."""
    workbook = ws.purchasing_workbook
    from ..excel.openpyxl_adapter import OpenpyxlWorkbook
    from ..excel.schemas import table_schema
    if not workbook.exists():
        result.add(info("price.catalogue_table", f"Fant ikke {workbook.name}; katalogtabellen ble ikke oppdatert."))
        return
    names = supplier_names(ws)
    in_order = itemgetter(*table_schema("catalogue").keys)   # sequences in schema order: the port's fast input
    with ws.store.connect() as conn:
        rows = [in_order(catalogue_row(v, a, names)) for v, a in repo.catalogue_on(conn, on or date.today(), known)]
    try:
        with OpenpyxlWorkbook(workbook) as book:
            book.replace_rows("catalogue", rows)
            book.save()
    except WorkbookLocked as exc:
        result.add(warning("price.workbook_locked", f"{exc} Prisene er lagret; katalogtabellen oppdateres neste gang.",
                           Source(file=workbook.name)))
        return
    except VareflytError as exc:
        result.add(warning("price.catalogue_table", f"Katalogtabellen ble ikke oppdatert: {exc} Prisene er lagret.",
                           Source(file=workbook.name)))
        return
    result.outputs.append(str(workbook))


def catalogue_row(version, a: CatalogueArticle, names: Mapping[str, str]) -> dict:
    """One row of the Katalog table; ``names`` is the directory's GLN -> name (``jobs.suppliers``)."""
    return {
        "supplier_gln": version.supplier_gln, "supplier_name": names.get(version.supplier_gln, ""),
        "article_no": a.article_no, "gtin": a.gtin, "nobb": a.nobb, "name": a.name, "unit": a.unit,
        "pack_level": a.pack_level, "pack_qty": a.pack_qty, "gross": a.gross, "discount_pct": a.discount_pct,
        "net": a.net, "fees": a.fees, "vat_pct": a.vat_pct, "valid_from": a.valid_from or version.valid_from,
        "valid_to": a.valid_to, "campaign_net": a.campaign_net, "campaign_from": a.campaign_from,
        "campaign_to": a.campaign_to, "product_group": a.product_group, "weight_kg": a.weight_kg,
        "dimensions": a.dimensions, "price_basis": a.price_basis, "price_list_version": str(version.number),
        "price_note": NOT_UPDATED if a.not_updated else None,
    }


def lookup_price(ws, supplier: str, article: str, on: date | None = None) -> JobResult:
    """The price of ``article`` (supplier no., GTIN or NOBB no.) from ``supplier`` on ``on``."""
    from .suppliers import checked_supplier_gln

    supplier = checked_supplier_gln(supplier)
    on = on or date.today()
    article = str(article).strip()
    with ws.store.connect() as conn:
        vers, rows = repo.candidates(conn, supplier, article)
    hit = best_match(effective(vers, rows, on), article)
    if hit is None:
        why = "ingen prislister fra leverandøren" if not vers else "varen finnes ikke, er utgått eller ikke gyldig da"
        return JobResult(ok=False, issues=[error("price.not_found", f"Fant ingen pris for {article} fra "
                                                 f"{supplier_label(ws, supplier)} "
                                                 f"på {on:%d.%m.%Y} ({why}).")],
                         extra={"supplier": supplier, "article": article, "date": on.isoformat()})
    q = quote(*hit, on)
    data = q.to_dict()
    a = q.article
    per = f"{number_text(a.price_basis)} {a.unit or 'enheter'}" if data["price_basis"] not in (None, "1") \
        else a.unit or "enhet"
    parts = [f"netto {number_text(q.net)} per {per}" + (" (kampanjepris)" if q.campaign else "")]
    parts += [f"brutto {number_text(a.gross)}"] if a.gross is not None else []
    parts += [f"rabatt {number_text(a.discount_pct)} %"] if a.discount_pct is not None else []
    parts += [f"gyldig {date_text(q.valid_from) or '…'}–{date_text(q.valid_to)}",
              f"prislisteversjon {q.version.number}"]
    parts += [f"{NOT_UPDATED} (raden i siste liste ble avvist; forrige pris gjelder)"] if q.article.not_updated else []
    summary = f"{q.article.article_no} {q.article.name}: " + ", ".join(parts)
    return JobResult(extra=dict(data, date=on.isoformat(), not_updated=q.article.not_updated), summary=summary)


__all__ = ["refresh_catalogue_table", "catalogue_row", "lookup_price", "NOT_UPDATED"]
