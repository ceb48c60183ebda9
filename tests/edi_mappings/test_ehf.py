"""EHF (PEPPOL BIS Billing 3.0) reading: hostile and broken XML give Norwegian issues, never crashes."""

import copy
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from vareflyt.domain.invoices import InvoiceKind
from vareflyt.edi.ubl import MAX_BYTES, ehf_kind, is_ehf, looks_like_xml, parse_xml, read_ehf

EHF = Path(__file__).resolve().parents[1] / "data" / "ehf"
GOLDEN = Path(__file__).resolve().parents[1] / "data" / "edi_golden"
INVOICE_XML = (EHF / "invoice_F-100233.xml").read_bytes()
CREDIT_XML = (EHF / "creditnote_K-100301.xml").read_bytes()
UBL_NS = 'xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"'


def only_error(issues):
    assert len(issues) == 1 and issues[0].is_error, issues
    return issues[0]


def test_external_entity_is_refused_and_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("HEMMELIG")
    data = (
        f'<?xml version="1.0"?><!DOCTYPE Invoice [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        f"<Invoice {UBL_NS}><ID>&xxe;</ID></Invoice>"
    ).encode()
    invoice, issues = read_ehf(data, file="xxe.xml")
    issue = only_error(issues)
    assert invoice is None and issue.code == "ehf.dtd" and "DOCTYPE" in issue.message
    assert issue.source.file == "xxe.xml" and "HEMMELIG" not in issue.message


def test_billion_laughs_is_refused_quickly():
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{"&lol{};".format(i - 1 if i > 1 else "") * 10}">' for i in range(1, 10)
    )
    data = f'<?xml version="1.0"?><!DOCTYPE lolz [{entities}]><Invoice {UBL_NS}>&lol9;</Invoice>'.encode()
    invoice, issues = read_ehf(data)
    assert invoice is None and only_error(issues).code == "ehf.dtd"


def test_doctype_hidden_in_utf16_is_still_refused():
    text = (
        '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY '
        f'a "b">]><Invoice {UBL_NS}>&a;</Invoice>'
    )
    invoice, issues = read_ehf(text.encode("utf-16"))
    assert invoice is None and only_error(issues).code == "ehf.dtd"


def test_parser_itself_never_resolves_entities_or_reads_files(tmp_path, monkeypatch):
    """Defence in depth: with the byte check switched off, the lxml parser still resolves nothing
    and the DOCTYPE is refused after parsing."""
    import re

    from vareflyt.edi.ubl import safe_xml

    secret = tmp_path / "secret.txt"
    secret.write_text("HEMMELIG")
    data = (
        f'<!DOCTYPE Invoice [<!ENTITY xxe SYSTEM "file://{secret}"><!ENTITY i "intern">]>'
        f"<Invoice {UBL_NS}><ID>&xxe;&i;</ID></Invoice>"
    ).encode()
    tree = etree.fromstring(data, parser=safe_xml._parser())
    assert b"HEMMELIG" not in etree.tostring(tree) and b"intern</" not in etree.tostring(tree)
    monkeypatch.setattr(safe_xml, "_DECL", re.compile(rb"(?!)"))
    root, issues = parse_xml(data)
    assert root is None and only_error(issues).code == "ehf.dtd"


def test_oversize_input_is_refused_before_parsing():
    invoice, issues = read_ehf(INVOICE_XML + b" " * (MAX_BYTES + 1 - len(INVOICE_XML)))
    issue = only_error(issues)
    assert invoice is None and issue.code == "ehf.too_large" and "for stor" in issue.message
    _, issues = parse_xml(INVOICE_XML, max_bytes=1000)
    assert only_error(issues).code == "ehf.too_large"


@pytest.mark.parametrize(
    "data,code",
    [
        (b"", "ehf.empty"),
        (b"<Invoice><ID>1</Invoice>", "ehf.xml"),
        (b"UNA:+.? 'UNB+UNOC:3+1:14+2:14+261120:0815+1'", "ehf.xml"),
        (b"\xff\xfe\x00garbage", "ehf.xml"),
        (
            b"<Order xmlns='urn:oasis:names:specification:ubl:schema:xsd:Order-2'><ID>1</ID></Order>",
            "ehf.not_ubl",
        ),
        (b"<Invoice xmlns='urn:example:not-ubl'><ID>1</ID></Invoice>", "ehf.not_ubl"),
        (b"<Invoice><ID>1</ID></Invoice>", "ehf.not_ubl"),
        (b"<a>" * 300 + b"</a>" * 300, "ehf.xml"),
    ],
)
def test_not_ubl_or_broken_xml_gives_a_norwegian_issue(data, code):
    invoice, issues = read_ehf(data, file="f.xml")
    assert invoice is None
    assert code in [i.code for i in issues] and all(i.is_error for i in issues)
    assert all(i.message[0].isupper() for i in issues)


