"""``vareflyt addin build``: ``vareflyt.xlam`` from its sources, on any platform.

The add-in is an OPC (zip) package: ``[Content_Types].xml`` (the workbook part has the
add-in content type, which is what makes Excel load it as an add-in: hidden, no window),
``_rels/.rels`` (the workbook, and the ribbon in both parts, ``customUI/customUI14.xml`` for
Excel 2010+ and ``customUI/customUI.xml`` for Excel 2007, made from one source by ``ribbon``),
one hidden sheet and ``xl/vbaProject.bin``. The sources are the repository's ``addin/`` folder,
shipped in the wheel as ``vareflyt/addin/source``, so an installed vareflyt builds its add-in too.
The VBA project holds the dispatcher (``addin/vba/vareflyt.bas``), the workbook's and sheet's empty
document modules, and the xlwings module and its
``Dictionary`` class (needed on macOS) read from the *installed* xlwings package, with
xlwings' custom add-in settings name set to ``vareflyt`` (settings file ``vareflyt.conf``).
Entries have fixed times, so the same sources and xlwings version give the same bytes.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ..bundled import addin_sources
from ..domain.issues import UsageError
from ..files import atomic_write
from .ovba import CLASS_BASE, SHEET_BASE, WORKBOOK_BASE, Module, document_module, vba_project
from .ribbon import PART_2007, PART_2010, REL_2007, REL_2010, check_icons, ribbon_parts

SOURCE = addin_sources()  # the repository's addin/; vareflyt/addin/source in the wheel (setup.py)
CHECKOUT = Path(__file__).resolve().parents[3]
PROJECT_NAME = "vareflyt"  # xlwings' PROJECT_NAME: the settings file is vareflyt.conf
VBA_PROJECT = "VareflytAddin"
PROJECT_ID = "{6A1F3C52-8E0B-4D7A-9C41-2B5E7D903F18}"
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
UI_REL, UI_PART = REL_2010, PART_2010
_TIME = (1980, 1, 1, 0, 0, 0)

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
<Default Extension="xml" ContentType="application/xml"/>\
<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>\
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.addin.macroEnabled.main+xml"/>\
<Override PartName="/xl/worksheets/sheet1.xml" \
ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
<Override PartName="/xl/styles.xml" \
ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
<Override PartName="/docProps/core.xml" \
ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
<Override PartName="/docProps/app.xml" \
ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>\
</Types>"""

ROOT_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{_PKG}">\
<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>\
<Relationship Id="rId2" \
Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" \
Target="docProps/core.xml"/>\
<Relationship Id="rId3" Type="{_REL}/extended-properties" Target="docProps/app.xml"/>\
<Relationship Id="rId4" Type="{REL_2010}" Target="{PART_2010}"/>\
<Relationship Id="rId5" Type="{REL_2007}" Target="{PART_2007}"/>\
</Relationships>"""

WORKBOOK = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><workbookPr codeName="ThisWorkbook"/>\
<bookViews><workbookView visibility="hidden"/></bookViews>\
<sheets><sheet name="Vareflyt" sheetId="1" r:id="rId1"/></sheets></workbook>"""

WORKBOOK_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{_PKG}">\
<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>\
<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/>\
<Relationship Id="rId3" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" \
Target="vbaProject.bin"/>\
</Relationships>"""

SHEET = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="{_MAIN}"><sheetPr codeName="Sheet1"/><sheetData/></worksheet>"""

STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="{_MAIN}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>\
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill \
patternType="gray125"/></fill></fills>\
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>\
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"""

CORE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Vareflyt</dc:title><dc:creator>vareflyt</dc:creator>\
</cp:coreProperties>"""

APP = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">\
<Application>Microsoft Excel</Application></Properties>"""


