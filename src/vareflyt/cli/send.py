"""``vareflyt send [--preview] [--again N] [--fetch] [--accept-host HOST[:PORT]]``: send what is due.

Orders, deviation notices and dunning letters go to each partner's channel (e-mail, SFTP, a
shared folder, or the print batch); the outbox ledger records every document per channel, so
nothing is sent twice (``jobs.sending``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from ..domain.issues import JobResult, UsageError
from .common import DateOpt, JsonOpt, WorkspaceOpt, in_workspace, moment, parse_date_option, run_command

if TYPE_CHECKING:
    from ..workspace import Workspace

HELP = """Send bestillinger, avviksvarsler og purrebrev som er laget og ikke sendt.

Hver leverandør har sin kanal i vareflyt.toml ([partners."GLN"]: email, sftp, folder eller none);
kunder får brevet på e-posten fra reskontroen eller Kunder-arket, ellers legges det i
utskriftsbunken letters/print/<dato>/. Et dokument som feiler prøves igjen ved neste kjøring
(med økende ventetid) og sendes aldri to ganger. --preview viser hva som ville gått hvor, uten å
sende. --again N sender rad N på nytt når en person har sjekket at den ikke kom fram.
--fetch henter partnernes filer fra SFTP til inbox/. --accept-host godtar vertsnøkkelen til en
SFTP-server etter at du har sammenlignet fingeravtrykket.
"""


def _host(text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":") if ":" in text else (text, "", "22")
    if not host or not port.isdigit():
        raise UsageError(f"«{text}» er ikke VERT eller VERT:PORT, f.eks. sftp.edi.no:22.")
    return host, int(port)


def register(root: typer.Typer) -> None:
    @root.command("send", help=HELP)
    def send(
        workspace: WorkspaceOpt = None,
        date: DateOpt = None,
        preview: Annotated[
            bool, typer.Option("--preview", help="Vis hva som ville blitt sendt, send ingenting.")
        ] = False,
        again: Annotated[
            list[int] | None,
            typer.Option("--again", metavar="N", help="Send rad N på nytt (se --json: id)."),
        ] = None,
        fetch: Annotated[
            bool, typer.Option("--fetch", help="Hent partnernes filer fra SFTP til inbox/.")
        ] = False,
        accept_host: Annotated[
            str | None,
            typer.Option("--accept-host", metavar="VERT[:PORT]", help="Godta vertsnøkkelen til VERT[:PORT]."),
        ] = None,
        yes: Annotated[bool, typer.Option("--yes", help="Ikke spør (med --accept-host).")] = False,
        wait: Annotated[
            float, typer.Option("--wait", help="Sekunder å vente hvis en annen kjøring pågår.")
        ] = 0,
        json_out: JsonOpt = False,
    ) -> None:
        def job() -> JobResult:
            on = parse_date_option(date)
            return in_workspace(
                workspace, lambda ws: _work(ws, on, preview, again or [], fetch, accept_host, yes, wait)
            )

        run_command(job, json_out)


def _work(
    ws: Workspace,
    on,
    preview: bool,
    again: list[int],
    fetch: bool,
    accept_host: str | None,
    yes: bool,
    wait: float,
) -> JobResult:
    from ..domain.issues import VareflytError
    from ..jobs.sending import send_documents
    from ..jobs.sending.channels import SendFailed

    if accept_host:
        from ..jobs.sending.sftp import accept_host as accept

        host, port = _host(accept_host)
        ask = (
            (lambda fp: True)
            if yes
            else (
                lambda fp: typer.confirm(
                    f"Vertsnøkkelen til {host}:{port} har fingeravtrykket {fp}. "
                    "Stemmer det med det leverandøren oppgir?"
                )
            )
        )
        try:
            added = accept(ws, ws.config.sending, host, port, ask)
        except SendFailed as exc:
            raise VareflytError(str(exc)) from None
        return JobResult(
            ok=added is not None,
            extra={"fingerprint": added},
            summary=f"Vertsnøkkelen {added} er godtatt." if added else "Vertsnøkkelen ble ikke godtatt.",
        )
    if fetch:
        from ..jobs.sending.sftp import fetch_partner_files

        return fetch_partner_files(ws)
    if again:
        from ..store import outbox_ledger

        with ws.store.transaction() as conn:
            stuck = [n for n in again if not outbox_ledger.release(conn, n)]
        if stuck:
            raise UsageError(
                f"Rad {', '.join(map(str, stuck))} kan ikke sendes på nytt: den finnes ikke, er "
                f"sendt, eller venter allerede. Se raden med «vareflyt send --preview --json»."
            )
    return send_documents(ws, on=on, now=moment(on), preview=preview, wait=wait)
