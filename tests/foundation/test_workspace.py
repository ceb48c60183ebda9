"""Workspace creation, discovery and configuration validation."""

from __future__ import annotations

import pytest

from vareflyt.config import ConfigError, default_toml, load_config
from vareflyt.domain.issues import UsageError
from vareflyt.jobs.archive import archive_input, quarantine
from vareflyt.workspace import find_workspace, init_workspace


@pytest.mark.sqlite_only("looks for the SQLite file .vareflyt/store.db")
def test_init_creates_folders_config_and_store(tmp_path):
    ws = init_workspace(tmp_path / "butikk")
    for name in ("inbox", "outbox", "archive", "quarantine", "letters", ".vareflyt"):
        assert (ws.root / name).is_dir()
    assert (ws.root / ".vareflyt" / "store.db").is_file()
    text = ws.config_path.read_text(encoding="utf-8")
    assert "[company]" in text and "[store]" in text and "#" in text
    ws.close()


def test_init_never_overwrites_an_edited_config(tmp_path):
    ws = init_workspace(tmp_path / "w")
    ws.config_path.write_text(
        ws.config_path.read_text(encoding="utf-8").replace("Min Byggevare AS", "Bygg & Co AS"),
        encoding="utf-8",
    )
    ws.close()
    again = init_workspace(tmp_path / "w")
    assert again.config.company.name == "Bygg & Co AS"
    again.close()


def test_find_workspace_order(tmp_path, monkeypatch):
    init_workspace(tmp_path / "a").close()
    init_workspace(tmp_path / "b").close()
    monkeypatch.setenv("VAREFLYT_WORKSPACE", str(tmp_path / "b"))
    assert find_workspace(tmp_path / "a").root == (tmp_path / "a").resolve()
    assert find_workspace().root == (tmp_path / "b").resolve()
    monkeypatch.delenv("VAREFLYT_WORKSPACE")
    monkeypatch.chdir(tmp_path / "a")
    assert find_workspace().root == (tmp_path / "a").resolve()
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UsageError, match="vareflyt init"):
        find_workspace()


@pytest.mark.parametrize(
    "snippet, key",
    [
        ('[company]\ngln = "7080000000013"\n', "company.gln"),  # wrong check digit
        ('[company]\norgnr = "123456789"\n', "company.orgnr"),
        ('[company]\nlanguage = "de"\n', "company.language"),
        ('[partners."123"]\nedi = true\n', 'partners."123"'),
        ('[partners."7080000000012"]\nedi = "ja"\n', 'partners."7080000000012".edi'),
        ('[partners."7080000000012"]\nresponse_hours = 0\n', 'partners."7080000000012".response_hours'),
        ("[unknown]\nx = 1\n", "unknown"),
    ],
)
def test_config_errors_name_the_key_and_the_fix(tmp_path, snippet, key):
    path = tmp_path / "vareflyt.toml"
    path.write_text(snippet, encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_config(path)
    assert exc.value.key == key
    assert str(path) in str(exc.value)
    assert exc.value.fix  # every message says how to fix it


def test_config_syntax_error_is_a_usage_error(tmp_path):
    path = tmp_path / "vareflyt.toml"
    path.write_text("[company\nname = 1\n", encoding="utf-8")
    with pytest.raises(UsageError, match="skrivefeil") as exc:
        load_config(path)
    assert "linje 1, tegn 9: mangler ] etter tabellnavnet" in str(exc.value)
    assert "Expected" not in str(exc.value)  # tomllib's English only where no Norwegian is known


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("[company]\nname Byggmester AS\n", "linje 2, tegn 6: mangler = etter navnet"),
        ("[company]\nname = Byggmester AS\n", "linje 2, tegn 8: en verdi som ikke kan leses"),
        ('[company]\nname = "Byggmester AS\n', "linje 2, tegn 22: en tekst uten avsluttende"),
        ("[prices]\nvalid_from = 01.02.2026\n", "linje 2, tegn 15: noe etter verdien på samme linje"),
        ('[company]\nname = "A"\nname = "B"\n', "det samme navnet to ganger"),
        ('[company]\nname = "C:\\data"\n', "linje 2, tegn 13: en \\ i en tekst i anførselstegn"),
        (
            "[company]\nname = {a = 1\n",
            "linje 2, tegn 14: feil i skrivemåten (tomllib: Unclosed inline table)",
        ),
    ],
)
def test_a_syntax_error_says_where_and_what_in_norwegian(tmp_path, typed, said):
    """What an owner types wrong in vareflyt.toml, as tomllib finds it: the place and the fault."""
    path = tmp_path / "vareflyt.toml"
    path.write_text(typed, encoding="utf-8")
    with pytest.raises(UsageError) as exc:
        load_config(path)
    assert said in str(exc.value)


def test_default_config_is_valid_and_commented(tmp_path):
    path = tmp_path / "vareflyt.toml"
    path.write_text(default_toml(), encoding="utf-8")
    load_config(path).validate_all()


def test_archive_by_content_hash_and_quarantine(workspace, tmp_path):
    src = tmp_path / "liste.csv"
    src.write_bytes(b"a;b\n1;2\n")
    first = archive_input(workspace, src)
    second = archive_input(workspace, src)
    assert first.archived == second.archived and first.archived.read_bytes() == src.read_bytes()
    assert first.sha256 in first.archived.name
    q = quarantine(workspace, src, "ingen overskrift")
    assert q.read_bytes() == src.read_bytes()
    assert "ingen overskrift" in q.with_name(q.name + ".reason.txt").read_text(encoding="utf-8")
