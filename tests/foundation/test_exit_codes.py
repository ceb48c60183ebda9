"""Exit codes per command, as the README states them: 0 the job ran (findings are results),
1 the input was rejected, 2 usage or configuration, 3 a workbook is open in Excel (its lock file
``~$<name>.xlsx`` beside it) and was not overwritten — for every command that writes a workbook.

Inputs are written here by hand (openpyxl sheets, CSV and EDIFACT text), the way other systems
write them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from vareflyt.cli.app import app

runner = CliRunner()
SUPPLIER = "7080000000029"
PARTY_HEAD = ["Partnernr", "Navn", "GLN", "Org.nr.", "Roller"]
PRICE_HEAD = ["Varenr", "Varenavn", "Enhet", "Nettopris", "Gyldig fra"]
ORDERS = (
    "UNA:+.? 'UNB+UNOC:3+7080000000012:14+7080000000029:14+260301:0800+42'UNH+1+ORDERS:D:03A:UN:EAN010'"
    "BGM+220+4711+9'DTM+137:20260301:102'DTM+2:20260308:102'NAD+BY+7080000000012::9'"
    "NAD+SU+7080000000029::9'LIN+1++7031234000019:EN'QTY+21:10:EA'UNS+S'CNT+2:1'UNT+11+1'UNZ+1+42'"
)


def xlsx(path: Path, rows: list[list]) -> Path:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def lock(ws: Path, workbook: str) -> None:
    """What Excel leaves beside a workbook it has open."""
    (ws / f"~${workbook}").write_bytes(b"\x0bExcel-bruker" + b"\x00" * 40)


def price_list(tmp: Path, name: str = "priser.xlsx", net: float = 90.0) -> Path:
    return xlsx(
        tmp / name,
        [PRICE_HEAD, ["A1", "Plank", "m", net, "01.02.2026"], ["A2", "Lekt", "m", 20, "01.02.2026"]],
    )


def prices(ws: Path, *args: str) -> list[str]:
    return ["prices", *args, "--supplier", SUPPLIER, "-w", str(ws)]


def _import(ws: Path, tmp: Path, name: str, net: float) -> None:
    done = runner.invoke(app, prices(ws, "import", str(price_list(tmp, name, net)), "--kind", "new"))
    assert done.exit_code == 0, done.output


# --- one function per case: prepare the workspace, return the command line -------------------


def parties_import_ran(ws, tmp):
    return [
        "parties",
        "import",
        str(
            xlsx(tmp / "parter.xlsx", [PARTY_HEAD, ["1001", "Trelast Vest AS", SUPPLIER, "923609016", "SU"]])
        ),
        "-w",
        str(ws),
    ]


def parties_import_locked(ws, tmp):
    lock(ws, "Innkjop.xlsx")
    return parties_import_ran(ws, tmp)


def parties_import_not_excel(ws, tmp):
    text = tmp / "parter.xlsx"  # a text file someone renamed .xlsx
    text.write_text("Partnernr;Navn;GLN\n1001;Trelast Vest AS;7080000000029\n", encoding="utf-8")
    return ["parties", "import", str(text), "-w", str(ws)]


def prices_import_locked(ws, tmp):
    lock(ws, "Innkjop.xlsx")
    return prices(ws, "import", str(price_list(tmp)))


def prices_import_not_excel(ws, tmp):
    text = tmp / "priser.xlsx"
    text.write_text("Varenr;Varenavn;Nettopris\nA1;Plank;90\n", encoding="utf-8")
    return prices(ws, "import", str(text))


def prices_approve_locked(ws, tmp):
    config = ws / "vareflyt.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("approve_before_use = false", "approve_before_use = true"),
        encoding="utf-8",
    )
    _import(ws, tmp, "v1.xlsx", 90)
    lock(ws, "Innkjop.xlsx")
    return prices(ws, "approve")


def prices_withdraw_locked(ws, tmp):
    _import(ws, tmp, "v1.xlsx", 90)
    _import(ws, tmp, "v2.xlsx", 95)
    lock(ws, "Innkjop.xlsx")
    return prices(ws, "withdraw", "--version", "2")


def prices_lookup_not_found(ws, tmp):
    return prices(ws, "lookup", "--article", "A1", "--date", "2026-03-01")


def locked_run(command: list[str], workbook: str):
    def case(ws, tmp):
        lock(ws, workbook)
        return [*command, "-w", str(ws)]

    return case


def edi_orders(command: str):
    def case(ws, tmp):
        path = tmp / "ordre.edi"
        path.write_bytes(ORDERS.encode("latin-1"))
        return ["edi", command, str(path)]

    return case


def edi_workbook(command: str):
    def case(ws, tmp):
        return [
            "edi",
            command,
            str(xlsx(tmp / "liste.xlsx", [PRICE_HEAD, ["A1", "Plank", "m", 90, "01.02.2026"]])),
        ]

    return case


def missing_option(ws, tmp):
    return ["prices", "lookup", "--article", "A1", "-w", str(ws)]


def broken_config(ws, tmp):
    config = ws / "vareflyt.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace('language = "nb"', 'language = "fr"'), encoding="utf-8"
    )
    return ["parties", "list", "-w", str(ws)]


def no_workspace(ws, tmp):
    return ["parties", "list", "-w", str(tmp / "finnes-ikke")]


LOCKED = "er åpen i Excel"
CASES = [
    ("parties import", parties_import_ran, 0, "rader lest"),
    ("parties import, Innkjop.xlsx open", parties_import_locked, 3, LOCKED),
    ("parties import, text named .xlsx", parties_import_not_excel, 1, "parter.xlsx er ikke en Excel-fil"),
    ("prices import, Innkjop.xlsx open", prices_import_locked, 3, LOCKED),
    ("prices import, text named .xlsx", prices_import_not_excel, 1, "priser.xlsx er ikke en Excel-fil"),
    ("prices approve, Innkjop.xlsx open", prices_approve_locked, 3, LOCKED),
    ("prices withdraw, Innkjop.xlsx open", prices_withdraw_locked, 3, LOCKED),
    ("prices lookup, no price", prices_lookup_not_found, 1, "Fant ingen pris"),
    (
        "orders make, Innkjop.xlsx open",
        locked_run(["orders", "make", "--date", "2026-03-02"], "Innkjop.xlsx"),
        3,
        LOCKED,
    ),
    ("orders refresh, Innkjop.xlsx open", locked_run(["orders", "refresh"], "Innkjop.xlsx"), 3, LOCKED),
    (
        "edi read, Innkjop.xlsx open",
        locked_run(["edi", "read", "--date", "2026-03-02"], "Innkjop.xlsx"),
        3,
        LOCKED,
    ),
    (
        "invoices reconcile, Innkjop.xlsx open",
        locked_run(["invoices", "reconcile", "--date", "2026-03-02"], "Innkjop.xlsx"),
        3,
        LOCKED,
    ),
    (
        "receivables aging, Kundereskontro.xlsx open",
        locked_run(["receivables", "aging", "--date", "2026-03-02"], "Kundereskontro.xlsx"),
        3,
        LOCKED,
    ),
    (
        "dunning run, Kundereskontro.xlsx open",
        locked_run(["dunning", "run", "--date", "2026-03-02"], "Kundereskontro.xlsx"),
        3,
        LOCKED,
    ),
    (
        "batch run, Innkjop.xlsx open",
        locked_run(["batch", "run", "--date", "2026-03-02"], "Innkjop.xlsx"),
        3,
        "Åpen i Excel",
    ),
    ("edi show, an EDIFACT order", edi_orders("show"), 0, "formål: opprinnelig"),
    ("edi validate, an EDIFACT order", edi_orders("validate"), 0, "gyldig"),
    ("edi show, an Excel workbook", edi_workbook("show"), 1, "ikke EDIFACT"),
    ("edi validate, an Excel workbook", edi_workbook("validate"), 1, "ikke EDIFACT"),
    ("usage: a required option missing", missing_option, 2, "Mangler valget '--supplier'"),
    ("configuration: a wrong setting", broken_config, 2, "company.language"),
    ("configuration: no workspace", no_workspace, 2, "er ikke en vareflyt-arbeidsmappe"),
]


@pytest.mark.parametrize("make, code, says", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_exit_code(workspace, tmp_path, make, code, says):
    inputs = tmp_path / "inn"
    inputs.mkdir()
    result = runner.invoke(app, make(workspace.root, inputs))
    assert result.exit_code == code, result.output
    assert says in " ".join(result.output.split()), result.output
    assert "Traceback" not in result.output
