"""EHF files as access points and suppliers' systems deliver them, read through ``edi read``:
the PEPPOL envelope (SBDH) around the invoice, and invoices carrying their PDF as an attachment.

The XML is typed out here as a PEPPOL access point writes it, not made by vareflyt's own writer.
"""

from __future__ import annotations

import base64
from decimal import Decimal as D

from vareflyt.edi.ubl import read_ehf_document
from vareflyt.store.invoice_reading import headers, load_invoices

from ..invoice_control.flow import drop, workspace

SBDH_NS = "http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader"


def bis3_invoice(*, declaration: bool = True, attachment: str = "") -> str:
    """Invoice E-7001 from Trelast Vest AS (GLN 7080000000029) to us (org.nr. 923609016):
    one line, 10 MTR × 45.50 at 25 % VAT, 568.75 to pay."""
    head = '<?xml version="1.0" encoding="UTF-8"?>\n' if declaration else ""
    return head + (
        '<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"'
        ' xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"'
        ' xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">\n'
        "<cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
        "</cbc:CustomizationID>\n"
        "<cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>\n"
        "<cbc:ID>E-7001</cbc:ID><cbc:IssueDate>2026-03-03</cbc:IssueDate><cbc:DueDate>2026-04-02</cbc:DueDate>\n"
        "<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode><cbc:DocumentCurrencyCode>NOK</cbc:DocumentCurrencyCode>\n"
        "<cbc:BuyerReference>Per</cbc:BuyerReference>\n"
        "<cac:OrderReference><cbc:ID>100001</cbc:ID></cac:OrderReference>\n"
        + attachment
        + "<cac:AccountingSupplierParty><cac:Party>"
        '<cbc:EndpointID schemeID="0088">7080000000029</cbc:EndpointID>'
        "<cac:PartyName><cbc:Name>Trelast Vest AS</cbc:Name></cac:PartyName>"
        "<cac:PostalAddress><cac:Country><cbc:IdentificationCode>NO</cbc:IdentificationCode></cac:Country>"
        "</cac:PostalAddress>"
        "<cac:PartyLegalEntity><cbc:RegistrationName>Trelast Vest AS</cbc:RegistrationName>"
        "</cac:PartyLegalEntity></cac:Party></cac:AccountingSupplierParty>\n"
        "<cac:AccountingCustomerParty><cac:Party>"
        '<cbc:EndpointID schemeID="0192">923609016</cbc:EndpointID>'
        "<cac:PostalAddress><cac:Country><cbc:IdentificationCode>NO</cbc:IdentificationCode></cac:Country>"
        "</cac:PostalAddress>"
        "<cac:PartyLegalEntity><cbc:RegistrationName>Byggmester Test AS</cbc:RegistrationName>"
        "<cbc:CompanyID>923609016</cbc:CompanyID></cac:PartyLegalEntity>"
        "</cac:Party></cac:AccountingCustomerParty>\n"
        '<cac:TaxTotal><cbc:TaxAmount currencyID="NOK">113.75</cbc:TaxAmount><cac:TaxSubtotal>'
        '<cbc:TaxableAmount currencyID="NOK">455.00</cbc:TaxableAmount>'
        '<cbc:TaxAmount currencyID="NOK">113.75</cbc:TaxAmount>'
        "<cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>25</cbc:Percent>"
        "<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory>"
        "</cac:TaxSubtotal></cac:TaxTotal>\n"
        "<cac:LegalMonetaryTotal>"
        '<cbc:LineExtensionAmount currencyID="NOK">455.00</cbc:LineExtensionAmount>'
        '<cbc:TaxExclusiveAmount currencyID="NOK">455.00</cbc:TaxExclusiveAmount>'
        '<cbc:TaxInclusiveAmount currencyID="NOK">568.75</cbc:TaxInclusiveAmount>'
        '<cbc:PayableAmount currencyID="NOK">568.75</cbc:PayableAmount>'
        "</cac:LegalMonetaryTotal>\n"
        '<cac:InvoiceLine><cbc:ID>1</cbc:ID><cbc:InvoicedQuantity unitCode="MTR">10</cbc:InvoicedQuantity>'
        '<cbc:LineExtensionAmount currencyID="NOK">455.00</cbc:LineExtensionAmount>'
        "<cac:OrderLineReference><cbc:LineID>1</cbc:LineID></cac:OrderLineReference>"
        "<cac:Item><cbc:Name>Vare T100</cbc:Name>"
        "<cac:SellersItemIdentification><cbc:ID>T100</cbc:ID></cac:SellersItemIdentification>"
        "<cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>25</cbc:Percent>"
        "<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory></cac:Item>"
        '<cac:Price><cbc:PriceAmount currencyID="NOK">45.50</cbc:PriceAmount></cac:Price>'
        "</cac:InvoiceLine>\n"
        "</Invoice>\n"
    )


