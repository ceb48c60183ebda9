"""The nightly batch sends through the same job (its step ``send``, after dunning), and the morning
report lists what was sent, what failed and what waits for printing."""

from __future__ import annotations

from vareflyt.jobs.nightly import run_batch

from .conftest import NOW, ON, config


def test_batch_sends_and_the_morning_report_lists_sent_failed_and_print(smtp, make_ws, tmp_path):
    missing = tmp_path / "ikke_koblet_til"
    ws = make_ws(config(smtp.port, edi_channel=f'folder = "{missing.as_posix()}"'))
    result = run_batch(ws, on=ON, now=NOW, force=True)
    assert any(s["step"] == "send" and s["ok"] for s in result.extra["steps"])
    assert {tuple(r) for r, _ in smtp.messages} == {("ordre@papir.no",), ("post@odegard.no",)}
    html = (ws.root / "rapporter" / f"morgenrapport-{ON.isoformat()}.html").read_text(encoding="utf-8")
    section = html[html.index("<h2>Sending</h2>") :]
    section = section[: section.index("</table>")]
    assert (
        "<td>sendt</td><td>Bestilling 100002 til Papir Leverandør AS "
        "(7080000000036): e-post til ordre@papir.no"
    ) in section
    assert (
        "<td>feilet</td><td>EDI-bestilling 100001 til Trelast Vest AS (7080000000029) ble ikke sendt: Mappen"
        in section
    )
    assert "<td>venter på utskrift</td>" in section and "Kari Nordmann (10002) venter på utskrift" in section
    kinds = {a["kind"] for a in result.extra["attention"]}
    assert {"sending.failed", "sending.print"} <= kinds
    again = run_batch(ws, on=ON, now=NOW.replace(hour=23), force=True)  # the same night again: nothing twice
    assert len(smtp.messages) == 2
    assert not [w for w in again.extra["went_out"] if w["kind"] == "sending.sent"]
