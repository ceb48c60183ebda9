"""Other directory versions (D.93A–D.10A, EANCOM subsets) of INVOIC, ORDRSP and DESADV.

The corpus files written by others (``../shared/corpus/edifact``) either map to a document whose
totals, lines, quantities, prices and parties are what the file says — every expected value
below was read off the file by hand — or are refused with the reason that is really wrong with
them. Hand-written D.96A EANCOM messages show that a correct older-version message is read, with
a warning that the partner should send D.03A, and an EANCOM invoice that states its total only
as MOA+77 goes through ``edi read`` and invoice control without a finding.
"""

from datetime import date, datetime, timedelta
from decimal import Decimal as D

import pytest

from tests.invoice_control import flow
from vareflyt.edi.mappings import desadv, document_from_message, ordrsp
from vareflyt.edi.reader import read_interchanges
from vareflyt.edi.validate import validate_interchange
from vareflyt.jobs.invoices.run import reconcile_invoices
from vareflyt.jobs.read_inbox import read_inbox
from vareflyt.workspace import init_workspace

D97B = [
    "invoic_d97b_staedi.edi",
    "invoic_d97b_custom_una_staedi.edi",
    "invoic_d97b_wrapped_una_staedi.edi",
    "invoic_d97b_80col_wrapped_staedi.edi",
]


def corpus(folder, name):
    path = folder / name
    return read_interchanges(path.read_bytes(), name)


def mapped(folder, name):
    result = corpus(folder, name)
    (message,) = result.messages
    return message, *document_from_message(message, name)


def errors(issues):
    return [i.message for i in issues if i.is_error]


@pytest.mark.parametrize("name", D97B)
def test_d97b_invoice_maps_to_what_the_file_says(edifact_corpus, name):
    message, inv, issues = mapped(edifact_corpus, name)
    assert (message.type, message.directory) == ("INVOIC", "D:97B:UN")
    assert issues == []
    assert (inv.kind.value, inv.number, inv.issue_date, inv.currency) == (
        "invoice",
        "342459",
        date(2006, 5, 15),
        "USD",
    )
    assert inv.order_refs == ("521052",)
    # NAD+SE (seller) is the supplier; both ids are DUNS numbers (agency 16): no GLN, no orgnr
    assert (inv.supplier.gln, inv.supplier.orgnr) == (None, None)
    assert inv.supplier.name in ("GENERAL WIDGET COMPANY", "BÜTTNER WIDGET COMPANY")
    assert (inv.buyer.gln, inv.buyer.orgnr, inv.buyer.name) == (None, None, "CUMMINS MID-RANGE ENGINE PLANT")
    assert [
        (ln.line_no, ln.name, ln.quantity, ln.unit, ln.line_amount, ln.net_price) for ln in inv.lines
    ] == [
        ("1", "WIDGET", D("1020"), "EA", D("1202.58"), D("1.179")),  # 1020 × 1.179 = 1 202.58
        ("2", "DIFFERENT WIDGET", D("20"), "EA", D("410"), D("20.5")),
    ]  # 20 × 20.5 = 410.00
    # MOA+39 is the invoice total: lines 1 612.58 + the summary charge 525 = 2 137.58
    t = inv.totals
    assert (t.tax_inclusive, t.payable, t.charge_total, t.line_total, t.vat_total) == (
        D("2137.58"),
        D("2137.58"),
        D("525"),
        None,
        None,
    )


@pytest.mark.parametrize("name", D97B)
def test_d97b_invoice_is_refused_for_what_it_lacks_not_for_its_version(edifact_corpus, name):
    issues = validate_interchange(corpus(edifact_corpus, name))
    assert "edi.version" in [i.code for i in issues if not i.is_error]
    found = errors(issues)
    assert "INVOIC mangler TAX, som NeB krever" in found  # no VAT stated at all
    assert "INVOIC mangler MOA+79, som NeB krever" in found
    assert not any("MOA+77" in m or "MOA+9" in m for m in found)  # its MOA+39 total is accepted


