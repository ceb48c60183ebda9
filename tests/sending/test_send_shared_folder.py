"""Sending with ``[workspace] shared_folder`` (issue 22 item 3): the documents were made on the
share, so every channel must take them from there — the EDI order to the partner's folder, the
customer's letter by e-mail, the letter without an address into the print batch on the share —
and nothing is looked for, or made, in the workspace folder itself."""

from __future__ import annotations

from vareflyt.jobs.sending import send_documents

from .conftest import NOW, ON, config


def test_every_channel_takes_the_documents_from_the_shared_folder(smtp, make_ws, tmp_path):
    share, edi_out = tmp_path / "delt", tmp_path / "edi_ut"
    share.mkdir()
    edi_out.mkdir()
    ws = make_ws(
        config(
            smtp.port,
            edi_channel=f'folder = "{edi_out.as_posix()}"',
            extra=f'\n[workspace]\nshared_folder = "{share.as_posix()}"\n',
        )
    )
    assert ws.files_root == share.resolve()

    rows = send_documents(ws, on=ON, now=NOW).extra["sending"]

    assert [r for r in rows if r["status"] == "failed"] == []
    made = sorted((share / "outbox").glob("ORDERS_*.edi"))
    assert [p.name for p in edi_out.iterdir()] == [made[0].name]
    assert (edi_out / made[0].name).read_bytes() == made[0].read_bytes()
    mailed = {to[0]: msg for to, msg in smtp.messages}
    letter = mailed["post@odegard.no"]
    assert [a.get_filename() for a in letter.iter_attachments()][0].endswith(".pdf")
    printed = list((share / "letters" / "print" / ON.isoformat()).glob("*.pdf"))
    assert len(printed) == 1 and printed[0].read_bytes()[:5] == b"%PDF-"
    assert not any((ws.root / name).exists() for name in ("outbox", "letters", "inbox"))
