"""A run on 01.12.2026, when the table has no forsinkelsesrente for H2 2026 (none was published
in a source we could reach): the fee-free reminder goes out, the fee notice claims interest
only through 30.06.2026 and says interest runs on, and one warning says how to add the rate."""

import io
import json
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

import pypdf
import pytest
from typer.testing import CliRunner

from vareflyt.cli.app import app
from vareflyt.jobs.import_receivables import import_receivables
from vareflyt.jobs.rates import load_rates
from vareflyt.jobs.run_dunning import run_dunning
from vareflyt.workspace import init_workspace

TODAY = date(2026, 12, 1)
# as an accounting system exports open items: semicolon, decimal comma, Norwegian dates
EXPORT = (
    "Kundenr;Kundenavn;Kundetype;Adresse;Fakturanr;Fakturadato;Forfallsdato;Beløp;Betalt\r\n"
    "20001;Kari Nordmann;Privat;Lia 3, 2000 Lillestrøm;7001;15.05.2026;01.06.2026;10 000,00;0,00\r\n"
    "20002;Per Hansen;Privat;Bakken 9, 3000 Drammen;7002;06.11.2026;20.11.2026;2 000,00;0,00\r\n"
)


@pytest.fixture
def ws(tmp_path, shipped_rates_until):
    # The shipped table is read as if it stopped at 30.06.2026, so the case keeps running the
    # day a release ships the H2 2026 rate (it used to skip itself then).
    shipped_rates_until(date(2026, 7, 1))
    assert load_rates(None).known_half_year(date(2026, 7, 1)) is None
    ws = init_workspace(tmp_path / "ws")
    export = tmp_path / "apne_poster.csv"
    export.write_bytes(EXPORT.encode("utf-8"))
    assert import_receivables(ws, export, as_of=date(2026, 6, 10)).ok
    first = run_dunning(ws, on=date(2026, 6, 10))  # reminder for 7001 (day 9)
    assert [r["invoices"] for r in first.extra["reminders"]] == [["7001"]]
    yield ws
    ws.close()


def _text(path: Path) -> str:
    return " ".join(
        "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages).split()
    )


def test_fee_free_reminder_goes_and_fee_notice_claims_interest_to_30_june(ws):
    result = run_dunning(ws, on=TODAY)
    by_customer = {r["customer"]: r for r in result.extra["reminders"]}
    reminder, dunning = by_customer["20002"], by_customer["20001"]
    assert (reminder["level"], reminder["fee"], reminder["interest"]) == ("reminder", "0.00", "0.00")
    # 7001: 10 000 due Monday 01.06.2026; interest 02.06–30.06 = 29 days at 12.00 %/365 = 95.342 -> 95.34,
    # nothing after 30.06; purregebyr 750/20 = 37.50; a consumer: no compensation
    assert (
        dunning["level"],
        dunning["interest"],
        dunning["new_fee"],
        dunning["fee"],
        dunning["compensation"],
        dunning["total"],
        dunning["interest_through"],
    ) == ("dunning", "95.34", "37.50", "37.50", "0.00", "10132.84", "2026-06-30")
    [missing] = [i for i in result.issues if i.code == "dunning.missing_rate"]
    assert "01.07.2026" in missing.message and "30.06.2026" in missing.message
    assert "vareflyt rates add --from 2026-07-01 --interest" in missing.message
    letter = _text(ws.root / dunning["letter"])
    assert "30.06.2026" in letter and "95,34" in letter and "til betaling skjer" in letter


def test_preview_from_the_command_line_exits_0(ws):
    out = CliRunner().invoke(
        app,
        ["dunning", "run", "--preview", "--date", TODAY.isoformat(), "--workspace", str(ws.root), "--json"],
    )
    assert out.exit_code == 0, out.output
    payload = json.loads(out.stdout)
    assert {r["level"] for r in payload["reminders"]} == {"reminder", "dunning"}
    assert [i["code"] for i in payload["issues"]].count("dunning.missing_rate") == 1


def test_the_rate_added_by_the_user_is_used_at_once(ws):
    (ws.root / "rates.toml").write_text(
        '[[half_year]]\nstart = 2026-07-01\ninterest = "12.00"\nsource = "test"\n', encoding="utf-8"
    )
    result = run_dunning(ws, on=TODAY, preview=True)
    dunning = next(r for r in result.extra["reminders"] if r["customer"] == "20001")
    # 02.06–01.12.2026 = 183 days at 12.00 %/365 on 10 000 = 601.64
    assert dunning["interest"] == "601.64" and dunning["interest_through"] is None
    assert not [i for i in result.issues if i.code == "dunning.missing_rate"]
    assert Decimal(dunning["total"]) == Decimal("10000") + Decimal("601.64") + Decimal("37.50")


def test_the_nightly_batch_lists_the_missing_rate_for_a_person(ws):
    from vareflyt.jobs.nightly import batch_status, run_batch

    result = run_batch(ws, on=TODAY, now=datetime.combine(TODAY, time(2, 30)), force=True)
    attention = [a for a in result.extra["attention"] if a["kind"] == "dunning.missing_rate"]
    assert len(attention) == 1 and "01.07.2026" in attention[0]["message"]
    status = batch_status(ws)
    assert any("01.07.2026" in item["message"] for item in status.extra["open_items"])
    assert "Trenger en person" in status.summary and "rates add --from 2026-07-01" in status.summary
    report = (ws.root / "rapporter").glob("*.html")
    assert any("01.07.2026" in path.read_text(encoding="utf-8") for path in report)
