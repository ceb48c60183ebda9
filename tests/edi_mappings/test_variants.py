"""Common variations in how suppliers write invoice lines and parties, each read the same way:
quantity QTY+47 or 46, line amount MOA+203, 38 or 66, price with and without a basis (PRI C509
5284 + 6411), PRI+INV, a header TAX for every line, summary ALC totals, and party ids that are
not GLNs. Messages are written by hand; expected values are read off the segments."""

from decimal import Decimal as D

import pytest

from vareflyt.edi.mappings import invoic, ordrsp
from vareflyt.edi.reader import read_interchanges

PARTIES = "NAD+SU+7080007654324::9'NAD+BY+7080001234560::9'"


def body(kind: str, text: str):
    data = (
        "UNA:+.? 'UNB+UNOC:3+7080007654324:14+7080001234560:14+261120:0815+1'"
        f"UNH+1+{kind}:D:96A:UN:EAN008'" + text + "UNT+30+1'UNZ+1+1'"
    ).encode("latin-1")
    (msg,) = read_interchanges(data).messages
    return msg.body


def invoice(lines: str, summary: str = "MOA+9:100'", head: str = ""):
    inv, issues = invoic.from_segments(
        body("INVOIC", "BGM+380+F1+9'DTM+137:20261110:102'" + PARTIES + head + lines + "UNS+S'" + summary),
        message_ref=1,
    )
    return inv, issues


@pytest.mark.parametrize(
    "qtys,expected",
    [
        ("QTY+47:12:EA'", ("12", "EA")),
        ("QTY+46:12:EA'", ("12", "EA")),  # delivered quantity, when that is what is invoiced
        ("QTY+46:13:EA'QTY+47:12:EA'", ("12", "EA")),  # invoiced wins, whatever the order
        ("QTY+47:12:EA'QTY+46:13:EA'", ("12", "EA")),
    ],
)
def test_quantity_invoiced_or_delivered(qtys, expected):
    inv, issues = invoice("LIN+1++7012345000013:SRV'" + qtys + "MOA+203:100'")
    assert issues == []
    assert (str(inv.lines[0].quantity), inv.lines[0].unit) == expected


@pytest.mark.parametrize(
    "amounts,expected",
    [
        ("MOA+203:100.00'", "100.00"),
        ("MOA+38:100.00'", "100.00"),
        ("MOA+66:100.00'", "100.00"),
        ("MOA+66:110.00'MOA+203:100.00'", "100.00"),  # 203 (line item amount) first
        ("MOA+66:110.00'MOA+38:100.00'", "100.00"),
    ],
)
def test_line_amount_203_38_or_66(amounts, expected):
    inv, issues = invoice("LIN+1++7012345000013:SRV'QTY+47:1:EA'" + amounts)
    assert issues == [] and str(inv.lines[0].line_amount) == expected


def test_a_line_without_any_amount_names_the_codes():
    _, issues = invoice("LIN+1++7012345000013:SRV'QTY+47:1:EA'")
    assert [i.message for i in issues] == ["Linjebeløp (MOA+203, 38 eller 66) mangler"]


@pytest.mark.parametrize(
    "line,message",
    [
        (
            "QTY+47:1:EA'MOA+203+X'",
            "Linjebeløpet (MOA+203, 38 eller 66) har ikke noe beløp",
        ),  # found by the fuzzer
        ("QTY+47'MOA+203:100'", "Fakturert antall (QTY+47 eller 46) har ikke noe tall"),
    ],
)
def test_a_qualifier_without_its_number_is_an_error_not_a_crash(line, message):
    inv, issues = invoice("LIN+1++7012345000013:SRV'" + line)
    assert inv is None and [i.message for i in issues] == [message]


def test_price_without_a_basis_is_per_unit():
    inv, issues = invoice("LIN+1++7012345000013:SRV'QTY+47:20:EA'MOA+203:1798.00'PRI+AAA:89.90'")
    assert issues == []
    assert (inv.lines[0].net_price, inv.lines[0].price_base_qty) == (D("89.90"), None)


def test_price_on_a_basis_keeps_the_basis():
    # 36.6 MTR at 129.00 per 10 MTR = 472.14
    inv, issues = invoice(
        "LIN+1++7012345000037:SRV'QTY+47:36.6:MTR'MOA+203:472.14'PRI+AAA:129.00:::10:MTR'"
        "PRI+AAB:150.00:::10:MTR'"
    )
    assert issues == []
    line = inv.lines[0]
    assert (line.net_price, line.gross_price, line.price_base_qty, line.unit) == (
        D("129.00"),
        D("150.00"),
        D("10"),
        "MTR",
    )


def test_gross_price_on_another_basis_is_brought_to_the_net_prices_basis():
    # gross 15.00 per 1 MTR is 150.00 per 10 MTR
    inv, _ = invoice(
        "LIN+1++7012345000037:SRV'QTY+47:36.6:MTR'MOA+203:472.14'PRI+AAA:129.00:::10:MTR'"
        "PRI+AAB:15.00:::1:MTR'"
    )
    assert (inv.lines[0].gross_price, inv.lines[0].price_base_qty) == (D("150.00"), D("10"))


