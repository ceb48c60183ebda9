"""What payers write about what they pay, as Norwegian banks pass it on in camt.054: a KID in
the free text (``Ustrd``), an invoice number as a referred document (``RfrdDocInf/Nb``), one
transfer paying several invoices (one ``Strd`` each, with or without ``RfrdDocAmt/RmtdAmt``),
a credit the bank takes back (``RvslInd``), and bank files that are no camt.054.

Open items (tests/data/receivables/open_items.csv): 5001 owes 10 000,00 (KID 0005001003),
5002 owes 2 000,00 (KID 0005002001)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest

from vareflyt.domain.issues import VareflytError
from vareflyt.edi.camt054 import parse_camt054
from vareflyt.jobs.import_payments import import_payments
from vareflyt.jobs.import_receivables import import_receivables
from vareflyt.store import receivables as repo
from vareflyt.workspace import init_workspace

from .bank_files import nok_file

OPEN_ITEMS = Path(__file__).resolve().parents[1] / "data" / "receivables" / "open_items.csv"
KID_RMTINF = (
    b"<RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp>"
    b"<Ref>0005002001</Ref></CdtrRefInf></Strd></RmtInf>"
)


def paying(amount: str, remittance: str, version: str = "04") -> bytes:
    """One booked credit of ``amount`` with the remittance information ``remittance``."""
    data = nok_file(version, amount=amount)
    assert KID_RMTINF in data
    return data.replace(KID_RMTINF, remittance.encode())


def strd(kid: str = "", invoice: str = "", remitted: str = "") -> str:
    """A structured remittance block as an accounting system's payment file writes it."""
    amount = f'<RfrdDocAmt><RmtdAmt Ccy="NOK">{remitted}</RmtdAmt></RfrdDocAmt>' if remitted else ""
    doc = (
        f"<RfrdDocInf><Tp><CdOrPrtry><Cd>CINV</Cd></CdOrPrtry></Tp><Nb>{invoice}</Nb></RfrdDocInf>"
        if invoice
        else ""
    )
    ref = (
        f"<CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>{kid}</Ref></CdtrRefInf>"
        if kid
        else ""
    )
    return f"<Strd>{doc}{amount}{ref}</Strd>"


@pytest.fixture
def ws(tmp_path):
    workspace = init_workspace(tmp_path / "ws")
    import_receivables(workspace, OPEN_ITEMS, as_of=date(2024, 3, 1))
    yield workspace
    workspace.close()


def outstanding(ws) -> dict[str, D]:
    with ws.store.connect() as conn:
        return {i.invoice_no: i.outstanding for i in repo.load_invoices(conn)}


def run(ws, tmp_path, data: bytes, name: str = "bank.xml"):
    path = tmp_path / name
    path.write_bytes(data)
    return import_payments(ws, path)


@pytest.mark.parametrize("text", ["Betaling KID 0005002001 takk", "kid: 0005 0020 01"])
def test_a_kid_written_in_the_free_text_settles_its_invoice(ws, tmp_path, text):
    result = run(ws, tmp_path, paying("2000.00", f"<RmtInf><Ustrd>{text}</Ustrd></RmtInf>"))
    assert (result.counts["matched_kid"], result.counts["unmatched"]) == (1, 0)
    assert outstanding(ws)["5002"] == 0


def test_free_text_naming_nothing_open_says_so(ws, tmp_path):
    result = run(ws, tmp_path, paying("2000.00", "<RmtInf><Ustrd>Takk for handelen</Ustrd></RmtInf>"))
    (issue,) = [i for i in result.issues if i.code == "payments.unmatched"]
    assert issue.message.endswith("teksten nevner verken KID eller nummeret på en åpen faktura.")


def test_an_invoice_number_as_referred_document_settles_that_invoice(ws, tmp_path):
    data = paying("2000.00", f"<RmtInf>{strd(invoice='5002')}</RmtInf>")
    (payment,) = parse_camt054(data, "bank.xml")[0]
    assert (payment.invoice_no, payment.kid) == ("5002", "")
    result = run(ws, tmp_path, data)
    assert result.counts["matched_invoice"] == 1 and outstanding(ws)["5002"] == 0


def test_one_transfer_paying_two_invoices_with_amounts_settles_both(ws, tmp_path):
    remittance = (
        f"<RmtInf>{strd('0005001003', remitted='10000.00')}{strd('0005002001', remitted='2000.00')}</RmtInf>"
    )
    data = paying("12000.00", remittance)
    found, issues = parse_camt054(data, "bank.xml")
    assert issues == []
    assert [(p.amount, p.kid, p.index) for p in found] == [
        (D("10000.00"), "0005001003", 1),
        (D("2000.00"), "0005002001", 1),
    ]
    result = run(ws, tmp_path, data)
    assert (result.counts["rows_read"], result.counts["new"], result.counts["matched_kid"]) == (2, 2, 2)
    assert not [i for i in result.issues if i.code == "payments.overpaid"]
    left = outstanding(ws)
    assert (left["5001"], left["5002"]) == (0, 0)
    again = run(ws, tmp_path, data)
    assert (again.counts["new"], again.counts["unchanged"]) == (0, 2) and outstanding(ws) == left


