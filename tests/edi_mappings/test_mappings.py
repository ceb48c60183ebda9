"""EDIFACT mappings: number and date formats, mandatory values, codes, positions, robustness."""

import sys
import warnings
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pydifact.segmentcollection import Interchange as PydifactInterchange

sys.path.insert(0, str(Path(__file__).resolve().parent))

import golden_docs  # noqa: E402

from vareflyt.domain.invoices import InvoiceKind  # noqa: E402
from vareflyt.domain.orders import LineAction  # noqa: E402
from vareflyt.edi.mappings import (
    DEFAULT_CODES,
    MAPPINGS,
    ItemCodes,
    desadv,
    document_from_message,  # noqa: E402
    invoic,
    orders,
    ordrsp,
    pricat,
)
from vareflyt.edi.reader import read_interchanges  # noqa: E402
from vareflyt.edi.writer import write_interchange  # noqa: E402

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "edi_golden"


def body_of(text: str):
    """EDIFACT text of one message (UNA/UNB/UNH/UNT/UNZ added) -> the body segments."""
    data = (
        "UNA:+.? 'UNB+UNOC:3+7080007654324:14+7080001234560:14+261120:0815+1'UNH+1+X:D:03A:UN'"
        + text
        + "UNT+2+1'UNZ+1+1'"
    ).encode("latin-1")
    (message,) = read_interchanges(data).messages
    return message.body


def errors(issues):
    return [i for i in issues if i.is_error]


PARTIES = "NAD+BY+7080001234560::9'NAD+SU+7080007654324::9'"


def test_decimal_comma_is_read_and_point_is_written():
    body = body_of(
        "BGM+380+F1+9'DTM+137:20261110:102'"
        + PARTIES
        + "LIN+1++7012345000037:EN'QTY+47:36,6:MTR'MOA+203:472,14'PRI+AAA:129,00:::10:MTR'"
        + "UNS+S'MOA+9:472,14'"
    )
    inv, issues = invoic.from_segments(body, message_ref=1)
    assert errors(issues) == []
    line = inv.lines[0]
    assert (line.quantity, line.line_amount, line.net_price, line.price_base_qty) == (
        Decimal("36.6"),
        Decimal("472.14"),
        Decimal("129.00"),
        Decimal("10"),
    )
    assert all(isinstance(v, Decimal) for v in (line.quantity, inv.totals.payable))
    written = [s for s in invoic.to_segments(inv) if s.tag in ("QTY", "MOA", "PRI")]
    assert [s.elements[0] for s in written][:3] == [
        ["47", "36.6", "MTR"],
        ["203", "472.14"],
        ["AAA", "129.00", "", "", "10", "MTR"],
    ]


def test_unreadable_number_is_an_error_with_its_segment_position():
    body = body_of("BGM+220+PO1+9'" + PARTIES + "LIN+1++7012345000013:EN'QTY+21:1O:EA'UNS+S'")
    order, issues = orders.from_segments(body, message_ref=2, file="po.edi")
    assert order is None
    (issue,) = [i for i in issues if i.code == "edi.not_positive"]
    assert (issue.source.file, issue.source.message, issue.source.segment, issue.source.tag) == (
        "po.edi",
        2,
        6,
        "QTY",
    )  # UNH is segment 1, so QTY is the 6th
    assert "«1O»" in issue.message and "ikke et tall" in issue.message
    assert issue.render() == "po.edi:melding 2 segment 6 QTY: Antall: «1O» er ikke et tall"


@pytest.mark.parametrize("raw", ["20261340", "2026111", "abcdefgh"])
def test_bad_date_is_an_error(raw):
    body = body_of(f"BGM+220+PO1+9'DTM+137:{raw}:102'" + PARTIES + "LIN+1++7012345000013:EN'QTY+21:1:EA'")
    order, issues = orders.from_segments(body, message_ref=1)
    assert order is None and [i.code for i in errors(issues)] == ["edi.date_invalid"]


