"""Invoice totals as EANCOM and NeB suppliers write them: MOA+77, 86, 39 (128) or 9, checked
against each other. The invoices are written by hand the way those suppliers send them; every
expected amount is worked out below from the segments, not taken from our own writer."""

from decimal import Decimal as D

import pytest

from vareflyt.edi.mappings import invoic
from vareflyt.edi.reader import read_interchanges
from vareflyt.edi.validate import validate_message

HEAD = (
    "UNA:+.? 'UNB+UNOC:3+7080007654324:14+7080001234560:14+261120:0815+1'"
    "UNH+1+INVOIC:D:96A:UN:EAN008'BGM+380+F-5501+9'DTM+137:20261110:102'RFF+ON:4500012345'"
    "NAD+SU+7080007654324::9++Nordisk Gips og Bygg AS'NAD+BY+7080001234560::9++Fjellbygg Trelast AS'"
    "CUX+2:NOK:9'"
)
# Two lines: 10 EA × 89.90 = 899.00 and 3 PA × 245.00 = 735.00; line total 1 634.00;
# VAT 25 % of 1 634.00 = 408.50; invoice total 2 042.50.
LINES = (
    "LIN+1++7012345000013:SRV'QTY+47:10:EA'MOA+203:899.00'PRI+AAA:89.90'TAX+7+VAT+++:::25+S'"
    "LIN+2++7012345000020:SRV'QTY+47:3:PA'MOA+203:735.00'PRI+AAA:245.00'TAX+7+VAT+++:::25+S'"
)
VAT = "TAX+7+VAT+++:::25+S'MOA+125:1634.00'MOA+124:408.50'"


def message(summary: str, lines: str = LINES):
    text = HEAD + lines + "UNS+S'CNT+2:2'" + summary + "UNT+30+1'UNZ+1+1'"
    (msg,) = read_interchanges(text.encode("latin-1")).messages
    return msg


def read(summary: str, lines: str = LINES):
    msg = message(summary, lines)
    return invoic.from_segments(msg.body, message_ref=1, file="f.edi")


def by_code(issues, code):
    return [(i.source.segment, i.message) for i in issues if i.code == code]


@pytest.mark.parametrize("code", ["77", "86", "39", "128"])
def test_the_invoice_total_is_read_from_whichever_code_the_file_uses(code):
    inv, issues = read(f"MOA+79:1634.00'MOA+125:1634.00'MOA+176:408.50'MOA+{code}:2042.50'" + VAT)
    assert issues == []
    t = inv.totals
    assert (t.line_total, t.tax_exclusive, t.vat_total) == (D("1634.00"), D("1634.00"), D("408.50"))
    assert (t.tax_inclusive, t.payable) == (D("2042.50"), D("2042.50"))  # nothing prepaid: all is due
    assert [(v.rate, v.taxable_amount, v.tax_amount) for v in inv.vat_breakdown] == [
        (D("25"), D("1634.00"), D("408.50"))
    ]


def test_an_eancom_invoice_without_moa9_passes_the_neb_guide():
    msg = message("MOA+79:1634.00'MOA+125:1634.00'MOA+176:408.50'MOA+77:2042.50'" + VAT)
    errors = [i.render() for i in validate_message(msg, file="f.edi") if i.is_error]
    assert errors == []
    assert [i.code for i in validate_message(msg)] == ["edi.version"]  # D.96A: send D.03A


def test_only_the_amount_due_is_enough():
    inv, issues = read("MOA+79:1634.00'MOA+176:408.50'MOA+9:2042.50'" + VAT)
    assert issues == []
    assert (inv.totals.payable, inv.totals.tax_inclusive) == (D("2042.50"), None)


def test_prepaid_amount_is_taken_off_the_total():
    inv, issues = read("MOA+79:1634.00'MOA+176:408.50'MOA+77:2042.50'MOA+113:500.00'" + VAT)
    assert issues == []
    assert (inv.totals.tax_inclusive, inv.totals.prepaid, inv.totals.payable) == (
        D("2042.50"),
        D("500.00"),
        D("1542.50"),
    )


# Øreavrunding, golden invoice F-100233: taxable 3 437.99, VAT 837.54, total 4 275.53, rounded −0.53.
ROUNDED = "MOA+79:3187.99'MOA+260:100.00'MOA+259:350.00'MOA+125:3437.99'MOA+176:837.54'MOA+165:-0.53'"


def test_rounding_inside_the_total_as_eancom_and_neb_define_it():
    # EANCOM (77 = amount due if nothing prepaid) and NeB (total = lines + VAT + rounding):
    # 3 437.99 + 837.54 − 0.53 = 4 275.00.
    inv, issues = read(ROUNDED + "MOA+77:4275.00'")
    assert issues == []
    assert (inv.totals.tax_inclusive, inv.totals.rounding, inv.totals.payable) == (
        D("4275.53"),
        D("-0.53"),
        D("4275.00"),
    )


def test_rounding_outside_the_total_as_our_writer_and_ubl_put_it():
    inv, issues = read(ROUNDED + "MOA+77:4275.53'MOA+9:4275.00'")
    assert issues == []
    assert (inv.totals.tax_inclusive, inv.totals.payable) == (D("4275.53"), D("4275.00"))


def test_rounding_inside_told_by_the_amount_due():
    inv, issues = read("MOA+165:-0.53'MOA+86:4275.00'MOA+9:4275.00'")
    assert issues == []
    assert (inv.totals.tax_inclusive, inv.totals.payable) == (D("4275.53"), D("4275.00"))


