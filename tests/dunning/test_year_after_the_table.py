"""Dunning on the first days of a year the rate table does not reach yet: 04.01.2027 (the first
business day; 01.01 is a holiday) and 01.07.2027. The 2027 inkassosats is not known, so a notice
with a fee waits (never a fee guessed from 2026), the fee-free reminder still goes, and the run
says in Norwegian what is missing and how to add it. The shipped table is read as if it stopped
at 30.06.2026 / 31.12.2026, so the case keeps its meaning when a release ships later rows."""

from datetime import date
from decimal import Decimal

import pytest

from vareflyt.jobs.import_receivables import import_receivables
from vareflyt.jobs.run_dunning import run_dunning
from vareflyt.workspace import init_workspace

# as an accounting system exports open items: a business due on a Monday, a consumer due before
# Christmas
EXPORT = (
    "Kundenr;Kundenavn;Kundetype;Adresse;Fakturanr;Fakturadato;Forfallsdato;Beløp;Betalt\r\n"
    "40001;Ødegård Bygg AS;Bedrift;Storgata 1, 0155 Oslo;9101;02.11.2026;16.11.2026;12 500,00;0,00\r\n"
    "40002;Åse Hansen;Privat;Fjellveien 2, 5003 Bergen;9102;07.12.2026;21.12.2026;1 990,00;0,00\r\n"
)


@pytest.fixture
def ws(tmp_path, shipped_rates_until):
    shipped_rates_until(date(2026, 7, 1), 2027)
    ws = init_workspace(tmp_path / "ws")
    export = tmp_path / "apne_poster.csv"
    export.write_bytes(EXPORT.encode("utf-8"))
    assert import_receivables(ws, export, as_of=date(2026, 12, 2)).ok
    first = run_dunning(ws, on=date(2026, 12, 2), write_workbook=False)  # 9101 is 16 days overdue
    assert [(r["invoices"], r["level"]) for r in first.extra["reminders"]] == [(["9101"], "reminder")]
    yield ws
    ws.close()


def test_a_fee_notice_waits_for_the_2027_inkassosats_and_the_reminder_goes(ws):
    result = run_dunning(ws, on=date(2027, 1, 4), write_workbook=False)
    assert result.ok
    # 9102 (due 21.12.2026) gets its fee-free reminder; 9101's purring would carry a fee: it waits
    assert [(r["invoices"], r["level"], r["new_fee"]) for r in result.extra["reminders"]] == [
        (["9102"], "reminder", "0.00")
    ]
    assert result.counts["rate_missing"] == 1
    (missing,) = [i for i in result.issues if "Inkassosatsen" in i.message]
    assert missing.message.startswith(
        "Inkassosatsen for 2027 mangler i satstabellen, så purregebyret kan ikke regnes ut: 1 faktura"
    )
    assert "[[inkassosats]] med start = 2027-01-01" in missing.message


def test_half_a_year_on_the_run_still_goes_and_says_the_same(ws):
    result = run_dunning(ws, on=date(2027, 7, 1), preview=True, write_workbook=False)
    assert result.ok and result.counts["rate_missing"] == 1
    assert all(Decimal(r["fee"]) == 0 for r in result.extra["reminders"])
    assert any("Inkassosatsen for 2027 mangler" in i.message for i in result.issues)


def test_the_inkassosats_added_by_hand_is_used_at_once(ws):
    (ws.root / "rates.toml").write_text(
        '[[inkassosats]]\nstart = 2027-01-01\namount = "780"\nsource = "Lovdata"\n', encoding="utf-8"
    )
    result = run_dunning(ws, on=date(2027, 1, 4), preview=True, write_workbook=False)
    purring = next(r for r in result.extra["reminders"] if r["invoices"] == ["9101"])
    assert (purring["level"], purring["new_fee"]) == ("dunning", "39.00")  # 780 / 20
