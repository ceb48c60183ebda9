"""Job: import a supplier price list as a new price-list version.

``import_prices`` archives the file, skips it when the same file with the same supplier, kind
and valid-from was imported before (unless the version it made was withdrawn since), reads it
(``jobs.price_reading``: spreadsheet/CSV or PRICAT, every row checked), and stores the version
and its rows in one transaction (``jobs.price_import_record``, which also words the result).
Counts (the import convention): ``rows_read`` = ``imported`` + ``rejected``;
``new``/``changed``/``unchanged``/``expired`` compare with the prices in effect on the valid-from
date before this import; ``not_updated`` counts articles that keep their previous price because
their row was rejected.

* **The list's own date** (``rules.price_dates``): without ``valid_from`` the version starts on
  the date most rows give, else the title's date, else the PRICAT header's, else ``today``;
  ``extra["valid_from_source"]`` and the summary say which. A given ``valid_from`` wins, with a
  warning when the file says otherwise.
* **What a new or replace list keeps** (``rules.price_keep``): an article whose row was rejected
  keeps its previous row ("pris ikke oppdatert"); a row starting later than the list keeps the
  previous price until then. Only articles absent from the list expire.
* **The wrong-supplier guard** (``jobs.price_guard``): a new or replace list that shares too little
  with the supplier's current catalogue is refused (result not ok, exit 1) unless ``force``.

A file that cannot be used at all raises ``VareflytError`` (exit 1), is copied to quarantine,
and leaves the store's prices unchanged. The catalogue table is refreshed afterwards (see
``jobs.price_catalogue``). With ``[prices] approve_before_use`` the version waits for
``jobs.approve_prices`` and is not in effect (nor in the table) until then.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..collector import collector_paused
from ..domain.article_rows import ArticleRows
from ..domain.catalogue import CatalogueArticle, CatalogueKind, article_key
from ..domain.issues import JobResult, Source, UsageError, VareflytError, info, warning
from ..domain.wording import plural
from ..rules.order_refs import list_ref as choose_list_ref
from ..rules.price_dates import list_date, rows_date, title_date
from ..rules.price_keep import bridge_later_rows, carry_rejected
from ..rules.prices import chain_on, effective, effective_order
from ..store import log as store_log
from ..store import prices as repo
from .archive import archive_input, quarantine
from .effective_prices import Effective, RowsInEffect, articles_in_effect
from .poison import refuse_input_errors
from .price_catalogue import catalogue_row, lookup_price, refresh_catalogue_table
from .price_guard import check_supplier, refuse
from .price_import_record import JOB, import_result, store_version
from .price_reading import read_price_file
from .progress import NULL_PROGRESS
from .suppliers import checked_supplier_gln, supplier_label, supplier_names

if TYPE_CHECKING:
    from ..workspace import Workspace

COUNT_KEYS = ("rows_read", "imported", "rejected", "new", "changed", "unchanged", "expired")


def _kind(kind) -> CatalogueKind | None:
    if kind is None or isinstance(kind, CatalogueKind):
        return kind
    try:
        return CatalogueKind(str(kind).strip().lower())
    except ValueError:
        raise UsageError(
            f"--kind {kind!r} er ukjent. Bruk new (ny katalog), change (endringsliste) "
            f"eller replace (erstatter alle tidligere priser)."
        ) from None


def _done_before(ws: Workspace, supplier: str, sha: str, params: str) -> store_log.LogRow | None:
    """The log row of an earlier import of this file with these parameters, unless the
    version it made has been withdrawn since (then the file may be imported again)."""
    with ws.store.transaction() as conn:
        done = store_log.already_done(conn, JOB, sha, params)
        if (
            done
            and str(done.doc_number or "").isdigit()
            and repo.withdrawn(conn, supplier, int(done.doc_number or 0))
        ):
            return None
    return done


@refuse_input_errors
@collector_paused()
def import_prices(
    ws: Workspace,
    path,
    supplier_gln: str,
    kind: str | CatalogueKind | None = "new",
    valid_from: date | None = None,
    progress=NULL_PROGRESS,
    *,
    refresh_table: bool = True,
    force: bool = False,
    today: date | None = None,
    list_ref: str | None = None,
) -> JobResult:
    """Import ``path`` as a price list of ``supplier_gln`` (see the module docstring).

    ``refresh_table=False`` leaves the workbook's catalogue table alone: for callers that import
    several price lists in a row (the nightly batch, the demo) and refresh it once afterwards.
    ``force`` imports a list the wrong-supplier guard would refuse; ``today`` is the import day
    (default: the clock's), the version's start when the list gives no date. ``list_ref`` is the
    supplier's reference of the list (``rules.order_refs``: else the PRICAT's RFF+PL or the one a
    title row names), stored with the version for orders to cite in RFF+PL."""
    path = Path(path)
    supplier = checked_supplier_gln(supplier_gln)
    kind = _kind(kind)
    today = today or date.today()
    archived = archive_input(ws, path)
    params = f"{supplier}|{kind.value if kind else ''}|{valid_from.isoformat() if valid_from else ''}"
    done = _done_before(ws, supplier, archived.sha256, params)
    if done:
        return JobResult(
            counts={k: 0 for k in COUNT_KEYS},
            issues=[
                info(
                    "price.already_imported",
                    f"{path.name} er allerede importert ({done.at:%d.%m.%Y %H:%M}); ingenting er endret.",
                    Source(file=path.name),
                )
            ],
            summary=f"{path.name} er allerede importert; ingenting å gjøre.",
        )
    try:
        read = read_price_file(ws, path, supplier, progress)
        if not read.accepted:
            why = (
                f"{plural(read.n_read, 'rad', 'rader')} lest, alle avvist"
                if read.n_read
                else "ingen rader under overskriftsraden"
            )
            raise VareflytError(
                f"Ingen gyldige varelinjer i {path.name} ({why}). Ingenting er importert.", read.issues
            )
    except VareflytError as exc:
        quarantine(ws, path, str(exc), exc.issues)
        raise
    cat = read.catalogue
    kind = kind or (cat.kind if cat else CatalogueKind.NEW)
    where = Source(file=path.name)
    header = cat.valid_from if cat else None  # a PRICAT's own DTM+157 comes before its articles'
    rows = None if header else rows_date(_starts(read.accepted))
    chosen, date_issues = list_date(
        valid_from,
        rows,
        title_date(read.title),
        header,
        today,
        len(read.accepted),
        where,
        rows_where="i DTM+157 per artikkel" if cat else "i gyldig-fra-kolonnen",
    )
    start = chosen.on
    ref, ref_issues = choose_list_ref(list_ref, cat.price_list_ref if cat else None, read.title, where)
    issues = date_issues + ref_issues + read.issues
    carried, bridged, verdict, like = [], [], None, None
    with progress.task("Lagrer prisliste"), ws.store.transaction() as conn:
        vers = repo.versions(conn, supplier)
        previous = articles_in_effect(conn, supplier, start, vers)
        if kind is not CatalogueKind.CHANGE and previous:
            verdict, like, _ = check_supplier(ws, conn, supplier, previous, read, today)
        stopped = verdict is not None and verdict.stops and not force
        if not stopped:
            if kind is not CatalogueKind.CHANGE:
                if read.rejected and previous:  # else nothing to carry: no set of 100 000 keys
                    carried = carry_rejected(
                        previous, read.rejected, {article_key(a) for _, a in read.accepted}
                    )
                bridged = bridge_later_rows(previous, read.accepted, start) if previous else []
            version, counts = store_version(
                ws,
                conn,
                path,
                archived.sha256,
                params,
                supplier,
                kind,
                start,
                read,
                previous,
                carried,
                bridged,
                issues,
                ref,
            )
    if stopped and verdict is not None:  # stopped means a verdict said so
        return refuse(ws, path, archived.sha256, params, read, verdict, like, vers, start, kind, valid_from)
    result = import_result(
        path,
        supplier,
        kind,
        version,
        counts,
        issues,
        chosen,
        read,
        carried,
        bridged,
        verdict,
        force,
        who=supplier_label(ws, supplier),
    )
    if ref:
        result.extra["list_ref"] = ref
    waits = ws.config.prices.approve_before_use
    if waits:  # nothing changes in effect until it is approved
        result.add(
            warning(
                "price.awaiting_approval",
                f"Prislisteversjon {version.number} fra {supplier_label(ws, supplier)} venter på "
                f"godkjenning; til da gjelder de forrige prisene. Kontroller den og godkjenn med «vareflyt "
                f"prices approve --supplier {supplier} --version {version.number}».",
                where,
            )
        )
        result.summary += " Venter på godkjenning."
        return result
    if not refresh_table:
        return result
    known: dict[str, Effective | RowsInEffect] | None = None
    if chain_on([*vers, version], today) == [version]:  # the new list alone makes today's prices
        if isinstance(read.accepted, ArticleRows) and not carried and not bridged:  # kept as columns
            known = {supplier: RowsInEffect(version, read.accepted, effective_order(read.accepted, today))}
        else:
            stored = [a for _, a in (*read.accepted, *carried, *bridged)]
            known = {supplier: effective([version], {version.id: stored}, today)}
    with progress.task("Oppdaterer katalogtabellen"):
        refresh_catalogue_table(ws, result, today, known)
    return result


def _starts(accepted: Sequence[tuple[int, CatalogueArticle]]) -> Sequence[date | None]:
    """Each accepted row's own valid-from date (a list kept as columns gives its column)."""
    if isinstance(accepted, ArticleRows):
        return accepted.column("valid_from")
    return [a.valid_from for _, a in accepted]


# Names the add-in's own catalogue refresh (``addin/refresh``) reads; ``supplier_names`` is the
# supplier directory's (``jobs.suppliers``), not a copy.
_catalogue_row = catalogue_row
_supplier_names = supplier_names

__all__ = ["import_prices", "lookup_price", "refresh_catalogue_table", "catalogue_row", "supplier_names"]