def test_wrong_root_message_names_the_root():
    _, issues = read_ehf(b"<Order xmlns='urn:oasis:names:specification:ubl:schema:xsd:Order-2'/>")
    assert "«Order»" in issues[0].message and "Invoice eller CreditNote" in issues[0].message


def _without(xml: bytes, path: str) -> bytes:
    root = etree.fromstring(xml)
    ns = {
        "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
        "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    }
    for node in root.findall(path, ns):
        node.getparent().remove(node)
    return etree.tostring(root)


@pytest.mark.parametrize(
    "path,code",
    [
        ("cbc:ID", "ehf.missing"),
        ("cbc:IssueDate", "ehf.missing"),
        ("cac:AccountingSupplierParty", "ehf.missing"),
        ("cac:LegalMonetaryTotal/cbc:PayableAmount", "ehf.totals_missing"),
        ("cac:InvoiceLine", "ehf.no_lines"),
        ("cac:InvoiceLine/cbc:LineExtensionAmount", "ehf.line"),
    ],
)
def test_missing_mandatory_ehf_values_reject_the_invoice(path, code):
    invoice, issues = read_ehf(_without(INVOICE_XML, path))
    assert invoice is None and code in [i.code for i in issues]


def test_unreadable_amount_and_date_are_issues():
    bad = INVOICE_XML.replace(
        b'<cbc:PayableAmount currencyID="NOK">4275.00', b'<cbc:PayableAmount currencyID="NOK">4 275,OO'
    )
    bad = bad.replace(b"<cbc:IssueDate>2026-11-10", b"<cbc:IssueDate>10.11.2026")
    invoice, issues = read_ehf(bad)
    assert invoice is None and {"ehf.number_invalid", "ehf.date_invalid"} <= {i.code for i in issues}


def test_decimal_comma_is_tolerated():
    invoice, issues = read_ehf(INVOICE_XML.replace(b">4275.00<", b">4275,00<"))
    assert issues == [] and invoice.totals.payable == Decimal("4275.00")


def test_credit_note_fields():
    invoice, _ = read_ehf(CREDIT_XML)
    assert invoice.kind is InvoiceKind.CREDIT_NOTE and invoice.credited_invoice == "F-100233"
    assert [x.quantity for x in invoice.lines] == [Decimal("5"), Decimal("1")]
    assert invoice.totals.rounding == Decimal("0.17")


def test_parties_endpoint_ids_gln_and_orgnr():
    xml = INVOICE_XML.replace(b'<cbc:CompanyID schemeID="0192">912345688</cbc:CompanyID>', b"")
    invoice, issues = read_ehf(xml)
    assert issues == []
    # orgnr from EndpointID 0192 when there is no legal entity id; GLN from PartyIdentification 0088
    assert (invoice.supplier.orgnr, invoice.supplier.gln, invoice.supplier.vat_no) == (
        "912345688",
        "7080007654324",
        "NO912345688MVA",
    )
    gln_endpoint = INVOICE_XML.replace(
        b'<cbc:EndpointID schemeID="0192">987654325', b'<cbc:EndpointID schemeID="0088">7080001234560'
    )
    assert read_ehf(gln_endpoint)[0].buyer.gln == "7080001234560"


def test_dropping_any_element_never_crashes():
    root = etree.fromstring(INVOICE_XML)
    count = sum(1 for e in root.iter() if isinstance(e.tag, str)) - 1
    for index in range(1, count + 1):
        tree = copy.deepcopy(root)
        node = [e for e in tree.iter() if isinstance(e.tag, str)][index]
        node.getparent().remove(node)
        invoice, issues = read_ehf(etree.tostring(tree))
        assert invoice is not None or any(i.is_error for i in issues), node.tag


def test_detection():
    assert ehf_kind(INVOICE_XML) == "Invoice" and ehf_kind(CREDIT_XML) == "CreditNote"
    assert is_ehf(b"\xef\xbb\xbf" + INVOICE_XML) and is_ehf(INVOICE_XML.decode().encode("utf-16"))
    edi = (GOLDEN / "invoic.edi").read_bytes()
    assert not is_ehf(edi) and not looks_like_xml(edi) and looks_like_xml(b"  <x/>")
    assert not is_ehf(b"<Invoice xmlns='urn:example'/>")


def test_text_input_and_non_bytes_do_not_crash():
    invoice, issues = read_ehf(
        INVOICE_XML.decode("utf-8").replace('<?xml version="1.0" encoding="UTF-8"?>', "")
    )
    assert issues == [] and invoice.number == "F-100233"
    assert read_ehf(12345)[1][0].code == "ehf.xml"


def test_gtin_tagged_with_gs1_scheme_0088_is_read():
    xml = INVOICE_XML.replace(
        b'<cbc:ID schemeID="0160">7012345000044</cbc:ID>', b'<cbc:ID schemeID="0088">7012345000044</cbc:ID>'
    )
    assert read_ehf(xml)[0].lines[3].gtin == "7012345000044"
