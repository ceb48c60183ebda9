"""``vareflyt prices approve`` and ``vareflyt prices versions``: approving a price list before
it is used, and listing the versions with their state (waiting, approved, withdrawn).

EDI ERP-guiden § 4 (seed 004): the receiver checks a new or changed price list against the
agreement, takes deviations up with the supplier, and attests the list before it is made
available; only then can invoice control run on it automatically. With ``[prices]
approve_before_use = true`` an import stores the version as *waiting* (not in effect, not in the
catalogue table); ``approve_prices`` puts it in effect, logs who-did-what in the processing
log, and refreshes the catalogue table. Without the setting every import is approved at once.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from ..domain.issues import JobResult, UsageError, info
from ..domain.wording import date_text
from ..store import log as store_log
from ..store import prices as repo
from .price_catalogue import refresh_catalogue_table
from .suppliers import checked_supplier_gln, supplier_label

if TYPE_CHECKING:
    from ..workspace import Workspace

JOB = "prices.approve"


def approve_prices(
    ws: Workspace, supplier_gln: str, version: int | None = None, *, now: datetime | None = None
) -> JobResult:
    """Approve ``version`` of the supplier's price lists (or the one that waits, when only one
    does). A wrong number is a usage error naming the versions that wait."""
    supplier = checked_supplier_gln(supplier_gln)
    who = supplier_label(ws, supplier)  # for people; the store and JSON keep the GLN
    now = now or datetime.now()
    with ws.store.transaction() as conn:
        waiting = [v.number for v in repo.versions(conn, supplier, waiting=True)]
        if version is None:
            if not waiting:
                return JobResult(
                    counts={"approved": 0}, summary=f"Ingen prislister fra {who} venter på godkjenning."
                )
            if len(waiting) > 1:
                raise UsageError(
                    f"{len(waiting)} prislister fra {who} venter på godkjenning (versjon "
                    f"{', '.join(map(str, waiting))}). Oppgi hvilken med --version."
                )
            version = waiting[0]
        row = repo.version_row(conn, supplier, version)
        if row is not None and row.withdrawn_at is not None:
            raise UsageError(
                f"Prislisteversjon {version} fra {who} ble trukket tilbake "
                f"{row.withdrawn_at:%d.%m.%Y %H:%M} og kan ikke godkjennes. Importer filen på nytt."
            )
        found, earlier = repo.approve(conn, supplier, version, now)
        if found is None:
            raise UsageError(
                f"Leverandør {who} har ingen prislisteversjon {version}. "
                + (
                    f"Versjoner som venter: {', '.join(map(str, waiting))}."
                    if waiting
                    else "Ingen versjoner venter på godkjenning."
                )
            )
        if earlier is None:
            store_log.record(
                conn,
                job=JOB,
                status="ok",
                params_key=f"{supplier}|{version}",
                partner=supplier,
                doc_type="prisliste",
                doc_number=str(version),
                counts={"approved": 1},
                at=now,
            )
    if earlier is not None:
        return JobResult(
            counts={"approved": 0},
            issues=[
                info(
                    "price.already_approved",
                    f"Prislisteversjon {version} fra {who} ble godkjent {earlier:%d.%m.%Y %H:%M}.",
                )
            ],
            summary=f"Prislisteversjon {version} er allerede godkjent; ingenting endret.",
        )
    result = JobResult(
        counts={"approved": 1},
        extra={"supplier": supplier, "version": version},
        summary=f"Prislisteversjon {version} fra {who} er godkjent og gjelder "
        f"fra {found.valid_from:%d.%m.%Y}."
        if found.valid_from
        else f"Prislisteversjon {version} fra {who} er godkjent.",
    )
    refresh_catalogue_table(ws, result, now.date())
    return result


def list_versions(ws: Workspace, supplier_gln: str | None = None) -> JobResult:
    """Every price-list version (of one supplier, or of all) with its state."""
    supplier = checked_supplier_gln(supplier_gln) if supplier_gln else None
    with ws.store.connect() as conn:
        rows = repo.version_list(conn, supplier)
    listed = [
        dict(
            r._asdict(),
            valid_from=r.valid_from and r.valid_from.isoformat(),
            imported_at=r.imported_at.isoformat(timespec="seconds"),
            approved_at=r.approved_at and r.approved_at.isoformat(timespec="seconds"),
            withdrawn_at=r.withdrawn_at and r.withdrawn_at.isoformat(timespec="seconds"),
        )
        for r in rows
    ]
    waiting = sum(1 for r in rows if r.approved_at is None and r.withdrawn_at is None)
    lines = [
        f"{r.supplier} v{r.version} {r.kind:<7} gyldig fra {date_text(r.valid_from) or '–':<10} "
        f"{_state(r)}  {r.file_name or ''}"
        for r in rows
    ]
    summary = "\n".join(lines) if lines else "Ingen prislister er importert."
    return JobResult(
        counts={"versions": len(rows), "waiting": waiting}, extra={"versions": listed}, summary=summary
    )


def _state(r: repo.VersionListing) -> str:
    if r.withdrawn_at:
        return f"TRUKKET TILBAKE {date_text(r.withdrawn_at.date())}"
    return "VENTER på godkjenning" if r.approved_at is None else "godkjent"
