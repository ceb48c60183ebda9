"""Issue codes of the customer ledger: open items, payments, dunning, the rate table and the
aging table. Rows are (code, default severity, needs a person, description)."""

from __future__ import annotations

from ..issues import Severity

E, W, N = Severity.ERROR, Severity.WARNING, Severity.INFO  # N: a note (INFO)
AREAS = {
    "receivables": "Receivables import",
    "payments": "Payments import",
    "dunning": "Dunning",
    "rate_table": "Rate table (rates show, rates add)",
    "aging": "Aging table",
}

CODES: tuple[tuple[str, Severity, bool, str], ...] = (
    ("aging.no_workbook", W, False, "The receivables workbook is missing; the aging table was not written."),
    (
        "dunning.customer_kind",
        W,
        True,
        "A customer kind in the Kunder sheet is unknown; the ledger's is used.",
    ),
    (
        "dunning.customer_twice",
        W,
        False,
        "A customer appears twice in the Kunder sheet; the top row is used.",
    ),
    ("dunning.holds", N, False, "Invoices held back or released in the dunning list."),
    ("dunning.missing_rate", W, True, "No late-payment interest rate for a half-year."),
    ("dunning.no_address", W, True, "A letter's customer has neither a postal nor an e-mail address."),
    ("dunning.no_bank_account", W, True, 'No bank account in [company]; letters say "see invoice".'),
    (
        "dunning.no_workbook",
        N,
        False,
        "The receivables workbook is missing; the dunning list was not written.",
    ),
    ("dunning.open_after_payment", W, True, "An invoice is still open after a payment that should close it."),
    ("dunning.recovered", N, False, "An interrupted dunning run was cleaned up."),
    ("dunning.template", E, True, "A letter template cannot be used."),
    ("dunning.unconfirmed_rate", W, True, "An interest rate used is not confirmed against the official one."),
    ("payments.already_imported", N, False, "All payments in the file were registered before."),
    ("payments.currency", W, True, "A payment in another currency than NOK; not matched."),
    ("payments.kid", W, False, "A KID that is too long; matched on invoice number instead."),
    ("payments.missing", E, True, "A payment row without date or amount; skipped."),
    ("payments.ocr", E, True, "A Nets OCR giro file; not read (camt.054 or a sheet is)."),
    ("payments.overpaid", W, False, "More paid than outstanding on an invoice."),
    ("payments.shared", N, False, "One payment paid several invoices its text names, each in full."),
    ("payments.unmatched", W, True, "A payment could not be matched to an invoice."),
    ("payments.value", E, True, "A cell in a payments file cannot be read."),
    (
        "rate_table.compensation_carried",
        N,
        False,
        "No standard compensation given; the previous one is carried.",
    ),
    (
        "rate_table.large_change",
        W,
        False,
        "The interest rate moved more than 2 points from the half-year before.",
    ),
    ("rate_table.missing_collection_rate", W, False, "The debt collection rate for a year is missing."),
    ("rate_table.missing_half_year", W, False, "The interest rate for a half-year is missing."),
    ("rate_table.overrides_shipped", N, False, "A workspace row overrides vareflyt's own row."),
    ("rate_table.replaced", N, False, "A rate table row was replaced."),
    ("rate_table.unconfirmed", W, False, "A rate is not confirmed against the official source."),
    ("receivables.already_imported", N, False, "The open-items export was imported before."),
    ("receivables.amount", E, True, "An amount cannot be read."),
    (
        "receivables.closed_with_costs",
        W,
        True,
        "An invoice closed as paid while vareflyt had claimed costs on it.",
    ),
    ("receivables.control_char", E, True, "A value holds an invisible control character."),
    ("receivables.credit_customer", W, True, "A credit note is for another customer than its invoice."),
    ("receivables.credit_exceeds", W, True, "A credit note is larger than what remains on its invoice."),
    (
        "receivables.credit_positive",
        W,
        True,
        "A row refers to a credited invoice but its amount is not negative.",
    ),
    ("receivables.credit_self", E, True, "A credit note refers to itself."),
    ("receivables.credit_sign", N, False, "A document type read by the sign of its amount."),
    ("receivables.credit_to_credit", E, True, "A credit note refers to another credit note."),
    ("receivables.credit_unknown", W, True, "A credit note refers to an unknown invoice."),
    (
        "receivables.customers_kept",
        W,
        True,
        "The Kunder sheet was not updated because a cell could not be read.",
    ),
    ("receivables.doc_type", W, False, "An unknown document type; read by the amount's sign."),
    ("receivables.due", W, False, "The due date is before the invoice date."),
    ("receivables.duplicate", E, True, "An invoice appears twice in the export."),
    ("receivables.empty", E, True, "The export has no invoice rows."),
    ("receivables.kid", W, False, "An invalid KID; payments match on invoice number."),
    ("receivables.missing", E, True, "A required value is missing."),
    ("receivables.org_number", W, False, "An organisation number with a wrong check digit."),
    ("receivables.partial_export", E, True, "The export would close too many open invoices; not imported."),
    ("receivables.too_long", E, True, "A value is longer than vareflyt stores."),
    ("receivables.type", W, False, "An unknown customer kind."),
    ("receivables.value", E, True, "A cell cannot be read."),
)
