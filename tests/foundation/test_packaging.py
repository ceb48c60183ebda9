"""Issue 20 item 4: the repository's top level holds ``templates/``, ``workbooks/`` and ``addin/``
(the design card's layout), the build configuration ships all three inside the wheel, and a
source checkout (an editable install) finds them where they are."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from vareflyt import bundled
from vareflyt.excel.templates import template_path
from vareflyt.letters.render import _cached_environment

ROOT = Path(__file__).resolve().parents[2]
BUILD_INPUTS = (
    "pyproject.toml",
    "setup.py",
    "MANIFEST.in",
    "README.md",
    "src",
    "templates",
    "workbooks",
    "addin",
)


def _repository_files(folder: str) -> set[str]:
    return {
        p.relative_to(ROOT / folder).as_posix()
        for p in (ROOT / folder).rglob("*")
        if p.is_file() and p.suffix != ".xlam" and p.name != ".gitignore"
    }


def test_the_three_folders_are_at_the_top_level_and_not_under_src():
    for name in ("templates", "workbooks", "addin"):
        assert (ROOT / name).is_dir()
    for old in ("templates", "workbooks", "addin/source"):
        assert not (ROOT / "src" / "vareflyt" / old).exists(), old


def test_a_source_checkout_finds_them_at_the_top_level():
    """What an editable install (``pip install -e .``: src/ on the path) uses."""
    assert bundled.templates_folder() == ROOT / "templates"
    assert bundled.workbooks_folder() == ROOT / "workbooks"
    assert bundled.addin_sources() == ROOT / "addin"
    assert template_path("purchasing") == ROOT / "workbooks" / "Innkjop.xlsx"
    loaded = _cached_environment("nb", "").get_template("letters/reminder.nb.html.j2")
    assert Path(loaded.filename) == ROOT / "templates" / "letters" / "reminder.nb.html.j2"


def test_an_installed_copy_wins_over_the_checkout(tmp_path, monkeypatch):
    (tmp_path / "templates").mkdir()
    monkeypatch.setattr(bundled, "PACKAGE", tmp_path)
    assert bundled.templates_folder() == tmp_path / "templates"
    assert bundled.workbooks_folder() == bundled.CHECKOUT / "workbooks"


@pytest.mark.slow
def test_the_wheel_built_from_the_repository_carries_templates_workbooks_and_addin(tmp_path):
    pytest.importorskip("wheel", reason="pip install wheel (in the dev extra) to build without network")
    checkout = tmp_path / "checkout"  # a copy, so the build leaves no build/ in the repository
    checkout.mkdir()
    for name in BUILD_INPUTS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(
                source, checkout / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "*.xlam")
            )
        else:
            shutil.copy2(source, checkout / name)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--disable-pip-version-check",
            "--quiet",
            "--wheel-dir",
            str(tmp_path / "dist"),
            str(checkout),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    (wheel,) = (tmp_path / "dist").glob("vareflyt-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for installed, top in (("templates", "templates"), ("workbooks", "workbooks"), ("addin/source", "addin")):
        expected = {f"vareflyt/{installed}/{rel}" for rel in _repository_files(top)}
        assert expected and expected <= names, sorted(expected - names)
    assert "vareflyt/templates/letters/inkassovarsel.nb.html.j2" in names
    assert "vareflyt/workbooks/Kundereskontro.xlsx" in names
    assert not [n for n in names if n.endswith((".xlam", ".gitignore"))]
    assert "vareflyt/letters/render.py" in names and "vareflyt/store/migrations/env.py" in names