def test_unsupported_date_format_is_an_error():
    body = body_of("BGM+220+PO1+9'DTM+137:2026W46:616'" + PARTIES)
    _, issues = orders.from_segments(body, message_ref=1)
    assert [i.code for i in errors(issues)] == ["edi.date_format"]


@pytest.mark.parametrize(
    "module,text,code",
    [
        (orders, "BGM+220+PO1+9'NAD+SU+7080007654324::9'", "edi.buyer_missing"),
        (orders, "BGM+220++9'" + PARTIES, "edi.order_number_missing"),
        (orders, "BGM+220+PO1+9'" + PARTIES + "LIN+1++7012345000013:EN'", "edi.quantity_missing"),
        (orders, "BGM+220+PO1+9'" + PARTIES + "LIN+1'QTY+21:1:EA'", "edi.item_missing"),
        (ordrsp, "BGM+231++29'" + PARTIES, "edi.response_number_missing"),
        (ordrsp, "BGM+231+R1+29'RFF+ON:PO1'" + PARTIES + "LIN+1+9'", "edi.line_action"),
        (desadv, "BGM+351+D1+9'NAD+BY+7080001234560::9'", "edi.supplier_missing"),
        (desadv, "BGM+351+D1+9'" + PARTIES + "CPS+1'LIN+1++7012345000013:EN'", "edi.quantity_missing"),
        (invoic, "BGM+380+F1+9'DTM+137:20261110:102'" + PARTIES + "UNS+S'", "edi.total_missing"),
        (invoic, "BGM+380+F1+9'" + PARTIES + "UNS+S'MOA+9:10'", "edi.invoice_date_missing"),
        (invoic, "BGM+999+F1+9'DTM+137:20261110:102'" + PARTIES + "UNS+S'MOA+9:10'", "edi.document_code"),
        (
            invoic,
            "BGM+380+F1+9'DTM+137:20261110:102'" + PARTIES + "LIN+1++7012345000013:EN'QTY+47:1'"
            "UNS+S'MOA+9:10'",
            "edi.line_amount_missing",
        ),
        (
            invoic,
            "BGM+380+F1+9'DTM+137:20261110:102'" + PARTIES + "UNS+S'MOA+9:10'TAX+7+VAT+++:::25+S'MOA+125:8'",
            "edi.vat_missing",
        ),
        (
            invoic,
            "BGM+380+F1+9'DTM+137:20261110:102'" + PARTIES + "ALC+C++++FC'UNS+S'MOA+9:10'",
            "edi.amount_missing",
        ),
        (pricat, "BGM+9+P1+9'NAD+BY+7080001234560::9'", "edi.supplier_missing"),
        (
            pricat,
            "BGM+9+P1+9'NAD+SU+7080007654324::9'PGI+1'LIN+1++7012345000013:EN'",
            "edi.article_no_missing",
        ),
    ],
)
def test_missing_mandatory_values_reject_the_document_with_norwegian_issue(module, text, code):
    doc, issues = module.from_segments(body_of(text), message_ref=1)
    assert doc is None
    assert code in [i.code for i in errors(issues)]
    assert all(i.message[0].isupper() for i in issues)


def test_response_without_order_reference_is_read_for_a_telephone_order():
    # seed 004 §8: the supplier answers an order the shop made by phone; only its own number is known
    doc, issues = ordrsp.from_segments(
        body_of("BGM+231+R1+29'" + PARTIES + "LIN+1+5++7012345000013:EN'QTY+113:2:EA'"), message_ref=1
    )
    assert errors(issues) == [] and doc.number == "R1" and doc.order_no is None
    assert all(s.tag != "RFF" for s in ordrsp.to_segments(doc))


def test_gtin_is_read_from_en_and_srv_and_seller_number_from_lin():
    body = body_of(
        "BGM+220+PO1+9'" + PARTIES + "LIN+1++7012345000013:SRV'QTY+21:1:EA'"
        "LIN+2++7012345000020:EN'QTY+21:1:EA'LIN+3++GP-1224:SA'QTY+21:1:EA'"
    )
    order, issues = orders.from_segments(body, message_ref=1)
    assert issues == []
    assert [(x.gtin, x.seller_article_no) for x in order.lines] == [
        ("7012345000013", None),
        ("7012345000020", None),
        (None, "GP-1224"),
    ]
    assert orders.to_segments(order)[-9].elements == ["1", "", ["7012345000013", "EN"]]


