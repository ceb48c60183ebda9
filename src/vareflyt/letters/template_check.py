"""Checking a document template before it is used: a shop's own template in the workspace's
``templates/`` must not give a letter without what the law requires.

``checked(env, name, template)`` is called for every document the environment hands out while
the workspace overrides templates. A letter template (``letters/<level>.<language>.html.j2``) is
rendered with a sample notice and must show the amount due and the KID; an inkassovarsel or a
betalingsoppfordring must also carry its heading and, in the paragraph that names the deadline,
the warning that the claim goes to collection (inkassoloven §§ 9–10). A syntax error or an
unknown variable (StrictUndefined) in any document is caught the same way. A problem raises
``TemplateProblem`` (Norwegian, names the file and line); the answer is kept per template and
file state, so a run checks each template once.
"""

from __future__ import annotations

import re
import traceback
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import jinja2

from ..domain.issues import VareflytError
from ..domain.money import format_kr
from ..domain.receivables import Customer, InvoiceCharge, Level, Notice

__all__ = [
    "TemplateProblem",
    "Requirement",
    "checked",
    "syntax_problem",
    "render_problem",
    "check_letter",
    "sample_notice",
    "LETTER_NAME",
]

LETTER_NAME = re.compile(
    r"^letters/(reminder|dunning|inkassovarsel|betalingsoppfordring)\.(nb|en)\.html\.j2$"
)
SAMPLE_KID = "1234567890128"
# the warning that the claim goes to collection: "sendt/overlevert til inkasso(byrå)", "handed over
# for collection"
COLLECTION_WARNING = {
    "nb": re.compile(r"\btil inkasso"),
    "en": re.compile(r"\b(for|to) (a )?(debt )?collection"),
}
_verdicts: dict[tuple, TemplateProblem | None] = {}


class TemplateProblem(VareflytError):
    """A template that cannot be used; ``name`` is the template, ``file``/``line`` where to look."""

    def __init__(self, name: str, file: str, line: int, what: str):
        super().__init__(
            f"Malen {file}, linje {line}: {what}. Dokumenter fra malen {name} lages ikke før den "
            f"er rettet (`vareflyt templates check`); slett filen for å bruke vareflyts egen."
        )
        self.name, self.file, self.line = name, file, line


@dataclass(frozen=True)
class Requirement:
    what: str  # Norwegian: what is missing
    block: str  # the block of vareflyt's own template that holds it (to point at a line)


def sample_notice(level: Level) -> Notice:
    """One customer, two invoices with KIDs, interest and a fee: every part a letter shows, and
    an amount due (the sum) that no single line shows."""

    def line(no: str, kid: str, principal: str, fee: str) -> InvoiceCharge:
        return InvoiceCharge(
            invoice_no=no,
            due_date=date(2026, 1, 5),
            days_overdue=40,
            principal=Decimal(principal),
            interest=Decimal("123.45"),
            interest_rate=Decimal("12.00"),
            interest_from=date(2026, 1, 6),
            fee=Decimal(fee),
            earlier_fees=Decimal("0"),
            compensation=Decimal("0"),
            kid=kid,
            rate_periods=((date(2026, 1, 1), Decimal("12.00")),),
            amount=Decimal(principal),
        )

    customer = Customer(number="9001", name="Prøvekunde AS", address="Prøvevegen 1\n0150 Oslo")
    lines = (line("10001", SAMPLE_KID, "12345.50", "35.00"), line("10002", "1234567890219", "2000.00", "0"))
    return Notice(
        customer=customer, level=level, sent_on=date(2026, 2, 14), deadline=date(2026, 3, 2), lines=lines
    )


def _sample_company():
    from ..config.company import Company

    return Company(
        name="Prøvebutikken AS",
        gln="",
        orgnr="",
        address="Butikkvegen 2",
        postcode="0150",
        city="Oslo",
        bank_account="1234.56.78903",
        email="post@example.no",
        phone="22 22 22 22",
        language="nb",
    )


