"""Inbound over SFTP: each partner with ``inbound_folder`` under ``[partners."GLN".sftp]`` has its
files fetched into ``inbox/<GLN>/``, where ``edi read`` and the nightly batch pick them up.
One partner's failure (server down, unknown host key) is reported and the others go on.
"""

from __future__ import annotations

from ...config import ConfigError
from ...config.sending import partner_channel
from ...domain.issues import JobResult, error
from .channels import SendFailed


def fetch_partner_files(ws) -> JobResult:
    from .sftp import fetch_inbound
    settings = ws.config.section("sending")
    result = JobResult()
    fetched = 0
    for gln, partner in sorted(ws.config.section("partners").items()):
        try:
            sftp = partner_channel(gln, partner.raw).sftp
        except ConfigError:
            continue                      # said by the sending itself
        if sftp is None or not sftp.inbound_folder:
            continue
        try:
            files = fetch_inbound(ws, settings, gln, sftp)
        except SendFailed as exc:
            result.add(error("send.fetch_failed", f"Henting fra {gln}: {exc}"))
            continue
        fetched += len(files)
        result.outputs.extend(str(f) for f in files)
    result.counts = {"files": fetched}
    result.summary = f"{fetched} filer hentet til inbox/."
    return result