def test_nobb_item_code_is_configurable():
    codes = ItemCodes(nobb="ZZZ")
    body = body_of("BGM+220+PO1+9'" + PARTIES + "LIN+1'PIA+1+GP-1224:SA+41234567:ZZZ'QTY+21:2:EA'")
    order, _ = orders.from_segments(body, message_ref=1, codes=codes)
    assert (order.lines[0].seller_article_no, order.lines[0].nobb) == ("GP-1224", "41234567")
    default, _ = orders.from_segments(body, message_ref=1)
    assert default.lines[0].nobb is None and DEFAULT_CODES.nobb is None
    pia = [s.elements for s in orders.to_segments(order, codes=codes) if s.tag == "PIA"]
    assert pia == [["1", ["GP-1224", "SA"]], ["1", ["41234567", "ZZZ"]]]


@pytest.mark.parametrize(
    "code,action",
    [
        ("5", LineAction.ACCEPTED),
        ("3", LineAction.CHANGED),
        ("7", LineAction.NOT_ACCEPTED),
        ("1", LineAction.ADDED),
        ("2", LineAction.DELETED),
    ],
)
def test_order_response_line_actions(code, action):
    body = body_of(
        "BGM+231+R1+4'RFF+ON:PO1'" + PARTIES + f"LIN+1+{code}+7012345000013:EN'QTY+21:5:EA'"
        "QTY+113:3:EA'DTM+69:20261120:102'"
    )
    resp, issues = ordrsp.from_segments(body, message_ref=1)
    assert issues == []
    line = resp.lines[0]
    assert line.action is action
    # without a backorder quantity DTM+69 is the promised date, not a backorder date
    assert (line.delivery_date, line.backorder_date) == (date(2026, 11, 20), None)
    assert (
        ordrsp.to_segments(resp)[
            ordrsp.to_segments(resp).index(next(s for s in ordrsp.to_segments(resp) if s.tag == "LIN"))
        ].elements[1]
        == code
    )


def test_despatch_lines_outside_packages_and_final_delivery_round_trip():
    doc = golden_docs.DESPATCH
    from dataclasses import replace

    loose = replace(doc.lines[0], sscc=None, line_no=9)
    changed = replace(doc, final_delivery=True, lines=(loose,) + doc.lines)  # loose lines come first
    back, issues = desadv.from_segments(desadv.to_segments(changed), message_ref=1)
    assert issues == [] and back == changed
    assert back.final_delivery and back.lines[0].sscc is None


def test_catalogue_change_list_with_expired_article_round_trips():
    from dataclasses import replace

    from vareflyt.domain.catalogue import CatalogueKind

    cat = golden_docs.CATALOGUE
    changed = replace(
        cat, kind=CatalogueKind.CHANGE, articles=(replace(cat.articles[0], expired=True),) + cat.articles[1:]
    )
    segments = pricat.to_segments(changed, codes=golden_docs.PARTNER_CODES)
    assert segments[0].elements == ["9", "PK-2026-12", "4"]
    assert next(s for s in segments if s.tag == "LIN").elements[1] == "2"
    back, issues = pricat.from_segments(segments, message_ref=1, codes=golden_docs.PARTNER_CODES)
    assert issues == [] and back == changed


def test_invoice_summary_alc_is_not_a_second_charge_and_moa86_is_the_total():
    body = body_of(
        "BGM+381+K1+9'DTM+137:20261110:102'" + PARTIES + "CUX+2:EUR:9++11.52'"
        "ALC+C++++FC'MOA+23:50'UNS+S'MOA+86:62.5'MOA+9:62.5'ALC+C++++FC'MOA+23:50'"
    )
    inv, issues = invoic.from_segments(body, message_ref=1)
    assert issues == []
    assert inv.kind is InvoiceKind.CREDIT_NOTE
    assert len(inv.allowances_charges) == 1 and inv.totals.tax_inclusive == Decimal("62.5")
    assert (inv.currency, inv.exchange_rate) == ("EUR", Decimal("11.52"))


