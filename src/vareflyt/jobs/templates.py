"""The shop's own document templates: ``vareflyt templates list``, ``export`` and ``check``.

vareflyt's templates (``bundled.templates_folder()``) can be overridden one by one by a file with
the same relative name in the workspace's ``templates/`` (``letters.render`` looks there first).
``export`` copies vareflyt's templates there for editing (never over a file the shop already
has), ``list`` says which are overridden, ``check`` loads every template the way a run does and
renders each letter with a sample notice (``letters.template_check``), so a broken template is
found before the night's run. ``create_template_folder`` is what ``vareflyt init`` makes.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from ..bundled import templates_folder
from ..domain.issues import JobResult, UsageError, error, info
from ..domain.wording import plural
from ..safe_paths import inside

if TYPE_CHECKING:
    from ..workspace import Workspace

__all__ = [
    "own_templates",
    "create_template_folder",
    "list_templates",
    "export_templates",
    "check_templates",
    "README_NAME",
]

README_NAME = "LESMEG.txt"
README = """Egne maler for vareflyt
=======================

En fil her med samme navn og mappe som en av vareflyts egne maler brukes i stedet for vareflyts:
purrebrev (letters/reminder.nb.html.j2, letters/dunning.nb.html.j2, letters/inkassovarsel.nb.html.j2,
letters/betalingsoppfordring.nb.html.j2, og .en. for engelske brev), felles brevmal (letters/base.nb.html.j2),
bestilling (purchase_order.nb.html.j2), avviksvarsel (deviation_notice.html.j2), morgenrapport
(morning_report.nb.html.j2) og e-post (email/*.txt.j2). Maler som ikke ligger her, tas fra vareflyt,
så en oppdatering av vareflyt endrer dem, men aldri dine.

  vareflyt templates export reminder   kopierer vareflyts mal hit, så du kan endre den
  vareflyt templates list              viser hvilke maler som er dine egne
  vareflyt templates check             prøver alle malene med eksempeldata

Malene er jinja2 ({{ navn }}, {% block … %}). Et brev som mangler beløpet som skal betales, KID
eller (for inkassovarsel og betalingsoppfordring) overskriften, fristen og varselet om inkasso,
lages ikke: kjøringen sier hvilken fil og linje som må rettes. Slett en fil for å bruke vareflyts.

Logo: legg logo.png (eller logo.svg) i arbeidsmappen (ikke her). Firmaopplysningene i brevhodet
kommer fra [company] i vareflyt.toml.
"""


def own_templates() -> list[str]:
    """vareflyt's template names, relative (``letters/reminder.nb.html.j2``), sorted."""
    root = templates_folder()
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.j2"))


def create_template_folder(root: Path) -> Path:
    """The workspace's ``templates/`` with its README (kept when it is there already)."""
    folder = Path(root) / "templates"
    folder.mkdir(exist_ok=True)
    readme = inside(folder, README_NAME)
    if not readme.exists():
        readme.write_text(README, encoding="utf-8")
    return folder


def _target(folder: Path, name: str) -> Path:
    """``folder/<name>`` built part by part through ``safe_paths`` (``name`` is one of ours)."""
    target = folder
    for part in name.split("/"):
        target = inside(target, part)
    return target


def list_templates(ws: Workspace) -> JobResult:
    folder = ws.root / "templates"
    rows = [{"template": name, "own": (folder / name).is_file()} for name in own_templates()]
    overridden = [r["template"] for r in rows if r["own"]]
    lines = [f"  {r['template']}: {'arbeidsmappens egen' if r['own'] else 'vareflyts'}" for r in rows]
    summary = f"{plural(len(overridden), 'mal', 'maler')} av {len(rows)} er arbeidsmappens egne (i {folder}):"
    return JobResult(
        summary="\n".join([summary, *lines]), extra={"templates": rows, "overridden": overridden}
    )


def _chosen(names: list[str]) -> list[str]:
    """The templates ``names`` pick: a full name, or a short one (``reminder`` -> all its languages)."""
    every = own_templates()
    if not names:
        return every
    chosen: list[str] = []
    for wanted in names:
        hits = [n for n in every if n == wanted or Path(n).name.split(".")[0] == wanted]
        if not hits:
            short = sorted({Path(n).name.split(".")[0] for n in every})
            raise UsageError(
                f"Fant ingen mal som heter «{wanted}». Malene er: {', '.join(short)} "
                f"(se `vareflyt templates list`)."
            )
        chosen += [n for n in hits if n not in chosen]
    return chosen


def export_templates(ws: Workspace, names: list[str]) -> JobResult:
    """Copy vareflyt's templates ``names`` (all when empty) into the workspace; existing files stay."""
    folder = create_template_folder(ws.root)
    result = JobResult()
    copied = kept = 0
    for name in _chosen(names):
        target = _target(folder, name)
        if target.exists():
            kept += 1
            result.add(
                info("templates.kept", f"{name} finnes allerede i {folder.name}/ og ble ikke overskrevet.")
            )
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(templates_folder() / name, target)
        copied += 1
        result.outputs.append(str(target))
    result.extra.update(copied=copied, kept=kept)
    result.summary = f"{plural(copied, 'mal', 'maler')} kopiert til {folder}; {kept} fantes fra før."
    return result


def check_templates(ws: Workspace) -> JobResult:
    """Load every template as a run does (the workspace's first); letters also with sample data."""
    from ..bundled import use_workspace
    from ..letters.render import environment
    from ..letters.template_check import TemplateProblem, checked

    use_workspace(ws.root)
    result = JobResult()
    problems = 0
    for name in own_templates():
        language = "en" if ".en." in name else "nb"
        env = environment(language)
        try:
            if env.workspace_folder:
                env.get_template(name)
            else:
                checked(env, name, env.get_template(name))  # nothing overridden: the sample check alone
        except TemplateProblem as problem:
            problems += 1
            result.add(error("templates.broken", str(problem)))
    result.extra.update(templates=len(own_templates()), broken=problems)
    result.ok = problems == 0
    result.summary = (
        "Alle malene kan brukes."
        if not problems
        else f"{plural(problems, 'mal', 'maler')} må rettes før dokumentene kan lages."
    )
    return result