def test_d93a_invoice_with_decimal_comma_maps_to_what_the_file_says(edifact_corpus):
    message, inv, issues = mapped(edifact_corpus, "invoic_d93a_decimal_comma_staedi.edi")
    assert message.directory == "D:93A:UN"
    assert (inv.number, inv.issue_date, inv.order_refs) == ("9908001", date(1999, 8, 2), ("O0010001",))
    assert (inv.supplier.name, inv.buyer.name) == ("Fahrradhandel Pedal", "Huber GmbH")
    # MOA+66 is the line amount in this directory; 3 × 2,5 = 7,5
    assert [(ln.name, ln.quantity, ln.unit, ln.line_amount, ln.net_price) for ln in inv.lines] == [
        ("Fahrrad, Damen", D("1"), "PCE", D("750"), D("750")),
        ("Luftpumpe, Stand-", D("1"), "PCE", D("19.9"), D("19.9")),
        ("Ersatzventil", D("3"), "PCE", D("7.5"), D("2.5")),
    ]
    # MOA+79 777,40; MOA+124 (outside a TAX group) 124,38 = 16 % of 777,40; MOA+128 total 901,78
    t = inv.totals
    assert (t.line_total, t.vat_total, t.tax_inclusive, t.payable) == (
        D("777.4"),
        D("124.38"),
        D("901.78"),
        D("901.78"),
    )
    # the summary TAX+7+VAT+++:::16+S has no amounts of its own: they come from the totals
    assert [(v.category, v.rate, v.taxable_amount, v.tax_amount) for v in inv.vat_breakdown] == [
        ("S", D("16"), D("777.4"), D("124.38"))
    ]
    assert [i.code for i in issues] == ["edi.vat_from_totals"]


def test_d93a_invoice_is_refused_for_its_impossible_order_date(edifact_corpus):
    issues = validate_interchange(corpus(edifact_corpus, "invoic_d93a_decimal_comma_staedi.edi"))
    assert "ugyldig dato 19999715 (format 102 = ÅÅÅÅMMDD)" in errors(issues)  # DTM+4, month 97
    assert not any("desimalkomma" in m for m in errors(issues))  # the UNA says comma


@pytest.mark.parametrize("name", ["invoic_d97a_pydifact.edi", "invoic_colon_end_pydifact.edi"])
def test_d97a_credit_note_is_refused_for_its_date(edifact_corpus, name):
    message, inv, issues = mapped(edifact_corpus, name)
    assert inv is None
    # DTM+137:199910060000:102 — twelve digits in format 102 (CCYYMMDD); no NAD+BY (the buyer is BT)
    assert "«199910060000» er ikke en gyldig dato i format 102" in errors(issues)
    assert "Kjøper (NAD+BY) mangler" in errors(issues)


def test_d01b_sample_without_bgm_is_refused(edifact_corpus):
    result = corpus(edifact_corpus, "invoic_d01b_ean011_edinet.edi")
    assert not result.ok and "UNT oppgir 13 segmenter, meldingen har 102" in errors(result.issues)
    _, issues = document_from_message(result.messages[0], "x.edi")
    assert "BGM (fakturanummer) mangler" in errors(issues)


def test_d96a_messages_with_only_a_date_are_refused(edifact_corpus):
    result = corpus(edifact_corpus, "invoic_d96a_multi_edinet.edi")
    invoices = [m for m in result.messages if m.type == "INVOIC"]
    assert len(invoices) == 2
    for message in invoices:
        doc, issues = document_from_message(message, "x.edi")
        assert doc is None and "BGM (fakturanummer) mangler" in errors(issues)


