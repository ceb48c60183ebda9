"""Table schemas of the purchasing workbook ``Innkjop.xlsx``.

Input columns (``input=True``) are where users type: order entry, their article settings and
their decisions in invoice control. Everything else is written by vareflyt from the store.
The tables of received supplier invoices, their control and the deviations are in
``schemas_supplier_invoices``; this module assembles the workbook (``PURCHASING``).
"""

from __future__ import annotations

from .schemas_base import (
    TableSchema,
    WorkbookSchema,
    day,
    decimal,
    flag,
    integer,
    money,
    pct,
    renamed,
    stamp,
    text,
)
from .schemas_supplier_invoices import DEVIATIONS, INVOICE_CONTROL, SUPPLIER_INVOICES

PARTIES = TableSchema(
    "parties",
    "Parter",
    "Parter",
    (
        text("party_no", "Partnr", 10),
        text("name", "Navn", 30),
        text("gln", "GLN", 16),
        text("orgnr", "Orgnr", 12),
        text("vat_no", "MVA-nr", 17),
        text("roles", "Roller", 12),
        text("address", "Adresse", 28),
        text("postcode", "Postnr", 8),
        text("city", "Poststed", 16),
        text("country", "Land", 6),
        text("email", "E-post", 26),
        text("phone", "Telefon", 13),
        text("bank_account", "Kontonr", 14),
        text("iban", "IBAN", 24),
        flag("edi", "EDI"),
        flag("active", "Aktiv"),
        stamp("changed", "Endret"),
    ),
    description="Parter (leverandører, kunder, leveringssteder) fra lageret",
)

CATALOGUE = TableSchema(
    "catalogue",
    "Katalog",
    "Katalog",
    (
        text("supplier_gln", "Leverandør-GLN", 16),
        text("supplier_name", "Leverandør", 22),
        text("article_no", "Artikkelnr", 14),
        text("gtin", "GTIN", 16),
        text("nobb", "NOBB-nr", 10),
        text("name", "Varenavn", 36),
        text("unit", "Enhet", 7),
        text("pack_level", "Pakningsnivå", 8),
        decimal("pack_qty", "Antall i pakning", 9),
        money("gross", "Bruttopris"),
        pct("discount_pct", "Rabatt %"),
        money("net", "Nettopris"),
        money("fees", "Avgifter", 10),
        pct("vat_pct", "MVA %", 7),
        day("valid_from", "Gyldig fra"),
        day("valid_to", "Gyldig til"),
        money("campaign_net", "Kampanjepris"),
        day("campaign_from", "Kampanje fra"),
        day("campaign_to", "Kampanje til"),
        text("product_group", "Varegruppe", 11),
        decimal("weight_kg", "Vekt kg", 9),
        text("dimensions", "Mål", 14),
        decimal("price_basis", "Prisbasis", 8),
        text("price_list_version", "Prislisteversjon", 16),
        text("price_note", "Merknad", 20),  # "pris ikke oppdatert": carried, the new list's row was rejected
    ),
    big=True,
    description="Gjeldende priskatalog per leverandør",
)

ORDER_ENTRY = TableSchema(
    "order_entry",
    "Bestilling",
    "Bestilling",
    (
        text("supplier", "Leverandør", 22, input=True),
        text("article_no", "Artikkelnr", 14, input=True),
        decimal("quantity", "Antall", 9, input=True),
        text("unit", "Enhet", 7, input=True),
        day("delivery_date", "Ønsket levering", input=True),
        text("delivery_time", "Klokkeslett", 9, input=True),
        text("delivery_gln", "Leveringssted (GLN)", 16, input=True),
        text("project", "Prosjekt", 14, input=True),
        text("end_customer", "Sluttkunde", 18, input=True),
        flag("pickup", "Henting", input=True),
        text("status", "Status", 12),
        text("reason", "Merknad", 36),
        text("order_no", "Ordrenr", 12),
        text("changes_order", "Endrer ordre", 12, input=True),  # a sent order's number: this line adds to it
    ),
    description="Bestillinger brukeren skriver inn; status skrives tilbake",
)

