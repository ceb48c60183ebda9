"""Jobs: import a supplier price list as a new price-list version, and look up a price.

``import_prices`` archives the file, skips it when the same file with the same supplier, kind
and valid-from was imported before, reads it (spreadsheet/CSV through ``excel.tabular``, or
PRICAT through ``edi.mappings.pricat``), checks every row (``rules.prices.check_row``), and
stores the version and its rows in one transaction. Counts: ``read`` = ``imported`` +
``rejected``; ``new``/``changed``/``unchanged``/``expired`` compare with the prices in effect
on the valid-from date before this import. A file that cannot be used at all raises
``VareflytError`` (exit 1), is copied to quarantine, and leaves the store's prices unchanged.
The catalogue table of the purchasing workbook is refreshed afterwards; when Excel has the
workbook open the import still stands and a warning says the table is refreshed next time.
With ``[prices] approve_before_use`` the version waits for ``jobs.approve_prices`` and is not
in effect (nor in the table) until then.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from operator import itemgetter
from pathlib import Path

from stdnum import ean

from ..domain.catalogue import CatalogueArticle, CatalogueKind, article_key
from ..domain.issues import JobResult, Source, UsageError, VareflytError, WorkbookLocked, error, info, warning
from ..excel.sheets import file_kind
from ..excel.tabular import parse_table, read_table
from ..rules.prices import (best_match, chain_on, check_row, compare, effective, expected_net, gtin_problem,
                            quote)
from ..store import log as store_log
from ..store import prices as repo
from .archive import archive_input, quarantine
from .bulk import collector_paused
from .poison import refuse_input_errors
from .progress import NULL_PROGRESS

JOB = "prices.import"
COUNT_KEYS = ("rows_read", "imported", "rejected", "new", "changed", "unchanged", "expired")


def _supplier(gln: str) -> str:
    gln = (gln or "").strip()
    if not (len(gln) == 13 and gln.isdigit() and ean.is_valid(gln)):
        raise UsageError(f"--supplier {gln!r} er ikke et gyldig GLN (13 siffer med kontrollsiffer). "
                         f"Bruk leverandørens GLN, f.eks. 7080000000029.")
    return gln


def _kind(kind) -> CatalogueKind | None:
    if kind is None or isinstance(kind, CatalogueKind):
        return kind
    try:
        return CatalogueKind(str(kind).strip().lower())
    except ValueError:
        raise UsageError(f"--kind {kind!r} er ukjent. Bruk new (ny katalog), change (endringsliste) "
                         f"eller replace (erstatter alle tidligere priser).") from None


def _read_spreadsheet(ws, path: Path, supplier: str, progress):
    partner = ws.config.section("partners").get(supplier)
    settings = ws.config.section("prices")
    with progress.task(f"Leser {path.name}"):
        read = read_table(path, "prices", overrides=partner.price_columns if partner else None)
    header_errors = [i for i in read.issues if i.is_error]
    if header_errors:
        raise VareflytError(f"{path.name} mangler kolonner som trengs: "
                            + "; ".join(i.message for i in header_errors), read.issues)
    issues = list(read.issues)
    typed = parse_table(read)
    accepted: list[tuple[int, CatalogueArticle]] = []
    seen: dict[tuple[str, str], int] = {}
    rejected = 0
    units, tolerance, tolerance_pct = settings.units, settings.tolerance, settings.tolerance_pct
    with progress.task("Kontrollerer rader", total=len(read)) as task:
        for n, (row_no, values, problems) in enumerate(typed.iter_rows()):
            article, row_issues = check_row(values, problems, units=units, tolerance=tolerance,
                                            tolerance_pct=tolerance_pct)
            if article is not None:
                key = article_key(article)
                if key in seen:
                    row_issues.append(error("price.duplicate", f"varenummer {article.article_no} står også på rad "
                                            f"{seen[key]}; raden er avvist", Source(field="article_no")))
                    article = None
                else:
                    seen[key] = row_no
                    accepted.append((row_no, article))
            if article is None:
                rejected += 1
            if row_issues:
                issues.extend(replace(i, source=read.source(row_no, i.source.field)) for i in row_issues)
            if n % 5000 == 4999:
                task.advance(5000)
    return accepted, issues, len(read), rejected, None


def _read_pricat(ws, path: Path, supplier: str):
    try:
        from ..edi.mappings import pricat
        from ..edi.reader import read_file
    except ImportError:
        raise VareflytError(f"{path.name} er en EDIFACT-fil (PRICAT). Import av PRICAT støttes ikke ennå; "
                            f"be om prislisten som Excel eller CSV.") from None
    result = read_file(path)
    messages = [m for m in result.messages if m.type == "PRICAT"]
    if not result.ok or len(messages) != 1:
        problem = "har feil" if not result.ok else f"har {len(messages)} PRICAT-meldinger (ventet én)"
        raise VareflytError(f"{path.name} {problem}; prislisten er avvist.", list(result.issues))
    from .acknowledge import partner_item_codes

    catalogue, issues = pricat.from_segments(messages[0].body, message_ref=messages[0].number, file=path.name,
                                             codes=partner_item_codes(ws, supplier, path.name))
    if catalogue is None or any(i.is_error for i in issues):
        raise VareflytError(f"PRICAT-meldingen i {path.name} er avvist.", list(issues))
    accepted, rejected, out = [], 0, list(issues)
    if catalogue.supplier_gln and catalogue.supplier_gln != supplier:
        out.append(warning("price.pricat_supplier", f"PRICAT-meldingen oppgir leverandør {catalogue.supplier_gln}, "
                           f"ikke {supplier}; prisene er lagret på {supplier}.", Source(file=path.name)))
    for n, article in enumerate(catalogue.articles, start=1):
        problem = gtin_problem(article.gtin) if article.gtin else None
        if problem or article.net is None and article.gross is None and not article.expired:
            out.append(error("price.row", f"{problem or 'mangler pris'}; artikkelen er avvist",
                             Source(file=path.name, line=n, field="gtin" if problem else "net")))
            rejected += 1
            continue
        if article.net is None and article.gross is not None:
            article = replace(article, net=expected_net(article.gross, article.discount_pct))
        if article.price_basis is not None and article.price_basis <= 0:
            out.append(warning("price.basis", f"prisbasis {article.price_basis} må være større enn 0; ikke brukt "
                               f"(prisen gjelder per enhet)", Source(file=path.name, line=n, field="price_basis")))
            article = replace(article, price_basis=None)
        accepted.append((n, article))
    return accepted, out, len(catalogue.articles), rejected, catalogue


def _supplier_known(ws, conn, supplier: str) -> bool:
    if supplier in ws.config.section("partners"):
        return True
    try:
        from ..store.parties import party_by_gln
    except ImportError:  # pragma: no cover - parties not built
        return False
    return party_by_gln(conn, supplier) is not None


@refuse_input_errors
@collector_paused()
def import_prices(ws, path, supplier_gln: str, kind: str | CatalogueKind | None = "new", valid_from: date | None = None,
                  progress=NULL_PROGRESS, *, refresh_table: bool = True) -> JobResult:
    """Import ``path`` as a price list of ``supplier_gln`` (see the module docstring).

    ``refresh_table=False`` leaves the workbook's catalogue table alone: for callers that import
    several price lists in a row (the nightly batch, the demo) and refresh it once afterwards."""
    path = Path(path)
    supplier = _supplier(supplier_gln)
    kind = _kind(kind)
    archived = archive_input(ws, path)
    params = f"{supplier}|{kind.value if kind else ''}|{valid_from.isoformat() if valid_from else ''}"
    with ws.store.transaction() as conn:
        done = store_log.already_done(conn, JOB, archived.sha256, params)
    if done:
        return JobResult(counts={k: 0 for k in COUNT_KEYS}, issues=[info(
            "price.already_imported", f"{path.name} er allerede importert ({done['at']:%d.%m.%Y %H:%M}); "
            f"ingenting er endret.", Source(file=path.name))],
            summary=f"{path.name} er allerede importert; ingenting å gjøre.")
    try:
        if file_kind(path) == "edifact":
            accepted, issues, n_read, rejected, cat = _read_pricat(ws, path, supplier)
        else:
            accepted, issues, n_read, rejected, cat = _read_spreadsheet(ws, path, supplier, progress)
        if not accepted:
            why = f"{n_read} rader lest, alle avvist" if n_read else "ingen rader under overskriftsraden"
            raise VareflytError(f"Ingen gyldige varelinjer i {path.name} ({why}). Ingenting er importert.", issues)
    except VareflytError as exc:
        quarantine(ws, path, str(exc), exc.issues)
        raise
    waits = ws.config.section("prices").approve_before_use
    kind = kind or (cat.kind if cat else CatalogueKind.NEW)
    valid_from = valid_from or (cat.valid_from if cat else None) or date.today()
    with progress.task("Lagrer prisliste"), ws.store.transaction() as conn:
        if not _supplier_known(ws, conn, supplier):
            issues.insert(0, warning("price.unknown_supplier", f"Leverandøren {supplier} finnes ikke i partnerlisten; "
                                     f"prislisten er importert likevel. Importer partnerne for å få navnet med.",
                                     Source(file=path.name)))
        vers = repo.versions(conn, supplier)
        previous = {k: a for k, (_, a) in repo.effective_on(conn, supplier, valid_from, vers).items()}
        counts = {"rows_read": n_read, "imported": len(accepted), "rejected": rejected}
        counts.update(compare(previous, (a for _, a in accepted), kind))
        version = repo.add_version(conn, supplier=supplier, kind=kind, valid_from=valid_from, file_name=path.name,
                                   file_hash=archived.sha256, counts=counts, approved=not waits)
        repo.add_rows(conn, version, accepted)
        store_log.record(conn, job=JOB, status="ok", file_name=path.name, file_hash=archived.sha256,
                         params_key=params, partner=supplier, doc_type="PRICAT" if cat else "prisliste",
                         doc_number=str(version.number), counts=counts)
    result = JobResult(counts=counts, issues=issues, extra={
        "supplier": supplier, "version": version.number, "kind": kind.value, "valid_from": valid_from.isoformat()},
        summary=f"{path.name}: importert som prislisteversjon {version.number} ({kind.value}) for {supplier}, "
                f"gyldig fra {valid_from:%d.%m.%Y}.")
    if waits:                            # nothing changes in effect until it is approved
        result.add(warning("price.awaiting_approval", f"Prislisteversjon {version.number} fra {supplier} venter på "
                           f"godkjenning; til da gjelder de forrige prisene. Kontroller den og godkjenn med «vareflyt "
                           f"prices approve --supplier {supplier} --version {version.number}».", Source(file=path.name)))
        result.summary += " Venter på godkjenning."
        return result
    if not refresh_table:
        return result
    today = date.today()
    known = None
    if chain_on([*vers, version], today) == [version]:   # the new list alone makes today's prices
        known = {supplier: effective([version], {version.id: [a for _, a in accepted]}, today)}
    with progress.task("Oppdaterer katalogtabellen"):
        refresh_catalogue_table(ws, result, today, known)
    return result


def refresh_catalogue_table(ws, result: JobResult, on: date | None = None, known: dict | None = None) -> None:
    """Rewrite the purchasing workbook's catalogue table from the store (through the port)."""
    workbook = ws.purchasing_workbook
    try:
        from ..excel.openpyxl_adapter import OpenpyxlWorkbook
        from ..excel.schemas import table_schema
    except ImportError:  # pragma: no cover - port not built
        result.add(info("price.catalogue_table", "Katalogtabellen i arbeidsboken kan ikke oppdateres ennå."))
        return
    if not workbook.exists():
        result.add(info("price.catalogue_table", f"Fant ikke {workbook.name}; katalogtabellen ble ikke oppdatert."))
        return
    names = _supplier_names(ws)
    in_order = itemgetter(*table_schema("catalogue").keys)   # sequences in schema order: the port's fast input
    with ws.store.connect() as conn:
        rows = [in_order(_catalogue_row(v, a, names)) for v, a in repo.catalogue_on(conn, on or date.today(), known)]
    try:
        with OpenpyxlWorkbook(workbook) as book:
            book.replace_rows("catalogue", rows)
            book.save()
    except WorkbookLocked as exc:
        result.add(warning("price.workbook_locked", f"{exc} Prisene er lagret; katalogtabellen oppdateres neste gang.",
                           Source(file=workbook.name)))
        return
    except VareflytError as exc:
        result.add(warning("price.catalogue_table", f"Katalogtabellen ble ikke oppdatert: {exc} Prisene er lagret.",
                           Source(file=workbook.name)))
        return
    result.outputs.append(str(workbook))


