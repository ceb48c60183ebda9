"""``payments import`` of camt.054 files: only NOK settles NOK invoices, the credited account is
compared with ours, and an unreadable amount refuses the file whole."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest
import sqlalchemy as sa

from vareflyt.config import default_toml
from vareflyt.jobs.import_payments import import_payments
from vareflyt.jobs.import_receivables import import_receivables
from vareflyt.store import receivables as repo
from vareflyt.store.tables.receivables import customer_payments
from vareflyt.workspace import init_workspace

from .bank_files import nok_file

OPEN_ITEMS = Path(__file__).resolve().parents[1] / "data" / "receivables" / "open_items.csv"
OUR_ACCOUNT = "1503.20.80119"


@pytest.fixture
def ws(tmp_path):
    config = default_toml().replace('bank_account = ""   # 11 siffer', f'bank_account = "{OUR_ACCOUNT}"')
    workspace = init_workspace(tmp_path / "ws", config_text=config)
    import_receivables(workspace, OPEN_ITEMS, as_of=date(2024, 3, 1))
    yield workspace
    workspace.close()


def write(tmp_path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def outstanding(ws) -> dict[str, D]:
    with ws.store.connect() as conn:
        return {i.invoice_no: i.outstanding for i in repo.load_invoices(conn)}


def stored(ws) -> list[tuple]:
    with ws.store.connect() as conn:
        return [
            tuple(r)
            for r in conn.execute(
                sa.select(customer_payments.c.amount, customer_payments.c.kid, customer_payments.c.invoice_no)
            )
        ]


def test_a_nok_credit_settles_its_invoice_by_kid(ws, tmp_path):
    # invoice 5002: 2 500,00, 500,00 paid, KID 0005002001 -> 2 000,00 open
    result = import_payments(ws, write(tmp_path, "nok.xml", nok_file("08", amount="2000.00")))
    assert result.ok and result.counts["matched_kid"] == 1 and result.counts["foreign_currency"] == 0
    assert outstanding(ws)["5002"] == 0 and not [i for i in result.issues if i.code == "camt.account"]


@pytest.mark.parametrize("currency", ["CHF", "EUR"])
def test_a_foreign_currency_credit_never_settles_a_nok_invoice(ws, tmp_path, currency):
    data = nok_file("04", amount="2000.00", ccy=f'Ccy="{currency}"').replace(
        b"<Ccy>NOK</Ccy>", f"<Ccy>{currency}</Ccy>".encode()
    )
    before = outstanding(ws)
    result = import_payments(ws, write(tmp_path, f"{currency}.xml", data))
    assert result.ok and outstanding(ws) == before and stored(ws) == []
    assert (result.counts["matched_kid"], result.counts["unmatched"], result.counts["foreign_currency"]) == (
        0,
        1,
        1,
    )
    (row,) = result.extra["unmatched"]
    assert (row["currency"], row["amount"], row["kid"]) == (currency, "2000.00", "0005002001")
    (issue,) = [i for i in result.issues if i.code == "payments.currency"]
    assert f"2 000,00 {currency}" in issue.message and "kr" not in issue.message
    assert issue.source.file == f"{currency}.xml" and issue.source.row == 10  # its <TxDtls>
    again = import_payments(ws, write(tmp_path, f"{currency}.xml", data))  # still never matched
    assert again.counts["foreign_currency"] == 1 and outstanding(ws) == before


def test_corpus_chf_credits_are_listed_with_their_currency(ws, camt054_corpus):
    name = "libeufin_200519_camt054_P_CH2909000000250094239_1111091335_0_2020061900081727_v2009.xml"
    result = import_payments(ws, camt054_corpus / name)
    assert result.ok and stored(ws) == []
    assert [(r["amount"], r["currency"]) for r in result.extra["unmatched"]] == [
        ("778.29", "CHF"),
        ("913.93", "CHF"),
    ]
    messages = [i.message for i in result.issues if i.code == "payments.currency"]
    assert "Innbetaling 778,29 CHF 18.06.2020 (Bernasconi Maria)" in messages[0] and "kr" not in messages[0]
    (account,) = [i for i in result.issues if i.code == "camt.account"]
    assert "CH2909000000250094239" in account.message and OUR_ACCOUNT in account.message


def test_a_mixed_file_settles_only_the_nok_credit(ws, tmp_path):
    euro = (
        b'<Ntry><Amt Ccy="EUR">10000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>'
        b"<BookgDt><Dt>2024-03-04</Dt></BookgDt><AcctSvcrRef>SEB-78</AcctSvcrRef><NtryDtls><TxDtls>"
        b"<Refs><AcctSvcrRef>TX-9002</AcctSvcrRef></Refs><Amt "
        b'Ccy="EUR">10000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>'
        b"<RmtInf><Strd><CdtrRefInf><Ref>0005001003</Ref></CdtrRefInf></Strd></RmtInf></TxDtls></NtryDtls></Ntry>"
    )
    data = nok_file("04", amount="2000.00").replace(b"</Ntfctn>", euro + b"</Ntfctn>")
    result = import_payments(ws, write(tmp_path, "mixed.xml", data))
    left = outstanding(ws)
    assert left["5002"] == 0 and left["5001"] == D("10000.00")  # KID 0005001003 paid in EUR: still open
    assert stored(ws) == [(D("2000.00"), "0005002001", "5002")]
    assert result.summary.endswith("1 ikke avstemt (derav 1 i utenlandsk valuta).")


def test_an_unmatched_nok_payment_is_shown_in_kroner(ws, tmp_path):
    data = nok_file("04", amount="1234.50").replace(b"<Ref>0005002001</Ref>", b"<Ref>9999999999</Ref>")
    result = import_payments(ws, write(tmp_path, "nok.xml", data))
    (issue,) = [i for i in result.issues if i.code == "payments.unmatched"]
    assert issue.message.startswith("Innbetaling 1 234,50 kr 04.03.2024 (Ødegård Bygg AS, KID 9999999999)")


@pytest.mark.parametrize(
    "account,warned",
    [
        ("<Othr><Id>15032080119</Id></Othr>", False),
        ("<IBAN>NO5015032080119</IBAN>", False),
        ("<Othr><Id>12345678903</Id></Othr>", True),
    ],
)
def test_the_credited_account_is_checked_against_the_company(ws, tmp_path, account, warned):
    result = import_payments(
        ws, write(tmp_path, "nok.xml", nok_file("04", amount="2000.00", account=account))
    )
    warnings = [i for i in result.issues if i.code == "camt.account"]
    assert result.ok and result.counts["matched_kid"] == 1  # a warning, the payment is still read
    assert bool(warnings) is warned
    if warned:
        assert "12345678903" in warnings[0].message and OUR_ACCOUNT in warnings[0].message


@pytest.mark.parametrize("amount", ["1E+400", "9" * 40])
def test_a_huge_amount_refuses_the_file_whole_with_its_place(ws, tmp_path, amount):
    good = nok_file("04", amount="2000.00")
    data = good.replace(
        b"</Ntfctn>",
        good[good.index(b"<Ntry>") : good.index(b"</Ntfctn>")].replace(b"2000.00", amount.encode())
        + b"</Ntfctn>",
    )
    result = import_payments(ws, write(tmp_path, "huge.xml", data))
    assert result.ok is False and stored(ws) == [] and outstanding(ws)["5002"] == D("2000.00")
    (issue,) = [i for i in result.issues if i.is_error]
    assert issue.code == "camt.amount" and issue.source.file == "huge.xml" and issue.source.row is not None
    assert "avvist" in result.summary