@pytest.mark.parametrize("name", ["ordrsp_d10a_edinet.edi", "ordrsp_d10a_formatted_edinet.edi"])
def test_d10a_energy_market_ordrsp_is_refused(edifact_corpus, name):
    # BGM+Z12 (a German energy-market code), no response code, parties MS/MR instead of BY/SU
    result = corpus(edifact_corpus, name)
    (message,) = result.messages
    assert message.directory == "D:10A:UN"
    doc, issues = document_from_message(message, name)
    assert doc is None
    assert {
        "Ukjent svarkode «» i BGM (29, 4 eller 27)",
        "Kjøper (NAD+BY) mangler",
        "Leverandør (NAD+SU) mangler",
    } <= set(errors(issues))


def test_d96a_book_trade_desadv_maps_but_is_refused_for_its_bgm(edifact_corpus):
    message, doc, issues = mapped(edifact_corpus, "desadv_d96a_phpedifact.edi")
    assert issues == []
    assert (doc.number, doc.order_no, doc.despatch_date) == ("Y02197250", "6877871", date(2016, 7, 26))
    # NAD+SU+1694901+31B: a 7-digit id with no agency is no GLN; "31B" is what the name element says
    assert (doc.supplier.gln, doc.supplier.name, doc.buyer.gln) == (None, "31B", None)
    assert [(ln.line_no, ln.quantity, ln.order_no, ln.gtin) for ln in doc.lines] == [
        (1, D("1"), "6877871", None),
        (2, D("1"), "6905456", None),
    ]  # PIA+5 without a code: no GTIN
    found = errors(validate_interchange(corpus(edifact_corpus, "desadv_d96a_phpedifact.edi")))
    assert "Ukjent meldingsfunksjon '700101' i BGM" in found
    assert "DESADV mangler DTM+137, som NeB krever" in found


PARTIES = "NAD+BY+7080001234560::9'NAD+SU+7080007654324::9++Nordisk Gips og Bygg AS'"


def hand_written(kind: str, body: str):
    data = (
        "UNA:+.? 'UNB+UNOC:3+7080007654324:14+7080001234560:14+261120:0815+77'"
        f"UNH+1+{kind}:D:96A:UN:EAN008'" + body
    ).encode("latin-1")
    result = read_interchanges(data, "x.edi")
    assert result.ok, [i.render() for i in result.issues]
    return result


def test_eancom_d96a_order_response_is_read_with_a_version_warning():
    body = (
        "BGM+231+OB-1+4'DTM+137:20261110:102'RFF+ON:4500012345'" + PARTIES + "CUX+2:NOK:9'"
        "LIN+1+5+7012345000013:SRV'QTY+21:20:EA'QTY+113:20:EA'"
        "LIN+2+3+7012345000020:SRV'QTY+21:5:PA'QTY+113:3:PA'QTY+83:2:PA'DTM+69:20261116:102'"
        "PRI+AAA:2450.00:::10:PA'UNS+S'CNT+2:2'UNT+19+1'UNZ+1+77'"
    )
    result = hand_written("ORDRSP", body)
    assert [i.code for i in validate_interchange(result)] == ["edi.version"]
    doc, issues = ordrsp.from_segments(result.messages[0].body, message_ref=1)
    assert issues == []
    assert (doc.number, doc.order_no, doc.status.value, doc.currency) == (
        "OB-1",
        "4500012345",
        "changed",
        "NOK",
    )
    second = doc.lines[1]
    assert (second.confirmed_qty, second.backorder_qty, second.backorder_date, second.net_price) == (
        D("3"),
        D("2"),
        date(2026, 11, 16),
        D("245"),
    )  # 2 450.00 per 10 PA = 245 per PA


