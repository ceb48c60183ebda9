"""``vareflyt addin install``: build the add-in and install it for the current user.

1. ``vareflyt.xlam`` is built fresh (next to the settings file below), so its xlwings module
   matches the xlwings installed in this Python environment (the VBA and the Python side of
   xlwings must be the same version).
2. The interpreter setting is written to the add-in's own xlwings settings file (its
   ``PROJECT_NAME`` is ``vareflyt``): ``%USERPROFILE%\\.vareflyt\\vareflyt.conf`` on Windows,
   ``~/Library/Containers/com.microsoft.Excel/Data/vareflyt.conf`` on macOS, with
   ``"INTERPRETER_WIN"`` / ``"INTERPRETER_MAC"`` = this Python, so RunPython starts the
   environment vareflyt is installed in. Other lines in the file are kept. The file is written
   in the encoding the VBA reads it in (``settings_encoding``): xlwings' ``Input #`` reads
   bytes in Windows' ANSI code page (cp1252 on Norwegian Windows), so a UTF-8 file turns
   ``C:\\Users\\Bjørn`` into ``BjÃ¸rn`` and Excel cannot find Python. A path the code page
   cannot hold is refused with a message rather than written wrong.
3. The add-in is installed by xlwings' own installer (``xlwings addin install --file``):
   copied to Excel's XLSTART folder (and, on macOS, xlwings' AppleScript put where Excel
   may run it). ``--target DIR`` only copies it to ``DIR`` (no Excel needed).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from ..domain.issues import JobResult, UsageError, VareflytError
from .build import PROJECT_NAME, build_addin
from .ui import ADDIN_NAME


def settings_file(platform: str = sys.platform, home: Path | None = None) -> Path:
    """Where the xlwings module of vareflyt.xlam reads its user settings."""
    home = Path(home) if home is not None else Path.home()
    if platform == "darwin":
        return home / "Library" / "Containers" / "com.microsoft.Excel" / "Data" / f"{PROJECT_NAME}.conf"
    return home / f".{PROJECT_NAME}" / f"{PROJECT_NAME}.conf"


def settings_encoding(platform: str = sys.platform, code_page: int | None = None) -> str:
    """The encoding the add-in's VBA reads ``vareflyt.conf`` in: UTF-8 on macOS (what xlwings
    itself writes there), else Windows' ANSI code page (``code_page``, default the machine's;
    1252 when not on Windows, as on Norwegian Windows)."""
    if platform == "darwin":
        return "utf-8"
    page = code_page if code_page is not None else _ansi_code_page()
    return "utf-8" if page == 65001 else f"cp{page}"


def _ansi_code_page() -> int:
    try:
        import ctypes

        return int(ctypes.windll.kernel32.GetACP())  # type: ignore[attr-defined]
    except (AttributeError, OSError):  # not Windows
        return 1252


def _read_settings(path: Path, encoding: str) -> list[str]:
    """The file's lines; a file written as UTF-8 by an earlier vareflyt is read as such."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode(encoding, errors="replace")
    return text.splitlines()


def write_settings(
    path: Path, interpreter: str, platform: str = sys.platform, code_page: int | None = None
) -> Path:
    """Set ``INTERPRETER_WIN``/``INTERPRETER_MAC`` in xlwings' ``"KEY","value"`` format, in the
    encoding the VBA reads (``settings_encoding``); UsageError when that cannot hold the path
    (writing ``%LOCALAPPDATA%`` instead would not help: the VBA finds the file itself through
    ``Environ("USERPROFILE")``, which the same code page garbles)."""
    key = "INTERPRETER_MAC" if platform == "darwin" else "INTERPRETER_WIN"
    encoding = settings_encoding(platform, code_page)
    lines = []
    if path.is_file():
        lines = [ln for ln in _read_settings(path, encoding) if ln.strip() and not ln.startswith(f'"{key}",')]
    lines.append(f'"{key}","{interpreter}"')
    text = "\n".join(lines) + "\n"
    unwritable = sorted({ch for ch in text if not _encodes(ch, encoding)})
    if unwritable:
        raise UsageError(
            f"Excel på denne maskinen leser innstillingsfilen {path} med tegnsettet {encoding}, som "
            f"ikke har tegnene {' '.join(unwritable)} i stien {interpreter}. Installer Vareflyt i en "
            f"mappe uten disse tegnene (f.eks. C:\\Vareflyt) og kjør installasjonen på nytt."
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def _encodes(ch: str, encoding: str) -> bool:
    try:
        ch.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def install_addin(
    *,
    target: str | Path | None = None,
    source: str | Path | None = None,
    build_dir: str | Path | None = None,
    platform: str = sys.platform,
    home: Path | None = None,
    interpreter: str | None = None,
    runner: Callable[..., subprocess.CompletedProcess] = subprocess.run,
) -> JobResult:
    """Build, write the interpreter setting, install (see the module docstring)."""
    if target is None and platform not in ("win32", "darwin"):
        raise UsageError(
            "Excel-tillegget kan bare installeres på Windows og macOS. Bruk --target MAPPE for å "
            "bare bygge og kopiere vareflyt.xlam dit."
        )
    conf_path = settings_file(platform, home)
    built = build_addin((Path(build_dir) if build_dir else conf_path.parent) / ADDIN_NAME, source)
    conf = write_settings(conf_path, interpreter or sys.executable, platform)
    result = JobResult(outputs=[str(built), str(conf)])
    if target is not None:
        folder = Path(target)
        folder.mkdir(parents=True, exist_ok=True)
        copied = folder / built.name
        shutil.copyfile(built, copied)
        result.outputs.insert(0, str(copied))
        result.summary = (
            f"vareflyt.xlam er kopiert til {folder}. Python for tillegget: "
            f"{interpreter or sys.executable} (satt i {conf})."
        )
        return result
    command = [interpreter or sys.executable, "-m", "xlwings.cli", "addin", "install", "--file", str(built)]
    done = runner(command, capture_output=True, text=True)
    said = ((done.stdout or "") + (done.stderr or "")).strip()
    if done.returncode != 0 or "Error" in said:
        raise VareflytError(
            f"xlwings kunne ikke installere tillegget: {said or done.returncode}. Lukk Excel og "
            f"prøv igjen, eller kopier {built} til Excels XLSTART-mappe for hånd."
        )
    result.summary = (
        f"vareflyt.xlam er installert ({said or 'xlwings addin install'}). "
        f"Python for tillegget: {interpreter or sys.executable} (satt i {conf}). "
        f"Start Excel på nytt og se etter fanen Vareflyt."
    )
    result.extra["xlwings_output"] = said
    return result