def _supplier_names(ws) -> dict[str, str]:
    names = {gln: p.name for gln, p in ws.config.section("partners").items() if p.name}
    try:
        from ..store.parties import load_parties
        with ws.store.connect() as conn:
            names.update({p.gln: p.name for p in load_parties(conn) if p.gln})
    except ImportError:  # pragma: no cover
        pass
    return names


def _catalogue_row(version, a: CatalogueArticle, names: dict[str, str]) -> dict:
    return {
        "supplier_gln": version.supplier_gln, "supplier_name": names.get(version.supplier_gln, ""),
        "article_no": a.article_no, "gtin": a.gtin, "nobb": a.nobb, "name": a.name, "unit": a.unit,
        "pack_level": a.pack_level, "pack_qty": a.pack_qty, "gross": a.gross, "discount_pct": a.discount_pct,
        "net": a.net, "fees": a.fees, "vat_pct": a.vat_pct, "valid_from": a.valid_from or version.valid_from,
        "valid_to": a.valid_to, "campaign_net": a.campaign_net, "campaign_from": a.campaign_from,
        "campaign_to": a.campaign_to, "product_group": a.product_group, "weight_kg": a.weight_kg,
        "dimensions": a.dimensions, "price_basis": a.price_basis, "price_list_version": str(version.number),
    }


