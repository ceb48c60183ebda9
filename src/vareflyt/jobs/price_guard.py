"""The wrong-supplier guard of ``import_prices``: before a *new* or *replace* list supersedes a
supplier's catalogue, compare it with that catalogue (``rules.price_guard``) and, when it shares
too little, refuse it with a message naming the supplier it looks like.

The names compared are the parties vareflyt knows (partner settings and stored parties; our own
company is left out, as price lists often name the customer). The title rows, a supplier-name
column and a PRICAT message's NAD+SU give the names a file states. A refused list changes
nothing: it is copied to quarantine/ and logged as rejected, and the result (exit 1) holds the
command that imports it anyway (``--force``); the ribbon asks instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa

from ..domain.catalogue import CatalogueArticle, CatalogueKind
from ..domain.issues import JobResult, Source, error
from ..rules.price_guard import (
    Likeness,
    Verdict,
    column_name,
    judge,
    looks_like,
    names_in,
    refusal,
    shared_with,
)
from ..rules.prices import chain_on
from ..store import log as store_log
from ..store import prices as repo
from .archive import quarantine
from .effective_prices import effective_on
from .price_reading import PriceRead
from .suppliers import supplier_names

if TYPE_CHECKING:
    from ..workspace import Workspace

JOB = "prices.import"


def check_supplier(
    ws: Workspace,
    conn: sa.Connection,
    supplier: str,
    previous: Mapping[tuple[str, str], CatalogueArticle],
    read: PriceRead,
    today: date,
) -> tuple[Verdict, Likeness | None, dict[str, str]]:
    """(verdict, the supplier the list looks like when the guard stops it, names by GLN)."""
    settings = ws.config.prices
    names = supplier_names(ws)
    own = ws.config.company.gln
    others = {g: n for g, n in names.items() if g != own}
    texts = [*read.title, column_name(read.supplier_column) or ""]
    named = names_in(texts, others)
    stated = read.catalogue.supplier_gln if read.catalogue else None
    if stated and stated != own and stated not in named:
        named.append(stated)
    current = Likeness(
        supplier, names.get(supplier, ""), shared_with(previous, read.article_nos, read.gtins), len(previous)
    )
    verdict = judge(
        current, named, min_shared_pct=settings.guard_min_shared_pct, min_articles=settings.guard_min_articles
    )
    like = None
    if verdict.stops:
        candidates = []
        for gln in repo.suppliers(conn):
            if gln == supplier:
                continue
            catalogue = {k: a for k, (_, a) in effective_on(conn, gln, today).items()}
            candidates.append(
                Likeness(
                    gln,
                    names.get(gln, ""),
                    shared_with(catalogue, read.article_nos, read.gtins),
                    len(catalogue),
                )
            )
        like = looks_like(candidates, verdict.named_other, names)
    return verdict, like, names


def confirm_command(path: Path, supplier: str, kind: CatalogueKind, valid_from: date | None) -> str:
    """The command that imports ``path`` anyway (quoted when it has spaces)."""
    text = str(path)
    shown = f'"{text}"' if " " in text else text
    when = f" --valid-from {valid_from.isoformat()}" if valid_from else ""
    return f"vareflyt prices import {shown} --supplier {supplier} --kind {kind.value}{when} --force"


def refuse(
    ws: Workspace,
    path: Path,
    sha: str,
    params: str,
    read: PriceRead,
    verdict: Verdict,
    like: Likeness | None,
    vers,
    start: date,
    kind: CatalogueKind,
    option: date | None,
) -> JobResult:
    """The result for a list the guard stops: nothing imported, a copy in quarantine/."""
    chain = chain_on(vers, start)
    message = refusal(verdict, chain[0].number if chain else None, like)
    target = quarantine(ws, path, message, read.issues)
    in_inbox = path.resolve().is_relative_to(ws.inbox.resolve())
    command = confirm_command(target if in_inbox else path, verdict.current.gln, kind, option)
    issue = error(
        "price.wrong_supplier",
        f"{message} Prislisten er ikke importert. Kontroller leverandøren; er "
        f"den riktig, importer likevel med: {command}",
        Source(file=path.name),
    )
    with ws.store.transaction() as conn:
        store_log.record(
            conn,
            job=JOB,
            status="rejected",
            file_name=path.name,
            file_hash=sha,
            params_key=params,
            partner=verdict.current.gln,
            doc_type="prisliste",
            message=message,
        )
    guard = verdict.to_dict()
    if like is not None:
        guard["looks_like"] = {
            "gln": like.gln,
            "name": like.name,
            "shared": like.shared,
            "articles": like.total,
        }
    counts = {
        "rows_read": read.n_read,
        "imported": 0,
        "rejected": read.n_read,
        "new": 0,
        "changed": 0,
        "unchanged": 0,
        "expired": 0,
    }
    return JobResult(
        ok=False,
        counts=counts,
        issues=[issue, *read.issues],
        outputs=[str(target)],
        extra={"supplier": verdict.current.gln, "supplier_guard": guard, "confirm": command},
        summary=f"{path.name} avvist: {message} Er leverandøren riktig, importer likevel med: {command}",
    )


__all__ = ["check_supplier", "confirm_command", "refuse"]