def test_the_same_total_stated_twice_with_different_amounts_is_rejected():
    inv, issues = read("MOA+79:1634.00'MOA+77:2042.50'MOA+86:2045.00'" + VAT)
    assert inv is None
    # UNH 1, header BGM..CUX 2–7, lines 8–17, UNS 18, CNT 19, MOA+79 20, MOA+77 21, MOA+86 22
    assert by_code(issues, "edi.totals_differ") == [
        (
            22,
            "Fakturabeløpet står med ulike beløp: MOA+77 2 042,50 og MOA+86 2 045,00; "
            "fakturaen sier ikke hva som skal betales",
        )
    ]


def test_an_amount_due_that_is_not_total_less_prepaid_is_a_warning_naming_both():
    inv, issues = read("MOA+79:1634.00'MOA+176:408.50'MOA+77:2042.50'MOA+113:500.00'MOA+9:2042.50'" + VAT)
    assert inv is not None and inv.totals.payable == D("2042.50")  # as stated: control check v judges it
    assert by_code(issues, "edi.total_mismatch") == [
        (24, "Beløp å betale MOA+9 2 042,50 er ikke MOA+77 − MOA+113 = 1 542,50")
    ]
    assert all(not i.is_error for i in issues)


def test_a_total_that_is_not_taxable_plus_vat_is_a_warning():
    inv, issues = read("MOA+79:1634.00'MOA+176:408.50'MOA+77:2052.50'" + VAT)
    assert inv.totals.tax_inclusive == D("2052.50")
    assert by_code(issues, "edi.total_mismatch") == [
        (22, "Fakturabeløpet MOA+77 2 052,50 er ikke MOA+79 + MOA+176 = 2 042,50")
    ]


def test_taxable_amount_is_checked_against_lines_allowances_and_charges():
    # 3 187.99 − 100.00 + 350.00 = 3 437.99, stated 3 473.99
    _, issues = read("MOA+79:3187.99'MOA+260:100.00'MOA+259:350.00'MOA+125:3473.99'MOA+9:4275.00'")
    assert by_code(issues, "edi.total_mismatch") == [
        (23, "Momsgrunnlaget MOA+125 3 473,99 er ikke MOA+79 − MOA+260 + MOA+259 = 3 437,99")
    ]


def test_vat_total_as_124_outside_a_tax_group_and_176_must_agree():
    inv, issues = read("MOA+79:1634.00'MOA+124:408.50'MOA+77:2042.50'" + VAT)
    assert issues == [] and inv.totals.vat_total == D("408.50")
    inv, issues = read("MOA+79:1634.00'MOA+176:408.50'MOA+124:405.00'MOA+77:2042.50'" + VAT)
    assert inv is None and [m for _, m in by_code(issues, "edi.totals_differ")] == [
        "Momsbeløpet står med ulike beløp: MOA+176 408,50 og MOA+124 405,00; fakturaen sier ikke hva "
        "som skal betales"
    ]


def test_no_total_at_all_is_rejected_with_the_codes_it_looks_for():
    inv, issues = read("MOA+79:1634.00'" + VAT)
    assert inv is None
    assert [i.message for i in issues if i.code == "edi.total_missing"] == [
        "Fakturabeløp (MOA+77, 86 eller 39) eller beløp å betale (MOA+9) mangler"
    ]


def test_amounts_per_rate_in_tax_groups_are_not_taken_as_invoice_totals():
    # EANCOM 2002 may repeat 77/79/176 per VAT rate inside the summary TAX groups:
    # 25 %: 899.00 + 224.75 = 1 123.75; 15 %: 735.00 + 110.25 = 845.25; together 1 969.00.
    lines = LINES.replace("TAX+7+VAT+++:::25+S'LIN+2", "TAX+7+VAT+++:::25+S'LIN+2").replace(
        "PRI+AAA:245.00'TAX+7+VAT+++:::25+S'", "PRI+AAA:245.00'TAX+7+VAT+++:::15+S'"
    )
    summary = (
        "MOA+79:1634.00'MOA+176:335.00'MOA+77:1969.00'"
        "TAX+7+VAT+++:::25+S'MOA+125:899.00'MOA+124:224.75'MOA+77:1123.75'MOA+176:224.75'"
        "TAX+7+VAT+++:::15+S'MOA+125:735.00'MOA+124:110.25'MOA+77:845.25'MOA+176:110.25'"
    )
    inv, issues = read(summary, lines)
    assert issues == []
    assert (inv.totals.vat_total, inv.totals.tax_inclusive, inv.totals.payable) == (
        D("335.00"),
        D("1969.00"),
        D("1969.00"),
    )
    assert [(v.rate, v.taxable_amount) for v in inv.vat_breakdown] == [
        (D("25"), D("899.00")),
        (D("15"), D("735.00")),
    ]


def test_a_single_tax_group_holding_the_totals_gives_them():
    inv, issues = read("TAX+7+VAT+++:::25+S'MOA+79:1634.00'MOA+125:1634.00'MOA+124:408.50'MOA+77:2042.50'")
    assert issues == []
    assert (inv.totals.line_total, inv.totals.tax_inclusive, inv.totals.payable) == (
        D("1634.00"),
        D("2042.50"),
        D("2042.50"),
    )
