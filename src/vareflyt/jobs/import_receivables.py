"""``vareflyt receivables import FILE``: read an open-items export and make the store match it.

The export (xlsx/csv, any common headings — ``data/headers/receivables.toml``) lists every
open invoice with its customer. The file is archived first; every row is checked (required
values, dates, amounts, KID by MOD10/MOD11, organisation number by MOD11). A file with a
broken row is rejected whole, because importing the rest would close the broken row's invoice
as paid. Otherwise, in one transaction: customers are added/updated, invoices added or their
amounts updated, and open invoices missing from the export are closed (paid), keeping their
history. The same file twice changes nothing.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from stdnum.no import orgnr as orgnr_mod

from ..domain.issues import JobResult, Severity, Source, error, info, warning
from ..domain.receivables import Customer, CustomerKind
from ..excel.tabular import parse_table, read_table
from ..ids import kid as kid_mod
from ..store import log
from ..store import receivables as repo
from .archive import archive_input, quarantine
from .bulk import collector_paused
from .progress import NULL_PROGRESS

JOB = "receivables.import"
REQUIRED = ("customer_no", "customer_name", "invoice_no", "invoice_date", "due_date", "amount")
LABELS = {"customer_no": "kundenummer", "customer_name": "kundenavn", "invoice_no": "fakturanummer",
          "invoice_date": "fakturadato", "due_date": "forfallsdato", "amount": "beløp"}


def _customer_kind(value: str | None, orgnr: str, where: Source, issues: list) -> CustomerKind:
    kind = CustomerKind.parse(value)
    if kind is None and value:
        issues.append(warning("receivables.type", f"Ukjent kundetype «{value}»; bruk B2B, B2C eller offentlig. "
                              f"Behandlet som {'B2B' if orgnr else 'B2C (forbruker)'}.", where))
    return kind or (CustomerKind.B2B if orgnr else CustomerKind.B2C)


def _rows(path: Path, issues: list) -> tuple[list[dict], dict[str, Customer]] | None:
    read = read_table(path, "receivables")
    issues.extend(read.issues)
    if any(i.is_error for i in read.issues):
        return None
    typed = parse_table(read)
    invoices: list[dict] = []
    customers: dict[str, Customer] = {}
    seen: dict[str, int] = {}
    for row_no, v, problems in typed.iter_rows():
        before = len([i for i in issues if i.is_error])
        for fkey, problem in problems.items():
            severity = Severity.ERROR if fkey in REQUIRED else Severity.WARNING
            issues.append(typed.problem_issue(row_no, fkey, problem, severity, code="receivables.value"))
        src = read.source(row_no)
        for fkey in REQUIRED:
            if v.get(fkey) is None and fkey not in problems:
                issues.append(error("receivables.missing", f"Mangler {LABELS[fkey]}.", read.source(row_no, fkey)))
        no = v.get("invoice_no")
        if no in seen:
            issues.append(error("receivables.duplicate", f"Faktura {no} står to ganger (også rad {seen[no]}).",
                                read.source(row_no, "invoice_no")))
        if len([i for i in issues if i.is_error]) > before:
            continue
        seen[no] = row_no
        org = (v.get("orgnr") or "").replace(" ", "")
        if org and not orgnr_mod.is_valid(org):
            issues.append(warning("receivables.orgnr", f"Organisasjonsnummer {org} har feil kontrollsiffer (MOD11).",
                                  read.source(row_no, "orgnr")))
        kid = (v.get("kid") or "").replace(" ", "")
        if kid and not kid_mod.is_valid(kid):
            issues.append(warning("receivables.kid", f"KID {kid} er ugyldig (verken MOD10 eller MOD11); "
                                  f"innbetalinger avstemmes da på fakturanummer og beløp.", read.source(row_no, "kid")))
        amount: Decimal = v["amount"]
        paid = v.get("paid")
        if paid is None and v.get("outstanding") is not None:
            paid = amount - v["outstanding"]
        if v["due_date"] < v["invoice_date"]:
            issues.append(warning("receivables.due", "Forfallsdato er før fakturadato.", read.source(row_no, "due_date")))
        number = v["customer_no"]
        address = ", ".join(p for p in (v.get("address"), " ".join(x for x in (v.get("postcode"), v.get("city")) if x))
                            if p)
        language = (v.get("language") or "").strip().lower()[:2]
        customers[number] = Customer(
            number=number, name=v["customer_name"], kind=_customer_kind(v.get("customer_type"), org, src, issues),
            orgnr=org, address=address, email=v.get("email") or "", credit_limit=v.get("credit_limit"),
            language=language if language in ("nb", "en") else "")
        invoices.append({"invoice_no": no, "customer_no": number, "invoice_date": v["invoice_date"],
                         "due_date": v["due_date"], "amount": amount, "paid": paid or Decimal(0), "kid": kid,
                         "currency": (v.get("currency") or "NOK").upper()[:3]})
    return invoices, customers


@collector_paused()
def import_receivables(ws, path: Path, *, as_of: date | None = None, progress=NULL_PROGRESS) -> JobResult:
    """Import an open-items export; ``as_of`` is the date recorded as closing date (default today)."""
    as_of = as_of or date.today()
    path = Path(path)
    result = JobResult()
    archived = archive_input(ws, path)
    with ws.store.transaction() as conn:
        if log.already_done(conn, JOB, archived.sha256):
            result.add(info("receivables.already_imported", f"{path.name} er allerede importert; ingenting endret.",
                            Source(file=path.name)))
            result.summary = f"{path.name}: allerede importert."
            return result
    with progress.task(f"Leser {path.name}") as task:
        parsed = _rows(path, result.issues)
        task.advance()
    if parsed is None or any(i.is_error for i in result.issues):
        result.ok = False
        reason = "åpne poster-filen har feil; ingen fakturaer er endret (en ufullstendig fil ville lukket ubetalte fakturaer)"
        result.outputs.append(str(quarantine(ws, path, reason, result.issues)))
        with ws.store.transaction() as conn:
            log.record(conn, job=JOB, status="rejected", file_name=path.name, file_hash=archived.sha256, message=reason)
        result.summary = f"{path.name} avvist: {reason}."
        return result
    invoices, customers = parsed
    if not invoices:
        # an empty export would close every open invoice as paid: almost always a wrong file
        result.ok = False
        result.add(error("receivables.empty", "Filen har ingen fakturarader. Er det riktig eksport? Ingenting er "
                         "endret; fakturaer lukkes bare når de mangler i en eksport som har andre åpne poster.",
                         Source(file=path.name)))
        result.summary = f"{path.name} avvist: ingen fakturarader."
        return result
    now = datetime.now()
    with ws.store.transaction() as conn:
        c_counts = repo.upsert_customers(conn, customers.values(), now)
        i_counts = repo.sync_invoices(conn, invoices, as_of, now)
        result.counts = {"rows": len(invoices), "customers_new": c_counts["new"], "customers_updated": c_counts["updated"],
                         "invoices_new": i_counts["new"], "invoices_updated": i_counts["updated"],
                         "invoices_closed": i_counts["closed"], "invoices_reopened": i_counts["reopened"]}
        log.record(conn, job=JOB, status="ok", file_name=path.name, file_hash=archived.sha256, counts=result.counts)
    result.summary = (f"{path.name}: {len(invoices)} åpne fakturaer ({i_counts['new']} nye, {i_counts['updated']} endret, "
                      f"{i_counts['closed']} lukket som betalt).")
    return result
