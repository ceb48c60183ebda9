"""Short labels of a dunning letter in Norwegian (``nb``) and English (``en``): column headings,
the lines of the totals, the information block beside the address window and the notes under
an invoice's row. The paragraphs (what the letter says) are in the jinja2 templates
``templates/letters/<level>.<language>.html.j2``; both the HTML and the PDF use these labels,
so the two versions of a letter always say the same.
"""

from __future__ import annotations

__all__ = ["LABELS", "NEW_FEE", "labels"]

LABELS: dict[str, dict[str, str]] = {
    "nb": {
        "invoice": "Faktura",
        "due": "Forfall",
        "days": "Dager",
        "principal": "Hovedstol",
        "amount": "Beløp",
        "interest": "Rente",
        "costs": "Kostnader",
        "payable": "Å betale",
        "kid": "KID",
        "date": "Dato",
        "customer_no": "Kundenr.",
        "orgnr": "Org.nr.",
        "deadline": "Betalingsfrist",
        "account": "Kontonr.",
        "phone": "Tlf.",
        "email": "E-post",
        "page": "Side {page} av {pages}",
        "total_principal": "Hovedstol",
        "total_interest": "Forsinkelsesrente",
        "earlier_fees": "Purregebyr fra tidligere purringer",
        "compensation": "Standardkompensasjon (forsinkelsesrenteloven § 3a), fratrukket purregebyr",
        "total": "Sum å betale",
        "credited": "Kreditnota {notes} på {amount} kr er trukket fra fakturaen på {invoiced} kr.",
        "credited_unnamed": "Kreditnota på {amount} kr er trukket fra fakturaen på {invoiced} kr.",
        "paid": "Innbetalt {amount} kr er trukket fra.",
        "fees_on_line": "Purregebyr {amount} kr er lagt til denne fakturaen og betales med samme KID.",
        "interest_on_line": "Forsinkelsesrente {rates}.",
        "rate_from": "{rate} % per år fra {first}",
        "and": " og ",
        "no_kid": "Uten KID: merk betalingen med fakturanummer {invoice}.",
    },
    "en": {
        "invoice": "Invoice",
        "due": "Due",
        "days": "Days",
        "principal": "Principal",
        "amount": "Amount",
        "interest": "Interest",
        "costs": "Costs",
        "payable": "To pay",
        "kid": "KID",
        "date": "Date",
        "customer_no": "Customer no.",
        "orgnr": "Org. no.",
        "deadline": "Pay by",
        "account": "Account",
        "phone": "Tel.",
        "email": "E-mail",
        "page": "Page {page} of {pages}",
        "total_principal": "Principal",
        "total_interest": "Late-payment interest",
        "earlier_fees": "Reminder fees from earlier reminders",
        "compensation": "Fixed compensation (Late Payment Interest Act § 3a), less reminder fees",
        "total": "Total to pay",
        "credited": "Credit note {notes} of NOK {amount} is deducted from the invoice of NOK {invoiced}.",
        "credited_unnamed": "A credit note of NOK {amount} is deducted from the invoice of NOK {invoiced}.",
        "paid": "Payments of NOK {amount} are deducted.",
        "fees_on_line": (
            "Reminder fees of NOK {amount} are added to this invoice; pay them with the same KID."
        ),
        "interest_on_line": "Late-payment interest {rates}.",
        "rate_from": "{rate} % a year from {first}",
        "and": " and ",
        "no_kid": "No KID: mark the payment with invoice number {invoice}.",
    },
}

# The fee this letter claims, by level (``Notice.new_fee``).
NEW_FEE: dict[str, dict[str, str]] = {
    "nb": {
        "reminder": "Gebyr",
        "dunning": "Purregebyr for denne purringen (inkassoforskriften § 1-2)",
        "inkassovarsel": "Purregebyr for dette inkassovarselet (inkassoforskriften § 1-2)",
        "betalingsoppfordring": "Gebyr for denne betalingsoppfordringen (3/20 av inkassosatsen)",
        "collection": "Gebyr",
    },
    "en": {
        "reminder": "Fee",
        "dunning": "Reminder fee for this reminder (Debt Collection Regulations § 1-2)",
        "inkassovarsel": "Reminder fee for this notice (Debt Collection Regulations § 1-2)",
        "betalingsoppfordring": "Fee for this demand for payment (3/20 of the debt collection rate)",
        "collection": "Fee",
    },
}


def labels(language: str) -> dict[str, str]:
    """The labels for ``language`` (``nb`` for anything unknown)."""
    return LABELS.get(language, LABELS["nb"])