def lookup_price(ws, supplier: str, article: str, on: date | None = None) -> JobResult:
    """The price of ``article`` (supplier no., GTIN or NOBB no.) from ``supplier`` on ``on``."""
    supplier = _supplier(supplier)
    on = on or date.today()
    article = str(article).strip()
    with ws.store.connect() as conn:
        vers, rows = repo.candidates(conn, supplier, article)
    hit = best_match(effective(vers, rows, on), article)
    if hit is None:
        why = "ingen prislister fra leverandøren" if not vers else "varen finnes ikke, er utgått eller ikke gyldig da"
        return JobResult(ok=False, issues=[error("price.not_found", f"Fant ingen pris for {article} fra {supplier} "
                                                 f"på {on:%d.%m.%Y} ({why}).")],
                         extra={"supplier": supplier, "article": article, "date": on.isoformat()})
    q = quote(*hit, on)
    data = q.to_dict()
    per = f"{data['price_basis']} {q.article.unit or 'enheter'}" if data["price_basis"] not in (None, "1") \
        else q.article.unit or "enhet"
    parts = [f"netto {data['net']} per {per}" + (" (kampanjepris)" if q.campaign else "")]
    parts += [f"brutto {data['gross']}"] if data["gross"] is not None else []
    parts += [f"rabatt {data['discount']} %"] if data["discount"] is not None else []
    parts += [f"gyldig {data['valid_from'] or '…'}–{data['valid_to'] or ''}", f"prislisteversjon {q.version.number}"]
    summary = f"{q.article.article_no} {q.article.name}: " + ", ".join(parts)
    return JobResult(extra=dict(data, date=on.isoformat()), summary=summary)


# Public names for the add-in's own catalogue refresh (it writes through the xlwings port).
catalogue_row = _catalogue_row
supplier_names = _supplier_names

__all__ = ["import_prices", "lookup_price", "refresh_catalogue_table", "catalogue_row", "supplier_names"]