def test_invoice_price_inv_is_the_net_price_when_aaa_is_absent():
    inv, issues = invoice("LIN+1++157870:IN'QTY+47:1020:EA'MOA+203:1202.58'PRI+INV:1.179'")
    assert issues == [] and inv.lines[0].net_price == D("1.179")
    inv, _ = invoice("LIN+1++7012345000013:SRV'QTY+47:2:EA'MOA+203:20'PRI+INV:11'PRI+AAA:10'")
    assert inv.lines[0].net_price == D("10")


def test_price_in_another_unit_than_the_quantity_is_a_warning():
    inv, issues = invoice("LIN+1++7012345000013:SRV'QTY+47:3:EA'MOA+203:90'PRI+AAA:15:::1:KGM'")
    assert inv is not None
    (issue,) = issues
    assert (issue.code, issue.is_error, issue.source.segment) == ("edi.price_unit", False, 9)
    assert issue.message == (
        "Prisen 15 gjelder per 1 KGM, men antallet er i EA; fakturakontrollen kan ikke "
        "regne om mellom enhetene"
    )


def test_a_zero_price_basis_is_refused():
    inv, issues = invoice("LIN+1++7012345000013:SRV'QTY+47:3:EA'MOA+203:90'PRI+AAA:30:::0:EA'")
    assert inv is None and [i.message for i in issues] == ["Prisenhet «0» må være større enn null"]


def test_order_response_price_on_a_basis_is_stored_per_unit():
    doc, issues = ordrsp.from_segments(
        body(
            "ORDRSP",
            "BGM+231+R1+29'DTM+137:20261110:102'RFF+ON:PO1'"
            + PARTIES
            + "LIN+1+5+7012345000037:SRV'QTY+21:36.6:MTR'PRI+AAA:129.00:::10:MTR'",
        ),
        message_ref=1,
    )
    assert issues == [] and doc.lines[0].net_price == D("12.9")


def test_header_tax_is_the_vat_of_lines_without_their_own():
    inv, issues = invoice(
        "LIN+1++7012345000013:SRV'QTY+47:1:EA'MOA+203:100'"
        "LIN+2++7012345000020:SRV'QTY+47:1:EA'MOA+203:100'TAX+7+VAT+++:::15+S'",
        head="TAX+7+VAT+++:::25+S'",
    )
    assert issues == []
    assert [(ln.vat_category, ln.vat_rate) for ln in inv.lines] == [("S", D("25")), ("S", D("15"))]


def test_summary_charge_is_the_charge_total_when_nothing_else_states_it():
    # lines 1 202.58 + 410.00 = 1 612.58, charge 525.00, invoice total 2 137.58 (staedi's D.97B sample)
    lines = "LIN+1++157870:IN'QTY+47:1020:EA'MOA+203:1202.58'LIN+2++157871:IN'QTY+47:20:EA'MOA+203:410'"
    inv, issues = invoice(lines, "MOA+39:2137.58'ALC+C+ABG'MOA+8:525'")
    assert issues == []
    assert (inv.totals.charge_total, inv.totals.tax_inclusive, inv.totals.payable) == (
        D("525"),
        D("2137.58"),
        D("2137.58"),
    )
    assert inv.allowances_charges == ()


@pytest.mark.parametrize(
    "nad,expected",
    [
        ("NAD+SU+7080007654324::9", ("7080007654324", None)),  # GS1
        ("NAD+SU+7080007654324", ("7080007654324", None)),  # 13 digits, valid check digit, no agency
        ("NAD+SU+7080007654325", (None, None)),  # 13 digits, wrong check digit
        ("NAD+SU+912345688", (None, "912345688")),  # a valid organisation number
        ("NAD+SU+792820524::16", (None, None)),  # DUNS: not a Norwegian orgnr
        ("NAD+SU+1694901", (None, None)),  # some other number
    ],
)
def test_party_ids_that_are_not_a_gln(nad, expected):
    inv, _ = invoic.from_segments(
        body(
            "INVOIC",
            "BGM+380+F1+9'DTM+137:20261110:102'NAD+BY+7080001234560::9'"
            + nad
            + "++Leverandør AS'UNS+S'MOA+9:1'",
        ),
        message_ref=1,
    )
    assert (inv.supplier.gln, inv.supplier.orgnr, inv.supplier.name) == (*expected, "Leverandør AS")


def test_names_and_descriptions_over_several_components_are_read_whole():
    from vareflyt.edi.mappings.common import imd_text, read_party

    segs = body(
        "ORDRSP",
        "NAD+SU+7080007654324::9++Byggmakker Nordre Follo Trelast og:Byggevare AS avd. Ski'"
        "IMD+F++:::Gipsplate standard 12,5 mm 1200x2400 med:forsterket kant'",
    )
    nad = next(s for s in segs if s.tag == "NAD")
    imd = next(s for s in segs if s.tag == "IMD")
    assert read_party(nad).name == "Byggmakker Nordre Follo Trelast og Byggevare AS avd. Ski"
    assert imd_text(imd) == "Gipsplate standard 12,5 mm 1200x2400 med forsterket kant"
