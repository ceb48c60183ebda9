"""The ribbon and the button table agree; user errors become clear messages, not tracebacks."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import shutil
from datetime import datetime
from xml.etree import ElementTree as ET

import pytest

from vareflyt.addin import BUTTONS, actions, run
from vareflyt.addin.build import SOURCE
from vareflyt.addin.dispatch import where_files_went
from vareflyt.excel.openpyxl_adapter import OpenpyxlWorkbook

from .conftest import purchasing, receivables

CUI = "{http://schemas.microsoft.com/office/2009/07/customui}"


def _ribbon_buttons() -> dict[str, ET.Element]:
    root = ET.parse(SOURCE / "customUI.xml").getroot()
    assert root.tag == f"{CUI}customUI"
    return {b.get("id"): b for b in root.iter(f"{CUI}button")}


def test_every_ribbon_button_has_a_job_and_every_job_a_button():
    ribbon = _ribbon_buttons()
    assert set(ribbon) == set(BUTTONS)
    for button_id, element in ribbon.items():
        btn = BUTTONS[button_id]
        assert element.get("onAction") == "OnAction"
        assert element.get("label") == btn.label and element.get("imageMso") and element.get("supertip")
        assert btn.action is getattr(actions, button_id)
    public = {
        name
        for name, fn in inspect.getmembers(actions, inspect.isfunction)
        if fn.__module__ == actions.__name__ and list(inspect.signature(fn).parameters) == ["ctx"]
    }
    assert public == {b.action.__name__ for b in BUTTONS.values()}


@pytest.mark.parametrize("button_id", sorted(b.id for b in BUTTONS.values() if b.job))
def test_every_job_path_imports(button_id):
    module, _, name = BUTTONS[button_id].job.partition(":")
    assert callable(getattr(importlib.import_module(module), name))


def test_ribbon_labels_cover_the_issue():
    labels = {b.get("label") for b in _ribbon_buttons().values()}
    assert len(labels) == len(BUTTONS)  # no two buttons look the same
    groups = [g.get("label") for g in ET.parse(SOURCE / "customUI.xml").getroot().iter(f"{CUI}group")]
    assert groups == ["Innkjøp", "Kontroll", "Kundereskontro", "Utsending", "Vareflyt"]


def test_no_workspace_is_a_clear_message(ws, tmp_path):
    lone = tmp_path / "alene"
    lone.mkdir()
    shutil.copyfile(ws.purchasing_workbook, lone / "Innkjop.xlsx")
    book = OpenpyxlWorkbook(lone / "Innkjop.xlsx")
    assert run("make_orders", book) is None
    assert book.messages and book.messages[0].startswith("Fant ingen vareflyt-arbeidsmappe")
    assert "Traceback" not in book.messages[0] and "VAREFLYT_WORKSPACE" in book.messages[0]


def test_workspace_from_environment_when_the_workbook_is_elsewhere(ws, tmp_path, monkeypatch):
    lone = tmp_path / "kopi"
    lone.mkdir()
    shutil.copyfile(ws.receivables_workbook, lone / "Kundereskontro.xlsx")
    monkeypatch.setenv("VAREFLYT_WORKSPACE", str(ws.root))
    book = OpenpyxlWorkbook(lone / "Kundereskontro.xlsx")
    run("about", book)
    assert f"Arbeidsmappe: {ws.root}" in book.messages[0]


def test_locked_workbook_is_a_clear_message(ws):
    from .conftest import with_receivables

    with_receivables(ws)
    (ws.root / "~$Kundereskontro.xlsx").write_bytes(b"owner")
    book = receivables(ws)
    assert run("dunning_preview", book, now=datetime(2024, 3, 8, 9)) is None
    assert "Kundereskontro.xlsx" in book.messages[0] and "Traceback" not in book.messages[0]


def test_cancelled_question_does_nothing(ws):
    book = purchasing(ws)
    assert run("import_parties", book, answers={"file": None}) is None and book.messages == []


def test_missing_file_is_a_clear_message(ws, tmp_path):
    book = purchasing(ws)
    assert run("import_parties", book, answers={"file": tmp_path / "borte.csv"}) is None
    assert book.messages == [f"Fant ikke filen {tmp_path / 'borte.csv'}. Velg filen på nytt."]


def test_unknown_button_and_unexpected_error(ws, monkeypatch):
    book = purchasing(ws)
    assert run("no_such_button", book) is None and "finnes ikke" in book.messages[0]

    def broken(ctx):
        raise RuntimeError("oi")

    monkeypatch.setitem(
        BUTTONS, "open_deviations", dataclasses.replace(BUTTONS["open_deviations"], action=broken)
    )
    book = purchasing(ws)
    assert run("open_deviations", book) is None
    log = ws.private / "addin-feil.log"
    assert "RuntimeError: oi" in book.messages[0] and str(log) in book.messages[0]
    assert "Traceback" in log.read_text(encoding="utf-8") and "Traceback" not in book.messages[0]


def test_where_files_went_groups_by_folder(tmp_path):
    root = tmp_path
    outs = [root / "letters" / "2024-03-08" / f"{n}.pdf" for n in range(3)] + [
        root / "Innkjop.xlsx",
        root / "outbox" / "o.edi",
    ]
    assert where_files_went([str(p) for p in outs], root) == [
        "letters/2024-03-08/ (3 filer)",
        "Innkjop.xlsx",
        "outbox/ (1 fil)",
    ]


def test_about_hides_a_database_password(ws):
    text = ws.config_path.read_text(encoding="utf-8").replace(
        'url = ""', 'url = "postgresql+psycopg://vare:hemmelig@db.local/vareflyt"', 1
    )
    ws.config_path.write_text(text, encoding="utf-8")
    book = receivables(ws)
    run("about", book)
    assert "Lager: postgresql+psycopg://vare:***@db.local/vareflyt" in book.messages[0]
    assert "hemmelig" not in book.messages[0]
