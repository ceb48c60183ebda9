"""SFTP against asyncssh's server on 127.0.0.1: the EDIFACT order arrives byte for byte under its
own name (uploaded as a temporary name, then renamed); an unknown host key, a missing remote
folder and a server that drops the connection halfway each leave the order *feilet* with the
reason and nothing final on the server, and the next run sends it once; a run killed after the
upload finds the file there and records it sent without a second upload; inbound files are
fetched into inbox/<GLN>/."""

from __future__ import annotations

from datetime import timedelta

import asyncssh
import pytest

from vareflyt.jobs.sending import send_documents
from vareflyt.jobs.sending.sftp import accept_host, fetch_partner_files
from vareflyt.store import outbox_ledger

from .conftest import EDI_SUPPLIER, NOW, ON, config
from .sftp_server import SftpServer


@pytest.fixture
def sftp(tmp_path):
    key = asyncssh.generate_private_key("ssh-ed25519")
    key_file = tmp_path / "id_ed25519"
    key.write_private_key(str(key_file))
    root = tmp_path / "provider"
    (root / "inn").mkdir(parents=True)
    (root / "ut").mkdir()
    server = SftpServer(root, key.export_public_key("openssh").decode()).start()
    server.key_file = key_file
    yield server
    server.stop()


def _ws(make_ws, smtp, sftp, *, known: bool = True, folder: str = "/inn"):
    channel = (
        f'[partners."{EDI_SUPPLIER}".sftp]\nhost = "127.0.0.1"\nport = {sftp.port}\nuser = "butikk"\n'
        f'key_file = "{sftp.key_file.as_posix()}"\nremote_folder = "{folder}"\ninbound_folder = "/ut"\n'
    )
    ws = make_ws(config(smtp.port).replace("[sending]", channel + "\n[sending]"), letters=False)
    if known:
        (ws.private / "known_hosts").write_text(sftp.known_hosts_line(), encoding="ascii")
    return ws


def _edi_row(result):
    return next(r for r in result.extra["sending"] if r["channel"] == "sftp")


def test_edi_order_arrives_byte_for_byte_once(smtp, sftp, make_ws):
    ws = _ws(make_ws, smtp, sftp)
    row = _edi_row(send_documents(ws, on=ON, now=NOW))
    local = ws.root / row["files"][0]
    assert row["status_nb"] == "sendt"
    assert sorted(p.name for p in (sftp.root / "inn").iterdir()) == [local.name]
    assert (sftp.root / "inn" / local.name).read_bytes() == local.read_bytes()
    (sftp.root / "inn" / local.name).unlink()  # the provider took it
    send_documents(ws, on=ON, now=NOW + timedelta(hours=1))
    assert list((sftp.root / "inn").iterdir()) == []


def test_unknown_host_key_is_refused_until_accepted(smtp, sftp, make_ws):
    ws = _ws(make_ws, smtp, sftp, known=False)
    other = asyncssh.generate_private_key("ssh-ed25519").export_public_key("openssh").decode()
    (ws.private / "known_hosts").write_text(f"[127.0.0.1]:{sftp.port} {other}", encoding="ascii")
    row = _edi_row(send_documents(ws, on=ON, now=NOW))
    assert row["status"] == "failed" and "Vertsnøkkelen til SFTP-serveren 127.0.0.1" in row["reason"]
    assert f"--accept-host 127.0.0.1:{sftp.port}" in row["reason"]
    assert list((sftp.root / "inn").iterdir()) == []
    (ws.private / "known_hosts").unlink()
    shown = []
    added = accept_host(ws, ws.config.sending, "127.0.0.1", sftp.port, lambda fp: shown.append(fp) or True)
    assert added == shown[0] == sftp.host_key.get_fingerprint("sha256")
    assert _edi_row(send_documents(ws, on=ON, now=NOW + timedelta(hours=1)))["status"] == "sent"
    assert len(list((sftp.root / "inn").iterdir())) == 1


def test_missing_remote_folder_and_dropped_connection_fail_then_send_once(smtp, sftp, make_ws):
    ws = _ws(make_ws, smtp, sftp, folder="/finnes_ikke")
    row = _edi_row(send_documents(ws, on=ON, now=NOW))
    assert row["status"] == "failed" and "avviste filen" in row["reason"]
    ws2 = _ws(make_ws, smtp, sftp)
    sftp.cut = True
    row = _edi_row(send_documents(ws2, on=ON, now=NOW))
    assert row["status"] == "failed" and "brøt forbindelsen" in row["reason"]
    assert not any(not p.name.startswith(".") for p in (sftp.root / "inn").iterdir())  # nothing final
    sftp.cut = False
    row = _edi_row(send_documents(ws2, on=ON, now=NOW + timedelta(hours=1)))
    assert row["status"] == "sent" and row["attempts"] == 2
    assert [p.name for p in (sftp.root / "inn").iterdir() if not p.name.startswith(".")] == [
        (ws2.root / row["files"][0]).name
    ]


def test_run_killed_after_upload_finds_the_file_and_does_not_upload_again(smtp, sftp, make_ws, monkeypatch):
    ws = _ws(make_ws, smtp, sftp)
    real = outbox_ledger.finish

    def killed(*args, **kwargs):
        raise KeyboardInterrupt  # stands in for the kill: the confirming commit never comes

    monkeypatch.setattr(outbox_ledger, "finish", killed)
    with pytest.raises(KeyboardInterrupt):
        send_documents(ws, on=ON, now=NOW)
    monkeypatch.setattr(outbox_ledger, "finish", real)
    uploaded = next((sftp.root / "inn").iterdir())
    stamp = uploaded.stat().st_mtime_ns
    row = _edi_row(send_documents(ws, on=ON, now=NOW + timedelta(hours=1)))
    assert row["status"] == "sent" and row["attempts"] == 1
    assert uploaded.stat().st_mtime_ns == stamp


def test_inbound_files_are_fetched_into_the_partners_inbox(smtp, sftp, make_ws):
    ws = _ws(make_ws, smtp, sftp)
    answer = b"UNA:+.? 'UNB+UNOC:3+7080000000029:14+7080000000012:14+260302:2200+1'UNZ+0+1'"
    (sftp.root / "ut" / "ORDRSP_1.edi").write_bytes(answer)
    (sftp.root / "ut" / ".halv.edi.tmp").write_bytes(b"UNA")  # still being written: left alone
    result = fetch_partner_files(ws)
    assert result.counts["files"] == 1
    assert (ws.inbox / EDI_SUPPLIER / "ORDRSP_1.edi").read_bytes() == answer
    assert sorted(p.name for p in (sftp.root / "ut").iterdir()) == [".halv.edi.tmp"]


def test_cli_accept_host_shows_the_fingerprint_and_stores_the_key_only_on_yes(smtp, sftp, make_ws):
    import json

    from typer.testing import CliRunner

    from vareflyt.cli.app import app

    ws = _ws(make_ws, smtp, sftp, known=False)
    args = ["send", "--workspace", str(ws.root), "--accept-host", f"127.0.0.1:{sftp.port}"]
    fingerprint = sftp.host_key.get_fingerprint("sha256")
    no = CliRunner().invoke(app, args, input="n\n")
    assert fingerprint in no.stdout and no.exit_code == 1 and not (ws.private / "known_hosts").exists()
    yes = CliRunner().invoke(app, args + ["--yes", "--json"])
    assert json.loads(yes.stdout)["fingerprint"] == fingerprint
    assert _edi_row(send_documents(ws, on=ON, now=NOW))["status"] == "sent"
