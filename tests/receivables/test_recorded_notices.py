"""The dunning events the store hands back are named rows with the values recorded: Decimal
amounts, dates, in the order sent and recorded (``events_on`` for one day, ``notices_sent``
for the Purreliste's history), and the invoice facts name each invoice's customer and due date."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from vareflyt.jobs.import_receivables import import_receivables
from vareflyt.store import receivables as repo
from vareflyt.store import receivables_ledger
from vareflyt.store.receivables_rows import InvoiceFacts, NewNotice

EXPORT = (
    "Kundenr;Kundenavn;Fakturanr;Fakturadato;Forfall;Beløp;Betalt\r\n"
    "K1;Ola Bygg AS;11;02.01.2024;16.01.2024;10 000,00;0,00\r\n"
    "K2;Kari Hansen;12;05.01.2024;19.01.2024;1 500,50;500,00\r\n"
)


# A dunning notice on invoice 12 as the dunning run records it; the others differ in a few fields.
DUNNING_12 = NewNotice(
    invoice_no="12",
    customer_no="K2",
    level="dunning",
    sent_on=date(2024, 2, 6),
    deadline=date(2024, 2, 20),
    principal=Decimal("1000.50"),
    interest=Decimal("12.34"),
    fee=Decimal("35.00"),
    compensation=Decimal("0"),
    letter="purringer/12-dunning.pdf",
)
REMINDER_11 = DUNNING_12._replace(
    invoice_no="11", customer_no="K1", level="reminder", sent_on=date(2024, 1, 23), fee=Decimal("0")
)
DUNNING_11 = DUNNING_12._replace(invoice_no="11", customer_no="K1", letter="purringer/11-dunning.pdf")


def test_events_are_read_back_by_day_and_in_order_with_their_values(workspace, tmp_path):
    export = tmp_path / "apne.csv"
    export.write_bytes(EXPORT.encode("utf-8"))
    assert import_receivables(workspace, export, as_of=date(2024, 1, 20)).ok
    at = datetime(2024, 2, 6, 12)
    with workspace.store.transaction() as conn:
        recorded = repo.record_events(
            conn,
            [DUNNING_12, REMINDER_11, DUNNING_11],
            at,
        )
    assert recorded == 3
    with workspace.store.connect() as conn:
        on_day = repo.events_on(conn, date(2024, 2, 6))
        history = receivables_ledger.notices_sent(conn)
        facts = receivables_ledger.invoice_facts(conn)
    assert [(e.invoice_no, e.level) for e in on_day] == [("12", "dunning"), ("11", "dunning")]
    first = on_day[0]
    assert (first.customer_no, first.sent_on, first.deadline) == ("K2", date(2024, 2, 6), date(2024, 2, 20))
    assert (first.principal, first.interest, first.fee) == (
        Decimal("1000.50"),
        Decimal("12.34"),
        Decimal("35"),
    )
    assert isinstance(first.fee, Decimal) and first.letter == "purringer/12-dunning.pdf"
    assert first.created_at == at
    # the history: oldest sending date first, a day's events in the order recorded
    assert [(e.invoice_no, e.sent_on) for e in history] == [
        ("11", date(2024, 1, 23)),
        ("12", date(2024, 2, 6)),
        ("11", date(2024, 2, 6)),
    ]
    assert facts == {
        "11": InvoiceFacts("K1", date(2024, 1, 16)),
        "12": InvoiceFacts("K2", date(2024, 1, 19)),
    }
