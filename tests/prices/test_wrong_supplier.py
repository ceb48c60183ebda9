"""Issue 14, item 2: a complete list imported under the wrong supplier is refused naming the
supplier it looks like; --force imports it; ``prices withdraw`` takes a version out of use so the
previous catalogue applies again, and the same file can be imported again afterwards."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from vareflyt.cli.app import app
from vareflyt.domain.issues import UsageError
from vareflyt.excel.openpyxl_adapter import OpenpyxlWorkbook
from vareflyt.jobs.approve_prices import list_versions
from vareflyt.jobs.import_prices import import_prices, lookup_price
from vareflyt.jobs.withdraw_prices import withdraw_prices
from vareflyt.store.tables.prices import price_rows, price_versions

from .supplier_files import NORDISK, VEST, articles, make_ws, xlsx_plain, xlsx_with_title

HEAD = ["Varenr", "EAN", "Varebeskrivelse", "Enhet", "Nettopris"]
N_ROWS = articles("N", 25, 703100000000)  # Nordisk's 25 articles
V_ROWS = articles("V", 30, 703200000000, price=50.0)  # Vestlandske's 30 articles
JAN, FEB = date(2026, 1, 1), date(2026, 2, 1)


@pytest.fixture
def ws(tmp_path):
    workspace = make_ws(tmp_path / "ws")
    import_prices(
        workspace, xlsx_plain(tmp_path / "nordisk.xlsx", HEAD, N_ROWS), NORDISK, "new", JAN, today=JAN
    )
    import_prices(workspace, xlsx_plain(tmp_path / "vest.xlsx", HEAD, V_ROWS), VEST, "new", JAN, today=JAN)
    yield workspace
    workspace.close()


@pytest.fixture
def vest_2026(tmp_path):
    """Vestlandske's new list: 28 of its 30 articles (V029, V030 dropped) and two new ones, as its
    ERP exports it (no supplier name in the title)."""
    rows = [r for r in V_ROWS if r[0] not in ("V029", "V030")] + articles("W", 2, 703300000000)
    return xlsx_with_title(
        tmp_path / "prisliste_2026.xlsx", [["Prisliste 2026"], ["Priser i NOK eks. mva"]], HEAD, rows
    )


def _versions(ws):
    with ws.store.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(price_versions)).scalar(), conn.execute(
            sa.select(sa.func.count()).select_from(price_rows)
        ).scalar()


def _catalogue(ws, supplier):
    table = OpenpyxlWorkbook(ws.purchasing_workbook).read_table("catalogue")
    return sorted(table.loc[table["supplier_gln"] == supplier, "article_no"])


def test_refused_naming_the_supplier_it_looks_like(ws, vest_2026):
    before = _versions(ws)
    result = import_prices(ws, vest_2026, NORDISK, "new", FEB, today=FEB)
    assert result.ok is False
    [issue] = [i for i in result.issues if i.code == "price.wrong_supplier"]
    assert "Nordisk Trelast AS (7080000000029): bare 0 av 25 varer (0 %)" in issue.message
    assert (
        "ligner mest på Vestlandske Byggevarer AS (7080000000036): 28 av 30 varer (93,3 %)" in issue.message
    )
    assert "--force" in issue.message and result.extra["confirm"].endswith("--force")
    guard = result.extra["supplier_guard"]
    assert (guard["stopped"], guard["shared"], guard["current_articles"]) == (True, 0, 25)
    assert guard["looks_like"] == {
        "gln": VEST,
        "name": "Vestlandske Byggevarer AS",
        "shared": 28,
        "articles": 30,
    }
    assert result.counts["imported"] == 0 and result.counts["rows_read"] == result.counts["rejected"] == 30
    assert _versions(ws) == before  # nothing stored
    assert lookup_price(ws, NORDISK, "N001", FEB).ok
    assert any(p.name.endswith("prisliste_2026.xlsx") for p in ws.quarantine.iterdir())


def test_force_then_withdraw_restores_and_the_file_can_come_again(ws, vest_2026):
    forced = import_prices(ws, vest_2026, NORDISK, "new", FEB, force=True, today=FEB)
    assert forced.ok and forced.extra["version"] == 2 and forced.extra["supplier_guard"]["forced"] is True
    assert forced.counts["expired"] == 25 and forced.counts["new"] == 30
    assert forced.issues[0].code == "price.guard_forced"
    assert lookup_price(ws, NORDISK, "N001", FEB).ok is False
    assert _catalogue(ws, NORDISK)[:2] == ["V001", "V002"]

    undone = withdraw_prices(ws, NORDISK, 2, now=datetime(2026, 2, 2, 8))
    assert undone.counts == {"withdrawn": 1} and undone.extra["applies"] == [1]
    assert "Nå gjelder versjon 1 (new, gyldig fra 01.01.2026) igjen." in undone.summary
    assert Decimal(lookup_price(ws, NORDISK, "N001", FEB).extra["net"]) == Decimal(100)
    assert lookup_price(ws, NORDISK, "V001", FEB).ok is False
    assert _catalogue(ws, NORDISK) == [r[0] for r in N_ROWS]
    from vareflyt.jobs.invoices.prices import PriceRows

    prices = PriceRows()
    with ws.store.connect() as conn:
        prices.load(conn, {NORDISK: {"N001", "V001"}})
    assert (
        prices.row(NORDISK, "N001", None, FEB).net == Decimal(100)
        and prices.row(NORDISK, "V001", None, FEB) is None
    )
    listed = {v["version"]: v for v in list_versions(ws, NORDISK).extra["versions"]}
    assert listed[2]["withdrawn_at"] == "2026-02-02T08:00:00" and listed[1]["withdrawn_at"] is None

    again = withdraw_prices(ws, NORDISK, 2, now=datetime(2026, 2, 3))
    assert again.counts == {"withdrawn": 0} and again.issues[0].code == "price.already_withdrawn"

    # the same file with the same options is not "allerede importert" once its version is withdrawn
    back = import_prices(ws, vest_2026, NORDISK, "new", FEB, force=True, today=FEB)
    assert back.ok and back.extra["version"] == 3 and back.counts["imported"] == 30
    twice = import_prices(ws, vest_2026, NORDISK, "new", FEB, force=True, today=FEB)
    assert twice.issues[0].code == "price.already_imported"


def test_the_list_under_its_own_supplier_passes(ws, vest_2026):
    result = import_prices(ws, vest_2026, VEST, "new", FEB, today=FEB)
    assert result.ok and result.extra["supplier_guard"]["shared_pct"] == "93.3"
    assert result.counts["expired"] == 2 and result.counts["unchanged"] == 28


def test_title_naming_the_supplier_lets_new_numbering_through(ws, tmp_path):
    renumbered = [["NT-" + r[0], *r[1:]] for r in articles("X", 25, 703400000000)]
    path = xlsx_with_title(
        tmp_path / "nytt_sortiment.xlsx",
        [["NORDISK TRELAST AS"], ["Ny prisliste – nye varenumre"]],
        HEAD,
        renumbered,
    )
    result = import_prices(ws, path, NORDISK, "replace", FEB, today=FEB)
    assert result.ok and result.extra["supplier_guard"]["named_this"] is True


def test_title_naming_another_supplier_is_named_in_the_refusal(ws, tmp_path):
    path = xlsx_with_title(
        tmp_path / "ukjent.xlsx",
        [["Vestlandske Byggevarer AS"], ["Prisliste gyldig fra 1.2.2026"]],
        HEAD,
        articles("Z", 22, 703500000000),
    )
    result = import_prices(ws, path, NORDISK, "new", today=FEB)
    assert result.ok is False
    assert "Filen nevner Vestlandske Byggevarer AS (7080000000036)." in result.issues[0].message


def test_small_catalogue_and_change_lists_are_not_guarded(tmp_path, vest_2026):
    ws = make_ws(tmp_path / "liten", "\n[prices]\nguard_min_articles = 30\n")
    try:
        import_prices(ws, xlsx_plain(tmp_path / "n.xlsx", HEAD, N_ROWS), NORDISK, "new", JAN, today=JAN)
        result = import_prices(ws, vest_2026, NORDISK, "new", FEB, today=FEB)  # 25 < 30: not judged
        assert result.ok and "supplier_guard" not in result.extra
        change = import_prices(
            ws,
            xlsx_plain(tmp_path / "c.xlsx", HEAD, articles("Q", 3, 703600000000)),
            NORDISK,
            "change",
            date(2026, 3, 1),
            today=FEB,
        )
        assert change.ok and "supplier_guard" not in change.extra
    finally:
        ws.close()


def test_withdraw_of_an_unknown_version_is_a_usage_error(ws):
    with pytest.raises(UsageError, match="ingen prislisteversjon 7"):
        withdraw_prices(ws, NORDISK, 7)


def test_cli_refuses_with_exit_1_then_force_and_withdraw(ws, vest_2026):
    runner = CliRunner()
    where = ["--workspace", str(ws.root), "--json"]
    out = runner.invoke(
        app, ["prices", "import", str(vest_2026), "--supplier", NORDISK, "--valid-from", "2026-02-01", *where]
    )
    assert out.exit_code == 1, out.output
    data = json.loads(out.stdout)
    assert data["ok"] is False and data["issues"][0]["code"] == "price.wrong_supplier"
    out = runner.invoke(
        app,
        [
            "prices",
            "import",
            str(vest_2026),
            "--supplier",
            NORDISK,
            "--valid-from",
            "2026-02-01",
            "--force",
            *where,
        ],
    )
    assert out.exit_code == 0 and json.loads(out.stdout)["version"] == 2
    out = runner.invoke(app, ["prices", "withdraw", "--supplier", NORDISK, "--version", "2", *where])
    assert out.exit_code == 0 and json.loads(out.stdout)["counts"] == {"withdrawn": 1}
    out = runner.invoke(app, ["prices", "withdraw", "--supplier", NORDISK, "--version", "9", *where])
    assert out.exit_code == 2
    out = runner.invoke(app, ["prices", "versions", "--supplier", NORDISK, "--workspace", str(ws.root)])
    assert "TRUKKET TILBAKE" in out.stdout


def test_guard_rules():
    from vareflyt.rules.price_guard import Likeness, column_name, judge, name_key, names_in

    names = {
        "7080000000029": "Nordisk Trelast AS",
        "7080000000036": "Bygg AS",
        "7080000000043": "Bygg Sverige AB",
        "7080000000050": "Ab",
    }
    assert name_key("NORDISK-TRELAST A/S") == "nordisk trelast"
    assert names_in(["Prisliste fra Bygg Sverige AB (publ)"], names) == [
        "7080000000043"
    ]  # not "Bygg" inside it
    assert names_in(["Bygg AS – priser", "Nordisk Trelast"], names) == ["7080000000029", "7080000000036"]
    assert names_in(["Nordisk Trelastlager"], names) == []  # whole words only
    assert column_name(["Bygg AS", "Bygg AS", "Annen AS", None]) == "Bygg AS"
    assert column_name(["Bygg AS", "Annen AS"]) is None

    def at(shared, total, named=()):
        return judge(
            Likeness("7080000000029", "N", shared, total),
            list(named),
            min_shared_pct=Decimal(20),
            min_articles=20,
        )

    assert at(4, 20).stops is False and at(3, 20).stops is True  # 20 % shared is enough, 15 % is not
    assert at(0, 19).stops is False and at(0, 19).checked is False  # too small a catalogue to judge
    assert at(0, 50, ["7080000000029"]).stops is False  # the list names this supplier
    assert at(0, 50, ["7080000000036"]).named_other == ("7080000000036",)


def test_a_supplier_column_naming_another_supplier(ws, tmp_path):
    rows = [[*r, "Vestlandske Byggevarer AS"] for r in articles("Y", 22, 703700000000)]
    path = xlsx_plain(tmp_path / "med_leverandor.xlsx", [*HEAD, "Leverandør"], rows)
    result = import_prices(ws, path, NORDISK, "new", FEB, today=FEB)
    assert (
        result.ok is False
        and "Filen nevner Vestlandske Byggevarer AS (7080000000036)." in result.issues[0].message
    )


def test_a_withdrawn_waiting_version_cannot_be_approved(tmp_path):
    from vareflyt.jobs.approve_prices import approve_prices

    ws = make_ws(tmp_path / "godkjenn", "\n[prices]\napprove_before_use = true\n")
    try:
        waiting = import_prices(
            ws, xlsx_plain(tmp_path / "n.xlsx", HEAD, N_ROWS), NORDISK, "new", JAN, today=JAN
        )
        assert waiting.extra["version"] == 1
        undone = withdraw_prices(ws, NORDISK, 1, now=datetime(2026, 1, 2))
        assert "ventet på godkjenning" in undone.summary
        with pytest.raises(UsageError, match="trukket tilbake"):
            approve_prices(ws, NORDISK, 1)
        assert approve_prices(ws, NORDISK).counts == {"approved": 0}  # nothing waits any more
    finally:
        ws.close()
