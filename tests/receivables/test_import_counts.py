"""The counting convention of issue 14 for the open-items and payments imports: every result
has ``rows_read``, ``imported``, ``rejected``, ``new``, ``changed``, ``unchanged``, ``expired``
and the area's extras, with ``rows_read = imported + rejected``; expectations worked out by
hand from the files written in each test."""

from __future__ import annotations

from datetime import date

from vareflyt.jobs.import_payments import import_payments
from vareflyt.jobs.import_receivables import import_receivables

CONVENTION = ["rows_read", "imported", "rejected", "new", "changed", "unchanged", "expired"]
HEAD = "Kundenr;Kundenavn;Orgnr;Fakturanr;Fakturadato;Forfall;Beløp;Betalt;KID\n"


def export(path, *lines: str):
    path.write_text(HEAD + "".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def convention(counts: dict) -> tuple:
    assert list(counts)[:7] == CONVENTION
    assert counts["rows_read"] == counts["imported"] + counts["rejected"]
    return tuple(counts[k] for k in CONVENTION)


INV1 = "K1;Ola Bygg AS;923609016;1;02.01.2024;01.02.2024;1000,00;0;0000000018"
INV2 = "K1;Ola Bygg AS;923609016;2;03.01.2024;02.02.2024;2000,00;0;0000000026"
INV3 = "K2;Kari Hansen;;3;04.01.2024;03.02.2024;500,00;0;"


def test_open_items_new_changed_unchanged_closed_and_reopened(workspace, tmp_path):
    first = import_receivables(
        workspace, export(tmp_path / "jan.csv", INV1, INV2, INV3), as_of=date(2024, 2, 1)
    )
    assert convention(first.counts) == (3, 3, 0, 3, 0, 0, 0) and first.counts["customers_new"] == 2

    inv2_part_paid = INV2[: -len("0;0000000026")] + "750,00;0000000026"
    inv4 = "K2;Kari Hansen;;4;05.02.2024;19.02.2024;300,00;0;"
    second = import_receivables(
        workspace, export(tmp_path / "feb.csv", inv2_part_paid, INV3, inv4), as_of=date(2024, 2, 10)
    )
    # 1 is gone (closed as paid: expired), 2 changed, 3 unchanged, 4 new
    assert convention(second.counts) == (3, 3, 0, 1, 1, 1, 1)
    assert (
        second.counts["reopened"],
        second.counts["customers_new"],
        second.counts["customers_changed"],
    ) == (0, 0, 0)

    third = import_receivables(
        workspace, export(tmp_path / "mar.csv", INV1, inv2_part_paid, INV3, inv4), as_of=date(2024, 3, 1)
    )
    # 1 is back: reopened, neither new nor changed nor unchanged
    assert convention(third.counts) == (4, 4, 0, 0, 0, 3, 0) and third.counts["reopened"] == 1
    c = third.counts
    assert c["imported"] == c["new"] + c["changed"] + c["unchanged"] + c["reopened"]


def test_open_items_refused_whole_count_every_row_rejected(workspace, tmp_path):
    bad = export(
        tmp_path / "feil.csv",
        INV1,
        "K1;Ola Bygg AS;923609016;2;03.01.2024;02.02.2024;ca. 2000;0;",
        "K2;Kari Hansen;;3;;03.02.2024;500,00;0;",
    )
    result = import_receivables(workspace, bad, as_of=date(2024, 2, 1))
    assert not result.ok
    assert convention(result.counts) == (3, 0, 3, 0, 0, 0, 0) and result.counts["rows_with_errors"] == 2


PAY_HEAD = "Dato;Beløp;KID;Fakturanr;Innbetaler\n"


def test_payments_sheet_rows_read_imported_rejected(workspace, tmp_path):
    import_receivables(workspace, export(tmp_path / "jan.csv", INV1, INV2, INV3), as_of=date(2024, 2, 1))
    sheet = tmp_path / "bank.csv"
    sheet.write_text(
        PAY_HEAD + "05.02.2024;1000,00;0000000018;;Ola Bygg AS\n"  # KID of invoice 1
        "05.02.2024;ca. 500;;3;Kari Hansen\n"  # no amount: rejected
        ";400,00;;;Ukjent\n"  # no date: rejected
        "06.02.2024;123,00;;;Ukjent\n",
        encoding="utf-8",
    )  # recorded, not matched
    result = import_payments(workspace, sheet)
    assert convention(result.counts) == (4, 2, 2, 2, 0, 0, 0)
    assert (result.counts["matched_kid"], result.counts["unmatched"], result.counts["foreign_currency"]) == (
        1,
        1,
        0,
    )
    assert result.summary.endswith("; 2 rader uten lesbar dato eller beløp er hoppet over.")
    rejected_rows = sorted({i.source.row for i in result.issues if i.is_error})
    assert rejected_rows == [3, 4]

    again = tmp_path / "bank2.csv"  # an overlapping export: one payment known, one new
    again.write_text(
        PAY_HEAD + "06.02.2024;123,00;;;Ukjent\n07.02.2024;2000,00;;2;Ola Bygg AS\n", encoding="utf-8"
    )
    second = import_payments(workspace, again)
    assert convention(second.counts) == (2, 2, 0, 1, 0, 1, 0) and second.counts["matched_invoice"] == 1


def test_camt054_counts_credit_transactions(workspace, data_dir):
    import_receivables(workspace, data_dir / "open_items.csv", as_of=date(2024, 3, 1))
    first = import_payments(workspace, data_dir / "camt054.xml")
    assert convention(first.counts) == (2, 2, 0, 2, 0, 0, 0)
    again = import_payments(workspace, data_dir / "camt054.xml")
    assert convention(again.counts) == (2, 2, 0, 0, 0, 2, 0)


def test_the_ribbon_message_names_the_counts_in_norwegian(workspace, tmp_path):
    from vareflyt.addin.buttons import BUTTONS
    from vareflyt.addin.dispatch import summary_text

    import_receivables(workspace, export(tmp_path / "jan.csv", INV1, INV2, INV3), as_of=date(2024, 2, 1))
    result = import_receivables(workspace, export(tmp_path / "feb.csv", INV2, INV3), as_of=date(2024, 2, 10))
    text = summary_text(BUTTONS["import_receivables"], result, None)
    assert (
        "Tall: rader lest 2, importert 2, avvist 0, nye 0, endret 0, uendret 2, lukket som betalt 1, "
        "gjenåpnet 0, kreditnotaer 0, nye kunder 0, endrede kunder 0, rader med feil 0"
    ) in text
