"""``vareflyt prices withdraw --supplier GLN --version N``: take a price-list version out of use.

A version imported by mistake (the wrong supplier's list, a list sent too early) is withdrawn,
not deleted: it stays in the store and in ``prices versions`` with the time it was withdrawn,
but it is never in effect again, so the version before it applies again wherever prices are
read (lookups, orders, the catalogue table and invoice control all read the versions through
``store.prices.versions``). Change lists imported after it still apply on top of what applies
now. The same file can be imported again afterwards (``import_prices`` lets a file through
whose version was withdrawn). Withdrawing twice changes nothing. The catalogue table is
refreshed, and the withdrawal is logged in the processing log.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from ..domain.catalogue import CatalogueKind
from ..domain.issues import JobResult, Source, UsageError, info
from ..rules.prices import chain_on
from ..store import log as store_log
from ..store import prices as repo
from .price_catalogue import refresh_catalogue_table
from .suppliers import supplier_label

if TYPE_CHECKING:
    from ..workspace import Workspace

JOB = "prices.withdraw"


def withdraw_prices(
    ws: Workspace, supplier_gln: str, version: int, *, now: datetime | None = None, refresh_table: bool = True
) -> JobResult:
    """Withdraw ``version`` of the supplier's price lists (see the module docstring)."""
    from .suppliers import checked_supplier_gln

    supplier = checked_supplier_gln(supplier_gln)
    who = supplier_label(ws, supplier)  # for people; the store and JSON keep the GLN
    now = now or datetime.now()
    with ws.store.transaction() as conn:
        found, earlier = repo.withdraw(conn, supplier, version, now)
        if found is None:
            listed = [str(v.version) for v in repo.version_list(conn, supplier)]
            raise UsageError(
                f"Leverandør {who} har ingen prislisteversjon {version}. "
                + (
                    f"Versjoner: {', '.join(listed)} (se «vareflyt prices versions --supplier {supplier}»)."
                    if listed
                    else "Det er ikke importert noen prislister fra leverandøren."
                )
            )
        row = repo.version_row(conn, supplier, version)
        assert row is not None, "withdraw found this version"
        if earlier is None:
            store_log.record(
                conn,
                job=JOB,
                status="ok",
                params_key=f"{supplier}|{version}",
                partner=supplier,
                file_name=row.file_name,
                doc_type="prisliste",
                doc_number=str(version),
                counts={"withdrawn": 1},
                at=now,
            )
        chain = chain_on(repo.versions(conn, supplier), now.date())
    extra = {
        "supplier": supplier,
        "version": version,
        "file_name": row.file_name,
        "applies": [v.number for v in chain],
    }
    if earlier is not None:
        return JobResult(
            counts={"withdrawn": 0},
            extra=extra,
            issues=[
                info(
                    "price.already_withdrawn",
                    f"Prislisteversjon {version} fra {who} ble trukket tilbake "
                    f"{earlier:%d.%m.%Y %H:%M}; ingenting er endret.",
                    Source(file=row.file_name),
                )
            ],
            summary=f"Prislisteversjon {version} er allerede trukket tilbake; ingenting endret.",
        )
    result = JobResult(
        counts={"withdrawn": 1},
        extra=extra,
        summary=f"Prislisteversjon {version} fra {who} ({row.file_name or 'uten filnavn'}) er "
        f"trukket tilbake: den er tatt vare på, men brukes ikke lenger. {_now_applies(chain, version)}",
    )
    if row.approved_at is None:
        result.summary += " Den ventet på godkjenning og var ikke tatt i bruk."
    if refresh_table:
        refresh_catalogue_table(ws, result, now.date())
    return result


def _now_applies(chain, withdrawn: int) -> str:
    """What applies today after the withdrawal, in words."""
    if not chain:
        return "Nå gjelder ingen prisliste fra leverandøren."
    base = chain[0]
    text = (
        f"Nå gjelder versjon {base.number} "
        f"({'endringsliste' if base.kind is CatalogueKind.CHANGE else base.kind.value}"
        f"{f', gyldig fra {base.valid_from:%d.%m.%Y}' if base.valid_from else ''}) igjen."
    )
    later = [str(v.number) for v in chain[1:] if v.number > withdrawn]
    if later:
        text += f" Endringslistene importert etter den (versjon {', '.join(later)}) gjelder fortsatt."
    return text


__all__ = ["withdraw_prices"]
