"""camt.054 reading: the public corpus (``../shared/corpus/camt054``), Norwegian files of the three
versions written by hand as banks write them, and hostile files.

Expected corpus values were read from the XML by hand (the element quoted beside each)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal as D

import pytest
from lxml import etree

from vareflyt.domain.issues import Source, VareflytError
from vareflyt.edi.camt054 import account_forms, check_account, parse_camt054, read_camt054

from .bank_files import nok_file

CH_ACCOUNT = "CH2909000000250094239"  # Ntfctn/Acct/Id/IBAN of the libeufin test bank files


def payments(corpus, name):
    found, issues = read_camt054(corpus / name)
    assert not [i for i in issues if i.is_error]
    return found, issues


def test_every_corpus_file_is_read_and_amounts_match_the_xml(camt054_file):
    found, issues = read_camt054(camt054_file)
    assert not [i for i in issues if i.is_error]
    root = etree.parse(str(camt054_file)).getroot()
    # every credit read carries the amount and currency written for its transaction (or its
    # entry, when the transaction has none), and each transaction is read at most once
    written = [
        (D(a.text), a.get("Ccy"))
        for a in root.iter("{*}Amt")
        if etree.QName(a.getparent()).localname in ("TxDtls", "Ntry", "TxAmt")
    ]
    for p in found:
        assert (p.amount, p.currency) in written and p.currency in ("CHF", "EUR")
    assert len({p.index for p in found}) == len(found) <= len(root.findall(".//{*}TxDtls"))


def test_credit_notification_with_one_batch_credit(camt054_corpus):
    found, _ = payments(
        camt054_corpus,
        "libeufin_200519_camt054-Credit_P_CH2909000000250094239_1110092691_0_2019042421291293.xml",
    )
    # <Amt Ccy="CHF">1500.00</Amt>, <BookgDt><Dt>2019-04-24 (ValDt 2019-04-25), <AcctSvcrRef>074820002ZZ9J42U
    assert [(p.paid_on, p.amount, p.currency, p.reference, p.account) for p in found] == [
        (date(2019, 4, 24), D("1500.00"), "CHF", "074820002ZZ9J42U", CH_ACCOUNT)
    ]


@pytest.mark.parametrize(
    "name",
    [
        "libeufin_200519_camt054-Debit_P_CH2909000000250094239_1110092692_0_2019042401501580.xml",
        "libeufin_200519_camt054-ESR-ASR_P_CH2909000000250094239_1110092704_0_2019042500372179_v2019.xml",
    ],
)
def test_debit_notifications_are_no_payments(camt054_corpus, name):
    found, issues = payments(camt054_corpus, name)  # CdtDbtInd DBIT: 913.00 / 147.00 CHF
    assert found == [] and issues == []


def test_direct_debit_batch_of_two(camt054_corpus):
    found, issues = payments(
        camt054_corpus,
        "libeufin_200519_camt054-chdd_p_ch2909000000250094239_1110097484_0_20190520700381159_v2019.xml",
    )
    assert issues == []  # .08; the entry's 4.50 is 1.50 + 3.00
    assert [(p.paid_on, p.amount, p.currency, p.payer, p.reference, p.text) for p in found] == [
        (date(2019, 5, 19), D("1.50"), "CHF", "Maria Bernasconi", "201-31295208-1", "Rechnung 1001"),
        (date(2019, 5, 19), D("3.00"), "CHF", "Maria Bernasconi", "201-31295208-2", "Rechnung 1002"),
    ]


@pytest.mark.parametrize("version", ["v2009", "v2019"])
def test_qr_credits_in_version_04_and_08_read_alike(camt054_corpus, version):
    found, issues = payments(
        camt054_corpus,
        f"libeufin_200519_camt054_P_CH2909000000250094239_1111091335_0_2020061900081727_{version}.xml",
    )
    assert issues == []
    # the creditor reference is Strd/CdtrRefInf/Ref, not the decoy Refs/Prtry/Ref 000…020; it has
    # 27 digits (a Swiss QR reference), too long to be a KID, so it is kept but not used as one
    assert [
        (p.paid_on, p.amount, p.currency, p.payer, p.reference, p.creditor_ref, p.kid) for p in found
    ] == [
        (
            date(2020, 6, 18),
            D("778.29"),
            "CHF",
            "Bernasconi Maria",
            "2000000000000000",
            "539115429773825311971477453",
            "",
        ),
        (
            date(2020, 6, 18),
            D("913.93"),
            "CHF",
            "Bernasconi Maria",
            "3000000000000000",
            "662437765447746478179744715",
            "",
        ),
    ]
    assert {p.account for p in found} == {CH_ACCOUNT}


def test_gls_euro_credit_without_booking_date_or_account(camt054_corpus):
    found, _ = payments(camt054_corpus, "libeufin_gls_camt054.xml")
    # <Amt Ccy="EUR">2.50</Amt>, only <ValDt>2024-05-05; EndToEndId NOTPROVIDED, so the TxId
    assert [(p.paid_on, p.amount, p.currency, p.payer, p.reference, p.text, p.account) for p in found] == [
        (date(2024, 5, 5), D("2.50"), "EUR", "Mr Test", "IS11PGENODEFF2DA8899900378806", "Test ICT", "")
    ]


def test_postfinance_debit_batch_and_reversal(camt054_corpus):
    found, _ = payments(camt054_corpus, "libeufin_postfinance_camt054.xml")
    # entry 1 DBIT 3.00 and entry 3 (RvslInd true, a returned payment of 1.00) are no payments;
    # entry 2 has no amount of its own and two CRDT transactions
    assert [(p.paid_on, p.amount, p.currency, p.reference, p.index) for p in found] == [
        (date(2023, 12, 19), D("10.00"), "CHF", "231121CH0AZWCR9T", 2),
        (date(2023, 12, 19), D("2.53"), "CHF", "231121CH0AZWCVR1", 3),
    ]
    assert found[0].text == "G1XTY6HGWGMVRM7E6XQ4JHJK561ETFDFTJZ 7JVGV543XZCB27YBG"


# -- Norwegian files of each version, written as the banks write them --------------------------


@pytest.mark.parametrize("version", ["02", "04", "08"])
def test_versions_02_04_08_read_alike(version):
    found, issues = parse_camt054(nok_file(version), "bank.xml", own_account="1503.20.80119")
    assert issues == []
    assert [(p.paid_on, p.amount, p.currency, p.kid, p.payer, p.reference, p.account) for p in found] == [
        (date(2024, 3, 4), D("2500.00"), "NOK", "0005002001", "Ødegård Bygg AS", "TX-9001", "15032080119")
    ]


def test_an_untested_version_is_read_with_a_warning():
    found, issues = parse_camt054(nok_file("04").replace(b"camt.054.001.04", b"camt.054.001.10"), "bank.xml")
    assert len(found) == 1 and [i.code for i in issues] == ["camt.version"] and ".10" in issues[0].message


def test_currency_from_the_account_when_the_amount_names_none():
    found, _ = parse_camt054(nok_file("04", ccy=""), "bank.xml")
    assert found[0].currency == "NOK"


# -- accounts ------------------------------------------------------------------------------


def test_account_forms():
    assert account_forms("1503.20.80119") == {"15032080119", "NO5015032080119"}
    assert account_forms("NO50 1503 2080 119") == {"15032080119", "NO5015032080119"}
    assert account_forms("CH29 0900 0000 2500 9423 9") == {CH_ACCOUNT}
    assert account_forms("") == set()


@pytest.mark.parametrize(
    "account,warned",
    [
        ("<Othr><Id>15032080119</Id></Othr>", False),
        ("<IBAN>NO5015032080119</IBAN>", False),
        ("<Othr><Id>12345678903</Id></Othr>", True),
        (f"<IBAN>{CH_ACCOUNT}</IBAN>", True),
    ],
)
def test_the_credited_account_is_compared_with_ours(account, warned):
    found, issues = parse_camt054(nok_file("04", account=account), "bank.xml", own_account="1503.20.80119")
    assert len(found) == 1
    if warned:
        (issue,) = issues
        file_account = re.sub(r"<[^>]+>", "", account)
        assert issue.code == "camt.account" and not issue.is_error
        assert file_account in issue.message and "1503.20.80119" in issue.message and issue.source.row == 6
    else:
        assert issues == []


def test_no_account_configured_means_no_comparison():
    assert check_account("12345678903", "", Source()) is None
    assert parse_camt054(nok_file("08"), "bank.xml")[1] == []


# -- hostile and broken files ---------------------------------------------------------------


def test_doctype_after_a_long_comment_is_refused():
    prolog = "<!-- " + "x" * 5000 + ' -->\n<!DOCTYPE Document [<!ENTITY kid "0005002001">]>'
    with pytest.raises(VareflytError, match="DOCTYPE") as err:
        parse_camt054(nok_file("04", prolog=prolog), "evil.xml")
    (issue,) = err.value.issues
    assert issue.code == "camt.dtd" and issue.source.row == 2


def test_doctype_in_utf16_is_refused():
    data = (
        nok_file("04", prolog='<!DOCTYPE Document [<!ENTITY e "x">]>')
        .decode()
        .replace('encoding="UTF-8"', 'encoding="UTF-16"')
        .encode("utf-16")
    )
    with pytest.raises(VareflytError, match="DOCTYPE"):
        parse_camt054(data, "evil16.xml")


def test_the_parser_itself_refuses_a_doctype_and_reads_no_file(tmp_path, monkeypatch):
    """With the byte search switched off, the parsed tree's DOCTYPE still refuses the file and the
    external entity was never read."""
    from vareflyt.edi.ubl import safe_xml

    secret = tmp_path / "secret.txt"
    secret.write_text("HEMMELIG")
    monkeypatch.setattr(safe_xml, "_DECL", re.compile(rb"(?!)"))
    data = nok_file("04", prolog=f'<!DOCTYPE Document [<!ENTITY s SYSTEM "file://{secret}">]>').replace(
        b"<Ref>0005002001</Ref>", b"<Ref>&s;</Ref>"
    )
    with pytest.raises(VareflytError, match="DOCTYPE") as err:
        parse_camt054(data, "xxe.xml")
    assert "HEMMELIG" not in str(err.value)


@pytest.mark.parametrize(
    "amount,why",
    [
        ("1E+400", "eksponent"),
        ("1" * 40, "18 siffer"),
        ("-2500.00", "eksponent"),
        ("2500.123456", "desimaler"),
        ("NaN", "eksponent"),
        ("", "mangler"),
    ],
)
def test_an_amount_that_is_no_iso_amount_is_an_error_with_its_place(amount, why):
    found, issues = parse_camt054(nok_file("04", amount=amount), "bank.xml")
    assert found == []
    errors = [i for i in issues if i.is_error]
    assert [i.code for i in errors] == ["camt.amount"] and why in errors[0].message
    assert errors[0].source.file == "bank.xml" and errors[0].source.row == 11  # the line of the <Amt>


def test_entry_and_transactions_that_disagree_are_a_warning():
    data = nok_file("04").replace(
        b'<Ntry><Amt Ccy="NOK">2500.00</Amt>', b'<Ntry><Amt Ccy="NOK">2600.00</Amt>'
    )
    found, issues = parse_camt054(data, "bank.xml")
    assert len(found) == 1 and [i.code for i in issues] == ["camt.sum"]
    assert "2 600,00" in issues[0].message and "2 500,00" in issues[0].message


@pytest.mark.parametrize(
    "data,match",
    [
        (b"", "tom"),
        (b"<Document><Other/></Document>", "camt.054"),
        (b"<Document><BkToCstm", "XML"),
        (b"\xff\xfe\x00garbage", "XML"),
    ],
)
def test_not_a_camt_file_is_refused_in_norwegian(data, match):
    with pytest.raises(VareflytError, match=match) as err:
        parse_camt054(data, "x.xml")
    assert err.value.issues and err.value.issues[0].source.file == "x.xml"
