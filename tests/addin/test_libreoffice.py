"""A second reader of the built add-in: headless LibreOffice imports the VBA project of
``vareflyt.xlam`` and every module's source is what the build put in; a build with one
module's compressed source corrupted must fail that comparison.

LibreOffice runs through ``lo_read_vba.py`` under the system Python (``uno``), once for both
files. Without ``soffice`` or ``uno`` the tests skip with the reason, unless
``VAREFLYT_REQUIRE_LIBREOFFICE=1`` (set by ``.ci/run``), where they fail instead.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import olefile
import pytest

from vareflyt.addin.build import SOURCE, VBA_PROJECT, build_addin, vba_modules, xlwings_sources
from vareflyt.addin.cfb import write_compound_file

SYSTEM_PYTHON = "/usr/bin/python3"
READER = Path(__file__).with_name("lo_read_vba.py")
CORRUPTED = "vareflyt"  # the module whose compressed source is damaged
LO_HEADER = ("Rem Attribute VBA_ModuleType=", "Option VBASupport 1", "Option ClassModule")


def _missing() -> str | None:
    if shutil.which("soffice") is None:
        return "LibreOffice (soffice) er ikke installert: apt-get install libreoffice-calc-nogui"
    if (
        not Path(SYSTEM_PYTHON).is_file()
        or subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True).returncode != 0
    ):
        return f"{SYSTEM_PYTHON} kan ikke importere uno: apt-get install python3-uno"
    return None


@pytest.fixture(scope="module")
def read_back(tmp_path_factory) -> dict:
    """{"built": modules, "corrupted": modules} as LibreOffice read them, one soffice run."""
    reason = _missing()
    if reason:
        if os.environ.get("VAREFLYT_REQUIRE_LIBREOFFICE") == "1":
            pytest.fail(f"VAREFLYT_REQUIRE_LIBREOFFICE=1, men {reason}")
        pytest.skip(reason)
    folder = tmp_path_factory.mktemp("lo")
    built = build_addin(folder / "vareflyt.xlam")
    corrupted = corrupt_module(built, folder / "skadet.xlam", CORRUPTED)
    done = subprocess.run(
        [SYSTEM_PYTHON, str(READER), str(folder / "profil"), str(built), str(corrupted)],
        capture_output=True,
        text=True,
        timeout=150,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    found = json.loads(done.stdout)
    return {"built": found[str(built)], "corrupted": found[str(corrupted)]}


def corrupt_module(xlam: Path, target: Path, module: str) -> Path:
    """A copy of ``xlam`` with one byte in the middle of ``module``'s compressed source flipped."""
    with zipfile.ZipFile(xlam) as z:
        parts = {info: z.read(info.filename) for info in z.infolist()}
    info = next(i for i in parts if i.filename == "xl/vbaProject.bin")
    ole = olefile.OleFileIO(io.BytesIO(parts[info]))
    streams = {"/".join(p): ole.openstream(p).read() for p in ole.listdir()}
    damaged = bytearray(streams[f"VBA/{module}"])
    damaged[len(damaged) // 2] ^= 0x5A
    streams[f"VBA/{module}"] = bytes(damaged)
    parts[info] = write_compound_file(streams)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for part, data in parts.items():
            z.writestr(part, data)
    return target


def expected_modules() -> dict[str, str]:
    """What the build puts in, as LibreOffice shows source: LF line ends, no ``Attribute`` lines."""
    _, xlwings_module, dictionary = xlwings_sources()
    modules = vba_modules(
        (SOURCE / "vba" / "vareflyt.bas").read_text(encoding="utf-8"), xlwings_module, dictionary
    )
    return {
        m.name: "\n".join(
            line for line in m.source.replace("\r\n", "\n").split("\n") if not line.startswith("Attribute ")
        ).rstrip("\n")
        for m in modules
    }


def as_written(source: str) -> str:
    """LibreOffice's source without the lines it puts first (module type, VBA support)."""
    lines = source.split("\n")
    while lines and lines[0].startswith(LO_HEADER):
        lines.pop(0)
    return "\n".join(lines).rstrip("\n")


def mismatches(read: dict | None) -> list[str]:
    """Modules LibreOffice did not read exactly as built (all of them when it read nothing)."""
    expected = expected_modules()
    modules = (read or {}).get(VBA_PROJECT, {})
    return sorted(
        name
        for name, source in expected.items()
        if name not in modules or as_written(modules[name]) != source
    ) + sorted(set(modules) - set(expected))


def test_libreoffice_reads_every_module_as_built(read_back):
    assert read_back["built"] is not None, "LibreOffice kunne ikke åpne vareflyt.xlam"
    assert set(read_back["built"][VBA_PROJECT]) == {
        "ThisWorkbook",
        "Sheet1",
        "vareflyt",
        "xlwings",
        "Dictionary",
    }
    assert mismatches(read_back["built"]) == []
    dispatcher = read_back["built"][VBA_PROJECT]["vareflyt"]
    assert (
        "If ActiveWorkbook Is Nothing Then" in dispatcher
        and "Sub OnAction(control As IRibbonControl)" in dispatcher
    )


def test_corrupted_module_fails_the_comparison(read_back):
    assert mismatches(read_back["corrupted"]) == [CORRUPTED]  # that module, and only that one
