"""``vareflyt addin build|install``: the interpreter setting, xlwings' installer, the CLI."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile

import pytest
from typer.testing import CliRunner

from vareflyt.addin.install import install_addin, settings_encoding, settings_file, write_settings
from vareflyt.cli.app import app
from vareflyt.domain.issues import UsageError, VareflytError


def test_settings_file_where_the_xlwings_module_reads_it(tmp_path):
    assert settings_file("win32", tmp_path) == tmp_path / ".vareflyt" / "vareflyt.conf"
    assert settings_file("darwin", tmp_path) == (
        tmp_path / "Library" / "Containers" / "com.microsoft.Excel" / "Data" / "vareflyt.conf"
    )


def test_write_settings_replaces_only_the_interpreter(tmp_path):
    conf = tmp_path / "vareflyt.conf"
    conf.write_text('"INTERPRETER_WIN","C:\\old\\python.exe"\n"SHOW CONSOLE","True"\n', encoding="utf-8")
    write_settings(conf, "C:\\venv\\Scripts\\python.exe", "win32")
    assert (
        conf.read_text(encoding="utf-8")
        == '"SHOW CONSOLE","True"\n"INTERPRETER_WIN","C:\\venv\\Scripts\\python.exe"\n'
    )
    write_settings(conf, "/opt/venv/bin/python", "darwin")
    assert conf.read_text(encoding="utf-8").endswith('"INTERPRETER_MAC","/opt/venv/bin/python"\n')


def test_install_uses_xlwings_installer_on_windows(tmp_path):
    calls = []

    def runner(command, **kw):
        calls.append(command)
        return subprocess.CompletedProcess(command, 0, "Successfully installed the xlwings add-in!", "")

    result = install_addin(
        platform="win32",
        home=tmp_path,
        build_dir=tmp_path / "bygg",
        interpreter="C:\\py\\python.exe",
        runner=runner,
    )
    built = result.outputs[0]
    assert calls == [["C:\\py\\python.exe", "-m", "xlwings.cli", "addin", "install", "--file", built]]
    assert zipfile.is_zipfile(built)
    conf = tmp_path / ".vareflyt" / "vareflyt.conf"
    assert conf.read_text(encoding="utf-8") == '"INTERPRETER_WIN","C:\\py\\python.exe"\n'
    assert "Start Excel på nytt" in result.summary


def test_install_reports_xlwings_failure(tmp_path):
    def runner(command, **kw):
        return subprocess.CompletedProcess(
            command, 0, "Error: Failed to install the add-in: If Excel is running", ""
        )

    with pytest.raises(VareflytError, match="Lukk Excel"):
        install_addin(platform="darwin", home=tmp_path, build_dir=tmp_path / "bygg", runner=runner)


def test_install_on_linux_needs_a_target(tmp_path):
    with pytest.raises(UsageError, match="Windows og macOS"):
        install_addin(platform="linux", home=tmp_path)
    result = install_addin(
        platform="linux", home=tmp_path, target=tmp_path / "XLSTART", build_dir=tmp_path / "bygg"
    )
    assert (tmp_path / "XLSTART" / "vareflyt.xlam").is_file()
    assert f'"INTERPRETER_WIN","{sys.executable}"' in (tmp_path / ".vareflyt" / "vareflyt.conf").read_text()
    assert result.outputs[0] == str(tmp_path / "XLSTART" / "vareflyt.xlam")


def test_cli_build_json(tmp_path):
    out = tmp_path / "ut" / "tillegg.xlam"
    res = CliRunner().invoke(app, ["addin", "build", "--output", str(out), "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["ok"] and data["outputs"] == [str(out)] and data["xlwings"]
    assert zipfile.is_zipfile(out)


def test_cli_build_without_sources_is_a_usage_error(tmp_path):
    res = CliRunner().invoke(
        app, ["addin", "build", "--source", str(tmp_path), "--output", str(tmp_path / "x.xlam")]
    )
    assert res.exit_code == 2 and "customUI.xml" in res.output


BJORN = "C:\\Users\\Bjørn Ødegård\\AppData\\Local\\Vareflyt\\venv\\Scripts\\python.exe"


def _as_vba_reads(data: bytes, code_page: str) -> dict[str, str]:
    """What xlwings' ``Input #`` gets from the file: bytes in the ANSI code page, ``"KEY","value"``."""
    return dict(re.findall(r'"([^"]*)","([^"]*)"', data.decode(code_page)))


def test_settings_on_windows_are_in_the_ansi_code_page(tmp_path):
    conf = write_settings(tmp_path / "vareflyt.conf", BJORN, "win32", code_page=1252)
    data = conf.read_bytes()
    assert _as_vba_reads(data, "cp1252") == {"INTERPRETER_WIN": BJORN}
    assert b"Bj\xf8rn \xd8deg\xe5rd" in data and "Ã".encode("cp1252") not in data  # not UTF-8
    # Another Windows code page: the machine's, not a fixed one (Polish Windows, cp1250).
    lukasz = "C:\\Users\\Łukasz Żółć\\venv\\Scripts\\python.exe"
    conf = write_settings(tmp_path / "pl.conf", lukasz, "win32", code_page=1250)
    assert _as_vba_reads(conf.read_bytes(), "cp1250") == {"INTERPRETER_WIN": lukasz}


def test_settings_on_macos_are_utf8_as_xlwings_writes_them(tmp_path):
    path = "/Users/bjørnødegård/Library/Application Support/Vareflyt/venv/bin/python"
    conf = write_settings(tmp_path / "vareflyt.conf", path, "darwin", code_page=1252)
    assert conf.read_bytes() == f'"INTERPRETER_MAC","{path}"\n'.encode()


def test_a_path_the_code_page_cannot_hold_is_refused(tmp_path):
    conf = tmp_path / "vareflyt.conf"
    conf.write_bytes(b'"SHOW CONSOLE","True"\n')
    with pytest.raises(UsageError, match=r"tegnsettet cp1252.*Ł.*C:\\Vareflyt"):
        write_settings(conf, "C:\\Users\\Łukasz\\venv\\Scripts\\python.exe", "win32", code_page=1252)
    assert conf.read_bytes() == b'"SHOW CONSOLE","True"\n'  # left as it was


def test_a_utf8_file_from_an_earlier_install_is_rewritten_in_the_code_page(tmp_path):
    conf = tmp_path / "vareflyt.conf"
    conf.write_bytes(f'"PYTHONPATH","C:\\Users\\Bjørn\\lib"\n"INTERPRETER_WIN","{BJORN}"\n'.encode())
    write_settings(conf, BJORN, "win32", code_page=1252)
    assert _as_vba_reads(conf.read_bytes(), "cp1252") == {
        "PYTHONPATH": "C:\\Users\\Bjørn\\lib",
        "INTERPRETER_WIN": BJORN,
    }


def test_install_with_a_norwegian_user_folder(tmp_path):
    home = tmp_path / "Bjørn Ødegård"

    def runner(command, **kw):
        return subprocess.CompletedProcess(command, 0, "Successfully installed the xlwings add-in!", "")

    result = install_addin(platform="win32", home=home, interpreter=BJORN, runner=runner)
    conf = home / ".vareflyt" / "vareflyt.conf"
    assert _as_vba_reads(conf.read_bytes(), settings_encoding("win32")) == {"INTERPRETER_WIN": BJORN}
    assert result.outputs[0] == str(home / ".vareflyt" / "vareflyt.xlam")  # built next to its settings
