"""``vareflyt dunning run [--date D] [--preview]``: decide, render and record the dunning notices.

For every open invoice the next lawful level on the date is decided (``rules.dunning``); a
customer's invoices at one level become one letter, rendered to HTML and PDF in
``letters/<date>/``; invoices due for collection go to ``letters/<date>/inkasso-<date>.csv``
for the collection agency. The receivables workbook gets the dunning list, aged receivables,
DSO and credit-limit use. Finally, in one transaction, what was sent is recorded, so the
same date run twice sends nothing new. ``preview`` does everything except record. Before
deciding, what the user typed in the workbook is read (``jobs.dunning_marks``): "Ikke purr"
in the Purreliste, and the Kunder sheet (holds, addresses, customer types, credit limits).
"""

from __future__ import annotations

import csv
import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

from ..domain.issues import JobResult, info, warning
from ..domain.money import money_str
from ..domain.receivables import Level, Notice
from ..rules.dunning import plan_notices
from ..store import holds, log
from ..store import receivables as repo
from .dunning_marks import Marks, apply_customers, held_rows, read_marks
from .progress import NULL_PROGRESS
from .rates import load_rates
from .receivables_tables import DSO_DAYS, earlier_rows, write_overview

JOB = "dunning.run"


def _customers(conn, settings):
    customers = repo.load_customers(conn)
    for number, own in settings.customers.items():
        if number in customers:
            c = customers[number]
            customers[number] = replace(c, hold=own.hold or c.hold, no_fees=own.no_fees or c.no_fees,
                                        language=own.language or c.language)
    return customers


def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text)[:60] or "kunde"


def _render(notice: Notice, folder: Path, company, settings) -> Path:
    from ..letters.pdf import write_pdf
    from ..letters.render import render_notice

    rule = settings.policy.rule(notice.level)
    language = notice.customer.language or settings.policy.language
    html = render_notice(notice, company, language=language, deadline_days=rule.deadline_days)
    stem = f"{_safe(notice.customer.number)}-{notice.level.value}"
    (folder / f"{stem}.html").write_text(html, encoding="utf-8")
    return write_pdf(html, folder / f"{stem}.pdf", title=f"{notice.level.label_nb} {notice.customer.name}",
                     author=company.name)


def _collection_file(notices: list[Notice], folder: Path, on: date) -> Path:
    path = folder / f"inkasso-{on.isoformat()}.csv"
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh, delimiter=";")
        out.writerow(["Kundenr", "Navn", "Kundetype", "Orgnr", "Adresse", "E-post", "Fakturanr", "Forfall",
                      "Dager over forfall", "Hovedstol", "Forsinkelsesrente", "Rente fra", "Purregebyr",
                      "Standardkompensasjon", "Sum", "KID"])
        for n in notices:
            c = n.customer
            for line in n.lines:
                total = line.principal + line.interest + line.fee + line.earlier_fees + line.compensation
                out.writerow([c.number, c.name, c.kind.value, c.orgnr, c.address, c.email, line.invoice_no,
                              line.due_date.isoformat(), line.days_overdue, money_str(line.principal),
                              money_str(line.interest), line.interest_from.isoformat() if line.interest_from else "",
                              money_str(line.fee + line.earlier_fees), money_str(line.compensation),
                              money_str(total), line.kid])
    return path


def _open_book(ws):
    if not ws.receivables_workbook.exists():
        return None
    from ..excel.openpyxl_adapter import OpenpyxlWorkbook

    return OpenpyxlWorkbook(ws.receivables_workbook, "receivables")