ARTICLE_SETTINGS = TableSchema(
    "article_settings",
    "Artikler",
    "Artikler",
    (
        text("article_no", "Artikkelnr", 14, input=True),
        text("supplier", "Leverandør", 22, input=True),
        decimal("stock", "Lager", 9, input=True),
        decimal("reorder_point", "Bestillingspunkt", 10, input=True),
        decimal("reorder_qty", "Bestillingsantall", 10, input=True),
    ),
    description="Brukerens egne innstillinger per artikkel",
)

ORDERS = TableSchema(
    "orders",
    "Ordrer",
    "Ordrer",
    (
        text("order_no", "Ordrenr", 12),
        day("order_date", "Ordredato"),
        text("supplier_gln", "Leverandør-GLN", 16),
        text("supplier_name", "Leverandør", 22),
        text("delivery_gln", "Leveringssted", 16),
        day("delivery_date", "Ønsket levering"),
        text("project", "Prosjekt", 14),
        text("end_customer", "Sluttkunde", 18),
        flag("pickup", "Henting"),
        integer("lines", "Linjer", 7),
        money("amount", "Beløp"),
        text("status", "Status", 14),
        text("source", "Kilde", 12),
        text("format", "Format", 9),
        renamed(
            stamp("sent", "Laget"), "Sendt"
        ),  # the order file was written; no transport confirms sending yet
        text("response", "Ordresvar", 14),
        day("confirmed_date", "Bekreftet levering"),
        text("replaces", "Erstatter ordre", 12),
    ),
    description="Innkjøpsordrer og deres status",
)

ORDER_LINES = TableSchema(
    "order_lines",
    "Ordrelinjer",
    "Ordrelinjer",
    (
        text("order_no", "Ordrenr", 12),
        integer("line_no", "Linje", 6),
        text("article_no", "Artikkelnr", 14),
        text("gtin", "GTIN", 16),
        text("name", "Varenavn", 30),
        decimal("quantity", "Antall", 9),
        text("unit", "Enhet", 7),
        money("net", "Nettopris"),
        money("amount", "Beløp"),
        decimal("confirmed_qty", "Bekreftet antall", 10),
        day("confirmed_date", "Bekreftet dato"),
        decimal("backorder_qty", "Restnotert", 9),
        day("backorder_date", "Restlevering dato"),
        decimal("delivered_qty", "Levert antall", 9),
        decimal("invoiced_qty", "Fakturert antall", 9),
        text("status", "Status", 14),
    ),
    description="Ordrelinjer med ordresvar og levering",
)

RECEIPTS = TableSchema(
    "receipts",
    "Mottak",
    "Mottak",
    (
        text("despatch_no", "Pakkseddelnr", 14),
        text("order_no", "Ordrenr", 12),
        integer("line_no", "Linje", 6),
        text("article_no", "Artikkelnr", 14),
        text("gtin", "GTIN", 16),
        text("name", "Varenavn", 30),
        decimal("despatched_qty", "Sendt antall", 9),
        decimal("received_qty", "Mottatt antall", 9, input=True),
        text("unit", "Enhet", 7),
        text("sscc", "SSCC", 20),
        day("despatch_date", "Sendt dato"),
        day("received_date", "Mottatt dato", input=True),
        flag("final", "Sluttlevering", 10),
        text("status", "Status", 14),
    ),
    description="Varemottak fra pakksedler (DESADV); brukeren retter mottatt antall",
)

LOG = TableSchema(
    "log",
    "Logg",
    "Logg",
    (
        stamp("time", "Tidspunkt"),
        text("job", "Jobb", 16),
        text("direction", "Retning", 8),
        text("document_type", "Dokumenttype", 12),
        text("partner", "Partner", 22),
        text("reference", "Referanse", 16),
        text("file", "Fil", 30),
        text("status", "Status", 10),
        text("message", "Melding", 50),
    ),
    big=True,
    description="Behandlingslogg: alt som er sendt og mottatt",
)

PURCHASING = WorkbookSchema(
    "purchasing",
    "Innkjop.xlsx",
    (
        ORDER_ENTRY,
        ARTICLE_SETTINGS,
        ORDERS,
        ORDER_LINES,
        RECEIPTS,
        SUPPLIER_INVOICES,
        INVOICE_CONTROL,
        DEVIATIONS,
        CATALOGUE,
        PARTIES,
        LOG,
    ),
)
