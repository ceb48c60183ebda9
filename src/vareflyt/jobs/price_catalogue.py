"""The catalogue table and price lookups: what the store's price lists say on a date.

``refresh_catalogue_table`` rewrites the Katalog table of the purchasing workbook from the
store (every supplier's prices in effect on the date; a row carried from the previous version
because its row in the new list was rejected says "pris ikke oppdatert" in Merknad), warning
instead of failing when Excel has the workbook open. ``lookup_price`` (``vareflyt prices
lookup``) lives in ``jobs.price_lookup``, which loads no SQLAlchemy; it is re-exported here.
"""

from __future__ import annotations

from datetime import date
from operator import itemgetter
from typing import TYPE_CHECKING, Mapping

from ..domain.catalogue import CatalogueArticle
from ..domain.issues import JobResult, Source, VareflytError, WorkbookLocked, info, warning
from .effective_prices import catalogue_on
from .price_lookup import NOT_UPDATED, lookup_price
from .suppliers import supplier_names

if TYPE_CHECKING:
    from ..workspace import Workspace

def refresh_catalogue_table(ws: Workspace, result: JobResult, on: date | None = None, known: dict | None = None) -> None:
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
        rows = [in_order(catalogue_row(v, a, names)) for v, a in catalogue_on(conn, on or date.today(), known)]
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


__all__ = ["refresh_catalogue_table", "catalogue_row", "lookup_price", "NOT_UPDATED"]