def test_unknown_message_type_gives_an_issue():
    data = (GOLDEN / "orders.edi").read_bytes().replace(b"ORDERS:D:03A", b"APERAK:D:03A")
    (message,) = read_interchanges(data).messages
    doc, issues = document_from_message(message, file="x.edi")
    assert doc is None and issues[0].code == "edi.message_type" and "APERAK" in issues[0].message


@pytest.mark.parametrize("stem,mtype", [(s, t) for s, t, *_ in golden_docs.GOLDEN])
def test_pydifact_parser_gives_the_same_document(stem, mtype):
    """Differential: pydifact's own parser and the fast reader feed the mapping the same body."""
    text = (GOLDEN / f"{stem}.edi").read_bytes().decode("latin-1")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        (message,) = list(PydifactInterchange.from_str(text).get_messages())
    ours = read_interchanges((GOLDEN / f"{stem}.edi").read_bytes()).messages[0]
    doc, issues = MAPPINGS[mtype].from_segments(list(message.segments), message_ref=1)
    assert issues == []
    assert doc == document_from_message(ours)[0]


@pytest.mark.parametrize("stem,mtype", [(s, t) for s, t, *_ in golden_docs.GOLDEN])
def test_dropping_or_garbling_any_segment_never_crashes(stem, mtype):
    (message,) = read_interchanges((GOLDEN / f"{stem}.edi").read_bytes()).messages
    body = message.body
    from pydifact.segments import Segment

    for index in range(len(body)):
        for variant in (
            body[:index] + body[index + 1 :],
            body[:index] + [Segment(body[index].tag, "x", ["y", "z?", "", "7,7,7"], "")] + body[index + 1 :],
        ):
            doc, issues = MAPPINGS[mtype].from_segments(variant, message_ref=1)
            assert doc is not None or errors(issues), (index, body[index])


def test_corpus_messages_are_mapped_or_rejected_with_an_issue(edifact_corpus):
    for path in sorted(edifact_corpus.glob("*.edi")):
        for message in read_interchanges(path.read_bytes(), path.name).messages:
            doc, issues = document_from_message(message, path.name)
            assert doc is not None or errors(issues), path.name


def test_several_messages_in_one_interchange_keep_their_numbers():
    codes = golden_docs.PARTNER_CODES
    bodies = [
        ("ORDERS", orders.to_segments(golden_docs.ORDER, codes=codes)),
        ("ORDERS", body_of("BGM+220+PO2+9'")),
    ]
    data = write_interchange("7080001234560", "7080007654324", bodies, "7", golden_docs.PREPARED)
    first, second = read_interchanges(data).messages
    assert document_from_message(first, codes=codes)[0] == golden_docs.ORDER
    doc, issues = document_from_message(second, "x.edi")
    assert doc is None and {i.source.message for i in issues} == {2}


def test_catalogue_article_without_price_keeps_its_unit():
    from dataclasses import replace

    cat = golden_docs.CATALOGUE
    article = replace(cat.articles[0], gross=None, net=None, discount_pct=None, price_basis=None)
    changed = replace(cat, articles=(article,))
    segments = pricat.to_segments(changed, codes=golden_docs.PARTNER_CODES)
    assert [s.elements for s in segments if s.tag == "QTY"] == [[["59", "1", "EA"]]]
    assert pricat.from_segments(segments, message_ref=1, codes=golden_docs.PARTNER_CODES)[0] == changed


def test_invoice_line_issue_names_the_line():
    body = body_of(
        "BGM+380+F1+9'DTM+137:20261110:102'" + PARTIES + "LIN+7++7012345000013:EN'MOA+203:10'UNS+S'MOA+9:10'"
    )
    _, issues = invoic.from_segments(body, message_ref=1, file="f.edi")
    (issue,) = errors(issues)
    assert (
        issue.render() == "f.edi:melding 1 segment 6 LIN:linje 7: Fakturert antall (QTY+47 eller 46) mangler"
    )
