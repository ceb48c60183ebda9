"""The files of a dunning run (``jobs.run_dunning``): every letter rendered as HTML and PDF, all
letters in one PDF for printing, and the invoices due for collection in the collection agency's
CSV, each written into the run's staged ``LetterFiles``.

A workspace template that cannot be used stops its own letters with one error, never the
others. It is its own module because rendering and writing the files is apart from deciding
the notices and recording them: ``run_dunning`` hands over the planned notices and gets back
the ones written, each naming its file.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from ..domain.issues import JobResult, error
from ..domain.receivables import Level, Notice
from .letter_files import LetterFiles, collection_csv

if TYPE_CHECKING:
    from ..config.company import Company
    from ..config.dunning import DunningSettings
    from ..workspace import Workspace


def _render(notice: Notice, company, settings, logo=None) -> tuple[str, bytes]:
    """The letter as HTML (for reading and e-mail) and PDF (address in the envelope window,
    the workspace's ``logo.png`` in the letterhead)."""
    from ..letters.notice import render_letter

    rule = settings.policy.rule(notice.level)
    language = notice.customer.language or settings.policy.language
    letter = render_letter(notice, company, language=language, deadline_days=rule.deadline_days, logo=logo)
    return letter.html, letter.pdf


def write_notice_files(
    ws: Workspace,
    planned: list[Notice],
    files: LetterFiles,
    company: Company,
    settings: DunningSettings,
    on: date,
    result: JobResult,
    progress,
) -> list[Notice]:
    """Render every letter, the print file and the collection file into ``files``."""
    notices: list[Notice] = []
    pdfs: list[bytes] = []
    letters = [n for n in planned if n.level is not Level.COLLECTION]
    from ..letters.logo import workspace_logo
    from ..letters.template_check import TemplateProblem

    logo = workspace_logo(ws.root, result.issues) if letters else None
    made: list[Notice] = []
    refused: set[str] = set()  # a broken template stops its letters, never the others (issue 20)
    with progress.task("Lager brev", total=len(letters)) as task:
        for notice in letters:
            try:
                html, pdf = _render(notice, company, settings, logo)
            except TemplateProblem as problem:
                if problem.name not in refused:
                    refused.add(problem.name)
                    result.add(error("dunning.template", str(problem)))
                task.advance()
                continue
            made.append(notice)
            stem = files.letter_stem(notice)
            files.write(f"{stem}.html", html.encode("utf-8"))
            path = files.write(f"{stem}.pdf", pdf)
            pdfs.append(pdf)
            notices.append(replace(notice, letter=ws.relative(path)))
            result.outputs.append(str(path))
            task.advance()
    if pdfs:
        from ..letters.notice import combine

        titles = [f"{n.level.label_nb} – {n.customer.name} ({n.customer.number})" for n in made]
        path = files.write(files.print_name(on), combine(pdfs, titles=titles))
        files.print_file = ws.relative(path)
        result.outputs.append(str(path))
        result.extra["print_file"] = files.print_file
    collection = [n for n in planned if n.level is Level.COLLECTION]
    if collection:
        path = files.write(files.collection_name(on), collection_csv(collection))
        notices += [replace(n, letter=ws.relative(path)) for n in collection]
        result.outputs.append(str(path))
    return notices
