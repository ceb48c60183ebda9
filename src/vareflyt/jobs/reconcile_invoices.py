"""``vareflyt invoices reconcile``: run checks a–w on every supplier invoice not yet approved.

Per chunk of invoices the store is read with a handful of set-based queries (orders and their
lines, receipts per packing slip, known packing slips, price-list versions and the rows of the
invoiced articles, what earlier invoices invoiced); the job resolves the price that applied on
each order date (campaign price included) and builds one frozen ``ControlContext`` per
invoice; the pure rules give findings and an outcome. A person's decision (from the workbook)
wins and is not re-checked; approved invoices are not re-checked either. Then the workbook's
invoice tables, deviation notices per supplier and the processing log.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from ..domain.issues import JobResult, Source, info, warning
from ..rules import prices as price_rules
from ..rules.invoice_control import (APPROVED, LABELS, REJECTED, STATUSES, ControlContext, OrderInfo,
                                     OrderLineInfo, PriceRow, outcome)
from ..rules.invoice_control.model import as_int, line_order_no, maker
from ..store import invoices as repo, log
from .poison import failure
from .progress import NULL_PROGRESS

JOB = "invoices.reconcile"
CHUNK = 2000
ZERO = Decimal(0)


def control_settings(ws):
    from ..config.invoice_control import InvoiceControlSettings
    try:
        return ws.config.section("invoice_control")
    except KeyError:
        return InvoiceControlSettings()


def duplicates(rows: list[dict]) -> dict[int, str]:
    """Invoice id -> the earlier invoice it repeats (same supplier and number, or same content)."""
    seen: dict[tuple, dict] = {}
    out: dict[int, str] = {}
    for r in rows:
        if r["decision"] == REJECTED:
            continue
        keys = [("no", r["supplier_gln"], r["number"].strip().upper()), ("fp", r["fingerprint"])]
        first = next((seen[k] for k in keys if k in seen), None)
        if first is not None:
            out[r["id"]] = (f"{first['number']}, {first['format'].upper()}, mottatt "
                            f"{first['received_at']:%d.%m.%Y %H:%M}")
        for k in keys:
            seen.setdefault(k, r)
    return out


_make_line_info = maker(OrderLineInfo)


def _line_info(r) -> OrderLineInfo:
    (_, no, article, gtin, nobb, unit, price, ordered, confirmed, backorder, delivered, received,
     added, rejected, closed) = r
    expected = ZERO if rejected else ordered if confirmed is None else confirmed + (backorder or ZERO)
    return _make_line_info((no, article, gtin, nobb, unit, ordered, expected,
                            delivered if received is None else received, price, bool(added), bool(rejected),
                            bool(closed)))


class _Prices:
    """Price rows on a date, from the versions and the rows of the articles in this chunk."""

    def __init__(self):
        self.versions, self.rows, self.chains, self.fetched, self.cache = {}, {}, {}, set(), {}

    def load(self, conn, wanted: dict[str, set[str]]) -> None:
        """Fetch the price rows of articles not fetched before (chunks share what they load)."""
        missing = {s: {a for a in arts if (s, a) not in self.fetched} for s, arts in wanted.items()}
        missing = {s: arts for s, arts in missing.items() if arts or s not in self.versions}
        if not missing:
            return
        versions, rows = repo.price_data(conn, missing)
        self.versions.update(versions)
        self.rows.update(rows)
        self.fetched.update((s, a) for s, arts in missing.items() for a in arts)

    def chain(self, supplier: str, on: date):
        key = (supplier, on)
        if key not in self.chains:
            self.chains[key] = price_rules.chain_on(self.versions.get(supplier, []), on)
        return self.chains[key]

    def row(self, supplier: str, article: str | None, gtin: str | None, on: date) -> PriceRow | None:
        key = (supplier, article, gtin, on)
        if key not in self.cache:
            self.cache[key] = self._row(supplier, article, gtin, on)
        return self.cache[key]

    def _row(self, supplier: str, article: str | None, gtin: str | None, on: date) -> PriceRow | None:
        found: dict[str, tuple] = {}
        for version in self.chain(supplier, on):
            for a in self.rows.get((version.id, article), ()):
                if price_rules.applies(a, on):
                    found[a.pack_level or ""] = (version, a)
        live = [va for va in found.values() if not va[1].expired]
        if not live:
            return None
        version, a = live[0] if len(live) == 1 else min(
            live, key=lambda va: (va[1].gtin != gtin, price_rules.PACK_ORDER.get(va[1].pack_level, 3)))
        campaign = a.campaign_net is not None and a.campaign_from is not None and a.campaign_to is not None \
            and a.campaign_from <= on <= a.campaign_to
        return PriceRow(a.campaign_net if campaign else a.net, a.vat_pct, a.gross, a.discount_pct, a.fees,
                        a.price_basis, a.unit, campaign, version.number)


def _load(conn, part: list[dict], invoices: dict, prices: _Prices) -> dict:
    keys = {(r["supplier_gln"], line_order_no(invoices[r["id"]], ln) or "")
            for r in part for ln in invoices[r["id"]].lines}
    keys |= {(r["supplier_gln"], ref) for r in part for ref in invoices[r["id"]].order_refs}
    orders = repo.orders_for(conn, keys)
    wanted: dict[str, set[str]] = {}
    for o in orders.values():
        wanted.setdefault(o["supplier_gln"], set()).update(ln[2] for ln in o["lines"] if ln[2])
    for r in part:
        wanted.setdefault(r["supplier_gln"], set()).update(
            ln.seller_article_no for ln in invoices[r["id"]].lines if ln.seller_article_no)
    prices.load(conn, wanted)
    return {"orders": orders, "receipts": repo.receipts_for(conn, [o["id"] for o in orders.values()]),
            "despatches": repo.despatch_numbers(conn, {d for r in part for inv in (invoices[r["id"]],) for d in
                                                       (*inv.despatch_refs, *(ln.despatch_ref for ln in inv.lines))
                                                       if d}),
            "prices": prices,
            "invoiced": repo.invoiced_lines(conn, {k[1] for k in keys if k[1]}, [r["id"] for r in part]) + [
                (r["id"], r["kind"], line_order_no(inv, ln), ln.order_line, ln.quantity, None, r["supplier_gln"])
                for r in part for inv in (invoices[r["id"]],) for ln in inv.lines]}


def _contexts(part, invoices, data, cfg, our, today, status, dup, credited_ok):
    orders_by_key = {k: OrderInfo(o["number"], o["supplier_gln"], o["order_date"],
                                  {ln[1]: _line_info(ln) for ln in o["lines"]}, our, o["delivery_gln"],
                                  pickup=bool(o["pickup"]), closed=bool(o["closed"]))
                     for k, o in data["orders"].items()}
    by_despatch: dict[tuple, Decimal] = {}
    for slip, order_no, line, sent, got in data["receipts"]:
        key = (slip, order_no, line)
        by_despatch[key] = by_despatch.get(key, ZERO) + (sent if got is None else got)
    invoiced: dict[tuple[str, str], list] = {}
    for row in data["invoiced"]:
        invoiced.setdefault((row[6], row[2]), []).append(row)
    prices: _Prices = data["prices"]
    slips = {gln: frozenset(numbers) for gln, numbers in data["despatches"].items()}

    def one(r) -> ControlContext:
        inv, supplier = invoices[r["id"]], r["supplier_gln"]
        refs = {line_order_no(inv, ln) for ln in inv.lines} | set(inv.order_refs)
        orders = {n: orders_by_key[(supplier, n)] for n in refs if n and (supplier, n) in orders_by_key}
        elsewhere: dict[tuple[str, int], Decimal] = {}
        earlier = [row for n in orders for row in invoiced.get((supplier, n), ())]
        for inv_id, kind, order_no, order_line, qty, _, _ in earlier:     # earlier ones, and approved later ones
            seen = status.get(inv_id)
            if inv_id == r["id"] or seen == REJECTED or (inv_id > r["id"] and seen != APPROVED):
                continue
            key = (order_no, as_int(order_line))
            elsewhere[key] = elsewhere.get(key, ZERO) + (-qty if kind == "credit_note" else qty)
        row_of = {}
        dates = set()
        for ln in inv.lines:
            order = orders.get(line_order_no(inv, ln) or "")
            on = (order.order_date if order else None) or inv.issue_date or today
            dates.add(on)
            ol = order.lines.get(as_int(ln.order_line)) if order else None
            article = ol.article_no if ol else ln.seller_article_no
            row_of[ln.line_no] = prices.row(supplier, article, ol.gtin if ol else ln.gtin, on) if article else None
        agreement, settings = cfg.for_supplier(supplier)
        return ControlContext(
            invoice=inv, our_gln=our, today=today, orders=orders, prices=row_of,
            has_price_list=all(prices.chain(supplier, d) for d in dates) if dates else True,
            received_by_despatch=by_despatch, known_despatches=slips.get(supplier, frozenset()),
            invoiced_elsewhere=elsewhere, duplicate_of=dup.get(r["id"]),
            credited_known=credited_ok(r, inv), agreement=agreement, settings=settings,
            received_on=r["received_at"].date() if r["received_at"] else None)

    for r in part:        # one poison invoice (a number decimal cannot hold, ...) must not stop the others
        try:
            yield r, one(r)
        except Exception as exc:  # noqa: BLE001 - reported by the caller with the invoice's number and file
            yield r, exc


def reconcile_invoices(ws, *, on: date | None = None, now: datetime | None = None, progress=NULL_PROGRESS,
                       workbook: bool = True, book=None) -> JobResult:
    """Check every invoice not yet approved or decided; then tables, notices and the log."""
    from .invoice_tables import refresh_invoice_tables, take_decisions, write_notices
    now = now or datetime.now()
    today = on or now.date()
    cfg, our = control_settings(ws), ws.config.section("company").gln
    result = JobResult()
    if workbook:
        result.counts["decisions"] = take_decisions(ws, book, now, result)
    with ws.store.connect() as conn:
        rows = repo.headers(conn)
    status = {r["id"]: r["status"] for r in rows}
    before = dict(status)
    numbers = {(r["supplier_gln"], r["number"]) for r in rows if r["kind"] != "credit_note"}
    credited_ok = lambda r, inv: not inv.credited_invoice or (r["supplier_gln"], inv.credited_invoice) in numbers  # noqa: E731
    dup = duplicates(rows)
    todo = [r for r in rows if r["status"] != APPROVED and not r["decision"]]
    checked: dict[int, list] = {}
    failed: dict[int, BaseException] = {}
    price_cache = _Prices()
    with progress.task("Kontrollerer leverandørfakturaer", total=len(todo)) as task:
        parts = [todo[start:start + CHUNK] for start in range(0, len(todo), CHUNK)]
        while parts:
            part = parts.pop(0)
            try:
                with ws.store.connect() as conn:
                    invoices = repo.load_invoices(conn, part)
                    data = _load(conn, part, invoices, price_cache)
            except Exception as exc:  # noqa: BLE001 - find the one invoice that cannot be loaded
                if len(part) > 1:
                    parts[:0] = [[r] for r in part]
                else:
                    failed[part[0]["id"]] = exc
                    task.advance(1)
                continue
            results = []
            for r, ctx in _contexts(part, invoices, data, cfg, our, today, status, dup, credited_ok):
                try:
                    if isinstance(ctx, BaseException):
                        raise ctx
                    state, findings = outcome(ctx)
                except Exception as exc:  # noqa: BLE001 - one poison invoice never stops the others
                    failed[r["id"]] = exc
                    continue
                status[r["id"]] = state
                results.append((r["id"], state, findings))
                checked[r["id"]] = findings
            with ws.store.transaction() as conn:
                repo.save_results(conn, results, today)
            task.advance(len(part))
    result.extend(_failures(todo, failed))
    result.extend(_issues(todo, status, checked))
    result.counts.update({"invoices": len(rows), "checked": len(todo) - len(failed)})
    if failed:
        result.counts["failed"] = len(failed)
    result.counts.update({s: sum(1 for v in status.values() if v == s) for s in STATUSES})
    with ws.store.connect() as conn:
        result.extra["invoices"] = listing(conn, rows, status)
    if workbook:
        refresh_invoice_tables(ws, book=book, result=result)
        if cfg.notices:
            told = ("deviation", "rejected")              # the supplier heard of these on an earlier run
            write_notices(ws, today, {i for i in checked if status[i] in told and before[i] not in told}, result)
    with ws.store.transaction() as conn:
        log.record(conn, job=JOB, status="ok", params_key=today.isoformat(), counts=result.counts, at=now,
                   message=f"{len(todo) - len(failed)} fakturaer kontrollert"
                   + (f", {len(failed)} kunne ikke kontrolleres" if failed else ""))
    done = [r for r in todo if r["id"] not in failed]
    now_ = {s: sum(1 for r in done if status[r["id"]] == s) for s in (APPROVED, "deviation", REJECTED, "waiting")}
    result.summary = (f"{len(done)} fakturaer kontrollert: {now_[APPROVED]} godkjent, {now_['deviation']} med avvik, "
                      f"{now_[REJECTED]} avvist, {now_['waiting']} venter på varemottak.")
    if failed:
        result.summary += f" {len(failed)} kunne ikke kontrolleres (se feilene)."
    if len(rows) > len(todo):           # the counts cover every invoice in the store: say so
        result.summary += (f" I alt {len(rows)} fakturaer: {result.counts[APPROVED]} godkjent, "
                           f"{result.counts['deviation']} med avvik, {result.counts[REJECTED]} avvist, "
                           f"{result.counts['waiting']} venter.")
    if not rows:
        result.add(info("faktura.ingen", "Ingen leverandørfakturaer i lageret (kjør «vareflyt edi read» først)"))
    return result


def _failures(todo: list[dict], failed: dict[int, BaseException]) -> list:
    """One error per invoice that could not be controlled, with its number, supplier and file."""
    return [failure("faktura.kontroll_feilet", f"Faktura {r['number']} fra {r['supplier_name'] or r['supplier_gln']}",
                    failed[r["id"]], Source(file=r["file_name"]), verb="kontrolleres",
                    then="Den er ikke kontrollert (status uendret); de andre fakturaene er kontrollert. Be "
                         "leverandøren om en rettet faktura, eller avvis den i arket Fakturakontroll.")
            for r in todo if r["id"] in failed]


def _issues(todo: list[dict], status: dict[int, str], checked: dict[int, list]) -> list:
    """One line per invoice that was not approved, for the command line (not an input error)."""
    made = {"deviation": ("faktura.avvik", warning), "rejected": ("faktura.avvist", warning),
            "waiting": ("faktura.venter", info)}
    out = []
    for r in todo:
        if status[r["id"]] not in made:
            continue
        code, kind = made[status[r["id"]]]
        found = checked[r["id"]]
        what = "; ".join(f"{f.check}{f' linje {f.line}' if f.line else ''}: {f.message}" for f in found[:3])
        more = f" (+{len(found) - 3} til)" if len(found) > 3 else ""
        out.append(kind(code, f"Faktura {r['number']} fra {r['supplier_name'] or r['supplier_gln']}: "
                        f"{LABELS[status[r['id']]]} – {what}{more}", Source(file=r["file_name"])))
    return out


def listing(conn, rows: list[dict], status: dict[int, str]) -> list[dict]:
    """The JSON contract's ``invoices``: every stored invoice with its status and findings."""
    findings = repo.findings_of(conn)
    return [{"supplier_gln": r["supplier_gln"], "number": r["number"],
             "kind": "credit_note" if r["kind"] == "credit_note" else "invoice", "format": r["format"],
             "status": status[r["id"]] if status[r["id"]] in STATUSES else "waiting",
             "findings": [{"check": f["check"], "line": f["line_no"], "expected": f["expected"],
                           "actual": f["actual"], "message": f["message"]} for f in findings.get(r["id"], [])]}
            for r in rows]
