"""Closing an invoice on which vareflyt has claimed reminder fees, compensation or interest: the
accounting program has most likely booked only the principal, so each such invoice gets one
warning with the amounts claimed — never dropped silently."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from vareflyt.jobs.import_receivables import import_receivables
from vareflyt.store import receivables as repo
from vareflyt.store.receivables_rows import NewNotice

HEAD = "Kundenr;Kundenavn;Fakturanr;Fakturadato;Forfall;Beløp;Betalt\r\n"
ROWS = {
    "1": "K1;Ola Bygg AS;1;02.01.2024;16.01.2024;10 000,00;0,00\r\n",
    "2": "K1;Ola Bygg AS;2;05.01.2024;19.01.2024;4 000,00;0,00\r\n",
    "3": "K2;Kari Hansen;3;05.01.2024;19.01.2024;1 500,00;0,00\r\n",
}


def _export(path, numbers):
    path.write_bytes((HEAD + "".join(ROWS[n] for n in numbers)).encode("utf-8"))
    return path


def _event(invoice, customer, level, sent_on, fee, compensation, interest):
    return NewNotice(
        invoice_no=invoice,
        customer_no=customer,
        level=level,
        sent_on=sent_on,
        deadline=sent_on + timedelta(days=14),
        principal=Decimal("10000"),
        interest=Decimal(interest),
        fee=Decimal(fee),
        compensation=Decimal(compensation),
        letter="",
    )


def test_one_warning_per_closed_invoice_with_costs_claimed(workspace, tmp_path):
    import_receivables(workspace, _export(tmp_path / "a.csv", ["1", "2", "3"]), as_of=date(2024, 1, 20))
    with workspace.store.transaction() as conn:
        repo.record_events(
            conn,
            [
                _event("1", "K1", "reminder", date(2024, 1, 23), "0", "0", "0"),
                _event("1", "K1", "dunning", date(2024, 2, 6), "35", "275", "23.56"),
                _event("1", "K1", "inkassovarsel", date(2024, 2, 20), "35", "240", "66.10"),
                _event("2", "K1", "reminder", date(2024, 1, 26), "0", "0", "0"),  # fee-free reminder only
                _event(
                    "3", "K2", "dunning", date(2024, 2, 9), "35", "0", "0"
                ),  # consumer: fee, no compensation
            ],
            datetime(2024, 2, 20, 12),
        )
    result = import_receivables(workspace, _export(tmp_path / "b.csv", []), as_of=date(2024, 3, 1), full=True)
    assert result.ok and result.counts["expired"] == 3
    warnings = [i.message for i in result.issues if i.code == "receivables.closed_with_costs"]
    # fees add up (35 + 35); compensation and interest as the latest notice (20.02.2024) stated them
    assert warnings == [
        "Faktura 1 (kunde K1) er lukket som betalt, men vareflyt har "
        "krevd purregebyr 70,00 kr, standardkompensasjon "
        "240,00 kr og forsinkelsesrente (per 20.02.2024) 66,10 kr på den. Regnskapet har trolig bare ført "
        "hovedstolen som betalt: fakturer kostnadene eller avskriv dem i regnskapet.",
        "Faktura 3 (kunde K2) er lukket som betalt, men vareflyt har "
        "krevd purregebyr 35,00 kr på den. Regnskapet "
        "har trolig bare ført hovedstolen som betalt: fakturer kostnadene eller avskriv dem i regnskapet.",
    ]


def test_no_warning_for_invoices_still_open(workspace, tmp_path):
    import_receivables(workspace, _export(tmp_path / "a.csv", ["1", "2"]), as_of=date(2024, 1, 20))
    with workspace.store.transaction() as conn:
        repo.record_events(
            conn,
            [_event("1", "K1", "dunning", date(2024, 2, 6), "35", "275", "23.56")],
            datetime(2024, 2, 6, 12),
        )
    result = import_receivables(workspace, _export(tmp_path / "b.csv", ["1"]), as_of=date(2024, 3, 1))
    assert result.ok and result.counts["expired"] == 1
    assert not [i for i in result.issues if i.code == "receivables.closed_with_costs"]
