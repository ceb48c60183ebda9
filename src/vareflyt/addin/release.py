"""``vareflyt addin build --release``: what a shop owner downloads and double-clicks.

From a source checkout, ``build_release(dist)`` writes to ``dist/``:

- ``vareflyt-<version>-py3-none-any.whl``: vareflyt itself (``pip wheel --no-deps``), with the
  add-in's sources as package data, so ``vareflyt addin install`` builds ``vareflyt.xlam`` on
  the user's machine with the xlwings installed there;
- ``install.cmd`` + ``install.ps1`` for Windows and ``Installer Vareflyt.command`` for macOS,
  from the templates in ``scripts/installers/`` with the version and the wheel's file name
  filled in. Each creates a private virtual environment (``%LOCALAPPDATA%\\Vareflyt\\venv``,
  ``~/Library/Application Support/Vareflyt/venv``), installs the wheel with the ``excel``
  extra, runs ``vareflyt addin install`` and asks for the workspace folder (``vareflyt init``
  when it has no ``vareflyt.toml``). Updating is running the new version's installer.

``install.ps1`` is written as UTF-8 with a byte-order mark (Windows PowerShell 5.1 reads a
file without one in the ANSI code page), ``install.cmd`` with CRLF line ends, and the
``.command`` file with LF and executable, as Finder needs it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from .. import __version__
from ..domain.issues import JobResult, UsageError, VareflytError
from .build import CHECKOUT

INSTALLERS = CHECKOUT / "scripts" / "installers"
WINDOWS_CMD, WINDOWS_PS1, MAC_COMMAND = "install.cmd", "install.ps1", "Installer Vareflyt.command"

WheelBuilder = Callable[[Path, Path], Path]  # (project root, folder) -> the wheel written there


def pip_wheel(root: Path, folder: Path) -> Path:
    """Build vareflyt's wheel from ``root`` into ``folder`` with pip (no dependencies)."""
    command = [
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--disable-pip-version-check",
        "--quiet",
        "--wheel-dir",
        str(folder),
        str(root),
    ]
    done = subprocess.run(command, capture_output=True, text=True)
    wheels = sorted(folder.glob("vareflyt-*.whl"))
    if done.returncode != 0 or len(wheels) != 1:
        said = (done.stderr or done.stdout or "").strip().splitlines()[-5:]
        raise VareflytError("Kunne ikke bygge hjulfilen for vareflyt med pip: " + " / ".join(said))
    return wheels[0]


def installer_text(template: str, wheel_name: str, version: str = __version__) -> str:
    """A template with ``@VERSION@`` and ``@WHEEL@`` filled in."""
    return template.replace("@VERSION@", version).replace("@WHEEL@", wheel_name)


def build_release(
    dist: str | Path | None = None,
    *,
    root: Path = CHECKOUT,
    installers: Path = INSTALLERS,
    wheel_builder: WheelBuilder | None = None,
) -> JobResult:
    """The wheel and the three installer files in ``dist`` (default ``dist/`` of the checkout)."""
    templates = {name: installers / name for name in (WINDOWS_CMD, WINDOWS_PS1, MAC_COMMAND)}
    if not (root / "pyproject.toml").is_file() or not all(p.is_file() for p in templates.values()):
        raise UsageError(
            f"En utgave bygges fra kildekoden til vareflyt (pyproject.toml og {installers}). "
            f"Kjør kommandoen i en kopi av kildekoden."
        )
    folder = Path(dist) if dist is not None else root / "dist"
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="vareflyt-wheel-") as tmp:
        built = (wheel_builder or pip_wheel)(root, Path(tmp))
        wheel = folder / built.name
        shutil.copyfile(built, wheel)
    text = {
        name: installer_text(path.read_text(encoding="utf-8"), wheel.name) for name, path in templates.items()
    }
    cmd = folder / WINDOWS_CMD
    cmd.write_bytes(text[WINDOWS_CMD].replace("\r\n", "\n").replace("\n", "\r\n").encode("ascii"))
    ps1 = folder / WINDOWS_PS1
    ps1.write_bytes(text[WINDOWS_PS1].replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8-sig"))
    command = folder / MAC_COMMAND
    command.write_bytes(text[MAC_COMMAND].replace("\r\n", "\n").encode("utf-8"))
    command.chmod(0o755)
    outputs = [str(p) for p in (wheel, cmd, ps1, command)]
    return JobResult(
        outputs=outputs,
        extra={"version": __version__, "wheel": wheel.name},
        summary=f"Utgave {__version__} er bygget i {folder}: {wheel.name}, {WINDOWS_CMD} og "
        f"{WINDOWS_PS1} for Windows, «{MAC_COMMAND}» for macOS. Del hele mappen.",
    )
