"""What users type in the purchasing workbook, read into what vareflyt works with: order-entry
rows not yet ordered and article settings (stock, reorder point, reorder quantity) as
``rules.ordering`` values for ``jobs.make_orders``, and received quantities changed in the
receipts table, recorded as manual receipts before ``jobs.purchasing_tables`` rewrites it.

It is its own module because reading the user's rows is apart from building the derived tables
from the store: each reader takes the table as the workbook adapter hands it out (a frame,
its rows' cell places and read problems with it) and gives back typed values or a count.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, cast

from ..domain.issues import JobResult
from ..rules import ordering
from .order_lines import set_manual_receipt

if TYPE_CHECKING:
    import pandas as pd

    from ..excel.port import WorkbookPort
    from ..workspace import Workspace


def take_manual_receipts(
    ws: Workspace, book: WorkbookPort, today: date, result: JobResult | None = None
) -> int:
    """Record received quantities the user changed in the receipts table; returns how many.
    Cells that cannot be read are reported in ``result``."""
    frame = book.read_table("receipts")
    if result is not None:
        result.extend(frame.attrs.get("issues", []))
    changed = 0
    with ws.store.transaction() as conn:
        for _, r in frame.iterrows():
            if r["despatch_no"] and r["received_qty"] is not None:
                line = None if r["line_no"] is None or str(r["line_no"]) == "<NA>" else int(r["line_no"])
                changed += set_manual_receipt(
                    conn,
                    r["despatch_no"],
                    r["order_no"],
                    line,
                    r["received_qty"],
                    r["received_date"] or today,
                )
    return changed


def entries_from_frame(frame: pd.DataFrame) -> list[ordering.EntryLine]:
    """Rows of the workbook's order-entry table not yet ordered."""
    from ..excel.port import row_source

    out = []
    for label, r in frame.iterrows():
        idx = cast(int, label)  # the port's frames are numbered 0, 1, … (a RangeIndex)
        if r["order_no"]:
            continue
        article = r["article_no"]
        out.append(
            ordering.EntryLine(
                supplier=r["supplier"],
                article=article,
                quantity=r["quantity"],
                unit=r["unit"],
                delivery_date=r["delivery_date"],
                delivery_time=r["delivery_time"],
                delivery_gln=r["delivery_gln"],
                project=r["project"],
                end_customer=r["end_customer"],
                pickup=_flag(r["pickup"]),
                row=int(idx),
                source=row_source(frame, idx),
                origin="entry",
            )
        )
    return out


def _flag(value: object) -> bool:
    try:
        return bool(value)
    except TypeError:  # pandas' NA in a boolean column
        return False


def settings_from_frame(frame: pd.DataFrame) -> list[ordering.ArticleSetting]:
    from ..excel.port import row_source

    out = []
    for label, r in frame.iterrows():
        idx = cast(int, label)  # the port's frames are numbered 0, 1, … (a RangeIndex)
        if r["article_no"]:
            setting = ordering.ArticleSetting(
                r["article_no"],
                r["supplier"],
                r["stock"],
                r["reorder_point"],
                r["reorder_qty"],
                row_source(frame, idx),
                int(idx),
            )
            out.append(setting)
    return out
