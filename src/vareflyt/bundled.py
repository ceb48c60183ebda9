"""Where vareflyt's own folders are (the document templates, the workbook templates and the
Excel add-in's sources), and the workspace whose ``templates/`` override vareflyt's own.

In the repository they sit at its top level (``templates/``, ``workbooks/``, ``addin/``), as the
design card lays it out; the build configuration (``setup.py``) maps them into the package, so an
installed wheel has them as ``vareflyt/templates``, ``vareflyt/workbooks`` and
``vareflyt/addin/source``. ``folder`` gives the installed copy when there is one, else the
checkout's (an editable install, or running from the source tree).

>>> folder("templates").name
'templates'
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "PACKAGE",
    "CHECKOUT",
    "folder",
    "templates_folder",
    "workbooks_folder",
    "addin_sources",
    "use_workspace",
    "workspace_templates",
]

PACKAGE = Path(__file__).resolve().parent
CHECKOUT = PACKAGE.parents[1]  # the repository, when vareflyt runs from src/

# installed path inside the package -> the repository's top-level folder (setup.py maps them)
LAYOUT = {"templates": "templates", "workbooks": "workbooks", "addin/source": "addin"}


def folder(installed: str) -> Path:
    """``vareflyt/<installed>`` of an installed wheel, else the checkout's top-level folder."""
    packaged = PACKAGE / installed
    return packaged if packaged.is_dir() else CHECKOUT / LAYOUT[installed]


def templates_folder() -> Path:
    return folder("templates")


def workbooks_folder() -> Path:
    return folder("workbooks")


def addin_sources() -> Path:
    return folder("addin/source")


_workspace = {"root": None}  # the workspace this process works in (set by Workspace)


def use_workspace(root: Path | None) -> None:
    """Documents rendered from now on look in ``root/templates`` first (``letters.render``)."""
    _workspace["root"] = Path(root) if root else None


def workspace_templates() -> Path | None:
    """The ``templates/`` folder of the workspace in use, or None outside a workspace."""
    root = _workspace["root"]
    return root / "templates" if root else None