def test_eancom_d96a_despatch_advice_is_read_with_a_version_warning():
    body = (
        "BGM+351+DS-1+9'DTM+137:20261110:102'DTM+11:20261110:102'RFF+ON:4500012345'"
        + PARTIES
        + "CPS+1'PAC+1++PX'PCI+33E'GIN+BJ+370123450000000014'"
        "LIN+1++7012345000013:SRV'PIA+1+L2026-114:NB'QTY+12:20:EA'RFF+ON:4500012345:1'"
        "CNT+2:1'UNT+17+1'UNZ+1+77'"
    )
    result = hand_written("DESADV", body)
    assert [i.code for i in validate_interchange(result)] == ["edi.version"]
    doc, issues = desadv.from_segments(result.messages[0].body, message_ref=1)
    assert issues == []
    (line,) = doc.lines
    assert (line.gtin, line.quantity, line.unit, line.order_line, line.sscc, line.nobb) == (
        "7012345000013",
        D("20"),
        "EA",
        "1",
        "370123450000000014",
        None,
    )  # NB: a batch number


# flow's order 100001: 10 MTR × 45.50 = 455.00 and 6 EA × 89.00 = 534.00 at 25 %, 4 EA × 54.90 = 219.60
# at 15 %; lines 1 208.60; VAT 247.25 + 32.94 = 280.19; 1 488.79 rounded +0.21 to 1 489.00, which
# EANCOM states as the invoice amount MOA+77 (no MOA+9).
EANCOM_INVOICE = (
    "UNA:+.? 'UNB+UNOC:3+{sup}:14+{our}:14+260303:0900+91'UNH+1+INVOIC:D:96A:UN:EAN008'"
    "BGM+380+E-77+9'DTM+137:20260303:102'RFF+ON:100001'RFF+DQ:PS1'NAD+SU+{sup}::9++Trelast Vest AS'"
    "NAD+BY+{our}::9'CUX+2:NOK:9'PAT+1++5:3:D:30'DTM+13:20260402:102'"
    "LIN+1++7040000000016:SRV'PIA+1+T100:SA'QTY+47:10:MTR'MOA+203:455.00'PRI+AAA:45.50'RFF+ON:100001:1'"
    "TAX+7+VAT+++:::25+S'"
    "LIN+2++7040000000023:SRV'PIA+1+T200:SA'QTY+47:6:EA'MOA+203:534.00'PRI+AAA:89.00'RFF+ON:100001:2'"
    "TAX+7+VAT+++:::25+S'"
    "LIN+3'PIA+1+KF-500:SA'QTY+47:4:EA'MOA+203:219.60'PRI+AAA:54.90'RFF+ON:100001:3'TAX+7+VAT+++:::15+S'"
    "UNS+S'CNT+2:3'MOA+79:1208.60'MOA+125:1208.60'MOA+176:280.19'MOA+165:0.21'MOA+77:1489.00'"
    "TAX+7+VAT+++:::25+S'MOA+125:989.00'MOA+124:247.25'TAX+7+VAT+++:::15+S'MOA+125:219.60'MOA+124:32.94'"
    "UNT+45+1'UNZ+1+91'"
)


def test_an_eancom_invoice_stating_only_moa77_reaches_invoice_control_and_passes(tmp_path):
    ws = init_workspace(tmp_path / "ws", config_text=flow.CONFIG)
    try:
        flow.setup(ws)
        flow.deliver(ws, "PS1", flow.QTY)
        path = ws.inbox / "INVOIC_E-77.edi"
        path.write_bytes(EANCOM_INVOICE.format(sup=flow.SUPPLIER, our=flow.OUR).encode("latin-1"))
        read = read_inbox(ws, on=flow.ON, now=flow.NOW + timedelta(hours=1))
        assert (read.counts["accepted"], read.counts["rejected"]) == (1, 0), [i.render() for i in read.issues]
        on = date(2026, 3, 4)
        result = reconcile_invoices(ws, on=on, now=datetime.combine(on, datetime.min.time()))
        (found,) = [i for i in result.extra["invoices"] if i["number"] == "E-77"]
        assert (found["status"], found["findings"]) == ("approved", [])
    finally:
        ws.close()
