"""Paths from input never leave the workspace (issue 13, item 4).

Every writer that names a file or folder after document content is driven through its real job
with hostile values — ``../``, ``..\\``, absolute paths, NUL, 300 characters, reserved Windows
names — in the UNB sender id and control reference (``edi read``: CONTRL receipts), the order
number and supplier key (``orders make``: ORDERS and printable orders), the supplier key of a
stored invoice (``invoices reconcile``: deviation notices), and the names of files and folders
dropped in ``inbox/`` (archive and quarantine; ``batch run``). Each test snapshots everything in
the test's temporary folder outside the workspace (the workspace lies three levels down, so
``../../../X`` from ``outbox/`` lands in that folder) before and after, and asserts nothing
appeared there; every name written inside is one ``safe_paths.inside`` accepts (no reserved
name, no control character, not over-long), and different inputs get different names.

The interchanges are written by hand here, as a partner's system writes them (EDIFACT release
character ``?`` before ``:+'?``), not with vareflyt's writer. Absolute paths point into the
test's own temporary folder, never at the machine's real ``/etc``.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal as D
from pathlib import Path

import pytest

from vareflyt.edi.reader import read_interchanges
from vareflyt.safe_paths import inside
from vareflyt.workspace import init_workspace

OUR, SUPPLIER, PAPER = "7080000000012", "7080000000029", "7080000000036"
CONFIG = f'''
[company]
name = "Byggmester Test AS"
gln = "{OUR}"
orgnr = "923609016"

[partners."{SUPPLIER}"]
name = "Trelast Vest AS"
edi = true

[partners."{PAPER}"]
name = "Papir Leverandør AS"
edi = false
'''


def hostile(base: Path) -> list[str]:
    return [
        "../../../X",
        "..\\..\\..\\X",
        "../../../X/../Y",
        str(base / "abs" / "x"),
        "C:\\x",
        "C:x",
        "a\x00b",
        "y" * 300,
        "CON",
        "NUL.txt",
        "COM1",
        "lpt9",
        "a/b/c",
        ".",
        "..",
        " lead",
        "trail.",
        "x" * 14,
    ]


def _esc(text: str) -> str:
    return "".join("?" + c if c in "?:+'" else c for c in text)


def interchange(sender: str, ref: str) -> bytes:
    """An ORDRSP for an order we never sent, with an acknowledgement request (UNB 0031 = 1)."""
    segs = [
        f"UNB+UNOC:3+{_esc(sender)}:14+{OUR}:14+260301:1205+{_esc(ref)}++++1",
        "UNH+1+ORDRSP:D:03A:UN",
        "BGM+231+R1+4",
        "DTM+137:20260302:102",
        "RFF+ON:X",
        f"NAD+BY+{OUR}::9",
        f"NAD+SU+{SUPPLIER}::9",
        "UNS+S",
        "UNT+8+1",
        f"UNZ+1+{_esc(ref)}",
    ]
    return ("'".join(segs) + "'").encode("utf-8")


@pytest.fixture
def ws(tmp_path):
    workspace = init_workspace(tmp_path / "a" / "b" / "ws", config_text=CONFIG)
    yield workspace
    workspace.close()


def outside(ws) -> set[str]:
    """Everything in the test's folder that is not in the workspace."""
    base = ws.root.parents[2]
    return {
        p.relative_to(base).as_posix() for p in base.rglob("*") if p != ws.root and ws.root not in p.parents
    }


def written_names_are_safe(ws, skip=("inbox",)) -> list[Path]:
    """Every file and folder vareflyt wrote in the workspace passes ``inside`` (returns the files)."""
    files = []
    for p in ws.root.rglob("*"):
        rel = p.relative_to(ws.root)
        if rel.parts[0] in skip:
            continue
        inside(p.parent, p.name)
        if p.is_file():
            files.append(p)
    return files


