"""The ribbon's Excel path: ``xw.Book.caller()`` wrapped in the xlwings adapter, questions and
messages through the Excel app, progress in the status bar. Against an in-memory stand-in for
xlwings always, and against real Excel whenever an xlwings engine is available."""

from __future__ import annotations

import shutil
from datetime import datetime

import pytest

from tests.excel_port import fake_xlwings as fx
from vareflyt.addin import dispatch, run
from vareflyt.addin.status import StatusBarProgress
from vareflyt.excel.schemas import TABLES

from .conftest import with_receivables


class App(fx.App):
    def __init__(self, answers=None):
        super().__init__()
        self.answers, self.books, self.bar, self.macros, self.active = dict(answers or {}), [], [], [], []

    @property
    def status_bar(self):
        return self.bar[-1] if self.bar else False

    @status_bar.setter
    def status_bar(self, value):
        self.bar.append(value)

    def macro(self, name):
        def call(*args):
            self.macros.append((name, args))
            return self.answers[name.rsplit(".", 1)[-1]]

        return call

    def alert(self, prompt, title=None, buttons="ok", **_):
        self.alerts.append((title, prompt))
        return self.answers.get("alert", "ok")


def _letter(n: int) -> str:
    return chr(64 + n) if n <= 26 else chr(64 + (n - 1) // 26) + chr(65 + (n - 1) % 26)


def excel_book(path, app, workbook: str | None):
    """A stand-in for the workbook open in Excel: the schema's tables with headings only."""
    book = fx.Book(path.name)
    book.fullname, book.app = str(path), app
    app.books.append(book)
    for schema in TABLES.values():
        if schema.workbook == workbook:
            sheet = book.sheets.add(schema.sheet)
            sheet.activate = lambda name=schema.sheet: app.active.append(name)
            sheet.range("A1").value = [schema.headings]
            sheet.tables.append(fx.Table(sheet, schema.table, f"A1:{_letter(len(schema.columns))}2"))
    return book


def _rows(book, sheet_name):
    sheet = book.sheets[sheet_name]
    return sorted({r for (r, _c) in sheet.cells if r > 1})


def test_import_with_workbook_open_in_excel_writes_through_excel(ws, party_file, monkeypatch):
    app = App({"AskFile": str(party_file)})
    book = excel_book(ws.purchasing_workbook, app, "purchasing")
    (ws.root / "~$Innkjop.xlsx").write_bytes(b"Excel")  # Excel has the file open
    monkeypatch.setattr(dispatch, "_caller", lambda: book)
    result = run("import_parties")
    assert app.macros == [
        ("'vareflyt.xlam'!vareflyt.AskFile", ("Velg partslisten (xlsx, xls, ods eller csv)",))
    ]
    assert result.counts["imported"] == 2 and not any(i.code == "workbook.locked" for i in result.issues)
    sheet = book.sheets["Parter"]
    assert {v for v in sheet.cells.values()} >= {"Rørgrossisten AS", "Trelast Vest AS", "7080000000029"}
    assert len(_rows(book, "Parter")) == 2
    assert app.alerts[-1][0] == "Vareflyt" and "2 importert" in app.alerts[-1][1]
    assert (
        any(str(s).startswith("Vareflyt: Kontrollerer parter.csv") for s in app.bar) and app.bar[-1] is False
    )


def test_other_workbook_open_in_same_excel_is_written_there(ws, monkeypatch):
    with_receivables(ws)
    app = App()
    caller = excel_book(ws.purchasing_workbook, app, "purchasing")
    other = excel_book(ws.receivables_workbook, app, "receivables")
    monkeypatch.setattr(dispatch, "_caller", lambda: caller)
    result = run("aged_receivables", now=datetime(2024, 3, 8, 12))
    assert result.counts["customers"] == 3 and len(_rows(other, "Aldersfordeling")) == 4
    assert "Aldersfordeling per 08.03.2024" in app.alerts[-1][1]


def test_open_deviations_shows_the_sheet(ws, monkeypatch):
    app = App()
    book = excel_book(ws.purchasing_workbook, app, "purchasing")
    monkeypatch.setattr(dispatch, "_caller", lambda: book)
    result = run("open_deviations")
    assert result.counts == {
        "orders_invoiced_changed": 0,
        "manual_receipts": 0,
        "deviations": 0,
        "open": 0,
    } and app.active == ["Avvik"]


def test_not_a_vareflyt_workbook(ws, tmp_path, monkeypatch):
    app = App()
    book = excel_book(tmp_path / "Bok1.xlsx", app, None)
    monkeypatch.setattr(dispatch, "_caller", lambda: book)
    assert run("make_orders") is None
    assert (
        app.alerts == [("Vareflyt", app.alerts[0][1])]
        and "Kjenner ikke igjen arbeidsboken Bok1.xlsx" in app.alerts[0][1]
    )
    result = run("about")  # about works anywhere
    assert result is not None and "Arbeidsmappe: ingen" in app.alerts[-1][1]


def test_confirm_through_excel_alert(ws, monkeypatch):
    with_receivables(ws)
    app = App({"alert": "no"})
    book = excel_book(ws.receivables_workbook, app, "receivables")
    monkeypatch.setattr(dispatch, "_caller", lambda: book)
    assert run("dunning_send", now=datetime(2024, 3, 8, 9)) is None
    assert len(app.alerts) == 1 and "registrere dem som laget" in app.alerts[0][1]


def test_status_bar_progress_is_throttled_and_given_back():
    app, clock = App(), iter([0.1, 0.4, 0.5, 0.6])
    bar = StatusBarProgress(app, interval=0.3, clock=lambda: next(clock))
    with bar.task("Leser innboks", total=4) as task:
        with bar.task("Lagrer"):
            pass
        for _ in range(4):
            task.advance()
    bar.clear()
    assert app.bar == [
        "Vareflyt: Leser innboks – 0 av 4 (0 %)",
        "Vareflyt: Lagrer …",
        "Vareflyt: Leser innboks – 0 av 4 (0 %)",
        "Vareflyt: Leser innboks – 2 av 4 (50 %)",
        "Vareflyt: Leser innboks – 4 av 4 (100 %)",
        False,
    ]


def _excel_available() -> bool:
    """xlwings' interactive mode needs Excel on Windows or macOS; on Linux ``xw.apps`` raises."""
    try:
        import xlwings as xw

        return xw.apps.count >= 0
    except Exception:
        return False


@pytest.mark.skipif(not _excel_available(), reason="needs desktop Excel (an xlwings engine)")
def test_real_excel_aged_receivables(ws, tmp_path):
    import xlwings as xw

    from vareflyt.excel.xlwings_adapter import XlwingsWorkbook

    with_receivables(ws)
    copy = ws.root / "Kundereskontro.xlsx"
    with xw.App(visible=False) as excel:
        book = excel.books.open(str(copy))
        port = XlwingsWorkbook(book)
        port.show_message = port.messages.append  # no dialog in a test run
        bar = StatusBarProgress(excel, interval=0)
        with bar.task("Prøver statuslinjen", total=2) as task:
            task.advance()
            assert excel.status_bar == "Vareflyt: Prøver statuslinjen – 1 av 2 (50 %)"
        result = run("aged_receivables", port, progress=bar, now=datetime(2024, 3, 8, 12))
        assert excel.status_bar is False  # given back to Excel
        assert result.counts["customers"] == 3
        assert port.read_table("aging")["customer_name"].tolist()[-1] == "Sum"
        assert "Aldersfordeling per 08.03.2024" in port.messages[0]
        book.close()
    shutil.rmtree(tmp_path, ignore_errors=True)


def test_questions_fall_back_to_tk_when_excel_refuses_the_macro(ws, party_file, monkeypatch):
    from vareflyt.addin import ui

    app = App()
    app.macro = lambda name: (_ for _ in ()).throw(RuntimeError("Excel is busy"))
    asked = []
    monkeypatch.setattr(ui, "tk_fallback", lambda name, *args: asked.append((name, args)) or str(party_file))
    book = excel_book(ws.purchasing_workbook, app, "purchasing")
    monkeypatch.setattr(dispatch, "_caller", lambda: book)
    assert run("import_parties").counts["imported"] == 2
    assert asked == [("AskFile", ("Velg partslisten (xlsx, xls, ods eller csv)",))]


def test_price_import_with_workbook_open_fills_catalogue_in_excel(ws, monkeypatch):
    from .conftest import DATA, SUPPLIER

    app = App({"AskFile": str(DATA / "prices" / "jernvare.csv"), "AskText": "7080000000028"})
    book = excel_book(ws.purchasing_workbook, app, "purchasing")
    (ws.root / "~$Innkjop.xlsx").write_bytes(b"Excel")
    monkeypatch.setattr(dispatch, "_caller", lambda: book)
    assert run("import_prices") is None  # check digit wrong: asked again, nothing imported
    assert "«7080000000028» er verken en leverandør i partnerlisten eller et gyldig GLN" in app.alerts[-1][1]
    app.answers["AskText"] = SUPPLIER
    result = run("import_prices")
    assert result.counts["imported"] == 4 and not any(
        i.code == "price.workbook_locked" for i in result.issues
    )
    assert len(_rows(book, "Katalog")) == 3 and "J-001" in book.sheets["Katalog"].cells.values()
