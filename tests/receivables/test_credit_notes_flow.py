"""Credit notes from an accounting system's open-items export, through aging, the Purreliste
and the letters: the customer is dunned for what is owed, with hand-computed figures."""

from datetime import date
from decimal import Decimal

import pytest

from vareflyt.excel.openpyxl_adapter import OpenpyxlWorkbook
from vareflyt.jobs.aged_receivables import aged_receivables_report
from vareflyt.jobs.import_receivables import import_receivables
from vareflyt.jobs.run_dunning import run_dunning

# due 15.02.2026 is a Sunday: the customers have until Monday 16.02
EXPORT = (
    "Kundenr;Kundenavn;Kundetype;Bilagstype;Fakturanr;Gjelder faktura;Fakturadato;Forfallsdato;Beløp\r\n"
    "30001;Snekker Berg AS;B2B;Faktura;8001;;01.02.2026;15.02.2026;10 000,00\r\n"
    "30001;Snekker Berg AS;B2B;Kreditnota;8501;8001;20.02.2026;20.02.2026;-2 000,00\r\n"
    "30002;Ola Dunk;B2C;Faktura;8002;;01.02.2026;15.02.2026;1 500,00\r\n"
    "30002;Ola Dunk;B2C;Kreditnota;8502;;25.02.2026;25.02.2026;-500,00\r\n"
    "30003;Kari Kreditt;B2C;Faktura;8003;;01.02.2026;15.02.2026;400,00\r\n"
    "30003;Kari Kreditt;B2C;Kreditnota;8503;;25.02.2026;25.02.2026;-600,00\r\n"
)


@pytest.fixture
def ws(workspace, tmp_path):
    export = tmp_path / "apne_poster.csv"
    export.write_bytes(EXPORT.encode("utf-8"))
    assert import_receivables(workspace, export, as_of=date(2026, 3, 1)).ok
    return workspace


def test_aging_shows_what_each_customer_owes(ws):
    result = aged_receivables_report(ws, date(2026, 3, 1))
    totals = {row["customer_no"]: Decimal(row["total"]) for row in result.extra["customers"]}
    # 10 000 - 2 000; 1 500 - 500 (unassigned, to the only invoice); 400 - 600: 200 to the customer's credit
    assert totals == {"30001": Decimal("8000.00"), "30002": Decimal("1000.00"), "30003": Decimal("-200.00")}
    assert Decimal(result.extra["total"]["total"]) == Decimal("8800.00")


def test_letters_claim_what_is_owed_and_the_list_shows_the_credit(ws):
    first = run_dunning(ws, on=date(2026, 3, 1))
    reminders = {r["customer"]: r for r in first.extra["reminders"]}
    assert set(reminders) == {"30001", "30002"}  # Kari Kreditt is in credit: no letter
    assert (reminders["30001"]["principal"], reminders["30001"]["credited"]) == ("8000.00", "2000.00")
    assert (reminders["30002"]["principal"], reminders["30002"]["credited"]) == ("1000.00", "500.00")
    with OpenpyxlWorkbook(ws.receivables_workbook, "receivables") as book:
        listed = book.read_table("dunning_list")
    credit = listed[listed["invoice_no"] == "8501"].iloc[0]
    assert credit["outstanding"] == Decimal("-2000.00") and "8001" in credit["level"]

    later = run_dunning(ws, on=date(2026, 3, 17))
    berg = next(r for r in later.extra["reminders"] if r["customer"] == "30001")
    # purring: interest 17.02–17.03.2026 = 29 days at 12.00 %/365 on 8 000 = 76.27 (not on 10 000);
    # fee 750/20 = 37.50; standardkompensasjon 460 - 37.50 = 422.50
    assert (berg["level"], berg["interest"], berg["new_fee"], berg["compensation"], berg["total"]) == (
        "dunning",
        "76.27",
        "37.50",
        "422.50",
        "8536.27",
    )
