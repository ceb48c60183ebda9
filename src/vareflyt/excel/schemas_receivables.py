"""Table schemas of the receivables workbook ``Kundereskontro.xlsx``.

Customers are filled from the open-items exports and users type over them (what they type
wins; ``jobs.customer_sheet``); invoices and payments are imported, and the dunning list (every
notice sent, this run's marked, plus the invoices held back) and aged receivables are derived.
The dunning list has two columns users fill: stop and comment.
"""

from __future__ import annotations

from .schemas_base import TableSchema, WorkbookSchema, day, flag, integer, money, pct, renamed, text

CUSTOMERS = TableSchema(
    "customers",
    "Kunder",
    "Kunder",
    (
        text("customer_no", "Kundenr", 10, input=True),
        text("name", "Navn", 30, input=True),
        text("orgnr", "Orgnr", 12, input=True),
        text("kind", "Kundetype", 10, input=True),
        text("address", "Adresse", 28, input=True),
        text("postcode", "Postnr", 8, input=True),
        text("city", "Poststed", 16, input=True),
        text("email", "E-post", 26, input=True),
        text("phone", "Telefon", 13, input=True),
        integer("terms_days", "Betalingsfrist (dager)", 10, input=True),
        money("credit_limit", "Kredittgrense", input=True),
        flag("ehf", "EHF", input=True),
        flag("dunning", "Purres", input=True),
        flag("active", "Aktiv", input=True),
    ),
    description="Kunderegister: fylt fra regnskapet, det du skriver selv gjelder",
)

INVOICES = TableSchema(
    "invoices",
    "Fakturaer",
    "Fakturaer",
    (
        text("invoice_no", "Fakturanr", 12),
        text("customer_no", "Kundenr", 10),
        text("customer_name", "Kunde", 26),
        day("invoice_date", "Fakturadato"),
        day("due_date", "Forfall"),
        money("amount", "Beløp"),
        money("paid", "Betalt"),
        money("outstanding", "Utestående"),
        text("kid", "KID", 16),
        text("status", "Status", 12),
        day("last_reminder", "Siste purring"),
        integer("dunning_level", "Purretrinn", 9),
    ),
    description="Utgående fakturaer og hva som står åpent",
)

PAYMENTS = TableSchema(
    "payments",
    "Innbetalinger",
    "Innbetalinger",
    (
        day("date", "Dato"),
        money("amount", "Beløp"),
        text("kid", "KID", 16),
        text("invoice_no", "Fakturanr", 12),
        text("customer_no", "Kundenr", 10),
        text("payer", "Innbetaler", 26),
        text("reference", "Bankreferanse", 18),
        flag("matched", "Avstemt", 9),
        text("file", "Fil", 30),
    ),
    description="Innbetalinger fra banken (OCR / camt.054)",
)

DUNNING_LIST = TableSchema(
    "dunning_list",
    "Purreliste",
    "Purreliste",
    (
        text("customer_no", "Kundenr", 10),
        text("customer_name", "Kunde", 26),
        text("invoice_no", "Fakturanr", 12),
        day("due_date", "Forfall"),
        integer("days_overdue", "Dager over forfall", 9),
        money("outstanding", "Utestående"),
        money("interest", "Forsinkelsesrente"),
        money("fee", "Gebyr", 10),
        money("compensation", "Kompensasjon", 11),
        money("total", "Å betale"),
        text("level", "Trinn", 16),
        renamed(day("sent_on", "Laget"), "Sendt"),  # the letter was written to letters/, not sent
        day("deadline", "Ny frist"),
        text("letter", "Brev", 30),
        flag("this_run", "Denne kjøringen", 10),
        flag("hold", "Ikke purr", 9, input=True),
        text("comment", "Kommentar", 30, input=True),
    ),
    description="Purringer og inkassovarsler: alle som er laget, nyeste først",
)

AGING = TableSchema(
    "aging",
    "Aldersfordeling",
    "Aldersfordeling",
    (
        text("customer_no", "Kundenr", 10),
        text("customer_name", "Kunde", 26),
        money("not_due", "Ikke forfalt"),
        money("days_1_30", "1–30 dager"),
        money("days_31_60", "31–60 dager"),
        money("days_61_90", "61–90 dager"),
        money("days_over_90", "Over 90 dager"),
        money("total", "Sum"),
        money("credit_limit", "Kredittgrense"),
        pct("credit_use_pct", "Kredittbruk %", 10),
    ),
    description="Aldersfordelte kundefordringer per kunde",
)

RECEIVABLES = WorkbookSchema(
    "receivables",
    "Kundereskontro.xlsx",
    (
        CUSTOMERS,
        INVOICES,
        PAYMENTS,
        DUNNING_LIST,
        AGING,
    ),
)
