"""``vareflyt orders make``: order-entry lines (workbook or file) and reorder suggestions ->
purchase orders in the store, NeB ORDERS in ``outbox/`` or a printable order (HTML/PDF).

Each entry line is resolved to the supplier's catalogue and its price on the order date
(``rules.ordering``); lines that cannot be resolved stay in the order-entry table with the
reason. Resolved lines are grouped into one order per supplier and delivery place; each order
carries its agreement and price-list references and, for pickup, the pickup place with its
address (``jobs.order_header``), and is numbered, stored, written and logged in one transaction
(``jobs.order_writer``). A content key per entry line makes a second run order nothing twice.
Entry lines whose "Endrer ordre" names a sent order become a change order for it instead
(``jobs.change_orders``: a new order with a new number that replaces the old one).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.issues import JobResult, Source, UsageError, VareflytError, WorkbookLocked, error, info, warning
from ..domain.wording import plural
from ..rules import ordering
from ..store import purchase_orders as repo
from . import outbox
from .change_orders import changes_from_entries
from .order_catalogue import Catalogue, StoreCatalogue, price_source
from .order_header import order_header
from .order_writer import settings, write_order
from .progress import NULL_PROGRESS
from .purchasing_entries import entries_from_frame, settings_from_frame
from .reorder import reorder_entries
from .suppliers import Suppliers

if TYPE_CHECKING:
    from ..workspace import Workspace

__all__ = ["make_orders", "default_catalogue", "entries_from_file", "settings"]


def entries_from_file(path: Path) -> tuple[list[ordering.EntryLine], list]:
    from ..excel.tabular import parse_table, read_table

    read = read_table(path, "orders")
    typed = parse_table(read)
    out, issues = [], [i for i in read.issues]
    for row_no, v, problems in typed.iter_rows():
        for fkey, problem in problems.items():
            issues.append(typed.problem_issue(row_no, fkey, problem))
        out.append(
            ordering.EntryLine(
                supplier=v.get("supplier"),
                article=v.get("article_no") or v.get("gtin") or v.get("nobb"),
                quantity=v.get("quantity"),
                unit=v.get("unit"),
                delivery_date=v.get("delivery_date"),
                delivery_time=v.get("delivery_time"),
                delivery_gln=v.get("delivery_gln"),
                project=v.get("project"),
                end_customer=v.get("end_customer"),
                pickup=bool(v.get("pickup")),
                source=read.source(row_no),
                origin="file",
            )
        )
    return out, issues


def make_orders(
    ws: Workspace,
    *,
    entries: list[ordering.EntryLine] | None = None,
    from_file: Path | None = None,
    on: date | None = None,
    now: datetime | None = None,
    catalogue: Catalogue | None = None,
    workbook=None,
    progress=NULL_PROGRESS,
) -> JobResult:
    """Make orders from ``entries`` (given), ``from_file``, or the workbook's order entry; plus
    reorder suggestions from the workbook's article settings whenever the workbook is read."""
    on = on or date.today()
    now = now or datetime.now()
    own = workbook is None and entries is None and ws.purchasing_workbook.exists()
    if own:
        from ..excel.openpyxl_adapter import OpenpyxlWorkbook

        workbook = OpenpyxlWorkbook(ws.purchasing_workbook)
    try:
        return _make(ws, entries, from_file, on, now, catalogue, workbook, progress)
    finally:
        if own:
            workbook.close()