def test_edi_read_writes_every_contrl_inside_outbox_one_per_sender_and_reference(ws):
    before = outside(ws)
    cases = [(s, "1") for s in hostile(ws.root.parents[2])] + [
        (SUPPLIER, r) for r in hostile(ws.root.parents[2])
    ]
    acknowledged = set()
    for n, (sender, ref) in enumerate(cases):
        data = interchange(sender, ref)
        (ws.inbox / f"f{n:02d}.edi").write_bytes(data)
        acknowledged |= {
            (ic.sender, ic.control_ref) for ic in read_interchanges(data).interchanges if ic.sender
        }
    from vareflyt.jobs.read_inbox import read_inbox

    result = read_inbox(ws)
    assert result.counts["files"] == len(cases)
    assert outside(ws) == before
    contrls = [p for p in written_names_are_safe(ws) if p.name.startswith("CONTRL_")]
    assert len(acknowledged) >= len(cases) - 4, "too few interchanges were read to prove anything"
    assert len(contrls) == len(acknowledged)
    folder_of: dict[str, Path] = {}
    name_of: dict[tuple[str, str], str] = {}
    for path in contrls:
        assert path.parent.parent == ws.outbox
        uci = read_interchanges(path.read_bytes()).messages[0].body[0]
        sender = uci.elements[1][0] if isinstance(uci.elements[1], list) else uci.elements[1]
        assert folder_of.setdefault(sender, path.parent) == path.parent  # one folder per sender ...
        name_of[(sender, uci.elements[0])] = path.name.rsplit("_", 1)[0]
    assert len(set(folder_of.values())) == len(folder_of)  # ... and never shared
    assert set(name_of) == acknowledged
    assert len({(folder_of[s], n) for (s, _), n in name_of.items()}) == len(name_of)


def test_inbox_file_names_become_safe_and_distinct_archive_and_quarantine_names(ws):
    before = outside(ws)
    names = [
        "CON.edi",
        "nul.txt",
        "COM1",
        "z" * 240 + ".edi",
        "a:b?.edi",
        "tab\there.edi",
        "new\nline.edi",
        " lead.edi",
        "trail.",
        "名前 Ødegård.edi",
        "ok.edi",
    ]
    for n, name in enumerate(names):
        (ws.inbox / name).write_bytes(b"UNB+UNOC:3+" + str(n).encode() + b"'garbage")
    for sub in ("A", "B"):  # one name in two partner folders
        (ws.inbox / sub).mkdir()
        (ws.inbox / sub / "same.edi").write_bytes(f"UNB+UNOC:3+{sub}'x".encode())
    from vareflyt.jobs.read_inbox import read_inbox

    result = read_inbox(ws)
    assert result.counts["rejected"] == len(names) + 2
    assert outside(ws) == before
    files = written_names_are_safe(ws)
    quarantined = [p for p in files if p.parent == ws.quarantine and not p.name.endswith(".reason.txt")]
    assert len(quarantined) == len(names) + 2
    assert len({p.read_bytes() for p in quarantined}) == len(names) + 2  # every input kept, none overwritten
    assert (ws.quarantine / next(p.name for p in quarantined if p.name.endswith("-ok.edi"))).exists()
    archived = [p for p in files if ws.archive in p.parents]
    assert len(archived) == len(names) + 2
    assert not list(ws.inbox.rglob("*.edi"))


def test_orders_make_keeps_order_files_in_outbox_whatever_the_number_prefix(ws, tmp_path):
    from tests.purchasing.conftest import lookup
    from vareflyt.jobs.make_orders import make_orders
    from vareflyt.rules.ordering import EntryLine

    before = outside(ws)
    files, refused = set(), 0
    for n, prefix in enumerate(
        ["../../../X/", "..\\..\\X\\", str(tmp_path / "abs") + "/", "CON", "A:B/", "N\x00L/"]
    ):
        text = ws.config_path.read_text(encoding="utf-8").split("[purchasing]")[0]
        ws.config_path.write_text(
            f"{text}[purchasing]\norder_number_prefix = {json.dumps(prefix)}\n", encoding="utf-8"
        )
        ws.__dict__.pop("config", None)
        entries = [
            EntryLine(SUPPLIER, "T100", D(n + 1)),
            EntryLine(PAPER, "P1", D(n + 1)),
            EntryLine("../../../X", "T100", D(1)),
        ]
        result = make_orders(
            ws, entries=entries, on=date(2026, 3, 2), now=datetime(2026, 3, 2, 9, n), catalogue=lookup
        )
        # an EDI order number over 35 characters (BGM 1004, here the long absolute prefix) is refused, not cut
        not_written = [i for i in result.issues if i.code == "order.not_written"]
        assert all("BGM 1004" in i.message and len(prefix) + 6 > 35 for i in not_written)
        assert [o["number"].startswith(prefix) for o in result.extra["orders"]] == [True] * (
            2 - len(not_written)
        )
        files |= {Path(o["file"]) for o in result.extra["orders"]}
        refused += len(not_written)
    assert outside(ws) == before
    written = written_names_are_safe(ws)
    assert len(files) == 12 - refused and all(f.parent == ws.outbox and f in written for f in files)
    assert {f.suffix for f in files} == {".edi", ".pdf"}


