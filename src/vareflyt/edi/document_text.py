"""The head of an EDIFACT document as ``vareflyt edi show`` prints it: Norwegian labels and values.

``describe_message`` (``edi.show``) gives a message's domain document (order, order response,
despatch advice, invoice, price catalogue) as a dict of its fields. ``document_lines`` writes
its top-level fields one a line, ``ordredato: 01.03.2026``, ``formål: opprinnelig``,
``henting: nei``: labels from ``FIELD_LABELS``, values through ``domain.wording`` (dates
dd.mm.åååå, decimal comma, enums by their label), lists as a count, parties and other nested
parts left to the segment list below.

>>> from datetime import date
>>> document_lines({"number": "100001", "order_date": date(2026, 3, 1), "lines": [1, 2, 3], "pickup": False})
['nummer: 100001', 'ordredato: 01.03.2026', 'linjer: 3', 'henting: nei']
"""

from __future__ import annotations

from ..domain.wording import value_text

FIELD_LABELS: dict[str, str] = {
    "number": "nummer", "kind": "type", "purpose": "formål", "status": "status",
    "order_date": "ordredato", "issue_date": "dokumentdato", "due_date": "forfallsdato",
    "delivery_date": "leveringsdato", "despatch_date": "sendt", "requested_delivery": "ønsket levering",
    "valid_from": "gyldig fra", "valid_to": "gyldig til",
    "buyer": "kjøper", "supplier": "leverandør", "invoicee": "fakturamottaker", "delivery_party": "leveringssted",
    "ultimate_customer": "sluttkunde", "pickup_place": "hentested", "buyer_gln": "kjøpers GLN",
    "supplier_gln": "leverandørens GLN", "pickup": "henting", "final_delivery": "siste leveranse",
    "order_no": "ordrenummer", "order_refs": "ordrereferanser", "despatch_refs": "pakkseddelreferanser",
    "previous_order_no": "tidligere ordrenummer", "agreement_ref": "avtale", "contract_ref": "kontrakt",
    "price_list_ref": "prisliste", "project_ref": "prosjekt", "consignment_ref": "sendingsnummer",
    "credited_invoice": "kreditert faktura", "payment_ref": "betalingsreferanse (KID)",
    "bank_account": "kontonummer", "payment_terms": "betalingsbetingelser", "currency": "valuta",
    "exchange_rate": "valutakurs", "lines": "linjer", "articles": "artikler", "packages": "kolli",
    "allowances_charges": "rabatter og gebyrer", "vat_breakdown": "mva-grunnlag", "totals": "summer",
    "note": "merknad",
}


def field_label(name: str) -> str:
    """``"order_date"`` -> ``"ordredato"`` (a field without a label: spaces for underscores)."""
    return FIELD_LABELS.get(name, name.replace("_", " "))


def document_lines(document: dict) -> list[str]:
    """Top-level fields of a document for the text view: lists as counts, nested parts left out."""
    out = []
    for key, value in document.items():
        if isinstance(value, (list, tuple)):
            out.append(f"{field_label(key)}: {len(value)}")
        elif not isinstance(value, dict) and value not in (None, "", ()):
            out.append(f"{field_label(key)}: {value_text(value)}")
    return out


__all__ = ["FIELD_LABELS", "field_label", "document_lines"]
