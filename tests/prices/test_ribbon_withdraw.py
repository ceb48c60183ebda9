"""The ribbon side of issue 14, item 2: "Importer prisliste" asks before importing a list the
wrong-supplier guard stops, and "Trekk tilbake prisliste" asks for the supplier and confirms the
version it withdraws (run through ``vareflyt.addin.run`` on the openpyxl adapter)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from vareflyt.addin import run
from vareflyt.addin.ui import ScriptedUI
from vareflyt.excel.openpyxl_adapter import OpenpyxlWorkbook
from vareflyt.jobs.approve_prices import list_versions
from vareflyt.jobs.import_prices import import_prices, lookup_price

from .supplier_files import NORDISK, VEST, articles, make_ws, xlsx_plain

HEAD = ["Varenr", "EAN", "Varebeskrivelse", "Enhet", "Nettopris"]
NOW = datetime(2026, 12, 1, 10)


class AskingUI(ScriptedUI):
    """Scripted answers, remembering what it was asked to confirm."""

    def __init__(self, answers):
        super().__init__(answers)
        self.asked: list[str] = []

    def confirm(self, text: str) -> None:
        self.asked.append(text)
        super().confirm(text)


@pytest.fixture
def ws(tmp_path, monkeypatch):
    monkeypatch.delenv("VAREFLYT_WORKSPACE", raising=False)
    workspace = make_ws(tmp_path / "ws")
    start = date(2026, 1, 1)
    import_prices(
        workspace,
        xlsx_plain(tmp_path / "n.xlsx", HEAD, articles("N", 25, 703100000000)),
        NORDISK,
        "new",
        start,
        today=start,
    )
    import_prices(
        workspace,
        xlsx_plain(tmp_path / "v.xlsx", HEAD, articles("V", 30, 703200000000)),
        VEST,
        "new",
        start,
        today=start,
    )
    yield workspace
    workspace.close()


@pytest.fixture
def wrong(tmp_path):
    return xlsx_plain(tmp_path / "vest_ny.xlsx", HEAD, articles("V", 30, 703200000000, price=55.0))


def test_guarded_import_asks_and_a_no_leaves_the_catalogue(ws, wrong):
    ui = AskingUI({"file": wrong, "supplier": NORDISK, "confirm": False})
    result = run("import_prices", OpenpyxlWorkbook(ws.purchasing_workbook), ui=ui, now=NOW)
    assert result.ok is False and result.issues[0].code == "price.wrong_supplier"
    [asked] = ui.asked
    assert "Vestlandske Byggevarer AS (7080000000036): 30 av 30 varer" in asked and "importeres?" in asked
    assert lookup_price(ws, NORDISK, "N001", NOW.date()).ok


def test_guarded_import_with_a_yes_is_forced(ws, wrong):
    ui = AskingUI({"file": wrong, "supplier": NORDISK, "confirm": True})
    result = run("import_prices", OpenpyxlWorkbook(ws.purchasing_workbook), ui=ui, now=NOW)
    assert result.ok and result.extra["supplier_guard"]["forced"] is True and result.extra["version"] == 2


def test_withdraw_button_confirms_the_newest_version_and_restores_the_catalogue(ws, wrong):
    import_prices(ws, wrong, NORDISK, "new", date(2026, 11, 1), force=True, today=date(2026, 11, 1))
    book = OpenpyxlWorkbook(ws.purchasing_workbook)
    ui = AskingUI({"supplier": NORDISK, "confirm": False})
    assert run("withdraw_prices", book, ui=ui, now=NOW) is None  # no: nothing withdrawn
    assert (
        "Trekke tilbake prislisteversjon 2 (vest_ny.xlsx, gyldig fra "
        "2026-11-01) fra Nordisk Trelast AS (7080000000029)?"
    ) in ui.asked[0]
    assert "Versjon 1 (n.xlsx) gjelder igjen." in ui.asked[0]
    assert all(v["withdrawn_at"] is None for v in list_versions(ws, NORDISK).extra["versions"])
    result = run("withdraw_prices", book, ui=AskingUI({"supplier": NORDISK, "confirm": True}), now=NOW)
    assert result.counts == {"withdrawn": 1} and result.extra["version"] == 2
    table = OpenpyxlWorkbook(ws.purchasing_workbook).read_table("catalogue")
    assert sorted(set(table.loc[table["supplier_gln"] == NORDISK, "article_no"]))[:2] == ["N001", "N002"]
    assert "trukket tilbake" in book.messages[-1]


def test_withdraw_button_with_nothing_to_withdraw(ws):
    result = run(
        "withdraw_prices",
        OpenpyxlWorkbook(ws.purchasing_workbook),
        ui=AskingUI({"supplier": "7080000000043", "confirm": True}),
        now=NOW,
    )
    assert result.counts == {"withdrawn": 0} and "Ingen prislister fra 7080000000043" in result.summary
