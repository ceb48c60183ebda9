"""Holds marked in Kundereskontro.xlsx: "Ikke purr" in the Purreliste keeps an invoice out of
the next runs (the tick survives the list being rewritten) until it is removed; "Purres: nei"
in Kunder holds the customer."""

from datetime import date

from vareflyt.excel.openpyxl_adapter import OpenpyxlWorkbook
from vareflyt.jobs.run_dunning import run_dunning

from .test_run import ws  # noqa: F401  (the workspace with imported receivables and payments)

FIRST, LATER, LATEST = date(2024, 3, 8), date(2024, 3, 25), date(2024, 4, 20)


def _book(ws):
    return OpenpyxlWorkbook(ws.receivables_workbook, "receivables")


def _tick(ws, invoice_no: str, ticked: bool, comment: str = "") -> None:
    book = _book(ws)
    frame = book.read_table("dunning_list")
    index = frame.index[frame["invoice_no"] == invoice_no][0]
    book.set_values("dunning_list", int(index), {"hold": ticked, "comment": comment})
    book.save()


def _reminded(result) -> set[str]:
    return {no for r in result.extra["reminders"] for no in r["invoices"]}


def test_a_ticked_invoice_is_held_until_the_tick_is_removed(ws):  # noqa: F811
    preview = run_dunning(ws, on=FIRST, preview=True)
    assert "5001" in _reminded(preview)
    _tick(ws, "5001", True, "Kunden bestrider leveransen")
    first = run_dunning(ws, on=FIRST)
    assert "5001" not in _reminded(first) and first.counts["hold"] == 2  # + the customer held in the toml
    assert any(i.code == "dunning.holds" and "1 faktura holdes" in i.message for i in first.issues)
    listed = _book(ws).read_table("dunning_list")
    row = listed[listed["invoice_no"] == "5001"].iloc[0]  # shown again, still ticked
    assert bool(row["hold"]) and row["level"] == "holdt" and row["comment"] == "Kunden bestrider leveransen"
    invoices = _book(ws).read_table("invoices")
    assert invoices.loc[invoices["invoice_no"] == "5001", "status"].iloc[0] == "holdt"

    later = run_dunning(ws, on=LATER)  # the rewritten list kept it
    assert "5001" not in _reminded(later)
    _tick(ws, "5001", False)
    latest = run_dunning(ws, on=LATEST)
    assert "5001" in _reminded(latest)
    assert any(i.code == "dunning.holds" and "1 er frigitt" in i.message for i in latest.issues)


def test_a_customer_marked_not_to_be_dunned_in_kunder(ws):  # noqa: F811
    book = _book(ws)
    book.replace_rows(
        "customers",
        [
            {"customer_no": "10003", "name": "Bergen kommune", "dunning": False},
            {"customer_no": "10001", "name": "Ødegård Bygg AS", "dunning": True},
        ],
    )
    book.save()
    result = run_dunning(ws, on=FIRST)
    customers = {r["customer"] for r in result.extra["reminders"]}
    assert "10003" not in customers and "10001" in customers


def test_customer_details_typed_in_kunder_are_used_in_the_letters(ws):  # noqa: F811
    book = _book(ws)
    book.replace_rows(
        "customers",
        [
            {
                "customer_no": "10001",
                "address": "Nygata 5",
                "postcode": "0150",
                "city": "Oslo",
                "kind": "privat",
                "email": "ny@odegard.no",
            },
            {"customer_no": "10003", "kind": "ukjent-type"},
        ],
    )
    book.save()
    result = run_dunning(ws, on=FIRST)
    letter = next(r["letter"] for r in result.extra["reminders"] if r["customer"] == "10001")
    html = (ws.root / letter).with_suffix(".html").read_text(encoding="utf-8")
    assert "Nygata 5<br>0150 Oslo" in html and "Ødegård Bygg AS" in html  # empty name: the export's stays
    kind = next(i for i in result.issues if i.code == "dunning.customer_kind")
    assert "ukjent-type" in kind.message and kind.source.sheet == "Kunder"