def _make(ws: Workspace, entries, from_file, on: date, now: datetime, catalogue, book, progress) -> JobResult:
    result = JobResult()
    suggestions: list[ordering.ArticleSetting] = []
    if entries is None:
        if from_file is not None:
            entries, file_issues = entries_from_file(Path(from_file))
            result.extend(file_issues)
        elif book is not None:
            frame = book.read_table("order_entry")
            result.extend(frame.attrs.get("issues", []))  # a cell that could not be read: say where
            entries = _with_changes(entries_from_frame(frame), frame)
        else:
            raise VareflytError(
                f"Fant ikke {ws.purchasing_workbook.name}. Kjør `vareflyt init`, eller bruk --from FIL."
            )
        if book is not None:
            frame = book.read_table("article_settings")
            result.extend(frame.attrs.get("issues", []))
            suggestions = settings_from_frame(frame)
    suppliers = Suppliers(ws)
    with ws.store.connect() as conn:
        pending = repo.open_quantities(conn)
        outbox.recover(ws.outbox, repo.order_files(conn))
    reorders, reorder_notes = reorder_entries(ws, suggestions, pending, suppliers.gln, now)
    result.extend(reorder_notes)
    entries = list(entries) + reorders
    catalogue = catalogue or default_catalogue(ws)
    company = ws.config.company
    orders_out, written, reasons = changes_from_entries(
        ws,
        [e for e in entries if e.changes_order],
        on=on,
        now=now,
        catalogue=catalogue,
        suppliers=suppliers,
        result=result,
    )
    planned, failed = _resolve(
        [e for e in entries if not e.changes_order], suppliers, catalogue, on, company.gln
    )
    with ws.store.connect() as conn:
        used = repo.used_entry_keys(conn, [p[5] for p in planned])
    if not company.gln and any(suppliers.edi(p[2]) for p in planned):
        raise UsageError(
            'Eget GLN mangler: skriv gln = "..." under [company] i vareflyt.toml før EDI-ordrer sendes.'
        )
    skipped = [p for p in planned if p[5] in used]
    planned = [p for p in planned if p[5] not in used]
    with progress.task("Lager ordrer", total=None) as task:
        for plan in ordering.group(planned):
            try:
                header, notes = order_header(ws, plan, suppliers)
                info_ = write_order(ws, plan, header, suppliers, company, on, now)
            except WorkbookLocked:
                raise
            except VareflytError as exc:  # this supplier's order cannot be made; the others go on
                result.add(
                    error(
                        "order.not_written",
                        f"Ordren til {suppliers.label(plan.supplier_gln)} "
                        f"ble ikke laget: {exc} Linjene står til neste kjøring, og "
                        f"ordren lages når dette er rettet.",
                        plan.lines[0].entry.source,
                    )
                )
                continue
            orders_out.append(info_)
            result.extend(notes)
            for line in plan.lines:
                written[id(line.entry)] = info_["number"]
            task.advance()
    for entry, reason in failed:
        result.add(
            warning(
                f"order.{reason}",
                f"{ordering.REASONS[reason]}: {entry.article or ''}".rstrip(": "),
                entry.source,
            )
        )
        reasons[id(entry)] = ordering.REASONS[reason]
    for p in skipped:
        written[id(p[0])] = used[p[5]]  # ordered by an earlier run: show its number again
        result.add(info("order.already", f"Allerede bestilt: {p[0].article}", p[0].source))
    if book is not None and any(e.origin == "entry" for e in entries):
        _write_back(book, entries, written, reasons, result)
    result.counts = {
        "orders": len(orders_out),
        "lines": sum(o["lines"] for o in orders_out),
        "unresolved": len(reasons),
        "already_ordered": len(skipped),
        "reorder_suggestions": sum(1 for e in entries if e.origin == "reorder"),
    }
    result.extra["orders"] = orders_out
    result.outputs.extend(o["file"] for o in orders_out)
    result.summary = (
        f"{plural(len(orders_out), 'ordre', 'ordrer')} laget, "
        f"{plural(len(reasons), 'linje', 'linjer')} kunne ikke bestilles."
    )
    return result


def default_catalogue(ws: Workspace) -> Catalogue:
    """Candidates from the price store on the order date (``jobs.order_catalogue``)."""
    return StoreCatalogue(ws)


def _resolve(entries, suppliers: Suppliers, catalogue: Catalogue, on: date, own_gln: str):
    planned, failed, seen = [], [], Counter[str]()
    for e in entries:
        if e.quantity is None or e.quantity <= 0:
            failed.append((e, "quantity"))
            continue
        gln = suppliers.gln(e.supplier)
        if gln is None:
            failed.append((e, "supplier"))
            continue
        at = ordering.parse_time(e.delivery_time)
        if isinstance(at, str):  # the reason key "time": not a time of day
            failed.append((e, at))
            continue
        place = (e.delivery_gln or "").strip() or (gln if e.pickup else own_gln)
        if not place:
            failed.append((e, "place"))
            continue
        article = (e.article or "").strip()
        found = ordering.resolve(catalogue(gln, article, on), on) if article else "article"
        if isinstance(found, str):
            failed.append((e, found))
            continue
        found = replace(found, price_source=price_source(catalogue, gln, article, on))
        base = e.key()
        key = e.key(seen[base])
        seen[base] += 1
        planned.append((e, found, gln, place, ordering.wanted_delivery(e.delivery_date, at), key))
    return planned, failed


def _with_changes(entries: list[ordering.EntryLine], frame) -> list[ordering.EntryLine]:
    """The entry lines with the order number their "Endrer ordre" cell names (an older workbook
    without the column changes nothing)."""
    changes = frame["changes_order"]
    return [
        replace(e, changes_order=str(changes[e.row]).strip())
        if isinstance(changes[e.row], str) and changes[e.row].strip()
        else e
        for e in entries
    ]


def _write_back(book, entries, written: dict[int, str], reasons: dict[int, str], result: JobResult) -> None:
    for e in entries:
        if e.row is None or e.origin != "entry":
            continue
        if id(e) in written:
            book.set_values(
                "order_entry", e.row, {"status": "Bestilt", "reason": None, "order_no": written[id(e)]}
            )
        elif id(e) in reasons:
            text = reasons[id(e)]
            book.set_values("order_entry", e.row, {"status": "Ikke bestilt", "reason": text})
            book.mark_cell("order_entry", e.row, "reason", "error", text)
    try:
        book.save()
    except WorkbookLocked:
        result.add(
            warning(
                "workbook.locked",
                "Innkjop.xlsx er åpen i Excel; status i Bestilling ble ikke skrevet. "
                "Ordrene er laget og sendes ikke på nytt.",
                Source(file="Innkjop.xlsx"),
            )
        )
