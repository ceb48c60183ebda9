"""Table schemas of the supplier invoice side of ``Innkjop.xlsx``: the invoices received
(INVOIC and EHF), the invoice control's result per check, and the deviations found in order
responses, packing slips and invoices.

They are their own module because they are the invoice control's sheets: the control job
writes them and the users' decisions are read back from ``Fakturakontroll``
(``decision``, ``decision_comment``, ``decided_by`` are its input columns); the order flow and
the catalogue stay in ``schemas_purchasing``, which puts these tables into the workbook.
"""

from __future__ import annotations

from .schemas_base import TableSchema, day, integer, money, number_or_text, stamp, text

SUPPLIER_INVOICES = TableSchema(
    "supplier_invoices",
    "Leverandørfakturaer",
    "Leverandorfakturaer",
    (
        text("supplier_gln", "Leverandør-GLN", 16),
        text("supplier_name", "Leverandør", 22),
        text("invoice_no", "Fakturanr", 12),
        text("kind", "Type", 10),
        day("invoice_date", "Fakturadato"),
        day("due_date", "Forfall"),
        text("order_no", "Ordrenr", 12),
        text("despatch_no", "Pakkseddelnr", 14),
        text("currency", "Valuta", 7),
        money("net_total", "Nettobeløp"),
        money("vat", "MVA"),
        money("total", "Totalbeløp"),
        text("kid", "KID", 16),
        text("bank_account", "Kontonr", 14),
        stamp("received", "Mottatt"),
        text("status", "Status", 14),
        text("file", "Fil", 30),
    ),
    description="Mottatte leverandørfakturaer (INVOIC og EHF)",
)

INVOICE_CONTROL = TableSchema(
    "invoice_control",
    "Fakturakontroll",
    "Fakturakontroll",
    (
        text("supplier_name", "Leverandør", 22),
        text("invoice_no", "Fakturanr", 12),
        day("invoice_date", "Fakturadato"),
        text("order_no", "Ordrenr", 12),
        integer("line_no", "Linje", 6),
        text("check", "Kontroll", 8),
        text("article_no", "Artikkelnr", 14),
        number_or_text("expected", "Forventet", 14),  # an amount, or a word/date where the check wants one
        number_or_text("actual", "Fakturert", 14),
        money("difference", "Avvik kr"),
        text("result", "Resultat", 12),
        text("message", "Beskrivelse", 40),
        text("decision", "Beslutning", 12, input=True),
        text("decision_comment", "Kommentar", 30, input=True),
        text("decided_by", "Besluttet av", 12, input=True),
    ),
    description="Resultat av fakturakontrollen (sjekk a–w); brukeren godkjenner eller avviser",
)

DEVIATIONS = TableSchema(
    "deviations",
    "Avvik",
    "Avvik",
    (
        day("date", "Dato"),
        text("supplier_name", "Leverandør", 22),
        text("kind", "Type", 9),
        text("document", "Dokument", 14),
        text("order_no", "Ordrenr", 12),
        integer("line_no", "Linje", 6),
        text("article_no", "Artikkelnr", 14),
        text("code", "Kode", 8),
        text("severity", "Alvorlighet", 10),
        text("message", "Beskrivelse", 40),
        text("status", "Status", 12),
        day("notified", "Varslet"),
    ),
    description="Avvik fra ordresvar, pakksedler og fakturaer",
)