def test_deviation_notice_for_a_hostile_supplier_key_stays_in_letters(ws):
    from vareflyt.domain.invoices import Invoice, InvoiceKind, InvoiceLine
    from vareflyt.domain.orders import PartyRef
    from vareflyt.jobs.invoices.run import reconcile_invoices
    from vareflyt.rules.invoice_control import complete
    from vareflyt.store import invoice_storage

    before = outside(ws)
    keys = ["../../../X", str(ws.root.parents[2] / "abs"), "CON", "C:\\x"]
    with ws.store.transaction() as conn:
        for n, key in enumerate(keys):
            line = InvoiceLine(
                "1",
                D(1),
                D(0),
                unit="EA",
                order_no="NOPE",
                order_line="1",
                seller_article_no="A",
                net_price=D(10),
                price_base_qty=D(1),
                vat_category="S",
                vat_rate=D(25),
            )
            inv = complete(
                Invoice(
                    kind=InvoiceKind.INVOICE,
                    number=f"F-{n}",
                    issue_date=date(2026, 3, 3),
                    supplier=PartyRef(gln=key, name=f"Lev {n}"),
                    buyer=PartyRef(gln=OUR),
                    lines=(line,),
                    due_date=date(2026, 4, 2),
                    currency="NOK",
                )
            )
            invoice_storage.add_invoice(
                conn, inv, fmt="edifact", received_at=datetime(2026, 3, 3, 12), file_name=f"f{n}.edi"
            )
    result = reconcile_invoices(ws, on=date(2026, 3, 4), now=datetime(2026, 3, 4, 2))
    assert result.counts["notices"] == len(keys)
    assert outside(ws) == before
    notices = [p for p in written_names_are_safe(ws) if p.name.startswith("fakturaavvik-")]
    assert len(notices) == 2 * len(keys) and all(p.parent == ws.letters / "2026-03-04" for p in notices)


def test_batch_run_with_hostile_names_and_senders_writes_nothing_outside(ws):
    from vareflyt.jobs.nightly import run_batch

    base = ws.root.parents[2]
    before = outside(ws)
    sent = [interchange(sender, f"R{n}") for n, sender in enumerate(hostile(base)[:8])]
    sent.append(interchange("../../../X", "a/b"))
    for n, data in enumerate(sent):
        (ws.inbox / ("NUL.edi" if n == 8 else f"CON{n}.edi")).write_bytes(data)
    expected = sum(1 for data in sent for ic in read_interchanges(data).interchanges if ic.sender)
    for folder in ("CON", "..x", "y" * 200, SUPPLIER):
        (ws.inbox / folder).mkdir()
        (ws.inbox / folder / "priser.csv").write_text(
            "Varenr;Varenavn;Enhet;Nettopris\r\nA1;Lekt;STK;10\r\n", encoding="utf-8"
        )
    result = run_batch(ws, on=date(2026, 3, 2), now=datetime(2026, 3, 2, 2, 30), force=True)
    assert result.counts is not None
    assert outside(ws) == before
    files = written_names_are_safe(ws)
    assert expected >= 8 and len([p for p in files if p.name.startswith("CONTRL_")]) == expected
    assert not (ws.inbox / SUPPLIER / "priser.csv").exists()  # the supplier's price list was read
