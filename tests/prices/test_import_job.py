"""Job-level tests: versions new/change/replace, lookups on dates, campaigns, idempotency,
bad input leaving the store unchanged, the locked workbook, the CLI's JSON contract."""

import json
from datetime import date, datetime
from decimal import Decimal

import pytest
import sqlalchemy as sa
import xlsxwriter
from typer.testing import CliRunner

from vareflyt.cli.app import app
from vareflyt.domain.issues import UsageError, VareflytError
from vareflyt.jobs.import_prices import import_prices, lookup_price
from vareflyt.store.tables.core import processing_log
from vareflyt.store.tables.prices import price_rows, price_versions

S = "7080000000029"
HEAD = [
    "Varenr",
    "EAN",
    "Varenavn",
    "Enhet",
    "Bruttopris",
    "Rabatt %",
    "Nettopris",
    "Kampanjepris",
    "Kampanje fra",
    "Kampanje til",
]


def sheet(path, rows, head=HEAD):
    wb = xlsxwriter.Workbook(str(path))
    wb.set_properties({"created": datetime(2026, 1, 1)})
    ws = wb.add_worksheet("Priser")
    ws.write_row(0, 0, head)
    for r, row in enumerate(rows, start=1):
        for c, v in enumerate(row):
            if v is not None:
                ws.write(r, c, v)
    wb.close()
    return path


BASE = [
    ["A1", "7031234000019", "Plank", "m", 100, 10, 90, None, None, None],
    ["A2", "7031234000026", "Lekt", "m", 20, 0, 20, None, None, None],
    ["A3", "7031234000033", "Spiker", "pk", 50, 0, 50, 40, "01.03.2026", "31.03.2026"],
]


def counts_of(ws):
    with ws.store.connect() as conn:
        return tuple(
            conn.execute(sa.select(sa.func.count()).select_from(t)).scalar()
            for t in (price_versions, price_rows, processing_log)
        )


def net(ws, article, on):
    result = lookup_price(ws, S, article, on)
    return Decimal(result.extra["net"]) if result.ok else None


def test_new_change_replace_and_lookups(workspace, tmp_path):
    r1 = import_prices(workspace, sheet(tmp_path / "v1.xlsx", BASE), S, "new", date(2026, 2, 1))
    assert r1.counts == {
        "rows_read": 3,
        "imported": 3,
        "rejected": 0,
        "new": 3,
        "changed": 0,
        "unchanged": 0,
        "expired": 0,
        "not_updated": 0,
    }
    change = [
        ["A1", "7031234000019", "Plank", "m", 100, 10, 85, None, None, None],
        ["A4", "7031234000040", "Skrue", "pk", 30, 0, 30, None, None, None],
    ]
    r2 = import_prices(workspace, sheet(tmp_path / "v2.xlsx", change), S, "change", date(2026, 4, 1))
    assert (r2.counts["new"], r2.counts["changed"], r2.extra["version"]) == (1, 1, 2)
    assert any(i.code == "price.inconsistent" for i in r2.issues)
    replace = [["A1", "7031234000019", "Plank", "m", 110, 10, 99, None, None, None]]
    r3 = import_prices(workspace, sheet(tmp_path / "v3.xlsx", replace), S, "replace", date(2026, 6, 1))
    assert r3.counts["changed"] == 1 and r3.counts["expired"] == 3  # A2, A3, A4 no longer listed
    assert net(workspace, "A1", date(2026, 1, 31)) is None
    assert net(workspace, "A1", date(2026, 2, 1)) == Decimal(90)
    assert net(workspace, "A1", date(2026, 4, 1)) == Decimal(85)
    assert net(workspace, "A2", date(2026, 4, 1)) == Decimal(20)  # change list leaves A2
    assert net(workspace, "A1", date(2026, 6, 1)) == Decimal(99)
    assert net(workspace, "A2", date(2026, 6, 1)) is None
    assert net(workspace, "7031234000019", date(2026, 6, 1)) == Decimal(99)  # by GTIN
    found = lookup_price(workspace, S, "A1", date(2026, 6, 1)).to_dict()
    assert {"gross", "discount", "net", "unit", "vat", "valid_from", "valid_to", "version"} <= set(found)
    assert (found["gross"], found["unit"], found["version"], found["valid_from"]) == (
        "110",
        "MTR",
        3,
        "2026-06-01",
    )


