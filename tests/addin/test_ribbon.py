"""The ribbon: Excel's own icons only, both ribbon parts from one source, the Send button; and
the VBA entry points: no run-time error 91 without a workbook, never the VBA debugger."""

from __future__ import annotations

import re
import shutil
import zipfile
from xml.etree import ElementTree as ET

import pytest

from vareflyt.addin import BUTTONS, actions
from vareflyt.addin.build import SOURCE, build_addin
from vareflyt.addin.ribbon import (
    CONTROL_IDS,
    NS_2007,
    NS_2010,
    PART_2007,
    PART_2010,
    REL_2007,
    REL_2010,
    excel_control_ids,
    image_ids,
    ribbon_parts,
    unknown_icons,
)
from vareflyt.domain.issues import UsageError

PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
RIBBON = (SOURCE / "customUI.xml").read_bytes()
BAS = (SOURCE / "vba" / "vareflyt.bas").read_text(encoding="utf-8")


def test_every_icon_is_in_excels_control_list():
    listed = excel_control_ids(SOURCE / CONTROL_IDS)
    assert len(image_ids(RIBBON)) == len(BUTTONS)
    assert unknown_icons(RIBBON, listed) == []
    # The list is Excel's alone: the ids the issue found in Access's, Word's or Outlook's lists
    # (or in none) are not in it, and Excel's own common ones are.
    assert (
        not {
            "ImportExcel",
            "ImportTextFile",
            "CreateTable",
            "ReviewAcceptChange",
            "AcceptInvitation",
            "HappyFace",
        }
        & listed
    )
    assert {"FileOpen", "AutoSum", "FilePrint", "GetExternalDataFromText"} <= listed and len(listed) > 1500
    header = (SOURCE / CONTROL_IDS).read_text(encoding="utf-8").split("\n", 6)[:6]
    assert any("Office Fluent UI Command Identifiers" in line for line in header)


def test_build_refuses_an_icon_excel_does_not_have(tmp_path):
    source = tmp_path / "kilde"
    shutil.copytree(SOURCE, source)
    ui = source / "customUI.xml"
    ui.write_text(
        ui.read_text(encoding="utf-8").replace('imageMso="Help"', 'imageMso="HappyFace"'), encoding="utf-8"
    )
    with pytest.raises(UsageError, match="HappyFace"):
        build_addin(tmp_path / "x.xlam", source)


def test_both_ribbon_parts_from_one_source(tmp_path):
    with zipfile.ZipFile(build_addin(tmp_path / "vareflyt.xlam")) as z:
        rels = {
            r.get("Type"): r.get("Target")
            for r in ET.fromstring(z.read("_rels/.rels")).iter(f"{PKG}Relationship")
        }
        newer, older = z.read(PART_2010), z.read(PART_2007)
    assert rels[REL_2010] == PART_2010 and rels[REL_2007] == PART_2007
    assert newer == RIBBON
    new_root, old_root = ET.fromstring(newer), ET.fromstring(older)
    assert old_root.tag == f"{{{NS_2007}}}customUI" and new_root.tag == f"{{{NS_2010}}}customUI"

    def strip(root):
        return [(el.tag.split("}")[-1], sorted(el.attrib.items())) for el in root.iter()]

    assert strip(old_root) == strip(new_root) and len(strip(old_root)) > 20
    assert NS_2010 not in older.decode("utf-8")


def test_a_2010_only_element_is_refused_for_the_2007_part():
    backstage = RIBBON.replace(b"</ribbon>", b'</ribbon><backstage><tab id="t" label="x"/></backstage>')
    with pytest.raises(UsageError, match="backstage.*Excel 2007"):
        ribbon_parts(backstage)


def test_send_button_after_dunning_send_and_make_orders():
    order = [b.get("id") for b in ET.fromstring(RIBBON).iter(f"{{{NS_2010}}}button")]
    assert order.index("send") > order.index("dunning_send") > order.index("make_orders")
    send = next(b for b in ET.fromstring(RIBBON).iter(f"{{{NS_2010}}}button") if b.get("id") == "send")
    assert send.get("label") == "Send" and send.get("onAction") == "OnAction"
    assert BUTTONS["send"].action is actions.send


def _procedures(source: str) -> dict[str, str]:
    """Public Sub/Function name -> its body."""
    found = re.finditer(r"^(Private\s+)?(Sub|Function)\s+(\w+)\(.*?^End \2", source, re.M | re.S)
    return {m.group(3): m.group(0) for m in found if not m.group(1)}


def test_every_vba_entry_point_has_an_error_handler_with_a_message():
    entry = _procedures(BAS)
    assert set(entry) == {"OnAction", "AskFile", "AskText"}
    for name, body in entry.items():
        statements = [
            ln.strip() for ln in body.split("\n")[1:] if ln.strip() and not ln.strip().startswith("'")
        ]
        assert statements[0] == "On Error GoTo Failed", name
        handler = body.split("\nFailed:\n", 1)[1]
        assert "ShowError" in handler, name
        assert re.search(r"^\s*Exit (Sub|Function)\s*$", body.split("\nFailed:\n")[0], re.M), name
    show = re.search(r"^Private Sub ShowError\(\).*?^End Sub", BAS, re.M | re.S).group(0)
    assert "MsgBox" in show and "Err.Description" in show and "On Error Resume Next" in show


def _norsk(text: str) -> str:
    """What the VBA's Norsk() makes of a message."""
    return text.replace("{ae}", "æ").replace("{oe}", "ø").replace("{aa}", "å").replace("{AA}", "Å")


def test_no_open_workbook_is_a_norwegian_message_before_runpython():
    on_action = _procedures(BAS)["OnAction"]
    check = on_action.index("If ActiveWorkbook Is Nothing Then")
    assert check < on_action.index('RunPython "')
    branch = on_action[check : on_action.index("End If", check)]
    assert "MsgBox" in branch and "Exit Sub" in branch
    message = "".join(re.findall(r'"([^"]*)"', branch.split("MsgBox", 1)[1].split("vbInformation")[0]))
    assert _norsk(message) == (
        "Ingen arbeidsbok er åpen. Åpne Innkjop.xlsx eller Kundereskontro.xlsx fra "
        "vareflyt-arbeidsmappen, og trykk knappen igjen."
    )
    assert all(ord(ch) < 128 for ch in BAS)  # the letters come from ChrW, whatever the code page
