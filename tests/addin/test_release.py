"""``vareflyt addin build --release``: a wheel that carries the add-in's sources, and installers
for Windows and macOS that make a private environment under the user's profile, install the
wheel with the excel extra, install the add-in and ask for the workspace."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vareflyt import __version__
from vareflyt.addin.build import build_addin
from vareflyt.addin.release import MAC_COMMAND, WINDOWS_CMD, WINDOWS_PS1, build_release
from vareflyt.cli.app import app

WHEEL = f"vareflyt-{__version__}-py3-none-any.whl"


def _fake_wheel(root: Path, folder: Path) -> Path:
    path = folder / WHEEL
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("vareflyt/__init__.py", "")
    return path


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("dist")
    build_release(folder, wheel_builder=_fake_wheel)
    return folder


def test_release_folder_holds_the_wheel_and_three_installers(dist):
    assert sorted(p.name for p in dist.iterdir()) == sorted([WHEEL, WINDOWS_CMD, WINDOWS_PS1, MAC_COMMAND])
    for path in dist.iterdir():
        assert (
            "@WHEEL@" not in path.read_text(encoding="utf-8", errors="replace")
            and b"@VERSION@" not in path.read_bytes()
        )


def test_windows_cmd_starts_the_powershell_script(dist):
    data = (dist / WINDOWS_CMD).read_bytes()
    assert data.isascii() and data.count(b"\r\n") == data.count(b"\n")  # cmd: ASCII, CRLF
    assert b'powershell.exe -NoProfile -ExecutionPolicy Bypass -File "%~dp0install.ps1"' in data


def test_windows_powershell_script(dist):
    data = (dist / WINDOWS_PS1).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, or PowerShell 5.1 reads it as ANSI
    text = data.decode("utf-8-sig")
    assert (
        "$Root = Join-Path $env:LOCALAPPDATA 'Vareflyt'" in text and "$Venv = Join-Path $Root 'venv'" in text
    )
    assert f"$Wheel = Join-Path $PSScriptRoot '{WHEEL}'" in text
    assert "& $Python -m venv $Venv" in text
    assert (
        '& $VenvPython -m pip install --disable-pip-version-check --quiet --upgrade "${Wheel}[excel]"' in text
    )
    assert "& $Vareflyt addin install" in text
    assert 'Read-Host "Arbeidsmappe for Vareflyt (Enter for $Default)"' in text
    assert "& $Vareflyt init $Workspace" in text and "'vareflyt.toml'" in text
    assert (
        text.index("-m venv")
        < text.index("pip install")
        < text.index("addin install")
        < text.index('Read-Host "Arbeidsmappe')
    )
    assert _balanced(text) == []
    assert "$LASTEXITCODE -ne 0" in text and "ErrorActionPreference = 'Stop'" not in text


def _balanced(script: str) -> list[str]:
    """Brackets that do not pair up in a PowerShell script, outside strings and comments: a
    static check where no PowerShell parser is installable (Debian has no package)."""
    stack, problems, quote, i = [], [], None, 0
    pairs = {")": "(", "]": "[", "}": "{"}
    while i < len(script):
        ch = script[i]
        if quote == "'":
            quote = None if ch == "'" and script[i + 1 : i + 2] != "'" else quote
            i += 2 if ch == "'" and script[i + 1 : i + 2] == "'" else 1
            continue
        if quote == '"':
            if ch == "`":
                i += 2
                continue
            quote = None if ch == '"' else quote
        elif ch == "#":
            i = script.find("\n", i) if "\n" in script[i:] else len(script)
            continue
        elif ch in "'\"":
            quote = ch
        elif ch in "([{":
            stack.append(ch)
        elif ch in ")]}":
            if not stack or stack.pop() != pairs[ch]:
                problems.append(f"{ch} at {i}")
        i += 1
    return problems + [f"unclosed {s}" for s in stack] + ([f"open string {quote}"] if quote else [])


def test_bracket_check_finds_a_broken_script():
    assert _balanced("if ($a) { Write-Host 'x(' }") == []
    assert _balanced("if ($a) { Write-Host 'x' ") == ["unclosed {"]
    assert _balanced('Write-Host "ok `" still string)"') == []


def test_macos_command_file(dist):
    path = dist / MAC_COMMAND
    assert os.access(path, os.X_OK) and b"\r" not in path.read_bytes()
    text = path.read_text(encoding="utf-8")
    assert text.startswith("#!/bin/sh\n")
    assert 'root="$HOME/Library/Application Support/Vareflyt"' in text and 'venv="$root/venv"' in text
    assert f'wheel="$here/{WHEEL}"' in text
    assert '"$python" -m venv "$venv"' in text
    assert (
        '"$venv/bin/python" -m pip install --disable-pip-version-check --quiet --upgrade "${wheel}[excel]"'
        in text
    )
    assert '"$venv/bin/vareflyt" addin install' in text
    assert (
        "Arbeidsmappe for Vareflyt (Enter for %s): " in text
        and '"$venv/bin/vareflyt" init "$workspace"' in text
    )
    assert (
        text.index("-m venv")
        < text.index("pip install")
        < text.index("addin install")
        < text.index("Arbeidsmappe")
    )


def test_macos_command_passes_shellcheck(dist):
    if shutil.which("shellcheck") is None:
        if os.environ.get("VAREFLYT_REQUIRE_SHELLCHECK") == "1":
            pytest.fail("VAREFLYT_REQUIRE_SHELLCHECK=1, men shellcheck er ikke installert")
        pytest.skip("shellcheck er ikke installert: apt-get install shellcheck")
    done = subprocess.run(
        ["shellcheck", "--shell=sh", "--severity=style", str(dist / MAC_COMMAND)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout
    broken = dist.parent / "broken.command"
    broken.write_text(
        (dist / MAC_COMMAND).read_text(encoding="utf-8").replace('"${wheel}[excel]"', '"$wheel[excel]"'),
        encoding="utf-8",
    )
    assert subprocess.run(["shellcheck", "--shell=sh", str(broken)], capture_output=True).returncode != 0
    ci = Path(__file__).resolve().parents[2] / ".ci" / "addin_tools.sh"  # what CI sources to get the tools
    done = subprocess.run(["shellcheck", "--shell=bash", str(ci)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout


@pytest.mark.slow
def test_cli_release_builds_a_wheel_that_carries_the_addin_sources(tmp_path):
    res = CliRunner().invoke(
        app, ["addin", "build", "--release", "--output", str(tmp_path / "dist"), "--json"]
    )
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["wheel"] == WHEEL and len(data["outputs"]) == 4
    with zipfile.ZipFile(tmp_path / "dist" / WHEEL) as z:
        names = set(z.namelist())
        assert {
            "vareflyt/addin/source/customUI.xml",
            "vareflyt/addin/source/vba/vareflyt.bas",
            "vareflyt/addin/source/excel-control-ids.txt",
        } <= names
        z.extractall(tmp_path / "unpacked", [n for n in names if n.startswith("vareflyt/addin/source/")])
    built = build_addin(tmp_path / "fra-hjul.xlam", tmp_path / "unpacked" / "vareflyt" / "addin" / "source")
    assert zipfile.is_zipfile(built)  # what `vareflyt addin install` does on the user's machine


STUB_PYTHON = """#!/bin/sh
# Stand-in for Python: the version check passes, "-m venv DIR" makes a venv of stand-ins, and every
# call is logged, so the installer's steps can be followed without a network or a real install.
echo "python $*" >> "$INSTALL_LOG"
case "$1" in
  -c) exit 0 ;;
  -m) if [ "$2" = venv ]; then
        mkdir -p "$3/bin"
        cp "$0" "$3/bin/python"
        printf '#!/bin/sh\\necho "vareflyt $*" >> "$INSTALL_LOG"\\n[ "$1" = init ] && mkdir -p "$2" \
&& touch "$2/vareflyt.toml"\\nexit 0\\n' > "$3/bin/vareflyt"
        chmod +x "$3/bin/vareflyt"
      fi ;;