def test_campaign_price_overrides_while_valid(workspace, tmp_path):
    import_prices(workspace, sheet(tmp_path / "v1.xlsx", BASE), S, "new", date(2026, 2, 1))
    assert net(workspace, "A3", date(2026, 2, 28)) == Decimal(50)
    result = lookup_price(workspace, S, "A3", date(2026, 3, 15))
    assert result.extra["net"] == "40" and result.extra["campaign"] is True
    assert net(workspace, "A3", date(2026, 4, 1)) == Decimal(50)


def test_same_file_twice_changes_nothing(workspace, tmp_path):
    path = sheet(tmp_path / "v1.xlsx", BASE)
    import_prices(workspace, path, S, "new", date(2026, 2, 1))
    before = counts_of(workspace)
    again = import_prices(workspace, path, S, "new", date(2026, 2, 1))
    assert again.ok and again.counts["rows_read"] == 0 and again.issues[0].code == "price.already_imported"
    assert counts_of(workspace) == before


@pytest.mark.parametrize(
    "make, words",
    [
        (lambda p: p.write_bytes(b""), "tom"),
        (lambda p: p.write_bytes(b"%PDF-1.4 not a sheet"), "PDF"),
        (
            lambda p: p.write_bytes(
                b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le") * 4
            ),
            "passordbeskyttet",
        ),
        (lambda p: sheet(p, [["x"]], head=["Prisliste", "", ""]), "overskriftsrad"),
        (lambda p: sheet(p, [["A1", "7031234000018", "Plank", "m", 100, 10, 90]]), "Ingen gyldige"),
        (lambda p: sheet(p, [["Plank", 100]], head=["Varenavn", "Nettopris"]), "varenummer"),
        (lambda p: sheet(p, []), "ingen rader"),
    ],
)
def test_bad_input_leaves_store_unchanged(workspace, tmp_path, make, words):
    import_prices(workspace, sheet(tmp_path / "ok.xlsx", BASE), S, "new", date(2026, 2, 1))
    before = counts_of(workspace)
    path = tmp_path / "bad.xlsx"
    make(path)
    with pytest.raises(VareflytError) as err:
        import_prices(workspace, path, S, "new", date(2026, 3, 1))
    assert err.value.exit_code == 1 and words in str(err.value)
    assert counts_of(workspace) == before
    assert any(p.name.endswith("bad.xlsx") for p in workspace.quarantine.iterdir())


def test_invalid_supplier_gln_is_a_usage_error(workspace, tmp_path):
    with pytest.raises(UsageError):
        import_prices(workspace, sheet(tmp_path / "v1.xlsx", BASE), "7080000000022", "new", date(2026, 2, 1))


def test_catalogue_table_refreshed_and_locked_workbook(workspace, tmp_path):
    from vareflyt.excel.openpyxl_adapter import OpenpyxlWorkbook

    result = import_prices(workspace, sheet(tmp_path / "v1.xlsx", BASE), S, "new", date(2000, 1, 1))
    assert str(workspace.purchasing_workbook) in result.outputs
    frame = OpenpyxlWorkbook(workspace.purchasing_workbook).read_table("catalogue")
    assert sorted(frame["article_no"]) == ["A1", "A2", "A3"] and set(frame["supplier_gln"]) == {S}
    lock = workspace.purchasing_workbook.with_name("~$" + workspace.purchasing_workbook.name)
    lock.write_text("owner")
    result = import_prices(workspace, sheet(tmp_path / "v2.xlsx", BASE[:1]), S, "change", date(2000, 1, 2))
    assert result.ok and result.counts["imported"] == 1
    assert [i.code for i in result.issues if i.code == "price.workbook_locked"] == ["price.workbook_locked"]


def test_lookup_says_what_quantity_the_price_is_for(workspace, tmp_path):
    path = sheet(
        tmp_path / "per100.xlsx",
        [["S1", "Skrue 4x40", "stk", 189.0, 100]],
        head=["Varenr", "Varenavn", "Enhet", "Nettopris", "Pris per"],
    )
    import_prices(workspace, path, S, "new", date(2026, 2, 1))
    found = lookup_price(workspace, S, "S1", date(2026, 3, 1))
    assert found.extra["price_basis"] == "100" and found.extra["net"] == "189"
    assert "netto 189 per 100 EA" in found.summary