def xlwings_sources() -> tuple[str, str, str]:
    """(xlwings version, custom add-in module text, Dictionary class text) from the installed
    xlwings package; UsageError naming the fix when xlwings is not installed."""
    try:
        import xlwings  # only to find its files; the add-in build never talks to Excel
    except ImportError as exc:  # xlwings is an optional third-party extra (vareflyt[excel])
        raise UsageError(
            "xlwings er ikke installert i dette Python-miljøet. Installer med "
            "«pip install xlwings» (eller vareflyt[excel]) og bygg på nytt."
        ) from exc
    root = Path(xlwings.__file__).parent
    module = (root / "xlwings_custom_addin.bas").read_text(encoding="utf-8")
    module, n = re.subn(r'(Public Const PROJECT_NAME As String = )"[^"]*"', rf'\1"{PROJECT_NAME}"', module)
    if n != 1:
        raise UsageError(
            f"Fant ikke PROJECT_NAME i xlwings {xlwings.__version__} sin tilleggsmodul; "
            f"denne xlwings-versjonen støttes ikke av «vareflyt addin build»."
        )
    return (
        xlwings.__version__,
        module,
        class_source((root / "addin" / "Dictionary.cls").read_text(encoding="utf-8")),
    )


def class_source(text: str) -> str:
    """A ``.cls`` export -> module source: drop the ``VERSION``/``BEGIN … END`` header."""
    lines = text.replace("\r\n", "\n").split("\n")
    if lines and lines[0].startswith("VERSION"):
        end = lines.index("END")
        lines = lines[end + 1 :]
    if (
        lines
        and lines[0].startswith("Attribute VB_Name")
        and not any(x.startswith("Attribute VB_Base") for x in lines)
    ):
        lines.insert(1, f'Attribute VB_Base = "{CLASS_BASE}"')  # as Excel stores a class module
    return "\r\n".join(lines)


def vba_modules(dispatcher: str, xlwings_module: str, dictionary: str) -> list[Module]:
    return [
        document_module("ThisWorkbook", WORKBOOK_BASE),
        document_module("Sheet1", SHEET_BASE),
        Module("vareflyt", dispatcher),
        Module("xlwings", xlwings_module),
        Module("Dictionary", dictionary, "class"),
    ]


def default_output() -> Path:
    """``addin/vareflyt.xlam`` in a source checkout (git-ignored), else in the current folder."""
    if (CHECKOUT / "pyproject.toml").is_file() and (CHECKOUT / "addin").is_dir():
        return CHECKOUT / "addin" / "vareflyt.xlam"
    return Path.cwd() / "vareflyt.xlam"


def build_addin(output: str | Path | None = None, source: str | Path | None = None) -> Path:
    """Write the add-in to ``output`` (default ``default_output()``) from ``source`` (default
    ``bundled.addin_sources()``: the repository's ``addin/``, or the installed copy); returns the path
    written."""
    src = Path(source) if source else SOURCE
    ui, bas = src / "customUI.xml", src / "vba" / "vareflyt.bas"
    if not ui.is_file() or not bas.is_file():
        raise UsageError(
            f"Fant ikke kildene til tillegget i {src} (customUI.xml og vba/vareflyt.bas). "
            f"Installer vareflyt på nytt, eller oppgi --source MAPPE."
        )
    ribbon = ui.read_bytes()
    check_icons(ribbon, src)
    _, xlwings_module, dictionary = xlwings_sources()
    project = vba_project(
        vba_modules(bas.read_text(encoding="utf-8"), xlwings_module, dictionary),
        name=VBA_PROJECT,
        project_id=PROJECT_ID,
    )
    parts = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("docProps/app.xml", APP),
        ("docProps/core.xml", CORE),
        ("xl/workbook.xml", WORKBOOK),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        ("xl/worksheets/sheet1.xml", SHEET),
        ("xl/styles.xml", STYLES),
        *ribbon_parts(ribbon).items(),
        ("xl/vbaProject.bin", project),
    ]
    target = Path(output) if output else default_output()
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_write(target) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, _TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)
    return target
