"""EDIFACT files as partners' systems write them, read through ``edi read`` (the command and the
nightly inbox step): what the reader notices about the file as a whole reaches the user, and a
footer after the closing UNZ costs nothing. The INVOIC text is typed out segment by segment
(``flow.invoic_text``), never made by vareflyt's writer."""

from __future__ import annotations

from vareflyt.edi.reader import read_interchanges

from ..invoice_control.flow import drop, invoic_text, workspace

LINES = [(1, "T100", "10", "MTR", "45.50")]


def invoice_text() -> str:
    return invoic_text("F-1", "100001", LINES, slip="PS1").decode("latin-1")


def issues_of(result) -> list[tuple[str, str, str]]:
    return [(i["code"], i["severity"], i["message"]) for d in result.extra["documents"] for i in d["issues"]]


def test_a_file_declared_unoc_with_utf8_bytes_is_read_and_the_user_told(tmp_path):
    text = invoice_text().replace("++Trelast Vest AS'", "++Trelast Møre Ærøy AS'")
    with workspace(tmp_path / "ws") as ws:
        result = drop(ws, "F-1.edi", text.encode("utf-8"))
        assert result.counts["accepted"] == 1
        assert (
            "edi.encoding",
            "warning",
            "Fila er erklært som UNOC, men tegnene er kodet som UTF-8; leses som UTF-8",
        ) in issues_of(result)


def test_a_footer_after_the_closing_unz_is_a_warning_and_the_invoice_is_read(tmp_path):
    """A footer is no segment and nothing is lost; a cut-off UNB there still is a truncated file."""
    for n, footer in enumerate(("\r\nEND OF FILE\r\n", "\n-----\n\x1a")):
        with workspace(tmp_path / f"ws{n}") as ws:
            result = drop(ws, "F-1.edi", (invoice_text() + footer).encode("latin-1"))
            assert result.counts["accepted"] == 1, issues_of(result)
            shown = footer.strip("\r\n\x1a")
            assert (
                "edi.after_unz",
                "warning",
                f"Tekst etter UNZ er ignorert: {shown!r} (segment 33 i fila)",
            ) in (issues_of(result))
            assert not list(ws.quarantine.iterdir())

    cut_off = invoice_text() + "UNB+UNOC:3+7080000000029:14+7080000000012:14+260303:1206+I2"
    read = read_interchanges(cut_off.encode("latin-1"), file="F-1.edi")  # a second interchange, cut off
    assert [(i.code, i.is_error) for i in read.issues] == [("edi.truncated", True)]


def test_edi_read_says_it_reads_invoices_and_counts_in_one_format(tmp_path):
    """The help names every kind of document the command reads; the summary groups every count
    alike ("1 000 godtatt", not "1000") — a supplier's monthly file of packing slips can be that big."""
    from typer.testing import CliRunner

    from vareflyt.cli.app import app

    shown = " ".join(CliRunner().invoke(app, ["edi", "read", "--help"]).output.split())
    assert "leverandørfakturaer og kreditnotaer (INVOIC og EHF" in shown
    one = invoice_text()
    body = one[one.index("UNH+1+") : one.index("UNZ+")]
    head, unt_ref = body.rsplit("+1'", 1)  # UNT+<segments>+1'
    messages = "".join(
        head.replace("UNH+1+", f"UNH+{n}+").replace("BGM+380+F-1+", f"BGM+380+F-{n}+") + f"+{n}'" + unt_ref
        for n in range(1, 1001)
    )
    text = one[: one.index("UNH+1+")] + messages + one[one.index("UNZ+") :].replace("UNZ+1+", "UNZ+1000+")
    with workspace(tmp_path / "ws") as ws:
        result = drop(ws, "month.edi", text.encode("latin-1"))
    problems = issues_of(result)[:3]
    assert result.summary == "1 000 dokumenter lest fra 1 fil: 1 000 godtatt, 0 avvist.", problems


def test_two_invoices_in_one_interchange_one_bad_the_good_one_lands_and_the_reason_says_so(tmp_path):
    """The second INVOIC has an impossible date: it is rejected naming message, segment and why; the
    first is stored; the quarantined file's reason says which document was already read, so the
    file is not put back whole (the good invoice would come in twice)."""
    one = invoice_text()
    body = one[one.index("UNH+1+") : one.index("UNZ+")]
    head, unt_ref = body.rsplit("+1'", 1)
    bad = head.replace("UNH+1+", "UNH+2+").replace("BGM+380+F-1+", "BGM+380+F-2+")
    bad = bad.replace("DTM+137:20260303:102", "DTM+137:20261303:102") + "+2'" + unt_ref
    text = one[: one.index("UNZ+")] + bad + "UNZ+2" + one[one.index("UNZ+") + 5 :]
    with workspace(tmp_path / "ws") as ws:
        result = drop(ws, "F-1_F-2.edi", text.encode("latin-1"))
        docs = result.extra["documents"]
        assert [(d["number"], d["status"]) for d in docs] == [("F-1", "accepted"), (None, "rejected")]
        (why,) = docs[1]["issues"]
        assert (why["message"], why["source"]["message"], why["source"]["segment"], why["source"]["tag"]) == (
            "ugyldig dato 20261303 (format 102 = ÅÅÅÅMMDD)",
            2,
            3,
            "DTM",
        )
        reason = next(ws.quarantine.glob("*.reason.txt")).read_text(encoding="utf-8")
        assert (
            "F-1_F-2.edi: 1 dokument fra fila er godtatt og lest (INVOIC F-1); legg ikke hele fila "
            "tilbake i inbox, send bare de avviste meldingene på nytt"
        ) in reason


def test_a_unoc_file_written_in_windows_1252_is_refused_saying_so(tmp_path):
    """A Windows ERP writes the supplier's name with an en dash (0x96 in Windows-1252) in a file that
    says UNOC (ISO 8859-1, where 0x96 is a control character): refused, and the message says what
    the byte was meant to be and why, not only «U+0096»."""
    text = invoice_text().replace("++Trelast Vest AS'", "++Trelast – Vest AS'")
    with workspace(tmp_path / "ws") as ws:
        result = drop(ws, "F-1.edi", text.encode("cp1252"))
    assert result.counts["rejected"] == 1
    assert (
        "edi.characters",
        "error",
        "NAD: tegnet U+0096 er ikke tillatt i UNOC, som har bare tegnene i ISO 8859-1 (Latin-1) "
        "(byten 0x96 er «–» i Windows-1252: avsenderens system skriver Windows-1252, ikke ISO 8859-1)",
    ) in issues_of(result)