def test_import_without_table_refresh_leaves_the_workbook_alone(workspace, tmp_path):
    before = workspace.purchasing_workbook.read_bytes()
    result = import_prices(
        workspace, sheet(tmp_path / "v1.xlsx", BASE), S, "new", date(2000, 1, 1), refresh_table=False
    )
    assert result.ok and result.counts["imported"] == 3 and result.outputs == []
    assert workspace.purchasing_workbook.read_bytes() == before


def test_partner_mapping_from_config_and_known_supplier(workspace, tmp_path):
    text = workspace.config_path.read_text(encoding="utf-8")
    text += (
        f'\n[partners."{S}"]\nname = "Trelast Vest '
        f'AS"\n[partners."{S}".price_columns]\n"Vår kode" = '
        '"article_no"\n"Beløp" = "net"\n'
    )
    workspace.config_path.write_text(text, encoding="utf-8")
    del workspace.__dict__["config"]
    path = sheet(tmp_path / "odd.xlsx", [["X1", "Kryssfiner", 12.5]], head=["Vår kode", "Varenavn", "Beløp"])
    result = import_prices(workspace, path, S, "new", date(2026, 2, 1))
    assert result.counts["imported"] == 1
    assert not any(i.code == "price.unknown_supplier" for i in result.issues)


def test_unknown_supplier_is_a_warning(workspace, tmp_path):
    result = import_prices(workspace, sheet(tmp_path / "v1.xlsx", BASE), S, "new", date(2026, 2, 1))
    assert result.ok and result.issues[0].code == "price.unknown_supplier"


def test_pricat_file_is_read_through_the_edi_mapping(workspace, tmp_path):
    from vareflyt.domain.catalogue import CatalogueArticle, CatalogueKind, PriceCatalogue
    from vareflyt.edi.mappings import pricat
    from vareflyt.edi.writer import write_interchange

    cat = PriceCatalogue(
        S,
        CatalogueKind.NEW,
        date(2026, 2, 1),
        (
            CatalogueArticle(
                "P1",
                "Plank",
                gtin="7031234000019",
                gross=Decimal("100"),
                discount_pct=Decimal("10"),
                net=Decimal("90"),
                unit="MTR",
            ),
            CatalogueArticle("P2", "Lekt", gtin="7031234000018", net=Decimal("20"), unit="MTR"),
        ),
        number="PL1",
    )
    data = write_interchange(
        S, "7080000000036", [("PRICAT", pricat.to_segments(cat))], "1", datetime(2026, 1, 30)
    )
    path = tmp_path / "pricat.edi"
    path.write_bytes(data)
    result = import_prices(workspace, path, S, None, None)
    assert (
        result.counts["rows_read"] == 2 and result.counts["imported"] == 1 and result.counts["rejected"] == 1
    )
    assert result.extra["valid_from"] == "2026-02-01"
    assert net(workspace, "P1", date(2026, 2, 1)) == Decimal("90")


def test_cli_json_contract(workspace, tmp_path):
    path = sheet(tmp_path / "v1.xlsx", BASE)
    runner = CliRunner()
    out = runner.invoke(
        app,
        [
            "prices",
            "import",
            str(path),
            "--supplier",
            S,
            "--valid-from",
            "1.2.2026",
            "--workspace",
            str(workspace.root),
            "--json",
        ],
    )
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["ok"] and set(data["counts"]) == {
        "rows_read",
        "imported",
        "rejected",
        "new",
        "changed",
        "unchanged",
        "expired",
        "not_updated",
    }
    out = runner.invoke(
        app,
        [
            "prices",
            "lookup",
            "--supplier",
            S,
            "--article",
            "A1",
            "--date",
            "2026-02-02",
            "--workspace",
            str(workspace.root),
            "--json",
        ],
    )
    assert out.exit_code == 0 and json.loads(out.stdout)["net"] == "90"
    out = runner.invoke(
        app,
        [
            "prices",
            "lookup",
            "--supplier",
            S,
            "--article",
            "NOPE",
            "--workspace",
            str(workspace.root),
            "--json",
        ],
    )
    assert out.exit_code == 1
    out = runner.invoke(
        app,
        [
            "prices",
            "import",
            str(path),
            "--supplier",
            S,
            "--kind",
            "full",
            "--workspace",
            str(workspace.root),
        ],
    )
    assert out.exit_code == 2
    empty = tmp_path / "tom.csv"
    empty.write_bytes(b"")
    out = runner.invoke(
        app, ["prices", "import", str(empty), "--supplier", S, "--workspace", str(workspace.root)]
    )
    assert out.exit_code == 1