def sbdh(document: str, prefix: str = "") -> str:
    """``document`` in the Standard Business Document Header envelope a PEPPOL access point
    delivers (as Oxalis and other access points write it; ``prefix`` e.g. ``"sh:"``)."""
    p = prefix
    xmlns = f"xmlns:{p[:-1]}" if p else "xmlns"
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<{p}StandardBusinessDocument {xmlns}="{SBDH_NS}">\n'
        f"<{p}StandardBusinessDocumentHeader>\n"
        f"<{p}HeaderVersion>1.0</{p}HeaderVersion>\n"
        f'<{p}Sender><{p}Identifier Authority="iso6523-actorid-upis">0088:7080000000029</{p}Identifier>'
        f"</{p}Sender>\n"
        f'<{p}Receiver><{p}Identifier Authority="iso6523-actorid-upis">0192:923609016</{p}Identifier>'
        f"</{p}Receiver>\n"
        f"<{p}DocumentIdentification>"
        f"<{p}Standard>urn:oasis:names:specification:ubl:schema:xsd:Invoice-2</{p}Standard>"
        f"<{p}TypeVersion>2.1</{p}TypeVersion>"
        f"<{p}InstanceIdentifier>7c5c2bd4-8b0a-4f0e-9d0e-2d2c8b3c1a11</{p}InstanceIdentifier>"
        f"<{p}Type>Invoice</{p}Type>"
        f"<{p}CreationDateAndTime>2026-03-03T09:00:00Z</{p}CreationDateAndTime>"
        f"</{p}DocumentIdentification>\n"
        f"</{p}StandardBusinessDocumentHeader>\n" + document + f"</{p}StandardBusinessDocument>\n"
    )


def stored_invoices(ws):
    with ws.store.connect() as conn:
        return list(load_invoices(conn, headers(conn)).values())


def test_an_invoice_in_the_access_points_sbdh_envelope_is_read_as_the_invoice(tmp_path):
    for n, prefix in enumerate(("", "sh:")):
        with workspace(tmp_path / f"ws{n}") as ws:
            result = drop(ws, "sbdh.xml", sbdh(bis3_invoice(declaration=False), prefix).encode())
            assert result.counts["accepted"] == 1, result.extra["documents"]
            (inv,) = stored_invoices(ws)
            assert (inv.number, inv.totals.payable, inv.lines[0].quantity) == ("E-7001", D("568.75"), D(10))
            assert not list(ws.quarantine.iterdir())


def test_an_envelope_without_a_document_is_refused_naming_the_envelope():
    empty = sbdh("").encode()
    doc = read_ehf_document(empty, file="tom.xml")
    assert doc.invoice is None
    assert [(i.code, i.message) for i in doc.issues] == [
        ("ehf.not_ubl", "SBDH-konvolutten (StandardBusinessDocument) inneholder ikke noe dokument")
    ]


