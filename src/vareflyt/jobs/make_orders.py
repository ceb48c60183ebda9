"""``vareflyt orders make``: order-entry lines (workbook or file) and reorder suggestions ->
purchase orders in the store, NeB ORDERS in ``outbox/`` or a printable order (HTML/PDF).

Each entry line is resolved to the supplier's catalogue and its price on the order date
(``rules.ordering``); lines that cannot be resolved stay in the order-entry table with the
reason. Resolved lines are grouped into one order per supplier and delivery place; each order
gets its number from the store's sequence and is stored, written and logged in one
transaction. A content key per entry line makes a second run order nothing twice. File names
(``ORDERS_<GLN>_<number>.edi``, ``Bestilling_<number>.html``) go through
``safe_paths.name_part``: a GLN or number that is no plain name gets a slug with a hash.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Callable

from ..domain.catalogue import CatalogueArticle
from ..domain.issues import JobResult, Source, UsageError, VareflytError, WorkbookLocked, error, info, warning
from ..domain.money import to_ore
from ..domain.orders import Order, OrderLine, PartyRef
from ..rules import ordering
from ..rules.order_status import LineState
from ..safe_paths import inside, name_part
from ..store import log, purchasing as repo
from ..store.sequences import next_value
from . import outbox
from .acknowledge import partner_item_codes
from .progress import NULL_PROGRESS
from .purchasing_tables import entries_from_frame, settings_from_frame
from .reorder import reorder_entries
from .suppliers import Suppliers

Catalogue = Callable[[str, str, date], list[CatalogueArticle]]   # (supplier GLN, article key, date)
JOB = "orders.make"


def settings(ws):
    from ..config.purchasing import PurchasingSettings
    try:
        return ws.config.section("purchasing")
    except KeyError:
        return PurchasingSettings()


def entries_from_file(path: Path) -> tuple[list[ordering.EntryLine], list]:
    from ..excel.tabular import parse_table, read_table
    read = read_table(path, "orders")
    typed = parse_table(read)
    out, issues = [], [i for i in read.issues]
    for row_no, v, problems in typed.iter_rows():
        for fkey, problem in problems.items():
            issues.append(typed.problem_issue(row_no, fkey, problem))
        out.append(ordering.EntryLine(
            supplier=v.get("supplier"), article=v.get("article_no") or v.get("gtin") or v.get("nobb"),
            quantity=v.get("quantity"), unit=v.get("unit"), delivery_date=v.get("delivery_date"),
            delivery_time=v.get("delivery_time"), delivery_gln=v.get("delivery_gln"), project=v.get("project"),
            end_customer=v.get("end_customer"), pickup=bool(v.get("pickup")), source=read.source(row_no),
            origin="file"))
    return out, issues


def make_orders(ws, *, entries: list[ordering.EntryLine] | None = None, from_file: Path | None = None,
                on: date | None = None, now: datetime | None = None, catalogue: Catalogue | None = None,
                workbook=None, progress=NULL_PROGRESS) -> JobResult:
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


def _make(ws, entries, from_file, on: date, now: datetime, catalogue, book, progress) -> JobResult:
    result = JobResult()
    suggestions: list[ordering.ArticleSetting] = []
    if entries is None:
        if from_file is not None:
            entries, file_issues = entries_from_file(Path(from_file))
            result.extend(file_issues)
        elif book is not None:
            frame = book.read_table("order_entry")
            result.extend(frame.attrs.get("issues", []))      # a cell that could not be read: say where
            entries = entries_from_frame(frame)
        else:
            raise VareflytError(f"Fant ikke {ws.purchasing_workbook.name}. Kjør `vareflyt init`, eller bruk --from FIL.")
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
    company = ws.config.section("company")
    planned, failed = _resolve(entries, suppliers, catalogue, on, company.gln)
    with ws.store.connect() as conn:
        used = repo.used_entry_keys(conn, [p[5] for p in planned])
    if not company.gln and any(suppliers.edi(p[2]) for p in planned):
        raise UsageError("Eget GLN mangler: skriv gln = \"...\" under [company] i vareflyt.toml før EDI-ordrer sendes.")
    skipped = [p for p in planned if p[5] in used]
    planned = [p for p in planned if p[5] not in used]
    orders_out, written = [], {}
    with progress.task("Lager ordrer", total=None) as task:
        for plan in ordering.group(planned):
            try:
                info_ = _write_order(ws, plan, suppliers, company, on, now)
            except WorkbookLocked:
                raise
            except VareflytError as exc:        # this supplier's order cannot be made; the others go on
                result.add(error("order.not_written", f"Ordren til {suppliers.name(plan.supplier_gln) or ''} "
                                 f"({plan.supplier_gln}) ble ikke laget: {exc} Linjene står til neste kjøring, og "
                                 f"ordren lages når dette er rettet.", plan.lines[0].entry.source))
                continue
            orders_out.append(info_)
            for line in plan.lines:
                written[id(line.entry)] = info_["number"]
            task.advance()
    for entry, reason in failed:
        result.add(warning(f"order.{reason}", f"{ordering.REASONS[reason]}: {entry.article or ''}".rstrip(": "),
                           entry.source))
    for p in skipped:
        written[id(p[0])] = used[p[5]]          # ordered by an earlier run: show its number again
        result.add(info("order.already", f"Allerede bestilt: {p[0].article}", p[0].source))
    if book is not None and any(e.origin == "entry" for e in entries):
        _write_back(book, entries, written, failed, result)
    result.counts = {"orders": len(orders_out), "lines": sum(o["lines"] for o in orders_out),
                     "unresolved": len(failed), "already_ordered": len(skipped),
                     "reorder_suggestions": sum(1 for e in entries if e.origin == "reorder")}
    result.extra["orders"] = orders_out
    result.outputs.extend(o["file"] for o in orders_out)
    result.summary = f"{len(orders_out)} ordrer laget, {len(failed)} linjer kunne ikke bestilles."
    return result


def default_catalogue(ws) -> Catalogue:
    """Candidates from the price store on the order date (price-list chain, campaigns): the
    best effective row, or the article marked expired when it exists but is not in effect.
    The effective catalogue is loaded once per supplier and date."""
    from dataclasses import replace
    from ..rules.prices import best_match, quote
    from ..store.prices import candidates, effective_on
    index: dict[tuple[str, date], dict[str, list]] = {}

    def lookup(supplier_gln: str, key: str, on: date) -> list[CatalogueArticle]:
        if (supplier_gln, on) not in index:
            by_key: dict[str, list] = {}
            with ws.store.connect() as conn:
                for va in effective_on(conn, supplier_gln, on).values():
                    for k in {va[1].article_no, va[1].gtin, va[1].nobb} - {None, ""}:
                        by_key.setdefault(k, []).append(va)
            index[(supplier_gln, on)] = by_key
        hits = index[(supplier_gln, on)].get(key)
        if not hits:
            with ws.store.connect() as conn:
                _, rows = candidates(conn, supplier_gln, key)
            return [replace(a, expired=True) for rs in rows.values() for a in rs][:1]
        version, article = best_match(dict(enumerate(hits)), key)
        q = quote(version, article, on)
        return [replace(article, net=q.net, campaign_net=None, valid_from=None, valid_to=None)]
    return lookup


def _resolve(entries, suppliers: Suppliers, catalogue: Catalogue, on: date, own_gln: str):
    planned, failed, seen = [], [], Counter()
    for e in entries:
        if e.quantity is None or e.quantity <= 0:
            failed.append((e, "quantity"))
            continue
        gln = suppliers.gln(e.supplier)
        if gln is None:
            failed.append((e, "supplier"))
            continue
        at = ordering.parse_time(e.delivery_time)
        if at == "time":
            failed.append((e, "time"))
            continue
        place = (e.delivery_gln or "").strip() or (gln if e.pickup else own_gln)
        if not place:
            failed.append((e, "place"))
            continue
        found = ordering.resolve(catalogue(gln, (e.article or "").strip(), on), on) if e.article else "article"
        if isinstance(found, str):
            failed.append((e, found))
            continue
        base = e.key()
        key = e.key(seen[base])
        seen[base] += 1
        planned.append((e, found, gln, place, ordering.wanted_delivery(e.delivery_date, at), key))
    return planned, failed


def _write_order(ws, plan: ordering.PlannedOrder, suppliers: Suppliers, company, on: date, now: datetime) -> dict:
    """One order in one transaction; its files become visible in outbox/ only after the commit."""
    cfg = settings(ws)
    buyer = PartyRef(gln=company.gln or None, orgnr=company.orgnr or None, name=company.name,
                     vat_no=f"NO{company.orgnr}MVA" if company.orgnr else None)
    supplier = PartyRef(gln=plan.supplier_gln, name=suppliers.name(plan.supplier_gln))
    edi = suppliers.edi(plan.supplier_gln)
    staged = outbox.Staged()
    try:
        info_ = _commit_order(ws, plan, suppliers, company, on, now, cfg, buyer, supplier, edi, staged)
    except BaseException:
        staged.discard()
        raise
    staged.promote()
    return info_


def _commit_order(ws, plan, suppliers, company, on, now, cfg, buyer, supplier, edi, staged) -> dict:
    from ..edi.mappings import orders as orders_map
    from ..edi.writer import write_interchange
    with ws.store.transaction() as conn:
        number = f"{cfg.order_number_prefix}{next_value(conn, 'order_no', cfg.order_number_start)}"
        lines = [OrderLine(pl.line_no, pl.entry.quantity, pl.article.unit or pl.entry.unit, pl.article.gtin,
                           pl.article.article_no, pl.article.nobb, pl.article.name,
                           delivery=pl.delivery if pl.delivery != plan.requested_delivery else None)
                 for pl in plan.lines]
        order = Order(number, on, buyer, supplier, tuple(lines), requested_delivery=plan.requested_delivery,
                      delivery_party=None if plan.pickup or plan.delivery_gln == company.gln
                      else PartyRef(gln=plan.delivery_gln),
                      ultimate_customer=PartyRef(name=plan.end_customer) if plan.end_customer else None,
                      pickup=plan.pickup, pickup_place=PartyRef(gln=plan.delivery_gln) if plan.pickup else None,
                      project_ref=plan.project, currency="NOK")
        amount = to_ore(sum((pl.entry.quantity * pl.article.net_price for pl in plan.lines), 0))
        if edi:
            ref = str(next_value(conn, "interchange_ref"))
            target = inside(ws.outbox, f"ORDERS_{name_part(plan.supplier_gln)}_{name_part(number)}.edi")
            codes = partner_item_codes(ws, plan.supplier_gln, target.name)
            staged.write(target, write_interchange(company.gln, plan.supplier_gln,
                                                   [("ORDERS", orders_map.to_segments(order, codes=codes))], ref, now))
        else:
            target = _printable(ws, order, plan, company, amount, cfg.pdf, staged)
        req = plan.requested_delivery
        order_id = repo.insert_order(
            conn, [LineState(pl.line_no, pl.entry.quantity, pl.article.article_no, pl.article.gtin, pl.article.nobb,
                             pl.article.name, pl.article.unit or pl.entry.unit, pl.article.net_price,
                             _day(pl.delivery or req)) for pl in plan.lines],
            supplier_gln=plan.supplier_gln, number=number, source="own", order_date=on,
            delivery_gln=plan.delivery_gln, requested_delivery=req if isinstance(req, datetime) or req is None
            else datetime.combine(req, datetime.min.time()), pickup=plan.pickup,
            pickup_gln=plan.delivery_gln if plan.pickup else None, project=plan.project,
            end_customer=plan.end_customer, status="sent", format="edifact" if edi else "pdf",
            file=str(target.relative_to(ws.root)), sent_at=now, amount=amount)
        repo.add_entry_keys(conn, [{"key": pl.key, "order_id": order_id, "line_no": pl.line_no} for pl in plan.lines])
        log.record(conn, job=JOB, status="ok", direction="out", file_name=target.name, partner=plan.supplier_gln,
                   doc_type="ORDERS" if edi else "ORDERS-PDF", doc_number=number, at=now,
                   counts={"lines": len(plan.lines)})
    return {"number": number, "supplier_gln": plan.supplier_gln, "delivery_gln": plan.delivery_gln,
            "lines": len(plan.lines), "format": "edifact" if edi else "pdf", "file": str(target)}


def _day(value):
    return value.date() if isinstance(value, datetime) else value


def _printable(ws, order: Order, plan, company, amount, pdf: bool, staged: outbox.Staged) -> Path:
    from ..letters.render import render
    prices = {pl.line_no: pl.article.net_price for pl in plan.lines}
    html = render("purchase_order", "nb", order=order, company=company, prices=prices, amount=amount,
                  supplier_name=order.supplier.name)
    stem = f"Bestilling_{name_part(order.number)}"
    staged.write(inside(ws.outbox, f"{stem}.html"), html.encode("utf-8"))
    if not pdf:
        return inside(ws.outbox, f"{stem}.html")
    from ..letters.pdf import write_pdf
    target = inside(ws.outbox, f"{stem}.pdf")
    write_pdf(html, staged.path(target), title=f"Bestilling {order.number}", author=company.name)
    return target


def _write_back(book, entries, written, failed, result: JobResult) -> None:
    reasons = {id(e): r for e, r in failed}
    for e in entries:
        if e.row is None or e.origin != "entry":
            continue
        if id(e) in written:
            book.set_values("order_entry", e.row, {"status": "Bestilt", "reason": None, "order_no": written[id(e)]})
        elif id(e) in reasons:
            text = ordering.REASONS[reasons[id(e)]]
            book.set_values("order_entry", e.row, {"status": "Ikke bestilt", "reason": text})
            book.mark_cell("order_entry", e.row, "reason", "error", text)
    try:
        book.save()
    except WorkbookLocked:
        result.add(warning("workbook.locked", "Innkjop.xlsx er åpen i Excel; status i Bestilling ble ikke skrevet. "
                           "Ordrene er laget og sendes ikke på nytt.", Source(file="Innkjop.xlsx")))
