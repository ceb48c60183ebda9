"""Issue 20 items 1-2: the workspace's templates/ wins over vareflyt's own in a dunning run (the
HTML and the PDF), a broken template stops its letters with a Norwegian message naming the file
and line (and the run records no such letter), and ``vareflyt templates list|export|check``."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pypdf
import pytest
from typer.testing import CliRunner

from vareflyt.cli.app import app
from vareflyt.config import default_toml
from vareflyt.jobs.import_receivables import import_receivables
from vareflyt.jobs.run_dunning import run_dunning
from vareflyt.workspace import init_workspace

DATA = Path(__file__).resolve().parents[1] / "data" / "receivables"
CONFIG = default_toml().replace('bank_account = ""   # 11 siffer', 'bank_account = "12345678903"')
OWN_REMINDER = """{% extends "letters/base.nb.html.j2" %}
{% block intro %}<p>Hei {{ customer.name }}! Her er en vennlig påminnelse fra oss på \
Tømmerkroken.</p>{% endblock %}
"""
# a shop's whole letter, written without the base template, that forgot the amount due
NO_AMOUNT = """<html><body>
<h1>Betalingspåminnelse</h1>
<p>Vi savner betaling for faktura {% for line in notice.lines %}{{ line.invoice_no }} {% endfor %}.</p>
{% block pay %}<p>Bruk KID {{ notice.lines[0].kid }}, betal innen {{ notice.deadline | dato \
}}.</p>{% endblock %}
</body></html>
"""


@pytest.fixture
def ws(tmp_path):
    ws = init_workspace(tmp_path / "ws", config_text=CONFIG)
    import_receivables(ws, DATA / "open_items.csv", as_of=date(2024, 3, 1))
    yield ws
    ws.close()


def _own(ws, name: str, text: str) -> Path:
    path = ws.root / "templates" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _pdf_text(path: Path) -> str:
    return " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages)


def _cli(ws, *args: str):
    return CliRunner().invoke(app, ["templates", *args, "--workspace", str(ws.root), "--json"])


def test_init_makes_an_empty_templates_folder_with_a_readme(ws):
    assert [p.name for p in (ws.root / "templates").iterdir()] == ["LESMEG.txt"]
    assert "vareflyt templates export" in (ws.root / "templates" / "LESMEG.txt").read_text(encoding="utf-8")


def test_an_overridden_reminder_is_used_in_a_dunning_run_html_and_pdf(ws):
    _own(ws, "letters/reminder.nb.html.j2", OWN_REMINDER)
    result = run_dunning(ws, on=date(2024, 3, 8))
    pdfs = [Path(p) for p in result.outputs if p.endswith(".pdf") and "paminnelse" in Path(p).name]
    assert len(pdfs) == 2 and not [i for i in result.issues if i.severity.value == "error"]
    for pdf in pdfs:
        html = pdf.with_suffix(".html").read_text(encoding="utf-8")
        assert "Her er en vennlig påminnelse fra oss på Tømmerkroken." in html
        assert "vennlig påminnelse uten gebyr" not in html  # vareflyt's own wording is gone
        assert "fra oss på Tømmerkroken" in " ".join(_pdf_text(pdf).split())


def test_a_syntax_error_stops_the_reminders_with_file_and_line_and_records_none(ws):
    _own(ws, "letters/reminder.nb.html.j2", OWN_REMINDER.replace("{{ customer.name }}", "{{ customer.name }"))
    result = run_dunning(ws, on=date(2024, 3, 8))
    messages = [i.message for i in result.issues if i.code == "dunning.template"]
    assert len(messages) == 1
    assert messages[0].startswith("Malen templates/letters/reminder.nb.html.j2, linje 2: feil i malspråket")
    assert not [p for p in result.outputs if p.endswith((".pdf", ".html"))]
    assert result.counts["letters"] == 0
    (ws.root / "templates" / "letters" / "reminder.nb.html.j2").unlink()
    again = run_dunning(ws, on=date(2024, 3, 8))  # nothing was recorded: fixed, the letters come now
    assert len([p for p in again.outputs if p.endswith(".pdf") and "paminnelse" in Path(p).name]) == 2


def test_a_template_missing_the_amount_due_is_refused_with_file_and_line(ws):
    _own(ws, "letters/reminder.nb.html.j2", NO_AMOUNT)
    res = _cli(ws, "check")
    assert res.exit_code == 1, res.output
    messages = [i["message"] for i in json.loads(res.stdout)["issues"]]
    assert messages == [
        "Malen templates/letters/reminder.nb.html.j2, linje 4: beløpet som skal betales "
        "(14 627,40 kr) står ikke i brevet. Dokumenter fra malen letters/reminder.nb.html.j2 lages "
        "ikke før den er rettet (`vareflyt templates check`); slett filen for å bruke vareflyts egen."
    ]
    result = run_dunning(ws, on=date(2024, 3, 8))
    assert not [p for p in result.outputs if p.endswith(".pdf")]
    assert [i.code for i in result.issues if i.severity.value == "error"] == ["dunning.template"]


def test_an_inkassovarsel_without_the_collection_warning_is_refused(ws):
    ours = Path(__file__).resolve().parents[2] / "templates" / "letters" / "inkassovarsel.nb.html.j2"
    text = ours.read_text(encoding="utf-8").replace(
        "vil kravet bli sendt til inkasso", "tar vi kontakt igjen"
    )
    _own(ws, "letters/inkassovarsel.nb.html.j2", text)
    messages = [i["message"] for i in json.loads(_cli(ws, "check").stdout)["issues"]]
    assert len(messages) == 1 and messages[0].startswith(
        "Malen templates/letters/inkassovarsel.nb.html.j2, linje 3: varselet om at kravet sendes til inkasso"
    )


def test_an_unknown_name_is_refused_in_norwegian(ws):
    _own(ws, "letters/base.nb.html.j2", "<p>{{ kunde.navn }}</p>\n{% block pay %}{% endblock %}")
    messages = [i["message"] for i in json.loads(_cli(ws, "check").stdout)["issues"]]
    assert len(messages) == 4  # every bokmål letter extends the base
    assert all(
        m.startswith("Malen templates/letters/base.nb.html.j2, linje 1: ukjent navn «kunde»")
        for m in messages
    ), messages


def test_export_then_check_is_clean_and_list_shows_the_overrides(ws):
    res = _cli(ws, "export", "reminder", "purchase_order")
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["copied"] == 3  # reminder in nb and en, the purchase order
    assert (ws.root / "templates" / "letters" / "reminder.en.html.j2").is_file()
    check = _cli(ws, "check")
    assert check.exit_code == 0 and json.loads(check.stdout)["broken"] == 0, check.output
    listed = json.loads(_cli(ws, "list").stdout)
    assert listed["overridden"] == [
        "letters/reminder.en.html.j2",
        "letters/reminder.nb.html.j2",
        "purchase_order.nb.html.j2",
    ]
    assert _cli(ws, "export").exit_code == 0  # all: the three already there are kept
    assert (ws.root / "templates" / "letters" / "reminder.nb.html.j2").read_bytes() == (
        Path(__file__).resolve().parents[2] / "templates" / "letters" / "reminder.nb.html.j2"
    ).read_bytes()


def test_export_of_an_unknown_name_says_which_exist(ws):
    res = _cli(ws, "export", "../../etc/passwd")
    assert res.exit_code == 2
    assert "Fant ingen mal som heter «../../etc/passwd»" in json.loads(res.stdout)["error"]
    assert sorted(p.name for p in (ws.root / "templates").iterdir()) == ["LESMEG.txt"]


def test_a_purchase_order_template_with_an_unknown_name_stops_with_file_and_line(tmp_path, monkeypatch):
    from tests.letters.test_document_layout import the_order
    from vareflyt import bundled
    from vareflyt.letters.template_check import TemplateProblem

    ours = Path(__file__).resolve().parents[2] / "templates" / "purchase_order.nb.html.j2"
    lines = ours.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if "{% block closing %}" in line)
    lines.insert(at, "<p>{{ leverandor.navn }}</p>")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "purchase_order.nb.html.j2").write_text(
        "\n".join(lines) + "\n", encoding="utf-8"
    )
    monkeypatch.setitem(bundled._workspace, "root", tmp_path)
    with pytest.raises(TemplateProblem) as problem:
        the_order()
    assert str(problem.value).startswith(
        f"Malen templates/purchase_order.nb.html.j2, linje {at + 1}: ukjent navn «leverandor»"
    )