def attached_pdf(size: int, wrapped: bool = False) -> str:
    """An AdditionalDocumentReference with a PDF of ``size`` bytes, base64 in one line or wrapped
    at 76 columns (as MIME encoders write it)."""
    pdf = b"%PDF-1.4\n" + bytes(range(256)) * (size // 256)
    text = (base64.encodebytes if wrapped else base64.b64encode)(pdf).decode("ascii")
    return (
        "<cac:AdditionalDocumentReference><cbc:ID>E-7001.pdf</cbc:ID><cac:Attachment>"
        '<cbc:EmbeddedDocumentBinaryObject mimeCode="application/pdf" filename="E-7001.pdf">'
        f"{text}</cbc:EmbeddedDocumentBinaryObject></cac:Attachment></cac:AdditionalDocumentReference>\n"
    )


def test_an_invoice_with_a_scanned_pdf_over_ten_mb_of_base64_is_read(tmp_path):
    data = bis3_invoice(attachment=attached_pdf(9 * 1024 * 1024)).encode()
    assert 12_000_000 < len(data) < 20 * 1024 * 1024  # within the file limit, over libxml2's text limit
    with workspace(tmp_path / "ws") as ws:
        result = drop(ws, "E-7001.xml", data)
        assert result.counts["accepted"] == 1, result.extra["documents"]
        (inv,) = stored_invoices(ws)
        assert (inv.number, inv.totals.payable) == ("E-7001", D("568.75"))
        (kept,) = ws.archive.rglob("*E-7001.xml*")
        assert kept.read_bytes() == data  # the archive keeps the attachment


def test_an_issue_after_a_large_wrapped_attachment_names_the_files_own_line():
    xml = bis3_invoice(attachment=attached_pdf(8 * 1024 * 1024, wrapped=True))
    xml = xml.replace('<cbc:PriceAmount currencyID="NOK">45.50', '<cbc:PriceAmount currencyID="NOK">45,5x')
    row = next(n for n, line in enumerate(xml.splitlines(), 1) if "45,5x" in line)
    assert row > 100_000  # the base64 lines come before it
    doc = read_ehf_document(xml.encode(), file="E-7001.xml")
    assert doc.invoice is None
    assert [(i.code, i.source.row) for i in doc.issues] == [("ehf.number_invalid", row)]


def test_a_latin1_or_cut_off_file_is_refused_saying_what_is_wrong_in_norwegian(tmp_path):
    """A small system writes æøå as Latin-1 without declaring it (UBL files are UTF-8 unless they
    say otherwise); a transfer cuts a file off. Refused, the reason in words a user can act on."""
    latin1 = bis3_invoice().replace("Trelast Vest AS", "Trelast Møre AS").encode("latin-1")
    whole = bis3_invoice()
    cut_off = whole[: whole.index("<cac:InvoiceLine>")].encode()
    with workspace(tmp_path / "ws") as ws:
        for name, data in (("latin1.xml", latin1), ("cut.xml", cut_off)):
            (doc,) = drop(ws, name, data).extra["documents"]
            assert doc["status"] == "rejected"
            reason = next(ws.quarantine.glob(f"*{name}.reason.txt")).read_text(encoding="utf-8")
            expected = (
                "tegnene er ikke kodet slik filen oppgir (UTF-8 når XML-deklarasjonen ikke sier noe annet); "
                "be avsenderen sende filen som UTF-8 (Invalid bytes in character encoding"
                if name == "latin1.xml"
                else "filen slutter før XML-dokumentet er ferdig (avkortet?) (Premature end of data"
            )
            assert f"Filen er ikke gyldig XML: {expected}" in doc["issues"][0]["message"], doc["issues"]
            assert expected in reason


def test_an_invoice_whose_root_comes_after_8_kb_is_still_recognised(tmp_path):
    """A generator's licence comment before the root, or an access point's envelope header with
    many scopes: the invoice root starts past the first 8 KB and was left in inbox/ as 'not EHF'."""
    comment = "<!-- " + "Generert av Fakturasystem 9.1. Vilkår og lisens gjelder. " * 200 + "-->\n"
    scopes = "".join(
        f"<Scope><Type>EXTRA</Type><InstanceIdentifier>ref-{n:04d}</InstanceIdentifier></Scope>"
        for n in range(150)
    )
    wrapped = sbdh(bis3_invoice(declaration=False)).replace(
        "</StandardBusinessDocumentHeader>",
        f"<BusinessScope>{scopes}</BusinessScope></StandardBusinessDocumentHeader>",
    )
    long_prolog = bis3_invoice().replace("?>\n", "?>\n" + comment, 1)
    for n, xml in enumerate((long_prolog, wrapped)):
        assert xml.index("<Invoice ") > 8192
        with workspace(tmp_path / f"ws{n}") as ws:
            result = drop(ws, "E-7001.xml", xml.encode())
            assert result.counts["accepted"] == 1, result.extra["documents"]
            assert [inv.number for inv in stored_invoices(ws)] == ["E-7001"]


def test_other_ubl_documents_are_left_in_the_inbox_named_by_what_they_are(tmp_path):
    """An access point's message level response (ApplicationResponse) or a UBL order dropped into
    inbox/ is not an invoice: left there, the message naming what it is."""
    response = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<ApplicationResponse xmlns="urn:oasis:names:specification:ubl:schema:xsd:ApplicationResponse-2"'
        ' xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">'
        "<cbc:CustomizationID>urn:fdc:peppol.eu:poacc:trns:mlr:3</cbc:CustomizationID>"
        "<cbc:ID>MLR-1</cbc:ID><cbc:IssueDate>2026-03-03</cbc:IssueDate></ApplicationResponse>\n"
    )
    with workspace(tmp_path / "ws") as ws:
        (doc,) = drop(ws, "mlr.xml", response.encode()).extra["documents"]
        assert (doc["status"], [i["message"] for i in doc["issues"]]) == (
            "skipped",
            [
                "XML-fila (et ApplicationResponse-dokument) er ikke en EHF-faktura eller -kreditnota "
                "(UBL 2.1); den ligger igjen i inbox"
            ],
        )
        assert [p.name for p in ws.inbox.iterdir()] == ["mlr.xml"]


