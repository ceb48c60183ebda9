"""Golden files: NeB interchanges <-> domain documents (JSON), and EHF <-> the same invoices.

For each file in tests/data/edi_golden/: bytes -> reader -> mapping -> JSON equals the stored
JSON, and JSON -> domain document -> mapping -> writer gives the same bytes back. The EHF
examples in tests/data/ehf/ map to their JSON and to the domain invoice of the equivalent
EDIFACT INVOIC (so invoice control can see the same invoice arriving both ways).
"""

import json
import sys
from decimal import Decimal
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import golden_docs  # noqa: E402

from vareflyt.domain.catalogue import PriceCatalogue  # noqa: E402
from vareflyt.domain.despatch import DespatchAdvice  # noqa: E402
from vareflyt.domain.documents_json import from_jsonable, to_jsonable  # noqa: E402
from vareflyt.domain.invoices import Invoice  # noqa: E402
from vareflyt.domain.money import to_ore  # noqa: E402
from vareflyt.domain.orders import Order, OrderResponse  # noqa: E402
from vareflyt.edi.mappings import MAPPINGS, document_from_message, segments_from_document  # noqa: E402
from vareflyt.edi.reader import read_interchanges  # noqa: E402
from vareflyt.edi.ubl import read_ehf  # noqa: E402
from vareflyt.edi.writer import write_interchange  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "data"
GOLDEN = DATA / "edi_golden"
EHF = DATA / "ehf"
TYPES = {
    "ORDERS": Order,
    "ORDRSP": OrderResponse,
    "DESADV": DespatchAdvice,
    "INVOIC": Invoice,
    "PRICAT": PriceCatalogue,
}
STEMS = [(stem, mtype) for stem, mtype, *_ in golden_docs.GOLDEN]
CODES = golden_docs.PARTNER_CODES  # the golden partner's nobb_code = "NB"


def _read(stem):
    data = (GOLDEN / f"{stem}.edi").read_bytes()
    result = read_interchanges(data, file=f"{stem}.edi")
    assert result.ok, [i.render() for i in result.issues]
    (interchange,) = result.interchanges
    (message,) = interchange.messages
    return data, interchange, message


def test_every_message_type_has_a_golden_file():
    assert {mtype for _, mtype in STEMS} == set(MAPPINGS)
    for stem, _ in STEMS:
        assert (GOLDEN / f"{stem}.edi").is_file() and (GOLDEN / f"{stem}.json").is_file()


@pytest.mark.parametrize("stem,mtype", STEMS)
def test_reading_the_interchange_gives_the_golden_json(stem, mtype):
    _, _, message = _read(stem)
    assert message.type == mtype
    doc, issues = document_from_message(message, file=f"{stem}.edi", codes=CODES)
    assert issues == []
    expected = json.loads((GOLDEN / f"{stem}.json").read_text(encoding="utf-8"))
    assert to_jsonable(doc) == expected
    assert isinstance(doc, TYPES[mtype])


@pytest.mark.parametrize("stem,mtype", STEMS)
def test_writing_the_golden_json_gives_the_interchange_back(stem, mtype):
    data, interchange, _ = _read(stem)
    doc = from_jsonable(TYPES[mtype], json.loads((GOLDEN / f"{stem}.json").read_text(encoding="utf-8")))
    written_type, body = segments_from_document(doc, codes=CODES)
    assert written_type == mtype
    out = write_interchange(
        interchange.sender,
        interchange.receiver,
        [(mtype, body)],
        interchange.control_ref,
        interchange.prepared,
    )
    assert out == data


@pytest.mark.parametrize("stem,mtype", STEMS)
def test_golden_json_is_the_hand_checked_document(stem, mtype):
    doc = next(d for s, _, d, *_ in golden_docs.GOLDEN if s == stem)
    expected = json.loads((GOLDEN / f"{stem}.json").read_text(encoding="utf-8"))
    assert to_jsonable(doc) == expected


@pytest.mark.parametrize("invoice", [golden_docs.INVOICE, golden_docs.CREDIT_NOTE], ids=["invoice", "credit"])
def test_golden_invoice_arithmetic_holds(invoice):
    """The hand calculation: line amounts, totals, VAT per rate and rounding agree (checks p–w)."""
    for line in invoice.lines:
        gross = line.quantity * line.net_price / (line.price_base_qty or 1)
        adjust = sum((a.amount if a.is_charge else -a.amount) for a in line.allowances_charges)
        assert to_ore(gross + adjust) == line.line_amount, line.line_no
    t = invoice.totals
    assert sum(x.line_amount for x in invoice.lines) == t.line_total
    allowances = sum((a.amount for a in invoice.allowances_charges if not a.is_charge), Decimal(0))
    charges = sum((a.amount for a in invoice.allowances_charges if a.is_charge), Decimal(0))
    assert allowances == (t.allowance_total or 0) and charges == (t.charge_total or 0)
    assert t.line_total - allowances + charges == t.tax_exclusive
    for vat in invoice.vat_breakdown:
        base = sum(x.line_amount for x in invoice.lines if x.vat_rate == vat.rate)
        base += sum(
            (a.amount if a.is_charge else -a.amount)
            for a in invoice.allowances_charges
            if a.vat_rate == vat.rate
        )
        assert base == vat.taxable_amount
        assert to_ore(base * vat.rate / 100) == vat.tax_amount
    assert sum(v.tax_amount for v in invoice.vat_breakdown) == t.vat_total
    assert t.tax_exclusive + t.vat_total == t.tax_inclusive
    assert t.tax_inclusive + t.rounding == t.payable
    assert t.payable == t.payable.to_integral_value()


@pytest.mark.parametrize("stem,doc", golden_docs.EHF, ids=[s for s, _ in golden_docs.EHF])
def test_ehf_example_gives_expected_json(stem, doc):
    invoice, issues = read_ehf((EHF / f"{stem}.xml").read_bytes(), file=f"{stem}.xml")
    assert issues == []
    expected = json.loads((EHF / f"{stem}.json").read_text(encoding="utf-8"))
    assert to_jsonable(invoice) == expected
    assert from_jsonable(Invoice, expected) == invoice


@pytest.mark.parametrize(
    "ehf_stem,edi_stem", [("invoice_F-100233", "invoic"), ("creditnote_K-100301", "invoic_credit_note")]
)
def test_ehf_and_edifact_of_the_same_invoice_are_equal(ehf_stem, edi_stem):
    from_ehf, _ = read_ehf((EHF / f"{ehf_stem}.xml").read_bytes())
    _, _, message = _read(edi_stem)
    from_edi, _ = document_from_message(message, codes=CODES)
    assert from_ehf == from_edi
    assert (from_ehf.supplier.gln, from_ehf.number) == (from_edi.supplier.gln, from_edi.number)


@pytest.mark.parametrize("stem,mtype", STEMS)
def test_golden_interchanges_pass_the_neb_validator_without_errors(stem, mtype):
    from vareflyt.edi.guides import GuideSettings
    from vareflyt.edi.validate import validate_interchange

    result = read_interchanges((GOLDEN / f"{stem}.edi").read_bytes(), file=f"{stem}.edi")
    settings = GuideSettings(nobb_code="NB")
    assert [i.render() for i in validate_interchange(result, settings=settings) if i.is_error] == []
