"""One dunning letter as HTML (for the .html file and e-mail) and PDF (for print), and all of
a run's letters as one PDF for printing.

``render_letter`` renders the level's template ``letters/<level>.<language>.html.j2`` once:
the whole page is the HTML; the same template's blocks (``title``, ``intro``, ``interest``,
``pay``, ``closing``, ``contact``, ``greeting``) are the PDF's paragraphs, and the table,
totals and address come from ``content.build_content``, so both say the same thing.
The PDF is drawn with fpdf2's layout calls on the page every document shares (``page``:
letterhead with the workspace's logo, address in the envelope window, "Side 1 av 2") and its
table (``table``), with the totals lined up under the last amount column (``letter_pdf``).

``combine`` puts the letters of a run into one PDF with pypdf (a runtime dependency for this):
the pages are exactly those of the per-customer files, each letter keeps its own page
numbers, and a bookmark per letter helps find one.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ..domain.receivables import Level, Notice
from .content import Content, build_content, rate_periods
from .logo import Logo
from .markup import Run
from .page import Letterhead, heading, letterhead, paragraphs, start
from .render import LANGUAGES, environment, render_blocks
from .table import table, totals

__all__ = ["Letter", "render_letter", "render_html", "letter_pdf", "combine", "BLOCKS"]

BEFORE_TABLE = ("intro",)
AFTER_TABLE = ("interest", "pay", "closing", "contact", "greeting")
BLOCKS = ("title", *BEFORE_TABLE, *AFTER_TABLE)


@dataclass(frozen=True)
class Letter:
    html: str  # the whole letter, autoescaped HTML (UTF-8 when written)
    pdf: bytes  # the letter as printed: A4, address in the envelope window


def letter_context(
    notice: Notice, company, language: str, deadline_days: int, logo: Logo | None = None
) -> dict:
    """What a dunning letter's template is rendered with (``template_check`` renders a sample);
    ``logo`` is shown at the top of the HTML when given."""
    content = build_content(notice, company, language)
    lines = notice.lines
    with_interest = [line for line in lines if line.interest]
    froms = {line.interest_from for line in with_interest if line.interest_from}
    return dict(
        notice=notice,
        customer=notice.customer,
        company=company,
        logo=logo,
        c=content,
        account=content.account,
        deadline_days=deadline_days,
        rate_periods=rate_periods(notice),
        interest_from=min(froms, default=None),
        single_from=len(froms) == 1,
        interest_through=notice.interest_through,
        claims_interest=bool(notice.interest) or notice.interest_through is not None,
        single=len(lines) == 1,
        kid=(lines[0].kid or "").strip() if len(lines) == 1 else "",
        without_kid=[line.invoice_no for line in lines if not (line.kid or "").strip()],
        amount_label=content.amount_label,
        earlier_fees=notice.fee - notice.new_fee,
        costs=notice.fee + notice.compensation,
        missing_from=notice.interest_through + timedelta(days=1) if notice.interest_through else None,
    )


def _template(notice: Notice, language: str):
    if notice.level is Level.COLLECTION:
        raise ValueError("Overføring til inkasso har ikke noe brev; den går til inkasso-filen.")
    language = language if language in LANGUAGES else "nb"
    return language, environment(language).get_template(f"letters/{notice.level.value}.{language}.html.j2")


def _render(
    notice: Notice, company, language: str, deadline_days: int, *, with_blocks: bool, logo: Logo | None = None
):
    language, template = _template(notice, language)
    context = letter_context(notice, company, language, deadline_days, logo)
    html, blocks, _ = render_blocks(template, context, BLOCKS if with_blocks else ())
    return html, blocks, context["c"]


def render_html(
    notice: Notice, company, *, language: str, deadline_days: int, logo: Logo | None = None
) -> str:
    """The letter as HTML only."""
    return _render(notice, company, language, deadline_days, with_blocks=False, logo=logo)[0]


def render_letter(
    notice: Notice, company, *, language: str, deadline_days: int, logo: Logo | None = None
) -> Letter:
    """The letter for ``notice`` from ``company`` (``config.company.Company``) in ``language``
    (``nb`` or ``en``; anything else gives ``nb``), with a deadline of ``deadline_days`` days;
    ``logo`` (``logo.workspace_logo``) stands left of the sender on the PDF and at the top of
    the HTML."""
    html, blocks, content = _render(notice, company, language, deadline_days, with_blocks=True, logo=logo)
    title = " ".join(text for para in blocks.get("title", []) for _, text in para)
    pdf = letter_pdf(
        content,
        blocks,
        title=f"{title} – {notice.customer.name}",
        author=company.name,
        sent_on=notice.sent_on,
        logo=logo,
    )
    return Letter(html=html, pdf=pdf)


def letter_pdf(
    c: Content,
    blocks: dict[str, list[list[Run]]],
    *,
    title: str = "",
    author: str = "",
    sent_on: date | None = None,
    logo: Logo | None = None,
) -> bytes:
    """The PDF of one letter; ``blocks`` are the template's paragraphs by block name (``BLOCKS``)."""
    pdf = start(c.footer, title=title, author=author, made_on=sent_on, page_label=c.page_label)
    letterhead(pdf, Letterhead(c.sender, c.sender_details, c.info, c.recipient, logo))
    title_text = " ".join(text for para in blocks.get("title", []) for _, text in para)
    heading(
        pdf,
        title_text,
        " · ".join(
            x
            for x in (
                title_text,
                c.recipient[0] if c.recipient else "",
                " ".join(c.info[1]) if len(c.info) > 1 else "",
            )
            if x
        ),
    )
    for name in BEFORE_TABLE:
        paragraphs(pdf, blocks.get(name, []))
    table(pdf, c.columns, c.rows)
    totals(pdf, c.columns, c.amount_column, c.totals)
    for name in AFTER_TABLE:
        paragraphs(pdf, blocks.get(name, []))
    return bytes(pdf.output())


def combine(pdfs: Sequence[bytes], *, titles: Sequence[str] | None = None, duplex: bool = False) -> bytes:
    """One PDF with the pages of every letter in ``pdfs``, in order. ``titles`` (one per letter)
    become bookmarks; with ``duplex`` a blank page follows a letter with an odd number of pages,
    so every letter starts on the front of a sheet. No letters give ``b""`` (write no file)."""
    from pypdf import PdfReader, PdfWriter

    if not pdfs:
        return b""
    writer = PdfWriter()
    for i, data in enumerate(pdfs):
        reader = PdfReader(io.BytesIO(data))
        writer.append(reader, outline_item=titles[i] if titles else None)
        if duplex and len(reader.pages) % 2:
            last = reader.pages[-1].mediabox
            writer.add_blank_page(width=last.width, height=last.height)
    writer.add_metadata({"/Creator": "vareflyt"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
