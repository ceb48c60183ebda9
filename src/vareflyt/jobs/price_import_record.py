"""What an accepted price list becomes: the stored version and the import job's result.

``store_version`` writes the version, its rows (the list's own, the carried rows of rejected
articles and the bridging rows of articles starting later) and the processing-log row, in the
caller's transaction. ``import_result`` turns what happened into the job's result: the counts
(the import convention in ``jobs.import_prices``), an issue per article that kept its previous
price, the note on later rows and a forced supplier guard, ``extra`` and the summary.

Its own module because ``jobs.import_prices`` decides *whether* and *as what* a list comes in
(the replay check, the list's date and reference, the wrong-supplier guard, what it keeps);
this is the writing and the telling once that is decided.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.catalogue import CatalogueArticle, CatalogueKind, article_key
from ..domain.issues import JobResult, Source, info, warning
from ..domain.wording import plural
from ..rules.prices import compare_rows
from ..store import log as store_log
from ..store import prices as repo
from ..store.price_list_rows import add_rows
from .price_catalogue import NOT_UPDATED
from .price_reading import PriceRead

if TYPE_CHECKING:
    from ..workspace import Workspace

JOB = "prices.import"


def _supplier_known(ws: Workspace, conn, supplier: str) -> bool:
    if supplier in ws.config.partners:
        return True
    from ..store.parties import party_by_gln

    return party_by_gln(conn, supplier) is not None


def store_version(
    ws: Workspace,
    conn,
    path: Path,
    sha: str,
    params: str,
    supplier: str,
    kind: CatalogueKind,
    start: date,
    read: PriceRead,
    previous: Mapping[tuple[str, str], CatalogueArticle],
    carried: list,
    bridged: list,
    issues: list,
    list_ref: str | None,
):
    """Write the version and its rows (the list's, the carried and the bridging ones) and log it."""
    if not _supplier_known(ws, conn, supplier):
        issues.insert(
            0,
            warning(
                "price.unknown_supplier",
                f"Leverandøren {supplier} finnes ikke i partnerlisten; "
                f"prislisten er importert likevel. Importer partnerne for å få navnet med.",
                Source(file=path.name),
            ),
        )
    counts = {"rows_read": read.n_read, "imported": len(read.accepted), "rejected": len(read.rejected)}
    counts.update(compare_rows(previous, read.accepted, kind, kept={article_key(a) for _, a in carried}))
    counts["not_updated"] = len(carried)
    version = repo.add_version(
        conn,
        supplier=supplier,
        kind=kind,
        valid_from=start,
        file_name=path.name,
        file_hash=sha,
        counts=counts,
        approved=not ws.config.prices.approve_before_use,
        list_ref=list_ref,
    )
    add_rows(conn, version, read.accepted)  # a list kept as columns is stored from its columns
    if carried or bridged:
        add_rows(conn, version, [*carried, *bridged])
    store_log.record(
        conn,
        job=JOB,
        status="ok",
        file_name=path.name,
        file_hash=sha,
        params_key=params,
        partner=supplier,
        doc_type="PRICAT" if read.catalogue else "prisliste",
        doc_number=str(version.number),
        counts=counts,
    )
    return version, counts


def import_result(
    path: Path,
    supplier: str,
    kind: CatalogueKind,
    version,
    counts: dict,
    issues: list,
    chosen,
    read: PriceRead,
    carried: list,
    bridged: list,
    verdict,
    force: bool,
    *,
    who: str,
) -> JobResult:
    for row, a in carried:
        issues.append(
            warning(
                "price.not_updated",
                f"{a.article_no} beholder prisen fra forrige prisliste fordi raden "
                f"ble avvist ({NOT_UPDATED})",
                read.source(row),
            )
        )
    if bridged:
        issues.append(
            info(
                "price.later_rows",
                f"{plural(len(bridged), 'vare', 'varer')} har egen gyldig-fra-dato "
                f"etter listens "
                f"({version.valid_from:%d.%m.%Y}); til den datoen gjelder forrige pris.",
                Source(file=path.name),
            )
        )
    extra = {
        "supplier": supplier,
        "version": version.number,
        "kind": kind.value,
        "valid_from": version.valid_from.isoformat(),
        "valid_from_source": chosen.source,
    }
    if carried:
        extra["not_updated"] = [a.article_no for _, a in carried]
    if verdict is not None and verdict.checked:
        extra["supplier_guard"] = dict(verdict.to_dict(), forced=bool(force and verdict.stops))
    if verdict is not None and verdict.stops and force:
        issues.insert(
            0,
            warning(
                "price.guard_forced",
                f"Importert med --force: listen deler bare "
                f"{verdict.current.shared} av {plural(verdict.current.total, 'vare', 'varer')} med "
                f"leverandørens "
                f"gjeldende katalog.",
                Source(file=path.name),
            ),
        )
    summary = (
        f"{path.name}: importert som prislisteversjon {version.number} ({kind.value}) for {who}, "
        f"gyldig fra {version.valid_from:%d.%m.%Y} ({chosen.said})."
    )
    if carried:
        summary += f" {len(carried)} varer beholder forrige pris ({NOT_UPDATED})."
    if verdict is not None and verdict.stops and force:
        summary += " Importert med --force selv om listen ligner lite på leverandørens katalog."
    return JobResult(counts=counts, issues=issues, extra=extra, summary=summary)