esac
exit 0
"""


def _run_mac_installer(dist: Path, home: Path, answer: str) -> list[str]:
    stubs = home / "stubs"
    stubs.mkdir(parents=True, exist_ok=True)
    for name, text in {
        "python3.13": STUB_PYTHON,
        "open": "#!/bin/sh\nexit 0\n",
        "pgrep": "#!/bin/sh\nexit 1\n",
    }.items():
        (stubs / name).write_text(text, encoding="utf-8")
        (stubs / name).chmod(0o755)
    log = home / "install.log"
    log.unlink(missing_ok=True)
    env = {"HOME": str(home), "PATH": f"{stubs}:/usr/bin:/bin", "INSTALL_LOG": str(log)}
    done = subprocess.run(
        ["/bin/sh", str(dist / MAC_COMMAND)],
        input=f"{answer}\n\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Ferdig." in done.stdout
    return log.read_text(encoding="utf-8").splitlines()


def test_macos_installer_steps_in_order(dist, tmp_path):
    home = tmp_path / "Bjørn"
    venv = home / "Library" / "Application Support" / "Vareflyt" / "venv"
    first = _run_mac_installer(dist, home, "")
    workspace = home / "Documents" / "Vareflyt"
    assert first[1:] == [
        f"python -m venv {venv}",
        f"python -m pip install --disable-pip-version-check --quiet --upgrade {dist / WHEEL}[excel]",
        "python -m pip install --disable-pip-version-check --quiet --no-deps --force-reinstall "
        f"{dist / WHEEL}",
        "vareflyt addin install",
        f"vareflyt init {workspace}",
    ]
    assert first[0].startswith("python -c import sys")  # the version check
    # Updating: the same installer again keeps the environment and the workspace as they are.
    again = _run_mac_installer(dist, home, str(workspace))
    assert not any("-m venv" in line or line.startswith("vareflyt init") for line in again)
    assert "vareflyt addin install" in again
