"""SFTP with ``asyncssh``: EDIFACT out to the EDI provider, the partner's files in to ``inbox/``.

The server's host key is checked against a known_hosts file (``[sending] known_hosts``, else
``.vareflyt/known_hosts`` in the workspace); an unknown or changed key is refused with a reason
naming the fix, ``accept_host`` adds a key after a person has compared its fingerprint. Each
file is uploaded as ``.<name>.tmp`` and renamed when complete, so the provider never picks up
half a file. ``fetch_inbound`` downloads from ``inbound_folder`` into ``inbox/<GLN>/`` the same
way round (temporary name, then rename) and removes the remote file only after that;
``fetch_partner_files`` does so for every partner with an ``inbound_folder``, one partner's
failure (server down, unknown host key) reported while the others go on.
"""

from __future__ import annotations

import asyncio
import posixpath
from pathlib import Path
from typing import TYPE_CHECKING

import asyncssh

from ...config import ConfigError
from ...config.sending import SftpTarget, partner_channel
from ...domain.issues import JobResult, error
from ...domain.wording import plural
from ...files import atomic_write
from ...safe_paths import file_name, inside, name_part
from ...store.outbox_ledger import LedgerRow
from .channels import SendFailed, source_files

if TYPE_CHECKING:
    from ...config.sending import SendingSettings
    from ...workspace import Workspace

TIMEOUT = 30


def known_hosts_path(ws: Workspace, settings: SendingSettings) -> Path:
    return Path(settings.known_hosts).expanduser() if settings.known_hosts else ws.private / "known_hosts"


class SftpChannel:
    name = "sftp"

    def __init__(self, ws: Workspace, settings: SendingSettings) -> None:
        self.ws, self.settings = ws, settings

    def target(self, gln: str) -> SftpTarget:
        partner = self.ws.config.partners.get(gln)
        try:
            sftp = partner_channel(gln, partner.raw).sftp if partner else None
        except ConfigError as exc:
            raise SendFailed(str(exc)) from None
        if sftp is None:
            raise SendFailed(f'SFTP er ikke lenger satt opp for {gln}: legg til [partners."{gln}".sftp].')
        return sftp

    def deliver(self, row: LedgerRow) -> str:
        target, files = self.target(row.partner), source_files(self.ws.files_root, row)
        return _run(self, target, _upload(files, target.remote_folder))

    def check(self, row: LedgerRow) -> bool | None:
        target, files = self.target(row.partner), source_files(self.ws.files_root, row)
        return _run(self, target, _check(files, target.remote_folder))


def _run(channel: SftpChannel, target: SftpTarget, work):
    where = f"SFTP-serveren {target.host}:{target.port}"
    known = known_hosts_path(channel.ws, channel.settings)

    async def session():
        options = dict(
            port=target.port,
            username=target.user,
            client_keys=[str(Path(target.key_file).expanduser())],
            known_hosts=str(known) if known.is_file() else (),
            connect_timeout=TIMEOUT,
        )
        async with asyncssh.connect(target.host, **options) as conn:
            async with conn.start_sftp_client() as sftp:
                return await work(sftp)

    try:
        return asyncio.run(session())
    except SendFailed:
        raise
    except asyncssh.HostKeyNotVerifiable:
        raise SendFailed(
            f"Vertsnøkkelen til {where} er ukjent eller endret, så vareflyt kobler ikke til. Sjekk "
            f"fingeravtrykket med leverandøren og godta det med «vareflyt send --accept-host "
            f"{target.host}:{target.port}»."
        ) from None
    except asyncssh.PermissionDenied:
        raise SendFailed(
            f"{where} godtok ikke brukeren {target.user} med nøkkelen {target.key_file}."
        ) from None
    except (asyncssh.KeyImportError, FileNotFoundError) as exc:
        raise SendFailed(f"Nøkkelfilen {target.key_file} kan ikke brukes ({exc}).") from None
    except asyncssh.SFTPError as exc:
        raise SendFailed(f"{where} avviste filen ({exc.reason}).") from None
    except (asyncssh.Error, ConnectionError) as exc:
        raise SendFailed(f"{where} brøt forbindelsen før filen var levert ({_reason(exc)}).") from None
    except (TimeoutError, OSError) as exc:
        raise SendFailed(f"Fikk ikke kontakt med {where} ({_reason(exc)}).") from None


