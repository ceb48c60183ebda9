"""Reading a price-list file for ``import_prices``: a spreadsheet/CSV or a PRICAT message.

``read_price_file`` checks every row (a column at a time, ``rules.price_columns``; a row a
column check flags goes through ``rules.prices.check_row``, which words its issues; PRICAT
articles by GTIN and price) and returns a ``PriceRead``: the accepted rows with their row numbers, the
rejected rows with what identifies their article (so a *new* list can keep the previous price of a
rejected
article, ``rules.price_keep``), every article number and GTIN in the file and the names it gives
(title rows, a supplier column) for the wrong-supplier guard (``rules.price_guard``), the title
rows and the PRICAT header for the list's own date (``rules.price_dates``). A file that cannot be
used at all raises ``VareflytError``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.article_rows import ArticleRows
from ..domain.catalogue import CatalogueArticle, PriceCatalogue, article_key
from ..domain.issues import Issue, Source, VareflytError, error, warning
from ..excel.sheets import file_kind
from ..excel.tabular import TypedTable, parse_table, read_table
from ..rules.price_columns import CleanColumns, articles_of, clean_columns
from ..rules.price_keep import RejectedRow
from ..rules.prices import check_row, expected_net, gtin_problem
from .progress import NULL_PROGRESS
from .suppliers import Suppliers

if TYPE_CHECKING:
    from ..config.prices import PriceSettings
    from ..workspace import Workspace


@dataclass
class PriceRead:
    accepted: Sequence[tuple[int, CatalogueArticle]]  # ArticleRows for a list accepted whole
    issues: list[Issue]
    n_read: int
    rejected: list[RejectedRow]
    source: Callable[[int | None], Source]  # row -> where, for issues about a row
    catalogue: PriceCatalogue | None = None  # the PRICAT header, for PRICAT
    title: list[str] = field(default_factory=list)  # text rows above the header
    supplier_column: list = field(default_factory=list)  # values of a supplier-name column, if any
    article_nos: set[str] = field(default_factory=set)  # in accepted and rejected rows
    gtins: set[str] = field(default_factory=set)


def read_price_file(ws: Workspace, path: Path, supplier: str, progress=NULL_PROGRESS) -> PriceRead:
    if file_kind(path) == "edifact":
        return _read_pricat(ws, path, supplier)
    return _read_spreadsheet(ws, path, supplier, progress)


def _identity(values: dict, problems: dict) -> tuple[str | None, str | None]:
    """(article number, valid GTIN) of a rejected row, where they can be read."""
    article_no = values.get("article_no") if "article_no" not in problems else None
    gtin = values.get("gtin") if "gtin" not in problems else None
    if gtin and gtin_problem(gtin):
        gtin = None
    return article_no or None, gtin


def _accepted_whole(checked: CleanColumns, row_numbers: Sequence[int]) -> ArticleRows | None:
    """The rows kept as columns when no column check flagged a row and no article (number and
    packaging level, ``article_key``) comes twice: then every row is accepted as it is, checked a
    column at a time. None otherwise."""
    if checked.flagged:
        return None
    rows = ArticleRows(row_numbers, checked.columns)
    return rows if len(set(rows.keys)) == len(rows) else None


def _read_spreadsheet(ws: Workspace, path: Path, supplier: str, progress) -> PriceRead:
    partner = ws.config.partners.get(supplier)
    settings = ws.config.prices
    with progress.task(f"Leser {path.name}"):
        read = read_table(path, "prices", overrides=partner.price_columns if partner else None)
    header_errors = [i for i in read.issues if i.is_error]
    if header_errors:
        raise VareflytError(
            f"{path.name} mangler kolonner som trengs: " + "; ".join(i.message for i in header_errors),
            read.issues,
        )
    issues = list(read.issues)
    typed = parse_table(read)
    units, tolerance, tolerance_pct = settings.units, settings.tolerance, settings.tolerance_pct
    with progress.task("Kontrollerer rader", total=len(read)) as task:
        checked = clean_columns(
            typed.values,
            typed.problems,
            len(read),
            units=units,
            tolerance=tolerance,
            tolerance_pct=tolerance_pct,
        )
        rejected: list[RejectedRow] = []
        accepted: Sequence[tuple[int, CatalogueArticle]]
        rows = _accepted_whole(checked, read.row_numbers)
        if rows is not None:  # the usual list: every row accepted as it is
            accepted = rows
            task.advance(len(read))
            article_nos, gtins = set(rows.column("article_no")), set(rows.column("gtin"))
        else:
            accepted = _row_by_row(typed, articles_of(checked), settings, issues, rejected, task)
            articles = list(map(itemgetter(1), accepted))
            article_nos = set(map(attrgetter("article_no"), articles))
            gtins = set(map(attrgetter("gtin"), articles))
    article_nos.update(r.article_no for r in rejected if r.article_no)
    gtins.discard(None)
    gtins.discard("")
    gtins.update(r.gtin for r in rejected if r.gtin)
    file, sheet = read.file, read.sheet  # not read.source: that would keep every raw cell alive
    return PriceRead(
        accepted,
        issues,
        len(read),
        rejected,
        lambda row: Source(file=file, sheet=sheet, row=row),
        title=list(read.title),
        supplier_column=list(typed.values.get("supplier_name", ())),
        article_nos=article_nos,
        gtins=gtins,
    )


def _row_by_row(
    typed: TypedTable,
    clean: list[CatalogueArticle | None],
    settings: PriceSettings,
    issues: list[Issue],
    rejected: list[RejectedRow],
    task,
) -> list[tuple[int, CatalogueArticle]]:
    """The accepted rows of a list with rows to word issues for or an article twice: a row a
    column check flagged goes through ``check_row``; the second row of an article is rejected.
    Adds to ``issues`` and ``rejected``."""
    read = typed.read
    accepted: list[tuple[int, CatalogueArticle]] = []
    seen: dict[tuple[str, str], int] = {}
    units, tolerance, tolerance_pct = settings.units, settings.tolerance, settings.tolerance_pct
    for n, (row_no, article) in enumerate(zip(read.row_numbers, clean)):
        row_issues: list[Issue] = []
        if article is None:  # flagged by a column check: the row rules word why
            values = typed.row(n)
            problems = {f: p[n] for f, p in typed.problems.items() if n in p}
            article, row_issues = check_row(
                values, problems, units=units, tolerance=tolerance, tolerance_pct=tolerance_pct
            )
        if article is not None:
            key = article_key(article)
            if key in seen:
                row_issues.append(
                    error(
                        "price.duplicate",
                        f"varenummer {article.article_no} står også på rad {seen[key]}; raden er avvist",
                        Source(field="article_no"),
                    )
                )
                rejected.append(RejectedRow(row_no, article.article_no, article.pack_level, article.gtin))
            else:
                seen[key] = row_no
                accepted.append((row_no, article))
        else:
            article_no, gtin = _identity(values, problems)
            rejected.append(RejectedRow(row_no, article_no, values.get("pack_level"), gtin))
        if row_issues:
            issues.extend(replace(i, source=read.source(row_no, i.source.field)) for i in row_issues)
        if n % 5000 == 4999:
            task.advance(5000)
    return accepted


def _read_pricat(ws: Workspace, path: Path, supplier: str) -> PriceRead:
    from ..edi.mappings import pricat
    from ..edi.reader import read_file

    result = read_file(path)
    messages = [m for m in result.messages if m.type == "PRICAT"]
    if not result.ok or len(messages) != 1:
        fault = "har feil" if not result.ok else f"har {len(messages)} PRICAT-meldinger (ventet én)"
        raise VareflytError(f"{path.name} {fault}; prislisten er avvist.", list(result.issues))
    from .acknowledge import partner_item_codes

    catalogue, issues = pricat.from_segments(
        messages[0].body,
        message_ref=messages[0].number,
        file=path.name,
        codes=partner_item_codes(ws, supplier, path.name),
    )
    if catalogue is None or any(i.is_error for i in issues):
        raise VareflytError(f"PRICAT-meldingen i {path.name} er avvist.", list(issues))
    accepted: list[tuple[int, CatalogueArticle]] = []
    rejected: list[RejectedRow] = []
    out = list(issues)
    if catalogue.supplier_gln and catalogue.supplier_gln != supplier:
        names = Suppliers(ws)
        out.append(
            warning(
                "price.pricat_supplier",
                f"PRICAT-meldingen oppgir leverandør {names.label(catalogue.supplier_gln)}, "
                f"ikke {names.label(supplier)}; prisene er lagret på {names.label(supplier)}.",
                Source(file=path.name),
            )
        )
    for n, article in enumerate(catalogue.articles, start=1):
        problem = gtin_problem(article.gtin) if article.gtin else None
        if problem or article.net is None and article.gross is None and not article.expired:
            out.append(
                error(
                    "price.row",
                    f"{problem or 'mangler pris'}; artikkelen er avvist",
                    Source(file=path.name, line=n, field="gtin" if problem else "net"),
                )
            )
            rejected.append(
                RejectedRow(
                    n, article.article_no or None, article.pack_level, None if problem else article.gtin
                )
            )
            continue
        if article.net is None and article.gross is not None:
            article = replace(article, net=expected_net(article.gross, article.discount_pct))
        if article.price_basis is not None and article.price_basis <= 0:
            out.append(
                warning(
                    "price.basis",
                    f"prisbasis {article.price_basis} må være større enn 0; ikke brukt "
                    f"(prisen gjelder per enhet)",
                    Source(file=path.name, line=n, field="price_basis"),
                )
            )
            article = replace(article, price_basis=None)
        accepted.append((n, article))
    article_nos = {a.article_no for a in catalogue.articles if a.article_no}
    gtins = {a.gtin for a in catalogue.articles if a.gtin and not gtin_problem(a.gtin)}
    return PriceRead(
        accepted,
        out,
        len(catalogue.articles),
        rejected,
        lambda n: Source(file=path.name, line=n),
        catalogue=catalogue,
        article_nos=article_nos,
        gtins=gtins,
    )


__all__ = ["PriceRead", "read_price_file"]