def test_a_supplier_named_only_by_organisation_number_is_refused_saying_how_to_make_it_known(tmp_path):
    """Most Norwegian EHF name the supplier by organisation number (EndpointID 0192), no GLN."""
    xml = bis3_invoice().replace(
        '<cbc:EndpointID schemeID="0088">7080000000029</cbc:EndpointID>',
        '<cbc:EndpointID schemeID="0192">987654325</cbc:EndpointID>',
    )
    with workspace(tmp_path / "ws") as ws:
        (doc,) = drop(ws, "E-7001.xml", xml.encode()).extra["documents"]
    assert doc["status"] == "rejected"
    assert [(i["code"], i["message"]) for i in doc["issues"]] == [
        (
            "ehf.supplier",
            "Leverandøren med organisasjonsnummer 987654325 (Trelast Vest AS) har ikke GLN i fakturaen, og "
            "nummeret er ikke i partsregisteret; importer leverandøren med GLN og organisasjonsnummer "
            "(«vareflyt parties import») og legg fila tilbake i inbox",
        )
    ]


def credit_note(sign: str) -> str:
    """Credit note K-7001 crediting invoice E-7000, as ``bis3_invoice`` with its amounts written
    with ``sign`` ("" or "-")."""
    xml = bis3_invoice().replace("Invoice-2", "CreditNote-2").replace("<Invoice ", "<CreditNote ")
    xml = xml.replace("</Invoice>", "</CreditNote>").replace("E-7001", "K-7001")
    xml = xml.replace(
        "<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>",
        "<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>",
    )
    xml = xml.replace("InvoiceLine>", "CreditNoteLine>").replace("InvoicedQuantity", "CreditedQuantity")
    xml = xml.replace(
        "<cac:OrderReference>",
        "<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>E-7000</cbc:ID>"
        "</cac:InvoiceDocumentReference></cac:BillingReference><cac:OrderReference>",
    )
    for amount in ("455.00", "113.75", "568.75"):
        xml = xml.replace(f'currencyID="NOK">{amount}<', f'currencyID="NOK">{sign}{amount}<')
    return xml


def test_an_ehf_credit_note_written_with_minus_is_stored_as_every_credit_note(tmp_path):
    stored = {}
    for sign in ("", "-"):
        with workspace(tmp_path / f"ws{sign}") as ws:
            (doc,) = drop(ws, "K-7001.xml", credit_note(sign).encode()).extra["documents"]
            assert doc["status"] == "accepted", doc
            stored[sign] = (stored_invoices(ws)[0], [i["code"] for i in doc["issues"]])
    (plain, plain_codes), (minus, minus_codes) = stored[""], stored["-"]
    assert (plain_codes, minus_codes) == ([], ["invoice.credit_signs"])
    assert minus == plain and (minus.totals.payable, minus.lines[0].line_amount) == (D("568.75"), D("455.00"))