def _reason(exc: BaseException) -> str:
    return getattr(exc, "reason", None) or getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def _upload(files: list[Path], folder: str):
    async def run(sftp) -> str:
        done = []
        for path in files:
            final, tmp = posixpath.join(folder, path.name), posixpath.join(folder, f".{path.name}.tmp")
            if await sftp.exists(final):
                raise SendFailed(f"{final} finnes allerede på serveren; vareflyt overskriver den ikke.")
            await sftp.put(str(path), tmp)
            await sftp.rename(tmp, final)
            done.append(final)
        return ", ".join(done)

    return run


def _check(files: list[Path], folder: str):
    async def run(sftp) -> bool | None:
        for path in files:
            final, tmp = posixpath.join(folder, path.name), posixpath.join(folder, f".{path.name}.tmp")
            if await sftp.exists(final):
                async with sftp.open(final, "rb") as remote:
                    if await remote.read() != path.read_bytes():
                        return None
                continue
            if await sftp.exists(tmp):  # never renamed: the provider never saw it
                await sftp.remove(tmp)
                return False
            return None  # gone: picked up already, or never uploaded
        return True

    return run


def accept_host(ws: Workspace, settings: SendingSettings, host: str, port: int, confirm) -> str | None:
    """Fetch the server's host key and show its SHA256 fingerprint to ``confirm(fingerprint)``;
    on yes add it to the known_hosts file. Returns the fingerprint when added, else None."""

    async def fetch():
        return await asyncio.wait_for(asyncssh.get_server_host_key(host, port), TIMEOUT)

    try:
        key = asyncio.run(fetch())
    except (TimeoutError, OSError, asyncssh.Error) as exc:
        raise SendFailed(f"Fikk ikke vertsnøkkelen fra {host}:{port} ({_reason(exc)}).") from None
    if key is None:
        raise SendFailed(f"{host}:{port} sendte ingen vertsnøkkel.")
    fingerprint = key.get_fingerprint("sha256")
    if not confirm(fingerprint):
        return None
    known = known_hosts_path(ws, settings)
    known.parent.mkdir(parents=True, exist_ok=True)
    name = host if port == 22 else f"[{host}]:{port}"
    with open(known, "a", encoding="ascii") as fh:
        fh.write(f"{name} {key.export_public_key('openssh').decode('ascii').strip()}\n")
    return fingerprint


def fetch_inbound(ws: Workspace, settings: SendingSettings, gln: str, target: SftpTarget) -> list[Path]:
    """Download the partner's files from ``inbound_folder`` into ``inbox/<GLN>/``; returns them."""
    folder = inside(ws.inbox, name_part(gln))
    folder.mkdir(parents=True, exist_ok=True)

    async def work(sftp):
        got = []
        for name in sorted(await sftp.listdir(target.inbound_folder)):
            remote = posixpath.join(target.inbound_folder, name)
            if name.startswith(".") or name.endswith(".tmp") or not await sftp.isfile(remote):
                continue
            local = inside(folder, file_name(name))
            n = 1
            while local.exists():
                n += 1
                local = inside(folder, f"{Path(file_name(name)).stem}-{n}{Path(file_name(name)).suffix}")
            with atomic_write(local) as tmp:
                await sftp.get(remote, str(tmp))
            await sftp.remove(remote)
            got.append(local)
        return got

    return _run(SftpChannel(ws, settings), target, work)


def fetch_partner_files(ws: Workspace) -> JobResult:
    settings = ws.config.sending
    result = JobResult()
    fetched = 0
    for gln, partner in sorted(ws.config.partners.items()):
        try:
            sftp = partner_channel(gln, partner.raw).sftp
        except ConfigError:
            continue  # said by the sending itself
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
    result.summary = f"{plural(fetched, 'fil', 'filer')} hentet til inbox/."
    return result