def run_dunning(ws, *, on: date | None = None, preview: bool = False, book=None, write_workbook: bool = True,
                progress=NULL_PROGRESS) -> JobResult:
    on = on or date.today()
    settings = ws.config.section("dunning")
    company = ws.config.section("company")
    table = load_rates(ws.root)
    result = JobResult()
    if write_workbook and book is None:
        book = _open_book(ws)
    marks = read_marks(book) if book is not None else Marks()
    result.extend(marks.issues)
    with ws.store.transaction() as conn:
        changed, released = holds.mark(conn, marks.invoices, datetime.now())
        held = holds.load(conn)
        customers = apply_customers(_customers(conn, settings), marks)
        invoices = [replace(i, hold=settings.held_invoices.get(i.invoice_no) or held.get(i.invoice_no) or i.hold)
                    for i in repo.load_invoices(conn)]
        earlier = repo.events_on(conn, on)
        credit_sales = repo.invoiced_between(conn, on - timedelta(days=DSO_DAYS - 1), on)
    if changed or released:
        result.add(info("dunning.holds", f"Purrelisten: {changed} fakturaer holdes nå tilbake («Ikke purr»), "
                        f"{released} er frigitt."))
    plan = plan_notices(invoices, customers, settings.policy, on, table)
    for note in plan.unconfirmed:
        result.add(warning("dunning.unconfirmed_rate", f"Brukte en sats som ikke er bekreftet: {note}. Sjekk satsen "
                           f"mot kilden og sett confirmed = true i rates.toml, eller rett den."))
    if plan.notices and not company.bank_account:
        result.add(warning("dunning.no_bank_account", "Bankkonto mangler under [company] i vareflyt.toml; brevene "
                           "viser «se faktura» i stedet for kontonummer. Fyll inn bank_account."))
    folder = ws.letters / on.isoformat()
    folder.mkdir(parents=True, exist_ok=True)
    notices: list[Notice] = []
    letters = [n for n in plan.notices if n.level is not Level.COLLECTION]
    with progress.task("Lager brev", total=len(letters)) as task:
        for n in letters:
            path = _render(n, folder, company, settings)
            notices.append(replace(n, letter=str(path.relative_to(ws.root))))
            result.outputs.append(str(path))
            task.advance()
    collection = [n for n in plan.notices if n.level is Level.COLLECTION]
    if collection:
        path = _collection_file(collection, folder, on)
        notices += [replace(n, letter=str(path.relative_to(ws.root))) for n in collection]
        result.outputs.append(str(path))
    if write_workbook:
        if book is None:
            result.add(info("dunning.no_workbook", f"Fant ikke {ws.receivables_workbook.name}; purrelisten ble ikke skrevet."))
        else:
            figures = write_overview(book, notices, invoices, customers, on, credit_sales,
                                     earlier_rows(earlier, invoices, customers)
                                     + held_rows(invoices, customers, held, on))
            result.extra["dso"] = None if figures["dso"] is None else str(figures["dso"])
            result.outputs.append(str(ws.receivables_workbook))
    if not preview:
        now = datetime.now()
        events = [{"invoice_no": line.invoice_no, "customer_no": n.customer.number, "level": n.level.value,
                   "sent_on": on, "deadline": n.deadline, "principal": line.principal, "interest": line.interest,
                   "fee": line.fee, "compensation": line.compensation, "letter": n.letter}
                  for n in notices for line in n.lines]
        with ws.store.transaction() as conn:
            repo.record_events(conn, events, now)
            log.record(conn, job=JOB, status="ok", params_key=on.isoformat(), direction="out",
                       counts={"letters": len(notices), "invoices": len(events)})
    result.counts = {"letters": len(letters), "collection": sum(len(n.lines) for n in collection),
                     "invoices": sum(len(n.lines) for n in notices), **dict(plan.skipped)}
    result.extra["preview"] = preview
    result.extra["date"] = on.isoformat()
    result.extra["reminders"] = [{
        "customer": n.customer.number, "invoices": [line.invoice_no for line in n.lines], "level": n.level.value,
        "days_overdue": n.days_overdue, "principal": money_str(n.principal), "fee": money_str(n.fee),
        "interest": money_str(n.interest), "compensation": money_str(n.compensation), "total": money_str(n.total),
        "letter": n.letter} for n in notices]
    what = "Forhåndsvisning" if preview else "Purrekjøring"
    result.summary = (f"{what} {on:%d.%m.%Y}: {len(letters)} brev, {result.counts['collection']} fakturaer til inkasso"
                      + (" (ikke registrert)." if preview else "."))
    return result
