"""Everything a person reads from the command line is Norwegian: Typer's own words (usage line,
help headings, wrong calls), the counts under a result, numbers (decimal comma, no exponent),
dates (dd.mm.åååå), enum values by their label and singular/plural.

Two scans: the ``--help`` of every command (walking the app's command tree), and the text of
``vareflyt demo`` and of read-only commands on the demo workspace. Then one test per case, on
inputs written here by hand (openpyxl sheets, EDIFACT text).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from vareflyt.cli.app import app
from vareflyt.cli.common import COUNT_LABELS
from vareflyt.domain.wording import plural

from .test_exit_codes import ORDERS, PARTY_HEAD, SUPPLIER, xlsx

runner = CliRunner()

ENGLISH = re.compile(
    r"\b(Usage|Options|Arguments|Commands|Missing|Invalid value|No such|Error|Aborted|rows_read|"
    r"imported|True|False|None|OPTIONS|COMMAND|ARGS|required|default|env var)\b|OrderPurpose\.|"
    r"Show this message|Try '|<(?:str|int|float|bool|path|file|dir)>"
)
EXPONENT = re.compile(r"\dE[+-]?\d")
ISO_DATE = re.compile(r"(?<![\w/.\\-])\d{4}-\d{2}-\d{2}(?![\w/\\-])")  # a date in a path is the path's


def leaks(text: str, *, dates: bool = True) -> list[str]:
    """What in ``text`` is not Norwegian as a person should read it (``dates``: an ISO date
    outside a path, which help texts may show as an input format)."""
    flat = " ".join(text.split())
    return (
        [m.group(0) for m in ENGLISH.finditer(flat)]
        + [m.group(0) for m in EXPONENT.finditer(flat)]
        + ([m.group(0) for m in ISO_DATE.finditer(flat)] if dates else [])
    )


def invoke(*args: str):
    return runner.invoke(app, [str(a) for a in args])


def command_paths() -> list[tuple[str, ...]]:
    paths: list[tuple[str, ...]] = []

    def walk(command, path: tuple[str, ...]) -> None:
        paths.append(path)
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            walk(sub, (*path, name))

    walk(get_command(app), ())
    return paths


@pytest.mark.parametrize("path", command_paths(), ids=lambda p: " ".join(p) or "vareflyt")
def test_help_is_norwegian(path):
    result = invoke(*path, "--help")
    assert result.exit_code == 0, result.output
    assert "Bruk: vareflyt" in result.output and "Vis denne hjelpen og avslutt." in result.output
    assert leaks(result.output, dates=False) == [], result.output


# --- the demo and read-only commands on it ---------------------------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    root = tmp_path_factory.mktemp("demo") / "ws"
    result = invoke(
        "demo", root, "--articles", "300", "--customers", "20", "--days", "2", "--date", "2026-03-02"
    )
    assert result.exit_code in (0, 1), result.output
    return root, result.output


def _first(root: Path, pattern: str) -> Path:
    found = sorted(root.rglob(pattern))
    assert found, f"no {pattern} in the demo workspace"
    return found[0]


def _catalogue_row(root: Path) -> tuple[str, str]:
    from vareflyt.excel.openpyxl_adapter import OpenpyxlWorkbook

    table = OpenpyxlWorkbook(root / "Innkjop.xlsx").read_table("catalogue")
    return str(table["supplier_gln"][0]), str(table["article_no"][0])


READ_ONLY = {
    "prices versions": lambda root: ["prices", "versions"],
    "prices lookup": lambda root: [
        "prices",
        "lookup",
        "--supplier",
        _catalogue_row(root)[0],
        "--article",
        _catalogue_row(root)[1],
        "--date",
        "2026-03-02",
    ],
    "parties list": lambda root: ["parties", "list"],
    "orders list": lambda root: ["orders", "list"],
    "batch status": lambda root: ["batch", "status"],
    "receivables aging": lambda root: ["receivables", "aging", "--date", "2026-03-02"],
    "rates show": lambda root: ["rates", "show", "--date", "2026-03-02"],
    "edi show ORDERS": lambda root: ["edi", "show", _first(root / "outbox", "ORDERS_*.edi")],
    "edi show INVOIC": lambda root: ["edi", "show", _first(root / "inbox", "INVOIC_*.edi")],
    "edi validate ORDERS": lambda root: ["edi", "validate", _first(root / "outbox", "ORDERS_*.edi")],
}


def test_demo_output_is_norwegian(demo):
    root, output = demo
    assert "rader lest:" in output
    assert leaks(output) == [], output


def test_demo_documents_are_norwegian_without_exponent(demo):
    """Every PDF the demo made (orders, deviation notices, letters) and every HTML document,
    read back as text the way a person or a supplier sees it (pypdf), has no exponent and no
    English word; the orders print quantities and units as people write them."""
    from pypdf import PdfReader

    root, _ = demo
    pdfs = sorted(p for p in root.rglob("*.pdf") if "demo-input" not in p.parts)
    kinds = {p.relative_to(root).parts[0] for p in pdfs}
    assert {"outbox", "letters"} <= kinds, kinds
    for pdf in pdfs:
        text = "\n".join(page.extract_text() or "" for page in PdfReader(pdf).pages)
        assert text.strip(), pdf
        assert leaks(text) == [], (pdf.name, leaks(text))
    for html in sorted(p for p in root.rglob("*.html") if "demo-input" not in p.parts):
        text = re.sub(r"<[^>]+>", " ", html.read_text(encoding="utf-8"))
        text = re.sub(r"(?s)<style.*?</style>", " ", text)
        assert leaks(text) == [], (html.name, leaks(text))
    order = next(p for p in pdfs if p.parent.name == "outbox")
    order_text = " ".join(page.extract_text() for page in PdfReader(order).pages)
    assert re.search(r"\b(stk|m|m²|pk|kg|l)\b", order_text), order_text[:400]
    assert not re.search(r"\b(EA|MTR|PCE|KGM)\b", order_text), order_text[:400]


@pytest.mark.parametrize("name", READ_ONLY)
def test_read_only_commands_on_the_demo_are_norwegian(demo, name):
    root, _ = demo
    args = [*READ_ONLY[name](root), "-w", root]
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    assert leaks(result.output) == [], result.output
    data = json.loads(invoke(*args, "--json").stdout)
    assert set(data["counts"]) <= set(COUNT_LABELS), "counts without a Norwegian label"


# --- one test per case ------------------------------------------------------------------------

WRONG_CALLS = [
    (["prices", "lookup", "--article", "A1"], "Mangler valget '--supplier' / '-s'."),
    (["prices", "lookup", "--supplier", SUPPLIER, "--article", "A1", "--bogus"], "Ukjent valg: --bogus."),
    (["prices", "lookup", "--supplier", SUPPLIER, "--article"], "Valget '--article' trenger en verdi."),
    (["demo", "--articles", "mange"], "Ugyldig verdi for '--articles': må være et heltall."),
    (["demo", "--days", "0"], "Ugyldig verdi for '--days': må være minst 1."),
    (["pirces"], "Ukjent kommando 'pirces'. Mente du 'prices'"),
    (["parties", "import"], "Mangler argumentet 'FIL'."),
    (["parties", "import", "a.xlsx", "b.xlsx"], "For mange argumenter: b.xlsx er ikke forventet her."),
    (["edi", "show", "finnes-ikke.edi"], "Filen 'finnes-ikke.edi' finnes ikke."),
]


@pytest.mark.parametrize("args, says", WRONG_CALLS, ids=[" ".join(a) for a, _ in WRONG_CALLS])
def test_a_wrong_call_is_told_in_norwegian(args, says):
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    text = " ".join(result.output.split())
    assert says in text and "╭─ Feil" in text
    if "Mangler" in says:  # where Typer knows the command, the usage line and where help is
        assert "Bruk: vareflyt" in text and "Prøv «vareflyt" in text and "--help» for hjelp." in text
    assert leaks(result.output) == [], result.output


def test_prices_approve_help_names_the_setting_in_brackets():
    text = " ".join(invoke("prices", "approve", "--help").output.split())
    assert "(når approve_before_use = true i [prices])" in text


PARTIES = [
    ["1001", "Trelast Vest AS", "7080000000012", "923609016", "SU"],
    ["1002", "Rørgrossisten AS", SUPPLIER, "987654325", "Leverandør"],
]


def test_counts_are_labelled_in_norwegian_and_json_keeps_the_keys(workspace, tmp_path):
    path = xlsx(tmp_path / "parter.xlsx", [PARTY_HEAD, *PARTIES])
    text = invoke("parties", "import", path, "-w", workspace.root)
    assert text.exit_code == 0, text.output
    assert "rader lest: 2, importert: 2, avvist: 0, nye: 2" in text.output
    assert "parter.xlsx: 2 rader lest" in text.output
    assert leaks(text.output) == [], text.output
    data = json.loads(invoke("parties", "import", path, "-w", workspace.root, "--json").stdout)
    assert {"rows_read", "imported", "rejected", "new"} <= set(data["counts"])


def test_one_is_singular_and_more_are_plural(workspace, tmp_path):
    assert (plural(1, "faktura", "fakturaer"), plural(2, "faktura", "fakturaer")) == (
        "1 faktura",
        "2 fakturaer",
    )
    assert (plural(1, "ordre", "ordrer"), plural(0, "ordre", "ordrer")) == ("1 ordre", "0 ordrer")
    invoke("parties", "import", xlsx(tmp_path / "en.xlsx", [PARTY_HEAD, PARTIES[0]]), "-w", workspace.root)
    one = invoke("parties", "list", "-w", workspace.root)
    assert one.output.startswith("1 part\n"), one.output
    first = invoke(
        "parties", "import", xlsx(tmp_path / "en_rad.xlsx", [PARTY_HEAD, PARTIES[1]]), "-w", workspace.root
    )
    assert "en_rad.xlsx: 1 rad lest" in first.output, first.output
    two = invoke("parties", "list", "-w", workspace.root)
    assert two.output.startswith("2 parter\n"), two.output


def test_a_price_is_shown_with_decimal_comma_and_a_norwegian_date(workspace, tmp_path):
    prices = xlsx(
        tmp_path / "priser.xlsx",
        [
            ["Varenr", "Varenavn", "Enhet", "Bruttopris", "Rabatt %", "Nettopris", "Gyldig fra"],
            ["A1", "Dør 9x21", "stk", 1399.1, 25, 1049.33, "01.12.2026"],
        ],
    )
    done = invoke("prices", "import", prices, "--supplier", SUPPLIER, "-w", workspace.root)
    assert done.exit_code == 0, done.output
    found = invoke(
        "prices",
        "lookup",
        "--supplier",
        SUPPLIER,
        "--article",
        "A1",
        "--date",
        "2026-12-02",
        "-w",
        workspace.root,
    )
    assert found.exit_code == 0, found.output
    text = " ".join(found.output.split())
    assert "netto 1 049,33 per EA" in text and "brutto 1 399,1" in text and "rabatt 25 %" in text
    assert "gyldig 01.12.2026–" in text
    assert leaks(found.output) == [], found.output
    data = json.loads(
        invoke(
            "prices",
            "lookup",
            "--supplier",
            SUPPLIER,
            "--article",
            "A1",
            "--date",
            "2026-12-02",
            "-w",
            workspace.root,
            "--json",
        ).stdout
    )
    assert (data["net"], data["valid_from"]) == ("1049.33", "2026-12-01")


def test_edi_show_gives_enum_values_by_their_label(tmp_path):
    path = tmp_path / "ordre.edi"
    path.write_bytes(ORDERS.encode("latin-1"))
    result = invoke("edi", "show", path)
    assert result.exit_code == 0, result.output
    lines = [line.strip() for line in result.output.splitlines()]
    assert "formål: opprinnelig" in lines and "ordredato: 01.03.2026" in lines and "henting: nei" in lines
    assert "ønsket levering: 08.03.2026" in lines
    assert "1 melding" in result.output and "11 segmenter" in result.output
    assert leaks(result.output) == [], result.output
