"""``vareflyt addin install``: build the add-in and install it for the current user.

1. ``vareflyt.xlam`` is built fresh, so its xlwings module matches the xlwings installed in
   this Python environment (the VBA and the Python side of xlwings must be the same version).
2. The interpreter setting is written to the add-in's own xlwings settings file (its
   ``PROJECT_NAME`` is ``vareflyt``): ``%USERPROFILE%\\.vareflyt\\vareflyt.conf`` on Windows,
   ``~/Library/Containers/com.microsoft.Excel/Data/vareflyt.conf`` on macOS, with
   ``"INTERPRETER_WIN"`` / ``"INTERPRETER_MAC"`` = this Python, so RunPython starts the
   environment vareflyt is installed in. Other lines in the file are kept.
3. The add-in is installed by xlwings' own installer (``xlwings addin install --file``):
   copied to Excel's XLSTART folder (and, on macOS, xlwings' AppleScript put where Excel
   may run it). ``--target DIR`` only copies it to ``DIR`` (no Excel needed).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable

from ..domain.issues import JobResult, UsageError, VareflytError
from .build import PROJECT_NAME, build_addin
from .ui import ADDIN_NAME


def settings_file(platform: str = sys.platform, home: Path | None = None) -> Path:
    """Where the xlwings module of vareflyt.xlam reads its user settings."""
    home = Path(home) if home is not None else Path.home()
    if platform == "darwin":
        return home / "Library" / "Containers" / "com.microsoft.Excel" / "Data" / f"{PROJECT_NAME}.conf"
    return home / f".{PROJECT_NAME}" / f"{PROJECT_NAME}.conf"


def write_settings(path: Path, interpreter: str, platform: str = sys.platform) -> Path:
    """Set ``INTERPRETER_WIN``/``INTERPRETER_MAC`` in xlwings' ``"KEY","value"`` format."""
    key = "INTERPRETER_MAC" if platform == "darwin" else "INTERPRETER_WIN"
    lines = []
    if path.is_file():
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines()
                 if ln.strip() and not ln.startswith(f'"{key}",')]
    lines.append(f'"{key}","{interpreter}"')
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def install_addin(*, target: str | Path | None = None, source: str | Path | None = None,
                  build_dir: str | Path | None = None,
                  platform: str = sys.platform, home: Path | None = None, interpreter: str | None = None,
                  runner: Callable[..., subprocess.CompletedProcess] = subprocess.run) -> JobResult:
    """Build, write the interpreter setting, install (see the module docstring)."""
    if target is None and platform not in ("win32", "darwin"):
        raise UsageError("Excel-tillegget kan bare installeres på Windows og macOS. Bruk --target MAPPE for å "
                         "bare bygge og kopiere vareflyt.xlam dit.")
    built = build_addin(Path(build_dir) / ADDIN_NAME if build_dir else None, source)
    conf = write_settings(settings_file(platform, home), interpreter or sys.executable, platform)
    result = JobResult(outputs=[str(built), str(conf)])
    if target is not None:
        folder = Path(target)
        folder.mkdir(parents=True, exist_ok=True)
        copied = folder / built.name
        shutil.copyfile(built, copied)
        result.outputs.insert(0, str(copied))
        result.summary = (f"vareflyt.xlam er kopiert til {folder}. Python for tillegget: "
                          f"{interpreter or sys.executable} (satt i {conf}).")
        return result
    command = [interpreter or sys.executable, "-m", "xlwings.cli", "addin", "install", "--file", str(built)]
    done = runner(command, capture_output=True, text=True)
    said = ((done.stdout or "") + (done.stderr or "")).strip()
    if done.returncode != 0 or "Error" in said:
        raise VareflytError(f"xlwings kunne ikke installere tillegget: {said or done.returncode}. Lukk Excel og "
                            f"prøv igjen, eller kopier {built} til Excels XLSTART-mappe for hånd.")
    result.summary = (f"vareflyt.xlam er installert ({said or 'xlwings addin install'}). "
                      f"Python for tillegget: {interpreter or sys.executable} (satt i {conf}). "
                      f"Start Excel på nytt og se etter fanen Vareflyt.")
    result.extra["xlwings_output"] = said
    return result
