"""``vareflyt dunning run [--date D] [--preview]``: decide, render and record the dunning notices.

For every open invoice the next lawful level on the date is decided (``rules.dunning``: credit
notes set against invoices, payments allocated to costs, interest and principal, rates never
guessed); a customer's invoices at one level become one letter (HTML and PDF), and all letters
of the run one PDF for printing; invoices due for collection go to ``inkasso-<date>.csv`` for
the collection agency (these files are written by ``jobs.dunning_letters``). Letters are staged
and appear in ``letters/<date>/`` only once the transaction that records them has committed
(``jobs.letter_files``); a killed run leaves nothing that looks sent, and the next run finishes
or removes what it left. The run holds the workspace's run lock, so two runs (or a run and the
nightly batch) never overlap. Then the receivables workbook gets the dunning list, aged
receivables and key figures. The same date run twice sends nothing new; ``preview`` writes to
``letters/<date>/forhandsvisning/`` and records nothing. Before deciding, what the user typed
in the workbook is read (``jobs.dunning_marks``): "Ikke purr" in the Purreliste, and the Kunder
sheet.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from ..domain.issues import JobResult, info, warning
from ..domain.money import money_str
from ..domain.receivables import Level, Notice
from ..domain.wording import plural
from ..rules.dunning import plan_notices
from ..store import holds, log
from ..store import receivables as repo
from ..store.receivables_rows import NewNotice
from .dunning_findings import findings
from .dunning_letters import write_notice_files
from .dunning_marks import Marks, apply_customers, held_rows, read_marks
from .letter_files import LetterFiles, recover
from .nightly.lock import RunBusy, run_lock
from .progress import NULL_PROGRESS
from .rates import load_rates
from .receivables_tables import DSO_DAYS, write_overview

if TYPE_CHECKING:
    from ..workspace import Workspace

JOB = "dunning.run"


def _customers(conn, settings):
    customers = repo.load_customers(conn)
    for number, own in settings.customers.items():
        if number in customers:
            c = customers[number]
            customers[number] = replace(
                c,
                hold=own.hold or c.hold,
                no_fees=own.no_fees or c.no_fees,
                language=own.language or c.language,
            )
    return customers


def _open_book(ws: Workspace):
    if not ws.receivables_workbook.exists():
        return None
    from ..excel.openpyxl_adapter import OpenpyxlWorkbook

    return OpenpyxlWorkbook(ws.receivables_workbook, "receivables")


def run_dunning(
    ws: Workspace,
    *,
    on: date | None = None,
    preview: bool = False,
    book=None,
    write_workbook: bool = True,
    progress=NULL_PROGRESS,
    lock: bool = True,
    wait: float = 0,
) -> JobResult:
    """Run dunning for ``on`` (default today). ``lock=False`` only for a caller that already
    holds the run lock (the nightly batch); otherwise a second run waits ``wait`` seconds, then
    stops with ``RunBusy`` (exit code 2) and a message saying which run is busy."""
    on = on or date.today()
    if not lock:
        return _run(ws, on, preview, book, write_workbook, progress)
    with run_lock(ws, wait, job="purring", busy=RunBusy):
        return _run(ws, on, preview, book, write_workbook, progress)


def _run(ws: Workspace, on: date, preview: bool, book, write_workbook: bool, progress) -> JobResult:
    settings = ws.config.dunning
    company = ws.config.company
    table = load_rates(ws.root)
    result = JobResult()
    if not preview and (ws.letters / ".staging").is_dir():
        with ws.store.connect() as conn:
            moved, deleted = recover(ws.letters, repo.recorded_letters(conn, JOB), ws.files_root)
        if moved or deleted:
            result.add(
                info(
                    "dunning.recovered",
                    f"En avbrutt purrekjøring ble ryddet opp: {moved} brev som var "
                    f"registrert ble lagt på plass, {deleted} som ikke var registrert ble slettet.",
                )
            )
    if write_workbook and book is None:
        book = _open_book(ws)
    marks = read_marks(book, ws) if book is not None else Marks()
    result.extend(marks.issues)
    with ws.store.transaction() as conn:
        hold_changes = holds.mark(conn, marks.invoices, datetime.now())
        held = holds.load(conn)
        customers = apply_customers(_customers(conn, settings), marks)
        invoices = [
            replace(i, hold=settings.held_invoices.get(i.invoice_no) or held.get(i.invoice_no) or i.hold)
            for i in repo.load_invoices(conn)
        ]
        credit_sales = repo.invoiced_between(conn, on - timedelta(days=DSO_DAYS - 1), on)
    if hold_changes.held or hold_changes.released:
        result.add(
            info(
                "dunning.holds",
                f"Purrelisten: {plural(hold_changes.held, 'faktura', 'fakturaer')} holdes nå "
                f"tilbake («Ikke purr»), "
                f"{hold_changes.released} er frigitt.",
            )
        )
    plan = plan_notices(invoices, customers, settings.policy, on, table)
    result.extend(findings(plan, settings.policy.language))
    if plan.notices and not company.bank_account:
        result.add(
            warning(
                "dunning.no_bank_account",
                "Bankkonto mangler under [company] i vareflyt.toml; brevene "
                "viser «se faktura» i stedet for kontonummer. Fyll inn bank_account.",
            )
        )
    files = LetterFiles(ws.letters, on, preview=preview)
    try:
        notices = write_notice_files(ws, plan.notices, files, company, settings, on, result, progress)
        if not preview:
            _record(ws, notices, on, files)
    except BaseException:
        files.discard()
        raise
    files.promote()
    if write_workbook:
        if book is None:
            result.add(
                info(
                    "dunning.no_workbook",
                    f"Fant ikke {ws.receivables_workbook.name}; purrelisten ble ikke skrevet.",
                )
            )
        else:
            figures = write_overview(
                book,
                notices,
                invoices,
                customers,
                on,
                credit_sales,
                held_rows(invoices, customers, held, on),
                ws=ws,
            )
            result.extend(figures["issues"])
            result.extra["dso"] = None if figures["dso"] is None else str(figures["dso"])
            result.outputs.append(str(ws.receivables_workbook))
    _summarise(result, notices, plan, on, preview)
    return result


def _record(ws: Workspace, notices: list[Notice], on: date, files: LetterFiles) -> None:
    """One transaction: every notice's events and the run's log row (naming the print file)."""
    events = [
        NewNotice(
            invoice_no=line.invoice_no,
            customer_no=n.customer.number,
            level=n.level.value,
            sent_on=on,
            deadline=n.deadline,
            principal=line.principal,
            interest=line.interest,
            fee=line.fee,
            compensation=line.compensation,
            letter=n.letter,
        )
        for n in notices
        for line in n.lines
    ]
    with ws.store.transaction() as conn:
        repo.record_events(conn, events, datetime.now())
        log.record(
            conn,
            job=JOB,
            status="ok",
            params_key=on.isoformat(),
            direction="out",
            file_name=files.print_file,
            counts={"letters": len(notices), "invoices": len(events)},
        )


def _summarise(result: JobResult, notices: list[Notice], plan, on: date, preview: bool) -> None:
    letters = [n for n in notices if n.level is not Level.COLLECTION]
    collection = sum(len(n.lines) for n in notices if n.level is Level.COLLECTION)
    result.counts = {
        "letters": len(letters),
        "collection": collection,
        "invoices": sum(len(n.lines) for n in notices),
        **dict(plan.skipped),
    }
    result.extra["preview"] = preview
    result.extra["date"] = on.isoformat()
    result.extra["reminders"] = [
        {
            "customer": n.customer.number,
            "invoices": [line.invoice_no for line in n.lines],
            "level": n.level.value,
            "level_nb": n.level.name_nb,
            "days_overdue": n.days_overdue,
            "principal": money_str(n.principal),
            "fee": money_str(n.fee),
            "new_fee": money_str(n.new_fee),
            "interest": money_str(n.interest),
            "interest_through": n.interest_through.isoformat() if n.interest_through else None,
            "compensation": money_str(n.compensation),
            "credited": money_str(n.credited),
            "total": money_str(n.total),
            "letter": n.letter,
        }
        for n in notices
    ]
    what = "Forhåndsvisning" if preview else "Purrekjøring"
    result.summary = (
        f"{what} {on:%d.%m.%Y}: {len(letters)} brev, "
        f"{plural(collection, 'faktura', 'fakturaer')} til inkasso"
        + (" (ikke registrert)." if preview else ".")
    )
