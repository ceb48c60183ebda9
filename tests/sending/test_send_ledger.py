"""The outbox ledger and the channels without a server: an EDIFACT order copied byte for byte to
a shared folder, preview that records nothing, sending switched off, a partner's broken channel
stopping only that partner, passwords refused in vareflyt.toml, and nothing old sent by surprise."""

from __future__ import annotations

from datetime import timedelta

import pytest

from vareflyt.config import ConfigError
from vareflyt.jobs.sending import send_documents
from vareflyt.store import outbox_ledger
from vareflyt.workspace import init_workspace

from .conftest import NOW, ON, config


def test_edi_order_goes_to_the_shared_folder_byte_for_byte_once(smtp, make_ws, tmp_path):
    share = tmp_path / "edi_ut"
    share.mkdir()
    ws = make_ws(config(smtp.port, edi_channel=f'folder = "{share.as_posix()}"'), letters=False)
    send_documents(ws, on=ON, now=NOW)
    edi = sorted((ws.root / "outbox").glob("ORDERS_*.edi"))
    assert [p.name for p in share.iterdir()] == [edi[0].name]
    assert (share / edi[0].name).read_bytes() == edi[0].read_bytes()
    (share / edi[0].name).unlink()  # the other program picked it up
    send_documents(ws, on=ON, now=NOW + timedelta(hours=1))
    assert list(share.iterdir()) == []  # never twice


def test_folder_with_other_content_under_the_name_is_not_overwritten(smtp, make_ws, tmp_path):
    share = tmp_path / "edi_ut"
    share.mkdir()
    ws = make_ws(config(smtp.port, edi_channel=f'folder = "{share.as_posix()}"'), letters=False)
    name = next((ws.root / "outbox").glob("ORDERS_*.edi")).name
    (share / name).write_bytes(b"en annen fil")
    row = next(r for r in send_documents(ws, on=ON, now=NOW).extra["sending"] if r["channel"] == "folder")
    assert row["status"] == "failed" and "overskriver den ikke" in row["reason"]
    assert (share / name).read_bytes() == b"en annen fil"


def test_preview_lists_where_and_records_nothing(smtp, make_ws):
    ws = make_ws(config(smtp.port))
    result = send_documents(ws, on=ON, now=NOW, preview=True)
    lines = {i.message for i in result.issues}
    assert "Bestilling 100002 til Papir Leverandør AS (7080000000036): e-post til ordre@papir.no" in lines
    assert "Betalingspåminnelse til Kari Nordmann (10002): utskrift" in lines
    assert any(m.startswith("EDI-bestilling 100001 til Trelast Vest AS") and "outbox/" in m for m in lines)
    with ws.store.connect() as conn:
        assert outbox_ledger.rows(conn) == []
    assert smtp.messages == [] and not (ws.root / "letters" / "print").exists()


def test_switched_off_sends_nothing(smtp, make_ws):
    ws = make_ws(config(smtp.port).replace("enabled = true", "enabled = false"))
    result = send_documents(ws, on=ON, now=NOW)
    assert "slått av" in result.summary and smtp.messages == []


def test_old_documents_are_not_sent_when_sending_is_switched_on(smtp, make_ws):
    ws = make_ws(config(smtp.port, extra="max_age_days = 3"))
    send_documents(ws, on=ON + timedelta(days=4), now=NOW + timedelta(days=4))
    assert smtp.messages == []


def test_broken_partner_channel_stops_only_that_partner(smtp, make_ws):
    ws = make_ws(config(smtp.port, edi_channel='send = "sftp"'))
    result = send_documents(ws, on=ON, now=NOW)
    problem = next(i for i in result.issues if i.code == "send.partner_setting")
    assert "Trelast Vest AS" in problem.message and '[partners."7080000000029".send]' in problem.message
    assert {tuple(r) for r, _ in smtp.messages} == {("ordre@papir.no",), ("post@odegard.no",)}


def test_password_in_the_toml_is_refused(tmp_path):
    text = config(25, extra='smtp_password = "hemmelig"')
    with pytest.raises(ConfigError, match="passord skal ikke stå i vareflyt.toml"):
        init_workspace(tmp_path / "ws", config_text=text)


def test_password_from_environment_or_keyring(monkeypatch):
    import sys
    import types

    from vareflyt.config.sending import parse
    from vareflyt.jobs.sending.channels import SendFailed
    from vareflyt.jobs.sending.mail import password

    settings = parse(
        {"smtp_user": "butikk", "password_env": "VF_TEST_PW", "keyring_service": "vareflyt-smtp"}
    )
    monkeypatch.setenv("VF_TEST_PW", "fra-miljo")
    assert password(settings) == "fra-miljo"
    monkeypatch.delenv("VF_TEST_PW")
    fake = types.SimpleNamespace(
        get_password=lambda service, user: {("vareflyt-smtp", "butikk"): "fra-ring"}.get((service, user))
    )
    monkeypatch.setitem(sys.modules, "keyring", fake)
    assert password(settings) == "fra-ring"
    fake.get_password = lambda service, user: None
    with pytest.raises(SendFailed, match="miljøvariabelen VF_TEST_PW"):
        password(settings)


def test_folder_run_killed_after_the_copy_counts_it_sent_and_picked_up_one_stays_uncertain(
    smtp, make_ws, tmp_path, monkeypatch
):
    share = tmp_path / "edi_ut"
    share.mkdir()
    ws = make_ws(config(smtp.port, edi_channel=f'folder = "{share.as_posix()}"'), letters=False)
    real = outbox_ledger.finish

    def killed(*args, **kwargs):
        raise KeyboardInterrupt  # stands in for the kill before the confirming commit

    monkeypatch.setattr(outbox_ledger, "finish", killed)
    with pytest.raises(KeyboardInterrupt):
        send_documents(ws, on=ON, now=NOW)
    monkeypatch.setattr(outbox_ledger, "finish", real)
    copied = next(share.iterdir())
    row = next(
        r
        for r in send_documents(ws, on=ON, now=NOW + timedelta(hours=1)).extra["sending"]
        if r["channel"] == "folder"
    )
    assert row["status"] == "sent" and row["attempts"] == 1 and list(share.iterdir()) == [copied]
    with ws.store.transaction() as conn:  # the same kill, but the program took the file meanwhile
        conn.execute(
            outbox_ledger.ledger.update()
            .where(outbox_ledger.ledger.c.channel == "folder")
            .values(status="sending")
        )
    copied.unlink()
    row = next(
        r
        for r in send_documents(ws, on=ON, now=NOW + timedelta(hours=2)).extra["sending"]
        if r["channel"] == "folder"
    )
    assert row["status"] == "unknown" and list(share.iterdir()) == []
