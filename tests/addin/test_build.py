"""The built add-in: a valid OPC package with the ribbon and a VBA project that oletools reads
back, holding our dispatcher exactly and the installed xlwings module; reproducible."""

from __future__ import annotations

import io
import random
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import olefile
import pytest
import xlwings
from oletools.olevba import VBA_Parser, decompress_stream

from vareflyt.addin.build import SOURCE, UI_PART, UI_REL, build_addin
from vareflyt.addin.cfb import write_compound_file
from vareflyt.addin.ovba import compress
from vareflyt.addin.ui import MACROS

CUI = "{http://schemas.microsoft.com/office/2009/07/customui}"
PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"


@pytest.fixture(scope="module")
def xlam(tmp_path_factory) -> Path:
    return build_addin(tmp_path_factory.mktemp("xlam") / "vareflyt.xlam")


@pytest.fixture(scope="module")
def macros(xlam) -> dict[str, str]:
    parser = VBA_Parser(str(xlam))
    try:
        assert parser.detect_vba_macros()
        return {name: code for _, stream, name, code in parser.extract_macros()}
    finally:
        parser.close()


def _crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def test_package_parts_relationships_and_addin_type(xlam):
    with zipfile.ZipFile(xlam) as z:
        assert z.testzip() is None
        names = z.namelist()
        assert names[0] == "[Content_Types].xml"
        types = ET.fromstring(z.read("[Content_Types].xml"))
        overrides = {o.get("PartName"): o.get("ContentType") for o in types.iter(f"{CT}Override")}
        defaults = {d.get("Extension"): d.get("ContentType") for d in types.iter(f"{CT}Default")}
        assert overrides["/xl/workbook.xml"] == "application/vnd.ms-excel.addin.macroEnabled.main+xml"
        assert defaults["bin"] == "application/vnd.ms-office.vbaProject"
        rels = {
            r.get("Type"): r.get("Target")
            for r in ET.fromstring(z.read("_rels/.rels")).iter(f"{PKG}Relationship")
        }
        assert rels[UI_REL] == UI_PART and UI_PART in names
        assert (
            rels["http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"]
            == "xl/workbook.xml"
        )
        wb_rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Target") for r in wb_rels.iter(f"{PKG}Relationship")}
        assert {"vbaProject.bin", "worksheets/sheet1.xml", "styles.xml"} <= targets
        for name in names:
            if name.endswith((".xml", ".rels")):
                ET.fromstring(z.read(name))  # every XML part parses
        assert z.read(UI_PART) == (SOURCE / "customUI.xml").read_bytes()
    from python_calamine import CalamineWorkbook  # an independent reader finds the workbook and its sheet

    assert CalamineWorkbook.from_filelike(io.BytesIO(xlam.read_bytes())).sheet_names == ["Vareflyt"]


def test_vba_project_has_dispatcher_as_written_and_every_callback(macros):
    written = (SOURCE / "vba" / "vareflyt.bas").read_text(encoding="utf-8")
    assert macros["vareflyt.bas"] == _crlf(written)
    assert 'RunPython "import vareflyt.addin as a; a.run(\'" & control.Id & "\')"' in macros["vareflyt.bas"]
    subs = {
        m.group(1).lower()
        for code in macros.values()
        for m in re.finditer(r"^\s*(?:Public\s+|Private\s+)?(?:Sub|Function)\s+(\w+)", code, re.M | re.I)
    }
    ui = ET.parse(SOURCE / "customUI.xml").getroot()
    callbacks = {
        el.get(attr)
        for el in ui.iter()
        for attr in ("onAction", "getEnabled", "getLabel", "onLoad")
        if el.get(attr)
    }
    assert callbacks == {"OnAction"}
    assert {c.split(".")[-1].lower() for c in callbacks} | {m.lower() for m in MACROS} <= subs
    assert re.search(r"^Sub OnAction\(control As IRibbonControl\)", macros["vareflyt.bas"], re.M)


def test_xlwings_module_comes_from_installed_xlwings(macros):
    module = macros["xlwings.bas"]
    assert f'XLWINGS_VERSION As String = "{xlwings.__version__}"' in module
    assert 'PROJECT_NAME As String = "vareflyt"' in module and "Public Function RunPython(" in module
    source = (Path(xlwings.__file__).parent / "xlwings_custom_addin.bas").read_text(encoding="utf-8")
    assert module == _crlf(
        source.replace('PROJECT_NAME As String = "myaddin"', 'PROJECT_NAME As String = "vareflyt"')
    )
    assert macros["Dictionary.cls"].startswith('Attribute VB_Name = "Dictionary"\r\nAttribute VB_Base = ')
    assert set(macros) == {"ThisWorkbook.cls", "Sheet1.cls", "vareflyt.bas", "xlwings.bas", "Dictionary.cls"}


def test_compound_file_is_well_formed(xlam):
    with zipfile.ZipFile(xlam) as z:
        data = z.read("xl/vbaProject.bin")
    ole = olefile.OleFileIO(io.BytesIO(data), raise_defects=olefile.DEFECT_INCORRECT)
    assert sorted("/".join(p) for p in ole.listdir()) == sorted(
        [
            "PROJECT",
            "PROJECTwm",
            "VBA/_VBA_PROJECT",
            "VBA/dir",
            "VBA/ThisWorkbook",
            "VBA/Sheet1",
            "VBA/vareflyt",
            "VBA/xlwings",
            "VBA/Dictionary",
        ]
    )
    project = ole.openstream("PROJECT").read().decode("cp1252")
    assert "Document=ThisWorkbook/&H00000000" in project and "Class=Dictionary" in project
    assert "Module=vareflyt" in project and 'Name="VareflytAddin"' in project
    assert ole.openstream("VBA/_VBA_PROJECT").read()[:4] == b"\xcc\x61\xff\xff"  # no compiled cache


def test_build_is_reproducible(xlam, tmp_path):
    again = build_addin(tmp_path / "again.xlam")
    assert again.read_bytes() == xlam.read_bytes()


@pytest.mark.parametrize("kind", ["text", "random", "repeats", "empty", "exact_chunk"])
def test_compression_round_trips(kind):
    rng = random.Random(7)
    data = {
        "text": ('Sub A()\r\n    MsgBox "hei"\r\nEnd Sub\r\n' * 400).encode(),
        "random": bytes(rng.randrange(256) for _ in range(9000)),
        "repeats": b"a" * 10000 + b"ab" * 3000,
        "empty": b"",
        "exact_chunk": bytes(rng.randrange(256) for _ in range(4096)),
    }[kind]
    packed = compress(data)
    unpacked = bytes(decompress_stream(bytearray(packed)))
    assert unpacked[: len(data)] == data and (kind not in ("text", "repeats") or len(packed) < len(data) // 2)
    assert len(unpacked) == len(data) or kind == "random"  # a last raw chunk is padded to 4096


def test_compound_file_with_big_and_empty_streams():
    streams = {f"S/{n}": bytes([n]) * (n * 997) for n in range(12)}
    streams["Top"] = b"x" * 70000
    ole = olefile.OleFileIO(io.BytesIO(write_compound_file(streams)), raise_defects=olefile.DEFECT_INCORRECT)
    for path, data in streams.items():
        assert ole.openstream(path).read() == data
