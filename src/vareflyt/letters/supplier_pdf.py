"""Documents to suppliers — the printable purchase order and the invoice deviation notice — as
HTML (e-mail, preview) and as a PDF on the page every document shares (``page``, ``table``).

Both render their jinja2 template once: the whole page is the HTML, and the template's blocks
and macros are the PDF's paragraphs, so both versions say the same thing in the same words.
The PDF puts the shop in the letterhead (with ``logo.png`` when the workspace has one), the
supplier — by name, with the stored address when known, else its GLN — in the envelope window,
and the facts beside the window. Quantities are ``domain.wording.quantity_text`` ("30", never
"3E+1"), units their Norwegian word ("m", "stk"), amounts ``domain.money.format_kr``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from ..domain.money import format_kr
from ..domain.orders import Order
from ..domain.parties import Party
from ..domain.wording import date_text, quantity_text, unit_text
from .content import address_lines, orgnr_text
from .logo import Logo
from .markup import paragraphs as html_paragraphs
from .page import LEFT, PAD, Letterhead, Sheet, heading, letterhead, paragraphs, start
from .render import environment, render_blocks
from .table import ROW, Column, Row, table

__all__ = [
    "ORDER_TEMPLATE",
    "NOTICE_TEMPLATE",
    "ORDER_COLUMNS",
    "NOTICE_COLUMNS",
    "purchase_order",
    "deviation_notice",
]

ORDER_TEMPLATE = "purchase_order.nb.html.j2"
NOTICE_TEMPLATE = "deviation_notice.html.j2"
# Widths in mm add up to the text width (170 mm); headings are measured and abbreviated only if need be.
ORDER_COLUMNS = (
    Column("line", "Linje", True, 12, short="Nr."),
    Column("article", "Varenr", False, 22),
    Column("gtin", "GTIN", False, 27, exact=True),
    Column("name", "Vare", False, 55, wrap=True),
    Column("quantity", "Antall", True, 18, short="Ant."),
    Column("unit", "Enhet", False, 13, short="Enh."),
    Column("price", "Pris", True, 23),
)
NOTICE_COLUMNS = (
    Column("check", "Kontroll", False, 28, wrap=True),
    Column("line", "Linje", True, 11, short="Nr."),
    Column("article", "Varenr", False, 20),
    Column("expected", "Forventet", True, 22, short="Forv."),
    Column("actual", "Fakturert", True, 22, short="Fakt."),
    Column("message", "Beskrivelse", False, 67, wrap=True),
)


def _company(company) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...], str]:
    """The shop as sender: its lines, the details right of them, and the footer."""
    sender = tuple(
        x for x in (company.name, company.address, f"{company.postcode} {company.city}".strip()) if x
    )
    details = tuple(
        (label, value)
        for label, value in (
            ("Org.nr.", orgnr_text(company.orgnr)),
            ("GLN", company.gln),
            ("Tlf.", company.phone),
            ("E-post", company.email),
        )
        if value
    )
    footer = " · ".join((*sender, *([f"Org.nr. {orgnr_text(company.orgnr)}"] if company.orgnr else [])))
    return sender, details, footer


def _recipient(name: str, gln: str | None, party: Party | None) -> tuple[str, ...]:
    """The supplier for the window: name and stored address; the GLN when no address is known."""
    known = bool(name) and name != gln
    lines = address_lines(party.address or "") if party else []
    place = f"{party.postcode or ''} {party.city or ''}".strip() if party else ""
    lines += [place] if place else []
    if not lines and known and gln:
        lines = [f"GLN {gln}"]
    return (name if known else f"GLN {gln or ''}".strip(), *lines)


def _begin(company, logo: Logo | None, info, recipient, *, title: str, made_on: date) -> Sheet:
    sender, details, footer = _company(company)
    pdf = start(footer, title=title, author=company.name, made_on=made_on)
    letterhead(pdf, Letterhead(sender, details, tuple(info), recipient, logo))
    return pdf


def purchase_order(
    order: Order,
    company,
    *,
    prices: dict[int, Decimal],
    amount: Decimal,
    supplier_name: str,
    supplier: Party | None = None,
    pickup_address: Party | None = None,
    delivery_place: Party | None = None,
    logo: Logo | None = None,
    with_pdf: bool = True,
) -> tuple[str, bytes]:
    """The order's HTML and PDF (``b""`` without ``with_pdf``); ``supplier`` is the stored party
    whose address goes in the window, ``delivery_place`` the stored party of the delivery GLN."""
    context = dict(
        order=order,
        company=company,
        prices=prices,
        amount=amount,
        supplier_name=supplier_name,
        pickup_address=pickup_address,
        delivery_place=delivery_place,
        logo=logo,
    )
    template = environment("nb").get_template(ORDER_TEMPLATE)
    html, blocks, _ = render_blocks(
        template, context, ("replaces", "delivery", "closing") if with_pdf else ()
    )
    if not with_pdf:
        return html, b""
    info = [("Ordrenr.", order.number), ("Ordredato", date_text(order.order_date))]
    info += [
        (label, value)
        for label, value in (("Avtale", order.agreement_ref), ("Prisliste", order.price_list_ref))
        if value
    ]
    title = f"Bestilling {order.number}"
    pdf = _begin(
        company,
        logo,
        info,
        _recipient(supplier_name, order.supplier.gln, supplier),
        title=f"{title} – {supplier_name}",
        made_on=order.order_date,
    )
    heading(pdf, title, f"{title} · {supplier_name}")
    paragraphs(pdf, blocks.get("replaces", []) + blocks.get("delivery", []))
    rows = [
        Row(
            (
                str(line.line_no),
                line.seller_article_no or "",
                line.gtin or "",
                (line.name or "") + (f" (levering {date_text(line.delivery)})" if line.delivery else ""),
                quantity_text(line.quantity),
                unit_text(line.unit),
                format_kr(prices.get(line.line_no)),
            )
        )
        for line in order.lines
    ]
    table(pdf, ORDER_COLUMNS, rows)
    paragraphs(pdf, blocks.get("closing", []))
    return html, bytes(pdf.output())


def deviation_notice(
    company,
    *,
    supplier_gln: str,
    supplier_name: str,
    invoices: Sequence[dict],
    today: date,
    title: str,
    supplier: Party | None = None,
    logo: Logo | None = None,
) -> tuple[str, bytes]:
    """One supplier's deviation notice as HTML and PDF (``title`` is the PDF's document title);
    ``invoices`` as the template reads them (``{row, status, findings}``, figures formatted)."""
    context = dict(
        company=company,
        supplier_gln=supplier_gln,
        supplier_name=supplier_name,
        invoices=invoices,
        today=today,
        logo=logo,
    )
    template = environment("nb").get_template(NOTICE_TEMPLATE)
    html, blocks, macros = render_blocks(template, context, ("intro", "closing"))
    pdf = _begin(
        company,
        logo,
        [("Dato", date_text(today)), ("Deres GLN", supplier_gln)],
        _recipient(supplier_name, supplier_gln, supplier),
        title=title,
        made_on=today,
    )
    heading(pdf, "Avvik i fakturaer", f"Avvik i fakturaer · {supplier_name}")
    paragraphs(pdf, blocks.get("intro", []))
    for item in invoices:
        pdf.need(4 * ROW)  # the invoice's title stays with its first rows
        pdf.y += 1
        pdf.put(
            LEFT - PAD,
            pdf.y,
            pdf.epw + 2 * PAD,
            6.5,
            str(macros["invoice_title"](item)),
            11,
            style="B",
            min_size=8,
        )
        pdf.y += 7
        paragraphs(pdf, html_paragraphs(str(macros["invoice_facts"](item))), size=9, step=4.5)
        rows = [
            Row(
                (
                    f"{f['check']} {f['check_name']}".strip(),
                    str(f["line_no"] or ""),
                    f["article"] or "",
                    f["expected"],
                    f["actual"],
                    f["message"] or "",
                )
            )
            for f in item["findings"]
        ]
        table(pdf, NOTICE_COLUMNS, rows)
        pdf.y += 2
    paragraphs(pdf, blocks.get("closing", []))
    return html, bytes(pdf.output())
