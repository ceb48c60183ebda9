"""Per-partner EDI settings for received interchanges: guide settings and CONTRL receipts.

A partner's ``[partners."GLN"]`` table in ``vareflyt.toml`` may set ``nobb_code``,
``strict_qualifiers`` and ``extra_codes`` (how its messages are validated) and ``contrl``
(send a CONTRL receipt for every interchange it sends; when the key is absent, a receipt is
sent only if the interchange asks for one in UNB). Receipts go to ``outbox/<GLN>/`` with a
control reference from the store's sequence, once per received interchange. The folder and
file names come from the interchange (sender id, control reference), so they go through
``safe_paths.name_part``: a GLN and a plain reference stay as they are, anything else
(``../../X``, ``A/B``, ``CON``) becomes a slug with a hash, always inside ``outbox/``.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.issues import Issue, Source, error
from ..files import write_bytes
from ..safe_paths import inside, name_part
from ..store import log
from ..store.sequences import next_value

if TYPE_CHECKING:
    from ..workspace import Workspace

JOB = "edi.contrl"
GUIDE_KEYS = ("nobb_code", "strict_qualifiers", "extra_codes")


class PartnerSettingError(Exception):
    """A partner's guide settings in vareflyt.toml cannot be used."""

    def __init__(self, issue: Issue):
        super().__init__(issue.message)
        self.issue = issue


def _partner_raw(ws: Workspace, gln: str | None) -> dict:
    partner = ws.config.partners.get(gln or "")
    return dict(partner.raw) if partner else {}


def guide_settings(ws: Workspace, gln: str | None, file: str):
    """The partner's validation settings; PartnerSettingError names the key when broken."""
    from ..edi.guides.neb import GuideSettings

    raw = {k: v for k, v in _partner_raw(ws, gln).items() if k in GUIDE_KEYS}
    try:
        return GuideSettings.from_mapping(raw)
    except (TypeError, ValueError, AttributeError) as exc:
        raise PartnerSettingError(
            error(
                "edi.partner_setting",
                f"Innstillingene for partner {gln} i vareflyt.toml kan ikke brukes ({exc}). Rett "
                f'[partners."{gln}"] (nobb_code, strict_qualifiers, '
                "extra_codes) og legg fila fra quarantine/ tilbake i inbox/.",
                Source(file=file),
            )
        ) from exc


def partner_item_codes(ws: Workspace, gln: str | None, file: str):
    """The item codes a partner's messages use (its ``nobb_code``, if any), for writing and
    reading its documents; a broken setting stops with ``VareflytError`` naming the key."""
    from ..domain.issues import VareflytError
    from ..edi.mappings.items import ItemCodes

    try:
        return ItemCodes.for_partner(guide_settings(ws, gln, file))
    except PartnerSettingError as bad:
        raise VareflytError(bad.issue.message, [bad.issue]) from None


def acknowledge(
    ws: Workspace, interchange, issues: list[Issue], *, file: str, file_hash: str, now: datetime
) -> Path | None:
    """Write a CONTRL for ``interchange`` when its sender wants one; None when not sent."""
    from ..edi.contrl import build_contrl, contrl_status, wants_contrl

    raw = _partner_raw(ws, interchange.sender)
    wanted = raw["contrl"] if isinstance(raw.get("contrl"), bool) else wants_contrl(interchange)
    own_gln = ws.config.company.gln
    if not wanted or not own_gln or not interchange.sender:
        return None
    key = f"{interchange.sender}:{interchange.control_ref}"
    with ws.store.transaction() as conn:
        if log.already_done(conn, JOB, file_hash, key):
            return None
        ref = str(next_value(conn, "interchange_ref"))
        data = build_contrl(interchange, issues, own_gln=own_gln, control_ref=ref, prepared=now)
        folder = inside(ws.outbox, name_part(interchange.sender, fallback="avsender"))
        folder.mkdir(parents=True, exist_ok=True)
        path = inside(folder, f"CONTRL_{name_part(interchange.control_ref or '', fallback='ref')}_{ref}.edi")
        write_bytes(path, data)
        log.record(
            conn,
            job=JOB,
            status="ok",
            direction="out",
            file_name=path.name,
            file_hash=file_hash,
            params_key=key,
            partner=interchange.sender,
            doc_type="CONTRL",
            doc_number=ref,
            at=now,
            message="godtatt" if contrl_status(issues) == "7" else "avvist",
        )
    return path
