"""Issue 22 item 3: ``[workspace] shared_folder`` puts inbox, outbox, archive, quarantine and
letters on a share while settings, workbooks and ``.vareflyt/`` stay in the workspace; a share
that is not there is one message naming the setting (exit 2), not a traceback."""

from __future__ import annotations

from typer.testing import CliRunner

from vareflyt.cli.app import app
from vareflyt.config import default_toml
from vareflyt.jobs.archive import archive_input
from vareflyt.workspace import init_workspace


def _config(shared: str) -> str:
    return default_toml().replace('shared_folder = ""', f'shared_folder = "{shared}"', 1)


def test_shared_folders_live_on_the_share_and_the_store_keeps_paths_relative_to_it(tmp_path):
    share = tmp_path / "delt"
    share.mkdir()
    ws = init_workspace(tmp_path / "kontor", config_text=_config("../delt"))  # relative: from the workspace
    try:
        assert sorted(p.name for p in share.iterdir()) == [
            "archive",
            "inbox",
            "letters",
            "outbox",
            "quarantine",
        ]
        assert not any(
            (ws.root / name).exists() for name in ("inbox", "outbox", "archive", "quarantine", "letters")
        )
        assert (ws.root / ".vareflyt").is_dir()
        assert ws.purchasing_workbook.parent == ws.root and ws.inbox == share.resolve() / "inbox"
        dropped = ws.inbox / "ORDRSP_1.edi"
        dropped.write_bytes(b"UNA:+.? 'UNB+UNOC:3+7080000000029:14+7080000000012:14+260301:0800+1'")
        archived = archive_input(ws, dropped)
        with ws.store.connect() as conn:
            kept = conn.exec_driver_sql("SELECT archived_path FROM archived_files").scalar_one()
        assert kept.startswith("archive/") and ws.shared_file(kept) == archived.archived
    finally:
        ws.close()


def test_a_share_that_is_not_there_is_one_message_naming_the_setting(tmp_path):
    root = tmp_path / "kontor"
    (tmp_path / "delt").mkdir()
    init_workspace(root, config_text=_config(str(tmp_path / "delt"))).close()
    (tmp_path / "delt").rename(tmp_path / "frakoblet")  # the network drive is gone
    result = CliRunner().invoke(app, ["edi", "read", "--workspace", str(root)])
    assert result.exit_code == 2, result.output
    text = " ".join(result.output.split())
    assert "Den delte mappen" in text and "[workspace] shared_folder" in text and "finnes ikke" in text
    assert result.exception is None or isinstance(result.exception, SystemExit)
