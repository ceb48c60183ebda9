"""The catalogue table and price lookups: what the store's price lists say on a date.

``refresh_catalogue_table`` rewrites the Katalog table of the purchasing workbook from the
store (every supplier's prices in effect on the date; a row carried from the previous version
because its row in the new list was rejected says "pris ikke oppdatert" in Merknad), warning
instead of failing when Excel has the workbook open. ``lookup_price`` (``vareflyt prices
lookup``) lives in ``jobs.price_lookup``, which loads no SQLAlchemy; it is re-exported here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import nullcontext
from datetime import date
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING

from ..domain.catalogue import CatalogueArticle, PriceVersion
from ..domain.issues import JobResult, Source, VareflytError, WorkbookLocked, info, warning
from .effective_prices import RowsInEffect, catalogue_parts
from .price_lookup import NOT_UPDATED, lookup_price
from .suppliers import supplier_names

if TYPE_CHECKING:
    from ..excel.port import WorkbookPort
    from ..workspace import Workspace


def refresh_catalogue_table(
    ws: Workspace,
    result: JobResult,
    on: date | None = None,
    known: dict | None = None,
    book: WorkbookPort | None = None,
) -> None:
    """Rewrite the purchasing workbook's catalogue table from the store (through the port);
    with ``book`` (a step's ``excel.pending.PendingWrites``) the rows are queued on it and
    written when the step saves the workbook."""
    workbook = ws.purchasing_workbook
    from ..excel.openpyxl_adapter import OpenpyxlWorkbook
    from ..excel.schemas import table_schema

    if not workbook.exists():
        result.add(
            info("price.catalogue_table", f"Fant ikke {workbook.name}; katalogtabellen ble ikke oppdatert.")
        )
        return
    names = supplier_names(ws)
    keys = table_schema("catalogue").keys
    with ws.store.connect() as conn:  # sequences in schema order: the port's fast input
        parts = catalogue_parts(conn, on or date.today(), known)
    rows: list[tuple] = []
    for part in parts:
        rows += (
            kept_rows(part, names, keys)
            if isinstance(part, RowsInEffect)
            else catalogue_rows(part, names, keys)
        )
    try:
        with nullcontext(book) if book is not None else OpenpyxlWorkbook(workbook) as port:
            port.replace_rows("catalogue", rows)
            port.save()
    except WorkbookLocked as exc:
        result.add(
            warning(
                "price.workbook_locked",
                f"{exc} Prisene er lagret; katalogtabellen oppdateres neste gang.",
                Source(file=workbook.name),
            )
        )
        return
    except VareflytError as exc:
        result.add(
            warning(
                "price.catalogue_table",
                f"Katalogtabellen ble ikke oppdatert: {exc} Prisene er lagret.",
                Source(file=workbook.name),
            )
        )
        return
    result.outputs.append(str(workbook))


# Katalog columns that hold the article's attribute of the same name as it is.
_AS_STORED = (
    "article_no",
    "gtin",
    "nobb",
    "name",
    "unit",
    "pack_level",
    "pack_qty",
    "gross",
    "discount_pct",
    "net",
    "fees",
    "vat_pct",
    "valid_to",
    "campaign_net",
    "campaign_from",
    "campaign_to",
    "product_group",
    "weight_kg",
    "dimensions",
    "price_basis",
)


def catalogue_rows(
    found: Sequence[tuple[PriceVersion, CatalogueArticle]], names: Mapping[str, str], keys: Sequence[str]
) -> list[tuple]:
    """The Katalog rows of ``found`` as tuples in the order of ``keys`` (the table's columns),
    built a column at a time by C-level ``map``s: the values ``catalogue_row`` gives a row,
    without a dict per row (100 000 rows a list)."""
    if not found:
        return []
    versions, articles = zip(*found)
    glns = list(map(attrgetter("supplier_gln"), versions))
    name_of = {gln: names.get(gln, "") for gln in set(glns)}
    stored = [key for key in _AS_STORED if key in keys]  # one getter, then rows to columns:
    columns: dict[str, Sequence] = dict(zip(stored, zip(*map(attrgetter(*stored), articles))))
    columns.update(
        supplier_gln=glns,
        supplier_name=list(map(name_of.__getitem__, glns)),
        valid_from=[a.valid_from or v.valid_from for v, a in found],
        price_list_version=list(map(str, map(attrgetter("number"), versions))),
        price_note=[NOT_UPDATED if a.not_updated else None for a in articles],
    )
    return list(zip(*(columns[key] for key in keys)))


def kept_rows(part: RowsInEffect, names: Mapping[str, str], keys: Sequence[str]) -> list[tuple]:
    """The Katalog rows of a version's rows kept as columns: what ``catalogue_rows`` gives for
    ``part.pairs()``, taken from the columns (in effect, in catalogue order) without an article."""
    version, rows, order = part
    n = len(order)
    if not n:
        return []
    take = itemgetter(*order) if n > 1 else (lambda column: [column[order[0]]])
    columns: dict[str, Sequence] = {key: take(rows.column(key)) for key in _AS_STORED if key in keys}
    columns.update(
        supplier_gln=(version.supplier_gln,) * n,
        supplier_name=(names.get(version.supplier_gln, ""),) * n,
        valid_from=[day or version.valid_from for day in take(rows.column("valid_from"))],
        price_list_version=(str(version.number),) * n,
        price_note=[NOT_UPDATED if kept else None for kept in take(rows.column("not_updated"))],
    )
    return list(zip(*(columns[key] for key in keys)))


def catalogue_row(version, a: CatalogueArticle, names: Mapping[str, str]) -> dict:
    """One row of the Katalog table; ``names`` is the directory's GLN -> name (``jobs.suppliers``)."""
    return {
        "supplier_gln": version.supplier_gln,
        "supplier_name": names.get(version.supplier_gln, ""),
        "article_no": a.article_no,
        "gtin": a.gtin,
        "nobb": a.nobb,
        "name": a.name,
        "unit": a.unit,
        "pack_level": a.pack_level,
        "pack_qty": a.pack_qty,
        "gross": a.gross,
        "discount_pct": a.discount_pct,
        "net": a.net,
        "fees": a.fees,
        "vat_pct": a.vat_pct,
        "valid_from": a.valid_from or version.valid_from,
        "valid_to": a.valid_to,
        "campaign_net": a.campaign_net,
        "campaign_from": a.campaign_from,
        "campaign_to": a.campaign_to,
        "product_group": a.product_group,
        "weight_kg": a.weight_kg,
        "dimensions": a.dimensions,
        "price_basis": a.price_basis,
        "price_list_version": str(version.number),
        "price_note": NOT_UPDATED if a.not_updated else None,
    }


__all__ = ["refresh_catalogue_table", "catalogue_row", "lookup_price", "NOT_UPDATED"]
