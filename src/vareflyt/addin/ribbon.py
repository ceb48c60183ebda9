"""The two ribbon parts of ``vareflyt.xlam`` from one source, and the icon check.

``addin/customUI.xml`` is written in the Office 2010 namespace (2009/07). Excel 2010 and later
read the ``customUI/customUI14.xml`` part, Excel 2007 only ``customUI/customUI.xml`` in the
2006/01 namespace; an add-in that carries both (as xlwings' own add-ins do) shows its tab in
every version, and Excel 2010+ ignores the older part when the newer one is there. The 2007
part is the same text in the older namespace, so the source may only use what the 2007 schema
has: ``ribbon_parts`` refuses the 2010-only elements (Backstage, context menus).

Icons (``imageMso``) must be Excel's own control ids, listed in ``addin/excel-control-ids.txt``
(taken from Microsoft's Excel control list); an id from another Office program can show a
blank button in Excel. ``unknown_icons`` names the ones that are not listed.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

from ..domain.issues import UsageError

NS_2010 = "http://schemas.microsoft.com/office/2009/07/customui"
NS_2007 = "http://schemas.microsoft.com/office/2006/01/customui"
PART_2010 = "customUI/customUI14.xml"
PART_2007 = "customUI/customUI.xml"
# Relationship types from the package root to each part (the 2010 type is named 2007 by Microsoft).
REL_2010 = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
REL_2007 = "http://schemas.microsoft.com/office/2006/relationships/ui/extensibility"
ONLY_2010 = ("backstage", "contextMenus")  # elements the 2006/01 schema does not have
CONTROL_IDS = "excel-control-ids.txt"


def ribbon_parts(source: bytes) -> dict[str, bytes]:
    """``{part name: bytes}`` of both ribbon parts from the 2009/07 source (kept byte for byte
    as the 2010 part). UsageError naming the problem when the source cannot serve Excel 2007."""
    try:
        root = ET.fromstring(source)
    except ET.ParseError as exc:
        raise UsageError(f"customUI.xml er ikke gyldig XML: {exc}. Rett filen og bygg på nytt.") from None
    if root.tag != f"{{{NS_2010}}}customUI":
        raise UsageError(f"customUI.xml må ha rotelementet customUI i navnerommet {NS_2010}.")
    newer = sorted({el.tag.split("}")[-1] for el in root.iter()} & set(ONLY_2010))
    if newer:
        raise UsageError(
            f"customUI.xml bruker {', '.join(newer)}, som Excel 2007 ikke kjenner. "
            f"Båndet bygges i begge versjoner fra samme kilde; ta elementene ut."
        )
    text = source.decode("utf-8")
    older = text.replace(f'xmlns="{NS_2010}"', f'xmlns="{NS_2007}"', 1)
    if older == text:
        raise UsageError(f'customUI.xml må oppgi navnerommet som xmlns="{NS_2010}".')
    return {PART_2010: source, PART_2007: older.encode("utf-8")}


def image_ids(source: bytes) -> list[str]:
    """Every ``imageMso`` of the ribbon source, in document order."""
    return [el.get("imageMso") for el in ET.fromstring(source).iter() if el.get("imageMso")]


def excel_control_ids(path: Path) -> set[str]:
    """The ids of the control-id list file (``#`` lines are comments)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return {ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")}


def unknown_icons(source: bytes, control_ids: set[str]) -> list[str]:
    """The ribbon's ``imageMso`` values that are not Excel control ids."""
    return [icon for icon in image_ids(source) if icon not in control_ids]


def check_icons(source: bytes, folder: Path) -> None:
    """UsageError when the ribbon uses an icon that is not in ``folder``'s control-id list
    (a source folder without the list is not checked)."""
    listed = folder / CONTROL_IDS
    if not listed.is_file():
        return
    unknown = unknown_icons(source, excel_control_ids(listed))
    if unknown:
        raise UsageError(
            f"Ikonene {', '.join(unknown)} i customUI.xml finnes ikke i Excels liste over "
            f"kontroller ({CONTROL_IDS}) og kan vises tomme i Excel. Velg ikoner fra listen."
        )
