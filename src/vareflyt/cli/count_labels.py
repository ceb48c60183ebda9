"""The Norwegian label of every count a job reports, for the text the CLI prints.

``--json`` keeps the documented keys (``rows_read``, ``imported`` …; docs/imports.md); a person
reads ``rader lest: 9, importert: 8``. ``counts_text`` writes a result's counts that way, the
numbers through ``domain.wording`` (Norwegian grouping). A key without a label here is written
with spaces for underscores; the CLI tests list the keys they meet that have none.
"""

from __future__ import annotations

from typing import Mapping

from ..domain.wording import whole_number

COUNT_LABELS: dict[str, str] = {
    # imports (docs/imports.md)
    "rows_read": "rader lest", "imported": "importert", "rejected": "avvist", "new": "nye", "changed": "endret",
    "unchanged": "uendret", "expired": "utgått", "not_updated": "ikke oppdatert", "deactivated": "deaktivert",
    "reopened": "gjenåpnet", "updated": "oppdatert", "closed": "lukket", "credit_notes": "kreditnotaer",
    "customers_new": "nye kunder", "customers_changed": "endrede kunder", "customers_updated": "oppdaterte kunder",
    "rows_with_errors": "rader med feil", "invoices_new": "nye fakturaer", "invoices_updated": "oppdaterte fakturaer",
    "invoices_closed": "lukkede fakturaer", "invoices_reopened": "gjenåpnede fakturaer",
    "matched_kid": "avstemt på KID", "matched_invoice": "avstemt på fakturanr", "part_payments": "delbetalinger",
    "unmatched": "ikke avstemt", "foreign_currency": "utenlandsk valuta", "earlier_now_matched": "tidligere nå avstemt",
    "already_recorded": "registrert før",
    # price lists
    "approved": "godkjent", "withdrawn": "trukket tilbake", "versions": "versjoner", "waiting": "venter",
    # files, documents, EDI
    "files": "filer", "documents": "dokumenter", "accepted": "godtatt", "interchanges": "utvekslinger",
    "messages": "meldinger", "errors": "feil", "warnings": "advarsler", "lines": "linjer",
    "invoice_files": "fakturafiler", "read_rejected": "avvist ved lesing",
    # orders and purchasing
    "orders": "ordrer", "order_lines": "ordrelinjer", "overdue": "forsinket", "unresolved": "ikke bestilt",
    "already_ordered": "allerede bestilt", "reorder_suggestions": "bestillingsforslag", "parties": "parter",
    "suppliers": "leverandører", "deviations": "avvik", "open": "åpne", "manual_receipts": "manuelle mottak",
    "decisions": "beslutninger",
    # invoice control
    "invoices": "fakturaer", "checked": "kontrollert", "deviation": "avvik", "failed": "feilet",
    "orders_invoiced_changed": "ordrer med endret fakturering",
    # receivables and dunning
    "customers": "kunder", "payments": "innbetalinger", "letters": "brev", "collection": "til inkasso",
    "notices": "varsler", "credit_note": "kreditnotaer", "paid": "betalt", "not_due": "ikke forfalt",
    "hold": "holdt tilbake", "below_minimum": "under minstebeløp", "finished": "ferdig purret",
    "rate_missing": "rentesats mangler",
    # rates
    "half_years": "halvår", "inkassosatser": "inkassosatser", "unconfirmed": "ikke bekreftet",
    "from_workspace": "fra arbeidsmappen", "added": "lagt til", "replaced": "erstattet",
    # the nightly batch and the demo
    "nights": "netter", "attention": "trenger en person", "came_in": "inn", "went_out": "ut",
    "locked": "åpne i Excel", "failed_steps": "trinn som feilet", "seconds": "sekunder", "runs": "kjøringer",
    "open_items": "åpne saker", "current_items": "akkurat nå",
}


def count_label(key: str) -> str:
    """``"rows_read"`` -> ``"rader lest"``."""
    return COUNT_LABELS.get(key, key.replace("_", " "))


def counts_text(counts: Mapping[str, int]) -> str:
    """``{"rows_read": 1200, "imported": 1199}`` -> ``"rader lest: 1 200, importert: 1 199"``."""
    return ", ".join(f"{count_label(key)}: {whole_number(value)}" for key, value in counts.items())


__all__ = ["COUNT_LABELS", "count_label", "counts_text"]