def check_letter(env: jinja2.Environment, name: str, template: jinja2.Template) -> None:
    """Render the letter ``template`` with the sample notice; raise ``TemplateProblem`` on a gap."""
    from .notice import letter_context

    level, language = LETTER_NAME.match(name).groups()
    notice = sample_notice(Level(level))
    try:
        html = template.render(letter_context(notice, _sample_company(), language, 14))
    except jinja2.TemplateError as exc:
        raise render_problem(name, template, exc) from None
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    for need in _requirements(notice, language, html, text):
        raise _missing(env, name, template, need)


def _requirements(notice: Notice, language: str, html: str, text: str):
    amount = format_kr(notice.total, language)
    if amount not in text:
        yield Requirement(f"beløpet som skal betales ({amount} kr) står ikke i brevet", "pay")
    if SAMPLE_KID not in text:
        yield Requirement("KID-nummeret står ikke i brevet", "pay")
    if notice.level not in (Level.INKASSOVARSEL, Level.BETALINGSOPPFORDRING):
        return
    if notice.level.label_nb.lower() not in text.lower():
        yield Requirement(f"overskriften «{notice.level.label_nb}» mangler", "title")
    deadline = notice.deadline.strftime("%d.%m.%Y")
    said = [p for p in re.split(r"</p>", html) if deadline in p]
    if not said:
        yield Requirement(f"betalingsfristen ({deadline}) står ikke i brevet", "closing")
    elif not any(COLLECTION_WARNING[language].search(re.sub(r"<[^>]+>", " ", p).lower()) for p in said):
        yield Requirement(
            "varselet om at kravet sendes til inkasso hvis det ikke betales innen fristen mangler", "closing"
        )


def syntax_problem(name: str, exc: jinja2.TemplateSyntaxError) -> TemplateProblem:
    return TemplateProblem(
        name, _shown(exc.filename or name), exc.lineno or 1, f"feil i malspråket (jinja2: {exc.message})"
    )


def render_problem(name: str, template: jinja2.Template, exc: jinja2.TemplateError) -> TemplateProblem:
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return syntax_problem(name, exc)
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".j2")]
    file, line = (frames[-1].filename, frames[-1].lineno) if frames else (template.filename, 1)
    unknown = re.search(r"'([^']+)' is undefined", exc.message or "")
    what = (
        f"ukjent navn «{unknown.group(1)}»"
        if unknown
        else f"malen kan ikke fylles ut (jinja2: {exc.message})"
    )
    return TemplateProblem(name, _shown(file), line or 1, what)


def _missing(
    env: jinja2.Environment, name: str, template: jinja2.Template, need: Requirement
) -> TemplateProblem:
    """Point at the workspace file (the letter or the base it extends) that defines the block."""
    if not getattr(env, "workspace_folder", ""):
        return TemplateProblem(name, _shown(template.filename), 1, need.what)
    folder = Path(env.workspace_folder)
    language = LETTER_NAME.match(name).group(2)
    candidates = [template.filename, str(folder / "letters" / f"base.{language}.html.j2")]
    for file in candidates:
        path = Path(file)
        if path.is_file() and path.is_relative_to(folder):
            for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                if re.search(r"{%-?\s*block\s+" + need.block + r"\b", text):
                    return TemplateProblem(name, _shown(file), number, need.what)
    return TemplateProblem(name, _shown(template.filename), 1, need.what)


def _shown(file: str | None) -> str:
    """``templates/letters/x.nb.html.j2`` as the shop sees it in its workspace."""
    parts = Path(file or "?").parts
    return (
        "/".join(parts[len(parts) - 1 - parts[::-1].index("templates") :])
        if "templates" in parts
        else str(file)
    )


def _state(env: jinja2.Environment) -> tuple:
    if not env.workspace_folder:
        return ()
    folder = Path(env.workspace_folder)
    return tuple(sorted((str(p), p.stat().st_mtime_ns) for p in folder.rglob("*.j2")))


def checked(env: jinja2.Environment, name: str, template: jinja2.Template) -> jinja2.Template:
    """``template`` when it may be used; else raise its ``TemplateProblem`` (every time asked)."""
    key = (env.workspace_folder, name, _state(env))
    if key not in _verdicts:
        problem = None
        if LETTER_NAME.match(name):
            try:
                check_letter(env, name, template)
            except TemplateProblem as exc:
                problem = exc
        _verdicts[key] = problem
    if _verdicts[key] is not None:
        raise _verdicts[key]
    return template
