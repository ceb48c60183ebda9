"""Rendering letters from jinja2 templates to HTML (autoescaped).

Templates are looked up in the workspace's ``templates/`` first, then in vareflyt's own (the
repository's top-level ``templates/``, ``vareflyt/templates`` when installed; ``bundled``), so
a shop words its documents itself; an override is checked before use (``template_check``).
Letters are ``letters/<name>.<language>.html.j2`` (``reminder``,
``dunning``, ``inkassovarsel``, ``betalingsoppfordring`` in ``nb`` and ``en``). Filters format Norwegian
amounts
(``10 000,00``), quantities (``antall``: ``30``, never ``3E+1``), numbers (``tall``), units
(``enhet``: ``MTR`` -> ``m``) and dates (``15.01.2024``); English letters use ``10,000.00``. The module is
generic: ``render(name, language, **context)`` serves purchase orders and deviation notices too.
``render_blocks`` renders a template once and also hands back some of its blocks as paragraphs
for a PDF, and its macros, so a document's HTML and PDF say the same thing in the same words.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import jinja2

from ..bundled import templates_folder, workspace_templates
from ..domain.money import format_kr
from ..domain.wording import number_text, quantity_text, unit_text
from .markup import Run, paragraphs

__all__ = ["environment", "render", "render_blocks", "render_notice", "format_kr", "format_date", "LANGUAGES"]

LANGUAGES = ("nb", "en")


def format_pct(value: Decimal | None, language: str = "nb") -> str:
    if value is None:
        return ""
    text = f"{Decimal(value):.2f}"
    return text.replace(".", ",") if language == "nb" else text


def format_date(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def template_loader(workspace_folder: str) -> jinja2.BaseLoader:
    """The workspace's ``templates/`` (when given) before vareflyt's own."""
    own = jinja2.FileSystemLoader(str(templates_folder()))
    return jinja2.ChoiceLoader([jinja2.FileSystemLoader(workspace_folder), own]) if workspace_folder else own


class CheckedEnvironment(jinja2.Environment):
    """An environment whose documents, when the workspace overrides any template, are checked
    (``template_check.check``) before they are handed out: a broken one raises ``TemplateProblem``."""

    workspace_folder = ""

    def get_template(self, name, parent=None, globals=None):  # noqa: A002 - jinja2's own signature
        from .template_check import checked, syntax_problem

        if parent is not None or not self.workspace_folder:
            return super().get_template(name, parent, globals)
        try:
            template = super().get_template(name, parent, globals)
        except jinja2.TemplateSyntaxError as exc:
            raise syntax_problem(name, exc) from None
        return checked(self, name, template)


def environment(language: str) -> CheckedEnvironment:
    """The documents' environment for ``language`` and the workspace last opened (``bundled``)."""
    folder = workspace_templates()
    return _cached_environment(language, str(folder) if folder and Path(folder).is_dir() else "")


@lru_cache(maxsize=8)
def _cached_environment(language: str, workspace_folder: str) -> CheckedEnvironment:
    env = CheckedEnvironment(
        loader=template_loader(workspace_folder),
        autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["kr"] = lambda v: format_kr(v, language)
    env.filters["pct"] = lambda v: format_pct(v, language)
    env.filters["dato"] = format_date
    env.filters["antall"] = quantity_text
    env.filters["tall"] = number_text
    env.filters["enhet"] = unit_text
    env.workspace_folder = workspace_folder
    return env


def render(name: str, language: str, **context) -> str:
    """Render ``<folder>/<name>.<language>.html.j2``; ``name`` may include a folder
    (``letters/reminder``). Unknown languages fall back to ``nb``."""
    language = language if language in LANGUAGES else "nb"
    template = environment(language).get_template(f"{name}.{language}.html.j2")
    try:
        return template.render(**context)
    except jinja2.TemplateError as exc:
        raise _problem(template, exc) from None


def _problem(template: jinja2.Template, exc: jinja2.TemplateError) -> Exception:
    """A shop's template failing as it renders (an unknown name): ``TemplateProblem`` naming its
    file and line; vareflyt's own templates failing is a bug, raised as it is."""
    from .template_check import render_problem

    if not getattr(template.environment, "workspace_folder", ""):
        return exc
    try:
        template.environment.handle_exception()  # the traceback with the template's own lines
    except jinja2.TemplateError as rewritten:
        return render_problem(template.name, template, rewritten)
    return exc


def render_blocks(
    template: jinja2.Template, context: dict, names
) -> tuple[str, dict[str, list[list[Run]]], dict]:
    """``template`` rendered with ``context`` once: the whole HTML, the blocks in ``names`` as
    paragraphs (``markup.paragraphs``; a missing block is left out) and the template's top-level
    names (its macros), to render parts of it again for a PDF."""
    ctx = template.new_context(context)
    concat = template.environment.concat
    try:
        html = concat(template.root_render_func(ctx))  # also collects the inherited blocks in ctx
        blocks = {name: paragraphs(concat(ctx.blocks[name][0](ctx))) for name in names if name in ctx.blocks}
    except jinja2.TemplateError as exc:
        raise _problem(template, exc) from None
    return html, blocks, ctx.vars


def render_notice(notice, company, *, language: str, deadline_days: int) -> str:
    """HTML for one dunning notice (``domain.receivables.Notice``) from ``company`` (``[company]``).
    The letter with its PDF is ``letters.notice.render_letter``."""
    from .notice import render_html

    return render_html(notice, company, language=language, deadline_days=deadline_days)
