"""Approval before use (seed 004 § 4): with ``approve_before_use`` an imported price list waits,
the previous prices stay in effect, and ``prices approve`` puts it in effect."""

import json
from datetime import date, datetime
from decimal import Decimal

import pytest
import sqlalchemy as sa
from alembic import command
from typer.testing import CliRunner

from vareflyt.cli.app import app
from vareflyt.domain.issues import UsageError
from vareflyt.excel.openpyxl_adapter import OpenpyxlWorkbook
from vareflyt.jobs.approve_prices import approve_prices, list_versions
from vareflyt.jobs.import_prices import import_prices, lookup_price
from vareflyt.store.db import _alembic_config, sqlite_url
from vareflyt.store.tables.core import processing_log

from .test_import_job import BASE, S, sheet

ON = date(2026, 3, 1)


@pytest.fixture
def approving(workspace):
    text = workspace.config_path.read_text(encoding="utf-8")
    workspace.config_path.write_text(
        text.replace("approve_before_use = false", "approve_before_use = true"), encoding="utf-8"
    )
    workspace.__dict__.pop("config", None)
    assert workspace.config.prices.approve_before_use
    return workspace


def net(ws, article):
    found = lookup_price(ws, S, article, ON)
    return Decimal(found.extra["net"]) if found.ok else None


def catalogue(ws):
    return sorted(OpenpyxlWorkbook(ws.purchasing_workbook).read_table("catalogue")["article_no"])


def test_a_waiting_list_is_not_used_until_approved(approving, tmp_path):
    result = import_prices(approving, sheet(tmp_path / "v1.xlsx", BASE), S, "new", date(2026, 2, 1))
    assert result.ok and result.counts["imported"] == 3 and "Venter på godkjenning" in result.summary
    assert [i.code for i in result.issues if i.code == "price.awaiting_approval"] == [
        "price.awaiting_approval"
    ]
    assert net(approving, "A1") is None and catalogue(approving) == []

    approved = approve_prices(approving, S, now=datetime(2026, 2, 2, 9))
    assert approved.counts == {"approved": 1} and "gjelder fra 01.02.2026" in approved.summary
    assert net(approving, "A1") == Decimal("90") and catalogue(approving) == ["A1", "A2", "A3"]
    with approving.store.connect() as conn:
        logged = conn.execute(sa.select(processing_log).where(processing_log.c.job == "prices.approve")).all()
    assert [(r.partner, r.doc_number) for r in logged] == [(S, "1")]

    again = approve_prices(approving, S, 1)
    assert again.counts == {"approved": 0} and again.issues[0].code == "price.already_approved"


def test_previous_prices_hold_while_a_change_waits(approving, tmp_path):
    import_prices(approving, sheet(tmp_path / "v1.xlsx", BASE), S, "new", date(2026, 2, 1))
    approve_prices(approving, S, 1)
    changed = [["A1", "7031234000019", "Plank", "m", 100, 0, 99, None, None, None]]
    second = import_prices(approving, sheet(tmp_path / "v2.xlsx", changed), S, "change", date(2026, 2, 15))
    assert second.counts["changed"] == 1  # compared with the prices in effect
    third = import_prices(
        approving,
        sheet(tmp_path / "v3.xlsx", changed[:1]),
        S,
        "change",
        date(2026, 2, 20),
        refresh_table=False,
    )
    assert net(approving, "A1") == Decimal("90")
    with pytest.raises(UsageError, match="versjon 2, 3"):
        approve_prices(approving, S)  # two wait: which one?
    with pytest.raises(UsageError, match="ingen prislisteversjon 9"):
        approve_prices(approving, S, 9)
    approve_prices(approving, S, 2)
    assert net(approving, "A1") == Decimal("99")
    listed = list_versions(approving, S)
    assert listed.counts == {"versions": 3, "waiting": 1} and third.extra["version"] == 3
    assert [v["approved_at"] is None for v in listed.extra["versions"]] == [False, False, True]


def test_without_the_setting_imports_are_approved_at_once(workspace, tmp_path):
    import_prices(workspace, sheet(tmp_path / "v1.xlsx", BASE), S, "new", date(2026, 2, 1))
    assert net(workspace, "A1") == Decimal("90")
    assert list_versions(workspace).counts == {"versions": 1, "waiting": 0}
    assert approve_prices(workspace, S).summary.startswith("Ingen prislister")


def test_cli_versions_and_approve(approving, tmp_path):
    import_prices(approving, sheet(tmp_path / "v1.xlsx", BASE), S, "new", date(2026, 2, 1))
    runner, where = CliRunner(), ["--workspace", str(approving.root), "--json"]
    listed = json.loads(runner.invoke(app, ["prices", "versions", *where]).stdout)
    assert listed["versions"][0]["version"] == 1 and listed["versions"][0]["approved_at"] is None
    out = runner.invoke(app, ["prices", "approve", "--supplier", S, "--version", "1", *where])
    assert out.exit_code == 0 and json.loads(out.stdout)["counts"] == {"approved": 1}
    wrong = runner.invoke(app, ["prices", "approve", "--supplier", S, "--version", "7", *where])
    assert wrong.exit_code == 2


def test_versions_imported_before_the_migration_count_as_approved(tmp_path):
    url = sqlite_url(tmp_path / "old.db")
    cfg = _alembic_config()
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0007")
        conn.execute(
            sa.text(
                "INSERT INTO price_versions (supplier_gln, number, kind, imported_at) "
                "VALUES (:s, 1, 'new', '2026-01-05 10:00:00')"
            ),
            {"s": S},
        )
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
        approved = conn.execute(sa.text("SELECT approved_at FROM price_versions")).scalar()
    assert str(approved).startswith("2026-01-05 10:00")