def test_parts_that_do_not_add_up_keep_the_credit_whole_with_a_warning(ws, tmp_path):
    # the remitted amounts (10 000 + 500) are not the 12 000 credited: nothing is guessed
    remittance = (
        f"<RmtInf>{strd('0005001003', remitted='10000.00')}{strd('0005002001', remitted='500.00')}</RmtInf>"
    )
    found, issues = parse_camt054(paying("12000.00", remittance), "bank.xml")
    assert [(p.amount, p.kid) for p in found] == [(D("12000.00"), "0005001003")]
    (issue,) = issues
    assert issue.code == "camt.several_refs" and not issue.is_error
    assert "KID 0005002001" in issue.message and "ført på KID 0005001003" in issue.message
    assert "12 000,00 kr" in issue.message and issue.source.row is not None


def test_several_kids_without_amounts_name_the_others_for_a_person(ws, tmp_path):
    remittance = f"<RmtInf>{strd('0005001003')}{strd('0005002001')}{strd(invoice='5003')}</RmtInf>"
    result = run(ws, tmp_path, paying("12000.00", remittance))
    (issue,) = [i for i in result.issues if i.code == "camt.several_refs"]
    assert "gjelder KID 0005001003 og KID 0005002001, faktura 5003" in issue.message
    assert "Kontroller fordelingen i Innbetalinger" in issue.message


def test_several_kids_without_amounts_paying_exactly_what_they_owe_settle_each(ws, tmp_path):
    remittance = f"<RmtInf>{strd('0005001003')}{strd('0005002001')}</RmtInf>"
    result = run(ws, tmp_path, paying("12000.00", remittance))
    assert (result.counts["new"], result.counts["matched_kid"], result.counts["unmatched"]) == (1, 1, 0)
    assert not [i for i in result.issues if i.code == "payments.overpaid"]
    left = outstanding(ws)
    assert (left["5001"], left["5002"]) == (0, 0)


def test_a_reversed_credit_is_no_payment_but_a_warning(ws, tmp_path):
    data = (
        nok_file("04", amount="2000.00")
        .replace(b"<CdtDbtInd>CRDT</CdtDbtInd>", b"<CdtDbtInd>DBIT</CdtDbtInd>")
        .replace(b"<Sts>BOOK</Sts>", b"<RvslInd>true</RvslInd><Sts>BOOK</Sts>")
    )
    found, issues = parse_camt054(data, "bank.xml")
    assert found == []
    (issue,) = issues
    assert issue.code == "camt.reversal" and not issue.is_error and issue.source.row == 7
    assert "2 000,00 kr (04.03.2024) med KID 0005002001" in issue.message
    before = outstanding(ws)
    result = run(ws, tmp_path, data)
    assert result.ok and outstanding(ws) == before
    assert [i.code for i in result.issues if i.code.startswith("camt.")] == ["camt.reversal"]
    # a reversed debit (CRDT with RvslInd) is money back to the shop: no payment and no warning
    money_back = nok_file("04").replace(b"<Sts>BOOK</Sts>", b"<RvslInd>true</RvslInd><Sts>BOOK</Sts>")
    assert parse_camt054(money_back, "bank.xml") == ([], [])


@pytest.mark.parametrize(
    "element,namespace,what",
    [
        ("BkToCstmrStmt", "camt.053.001.02", "en kontoutskrift (camt.053)"),
        ("CstmrPmtStsRpt", "pain.002.001.03", "en statusrapport for betalinger (pain.002)"),
    ],
)
def test_another_bank_file_is_named_for_what_it_is(element, namespace, what):
    data = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:{namespace}"><{element}>'
        f"<GrpHdr><MsgId>NO-1</MsgId><CreDtTm>2024-03-05T06:00:00</CreDtTm></GrpHdr></{element}></Document>"
    ).encode()
    with pytest.raises(VareflytError) as err:
        parse_camt054(data, "fra_banken.xml")
    assert str(err.value).startswith(f"fra_banken.xml er {what}, ikke en camt.054-fil med innbetalinger.")
    assert err.value.issues[0].code == "camt.not_camt"


def test_two_kids_in_the_free_text_paying_both_in_full_settle_both(ws, tmp_path):
    data = paying("12000.00", "<RmtInf><Ustrd>KID 0005001003 og KID 0005002001</Ustrd></RmtInf>")
    result = run(ws, tmp_path, data)
    assert (result.counts["new"], result.counts["matched_kid"]) == (1, 1)
    left = outstanding(ws)
    assert (left["5001"], left["5002"]) == (0, 0)


def test_an_invoice_number_sent_as_the_creditor_reference_settles_that_invoice(ws, tmp_path):
    # an ERP's payment file puts the invoice number where a KID would stand (no SCOR type)
    data = paying("2000.00", "<RmtInf><Strd><CdtrRefInf><Ref>5002</Ref></CdtrRefInf></Strd></RmtInf>")
    result = run(ws, tmp_path, data)
    assert (result.counts["matched_invoice"], result.counts["unmatched"]) == (1, 0)
    assert outstanding(ws)["5002"] == 0
