"""One poison document never stops the others (issue 13, item 5).

* ``invoices reconcile`` with an invoice whose quantity has 30 digits (stored by a version of
  vareflyt before the formal checks refused such files; the rules' money rounding cannot hold
  it, ``decimal.InvalidOperation``): that invoice is reported with its number and file, it is
  set to deviation with the finding x «kunne ikke kontrolleres», and every other invoice is
  still controlled — also in the nightly batch, where it becomes an item for a person, not a
  failed step.
* ``edi read`` with a file whose document cannot be mapped (``MOA+203+X``: the INVOIC mapping
  raised TypeError when this was written), between two good files: that file is reported with
  the reason and either quarantined (an input error) or left in inbox/ for the next run (a fault
  in vareflyt); the good files are read.

The poison invoice is stored through the store's own API with the value as the supplier's file
had it; the interchanges are written by hand, as a supplier's system writes them.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal as D

import pytest

from tests.invoice_control import flow
from vareflyt.store import invoice_reading, invoice_storage
from vareflyt.workspace import init_workspace

BIG = D("123456789012345678901234567890")
DAY, NIGHT = date(2026, 3, 4), datetime(2026, 3, 4, 2, 30)


@pytest.fixture
def ws(tmp_path):
    workspace = init_workspace(tmp_path / "ws", config_text=flow.CONFIG)
    flow.setup(workspace)
    flow.deliver(workspace, "PS1", flow.QTY)
    yield workspace
    workspace.close()


def _store_three(ws) -> dict[str, int]:
    """F-1 and F-3 as ordered and received; F-2 with a 30-digit quantity on its first line."""
    good1, good3 = flow.invoice("F-1"), flow.invoice("F-3")
    base = flow.invoice("F-2")
    poison = replace(base, lines=(replace(base.lines[0], quantity=BIG), *base.lines[1:]))
    ids = {}
    with ws.store.transaction() as conn:
        for inv in (good1, poison, good3):
            ids[inv.number] = invoice_storage.add_invoice(
                conn,
                inv,
                fmt="edifact",
                received_at=datetime(2026, 3, 3, 12),
                file_name=f"INVOIC_{inv.number}.edi",
            )
    return ids


def _status(ws) -> dict[str, str]:
    with ws.store.connect() as conn:
        return {r.number: r.status for r in invoice_reading.headers(conn)}


def test_reconcile_reports_the_poison_invoice_and_controls_every_other(ws):
    from vareflyt.jobs.invoices.run import reconcile_invoices

    _store_three(ws)
    before = _status(ws)
    result = reconcile_invoices(ws, on=DAY, now=NIGHT)
    (failed,) = [i for i in result.issues if i.code == "invoice.control_failed"]
    assert failed.is_error and failed.source.file == "INVOIC_F-2.edi"
    assert "Faktura F-2 fra Trelast Vest AS" in failed.message and "for stort" in failed.message
    assert "Traceback" not in failed.message and "InvalidOperation" not in failed.message
    status = _status(ws)
    assert before["F-2"] == "new" and status["F-2"] == "deviation"  # not controlled: a person decides
    assert status["F-1"] == "approved"  # exactly as ordered and received
    assert status["F-3"] == "rejected"  # check a: the same goods again
    assert result.counts["checked"] == 2 and result.counts["failed"] == 1
    assert "1 kunne ikke kontrolleres" in result.summary
    again = reconcile_invoices(ws, on=DAY, now=NIGHT)  # every night, not only once
    assert [i.source.file for i in again.issues if i.code == "invoice.control_failed"] == ["INVOIC_F-2.edi"]


def test_the_nightly_batch_lists_the_poison_invoice_for_a_person_and_goes_on(ws):
    from vareflyt.jobs.nightly import run_batch

    _store_three(ws)
    result = run_batch(ws, on=DAY, now=NIGHT, force=True)
    items = [a for a in result.extra["attention"] if a["kind"] == "invoice.control_failed"]
    assert len(items) == 1 and "F-2" in items[0]["message"] and items[0]["file"] == "INVOIC_F-2.edi"
    assert not [a for a in result.extra["attention"] if a["kind"] == "vareflyt.crashed"]  # no step crashed
    assert _status(ws)["F-1"] == "approved"


def _interchange(number: str, moa203: str) -> bytes:
    segs = [
        "UNA:+.? ",
        f"UNB+UNOC:3+{flow.SUPPLIER}:14+{flow.OUR}:14+260303:1205+I{number}",
        "UNH+1+INVOIC:D:03A:UN",
        f"BGM+380+{number}+9",
        "DTM+137:20260303:102",
        f"RFF+ON:{flow.ORDER}",
        "RFF+DQ:PS1",
        f"NAD+SU+{flow.SUPPLIER}::9++Trelast Vest AS",
        "RFF+VA:NO923609016MVA",
        f"NAD+BY+{flow.OUR}::9",
        "CUX+2:NOK:9",
        "PAT+1++5:3:D:30",
        "DTM+13:20260402:102",
        "LIN+1++7040000000016:EN",
        "PIA+1+T100:SA",
        "QTY+47:10:MTR",
        moa203,
        "PRI+AAA:45.50:::1:MTR",
        f"RFF+ON:{flow.ORDER}:1",
        "TAX+7+VAT+++:::25+S",
        "UNS+S",
        "CNT+2:1",
        "MOA+79:455.00",
        "MOA+125:455.00",
        "MOA+176:113.75",
        "MOA+77:568.75",
        "MOA+9:568.75",
        "TAX+7+VAT+++:::25+S",
        "MOA+125:455.00",
        "MOA+124:113.75",
        "UNT+29+1",
        f"UNZ+1+I{number}",
    ]
    return ("'".join(segs) + "'").encode()


def test_edi_read_rejects_the_poison_file_and_reads_the_files_around_it(ws):
    from vareflyt.jobs.read_inbox import read_inbox

    for number, moa in (("F-7", "MOA+203:455.00"), ("F-8", "MOA+203+X"), ("F-9", "MOA+203:455.00")):
        path = ws.inbox / f"INVOIC_{number}.edi"
        path.write_bytes(_interchange(number, moa))
        flow._arrive(path)  # arrival order: F-7, F-8, F-9
    result = read_inbox(ws, on=DAY, now=NIGHT)
    docs = {d["file"]: d for d in result.extra["documents"]}
    assert docs["INVOIC_F-7.edi"]["status"] == "accepted" and docs["INVOIC_F-9.edi"]["status"] == "accepted"
    poison = docs["INVOIC_F-8.edi"]
    assert poison["status"] == "rejected" and poison["issues"]
    assert all(i["source"]["file"] == "INVOIC_F-8.edi" for i in poison["issues"])
    assert not any("Traceback" in i["message"] for i in poison["issues"])
    assert sorted(p.name for p in ws.inbox.iterdir()) in ([], ["INVOIC_F-8.edi"])  # read ones left the inbox
    kept = (ws.inbox / "INVOIC_F-8.edi").exists()  # a fault in vareflyt: read again next run ...
    assert kept != bool(list(ws.quarantine.glob("*INVOIC_F-8.edi")))  # ... else refused: in quarantine/


def test_an_import_job_refuses_a_file_a_library_cannot_read_with_its_name():
    """What one file makes ``decimal`` (or csv, XML, codecs) raise refuses that file, as
    ``VareflytError`` (exit 1, quarantined by the batch), never as a foreign exception."""
    from vareflyt.domain.issues import VareflytError
    from vareflyt.jobs.poison import refuse_input_errors

    @refuse_input_errors
    def import_something(ws, path):
        return BIG.quantize(D("0.01"))  # what a 30-digit amount did to the money rounding

    with pytest.raises(VareflytError) as refused:
        import_something(None, "inbox/priser 2026.csv")
    (issue,) = refused.value.issues
    assert issue.code == "import.unreadable" and issue.source.file == "priser 2026.csv"
    assert str(refused.value).startswith("Fila priser 2026.csv kan ikke leses: den har et tall")
    assert "Ingenting er importert" in str(refused.value)
