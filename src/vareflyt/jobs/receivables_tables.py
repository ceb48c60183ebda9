"""The receivables workbook as a dunning run leaves it: the Fakturaer table (every open
invoice with what it owes and its latest notice), the Purreliste (the notices of the run, and
those already recorded on its date), aged receivables per customer and in total, and the key
figures (DSO). Written through the workbook port, so the same code serves openpyxl in the batch
and xlwings in Excel.
"""

from __future__ import annotations

from datetime import date

from ..domain.receivables import Notice
from ..rules.dunning import aged_receivables, dso, effective_due_date

__all__ = ["DSO_DAYS", "earlier_rows", "write_overview"]

DSO_DAYS = 365


def earlier_rows(events: list[dict], invoices, customers) -> list[dict]:
    """Dunning-list rows for notices already recorded on the run date (a re-run shows them again)."""
    by_no = {i.invoice_no: i for i in invoices}
    rows = []
    for e in events:
        invoice = by_no.get(e["invoice_no"])
        customer = customers.get(e["customer_no"])
        due = effective_due_date(invoice.due_date) if invoice else None
        rows.append({"customer_no": e["customer_no"], "customer_name": customer.name if customer else "",
                     "invoice_no": e["invoice_no"], "due_date": due,
                     "days_overdue": (e["sent_on"] - due).days if due else None, "outstanding": e["principal"],
                     "interest": e["interest"], "fee": e["fee"],
                     "total": e["principal"] + e["interest"] + e["fee"] + e["compensation"],
                     "level": e["level"], "deadline": e["deadline"], "letter": e["letter"]})
    return rows


def _invoice_rows(notices: list[Notice], invoices, customers) -> list[dict]:
    """The Fakturaer table: every open invoice with what it owes and its latest notice
    (including this run's, so a preview shows what would be sent)."""
    this_run = {line.invoice_no: n for n in notices for line in n.lines}
    rows = []
    for i in invoices:
        last = this_run.get(i.invoice_no) or i.last_notice
        rows.append({"invoice_no": i.invoice_no, "customer_no": i.customer_no,
                     "customer_name": customers[i.customer_no].name if i.customer_no in customers else "",
                     "invoice_date": i.invoice_date, "due_date": i.due_date, "amount": i.amount, "paid": i.paid,
                     "outstanding": i.outstanding, "kid": i.kid,
                     "status": "betalt" if i.outstanding <= 0 else ("holdt" if i.hold else "åpen"),
                     "last_reminder": last.sent_on if last else None,
                     "dunning_level": last.level.rank if last else 0})
    return rows


def write_overview(book, notices: list[Notice], invoices, customers, on: date, credit_sales,
                   earlier: list[dict] = ()) -> dict:
    """Dunning list, aged receivables (per customer and total) and key figures into the
    receivables workbook through the workbook port. Returns the key figures."""
    rows = list(earlier)
    for n in notices:
        for line in n.lines:
            rows.append({"customer_no": n.customer.number, "customer_name": n.customer.name,
                         "invoice_no": line.invoice_no, "due_date": line.due_date, "days_overdue": line.days_overdue,
                         "outstanding": line.principal, "interest": line.interest,
                         "fee": line.fee + line.earlier_fees, "compensation": line.compensation,
                         "total": line.principal + line.interest + line.fee + line.earlier_fees + line.compensation,
                         "level": n.level.value, "deadline": n.deadline, "letter": n.letter})
    book.replace_rows("invoices", _invoice_rows(notices, invoices, customers))
    aging, total = aged_receivables(invoices, customers, on)
    figures = {"dso": dso(total.total, credit_sales, DSO_DAYS),
               "receivables": total.total}
    book.replace_rows("dunning_list", rows)
    book.replace_rows("aging", [r.to_dict() for r in aging] + [total.to_dict()])
    book.add_sheet("Nøkkeltall", [["Nøkkeltall per", on],
                                  ["Utestående kundefordringer", total.total],
                                  [f"DSO (dager, siste {DSO_DAYS} dager)", figures["dso"]],
                                  ["Kompensasjon i purringene", sum((n.compensation for n in notices), 0)]])
    book.save()
    return figures
