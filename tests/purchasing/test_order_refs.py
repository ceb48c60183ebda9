"""Orders carry what invoice control needs: RFF+CT (agreement) and RFF+PL (price list) written
in ORDERS and stored with the order, the price list being the one in effect for the order's
articles on the order date (a change list included); the printable order shows them."""

import json
from datetime import date, datetime
from decimal import Decimal as D

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from vareflyt.cli.app import app
from vareflyt.jobs.import_prices import import_prices
from vareflyt.jobs.make_orders import make_orders
from vareflyt.rules.ordering import EntryLine
from vareflyt.store.tables.prices import price_versions
from vareflyt.store.tables.purchasing import purchase_orders
from vareflyt.workspace import init_workspace

from .conftest import CONFIG, EDI_SUPPLIER, OUR, PAPER_SUPPLIER
from .edifact_text import header, pricat, write

NOW = datetime(2026, 3, 16, 9, 0)
ARTICLES = [
    (1, "7040000000016", "T100", "Konstruksjonsvirke 48x198", "45.50", "MTR"),
    (2, "7040000000023", "T200", "Gipsplate 12,5", "89.00", "EA"),
]


def workspace(tmp_path, extra: str = ""):
    return init_workspace(tmp_path / "ws", config_text=CONFIG + extra)


def agreement(gln: str, *refs: str) -> str:
    quoted = ", ".join(f'"{r}"' for r in refs)
    return f'\n[invoice_control.suppliers."{gln}"]\ncontract_refs = [{quoted}]\n'


def refs(res) -> list[str]:
    return [s for s in header(res.extra["orders"][0]["file"]) if s.startswith(("RFF+CT", "RFF+PL"))]


def stored(ws) -> list[tuple]:
    with ws.store.connect() as conn:
        return [
            tuple(r)
            for r in conn.execute(
                sa.select(
                    purchase_orders.c.number,
                    purchase_orders.c.agreement_ref,
                    purchase_orders.c.price_list_ref,
                ).order_by(purchase_orders.c.id)
            )
        ]


def order(ws, *articles: str, on=date(2026, 3, 16), supplier=EDI_SUPPLIER):
    project = f"P-{len(stored(ws)) + 1}"  # each call a new order, not one already made
    res = make_orders(
        ws, entries=[EntryLine(supplier, a, D(10), project=project) for a in articles], on=on, now=NOW
    )
    assert res.ok and res.counts["orders"] == 1, [i.message for i in res.issues]
    return res


@pytest.fixture
def ws(tmp_path):
    workspace_ = workspace(tmp_path, agreement(EDI_SUPPLIER, "AVT-2026-01"))
    path = write(tmp_path / "pricat.edi", pricat("PK-1", "9", "20260201", "PL-2026-1", ARTICLES))
    assert import_prices(workspace_, path, EDI_SUPPLIER, None).ok
    yield workspace_
    workspace_.close()


def test_rff_ct_and_pl_written_in_orders_and_stored(ws):
    res = order(ws, "T100", "7040000000023")
    assert header(res.extra["orders"][0]["file"])[:6] == [
        "BGM+220+100001+9",
        "DTM+137:20260316:102",
        "RFF+CT:AVT-2026-01",
        "RFF+PL:PL-2026-1",
        "RFF+AEP:P-1",
        f"NAD+BY+{OUR}::9++Byggmester Test AS",
    ]
    assert stored(ws) == [("100001", "AVT-2026-01", "PL-2026-1")]
    with ws.store.connect() as conn:  # the PRICAT's RFF+PL is the version's own reference
        assert conn.execute(sa.select(price_versions.c.list_ref)).scalars().all() == ["PL-2026-1"]


def test_a_change_list_that_prices_a_line_gives_its_reference(ws, tmp_path):
    change = pricat("PK-2", "4", "20260301", "PL-2026-1-E1", [ARTICLES[0][:4] + ("47.00", "MTR")])
    assert (
        import_prices(ws, write(tmp_path / "endring.edi", change), EDI_SUPPLIER, None).extra["kind"]
        == "change"
    )
    before = order(ws, "T100", on=date(2026, 2, 20))  # the change list starts 1 March
    untouched = order(ws, "T200")  # T200 is still priced by the base list
    both = order(ws, "T100", "T200")
    assert [refs(r)[1:] for r in (before, untouched, both)] == [
        ["RFF+PL:PL-2026-1"],
        ["RFF+PL:PL-2026-1"],
        ["RFF+PL:PL-2026-1-E1"],
    ]
    assert [r[2] for r in stored(ws)] == ["PL-2026-1", "PL-2026-1", "PL-2026-1-E1"]
    (note,) = [i for i in both.issues if i.code == "order.price_list_ref"]
    assert note.severity.value == "info" and "«PL-2026-1» og «PL-2026-1-E1»" in note.message
    assert "den nyeste, «PL-2026-1-E1»" in note.message


def test_a_spreadsheet_list_gives_a_reference_only_when_its_title_names_one(tmp_path):
    ws = workspace(tmp_path)
    try:
        plain = tmp_path / "prisliste.csv"
        plain.write_text(
            "Varenr;GTIN;Varenavn;Enhet;Nettopris\nT100;7040000000016;Konstruksjonsvirke;m;45,00\n",
            encoding="utf-8",
        )
        assert import_prices(ws, plain, EDI_SUPPLIER, "new", date(2026, 2, 1)).extra.get("list_ref") is None
        first = order(ws, "T100")
        titled = tmp_path / "prisliste_mars.csv"
        titled.write_text(
            "Trelast Vest AS;;;;\nPrisliste nr. TV-2026/03;;;;\n;;;;\n"
            "Varenr;GTIN;Varenavn;Enhet;Nettopris\nT100;7040000000016;Konstruksjonsvirke;m;46,00\n",
            encoding="utf-8",
        )
        assert (
            import_prices(ws, titled, EDI_SUPPLIER, "new", date(2026, 3, 1)).extra["list_ref"] == "TV-2026/03"
        )
        second = order(ws, "T100")
        assert refs(first) == [] and refs(second) == ["RFF+PL:TV-2026/03"]
        assert [r[1:] for r in stored(ws)] == [(None, None), (None, "TV-2026/03")]
    finally:
        ws.close()


def test_several_agreements_write_none_and_say_so(tmp_path):
    ws = workspace(tmp_path, agreement(EDI_SUPPLIER, "AVT-A", "AVT-B"))
    try:
        path = write(tmp_path / "pricat.edi", pricat("PK-1", "9", "20260201", "PL-2026-1", ARTICLES))
        assert import_prices(ws, path, EDI_SUPPLIER, None).ok
        res = order(ws, "T100")
        assert refs(res) == ["RFF+PL:PL-2026-1"]
        (note,) = [i for i in res.issues if i.code == "order.agreement_ref"]
        assert note.severity.value == "warning" and "«AVT-A» og «AVT-B»" in note.message
        assert stored(ws) == [("100001", None, "PL-2026-1")]
    finally:
        ws.close()


def test_the_printable_order_shows_both_references(tmp_path):
    ws = workspace(tmp_path, agreement(PAPER_SUPPLIER, "PAPIR-AVT-7"))
    try:
        path = tmp_path / "papir.csv"
        path.write_text(
            "Prislistenr: P-2026-2;;;\nVarenr;Varenavn;Enhet;Nettopris\nP1;Skruer 5x50;pk;129,90\n",
            encoding="utf-8",
        )
        assert import_prices(ws, path, PAPER_SUPPLIER, "new", date(2026, 2, 1)).ok
        res = order(ws, "P1", supplier=PAPER_SUPPLIER)
        html = open(res.extra["orders"][0]["file"][:-4] + ".html", encoding="utf-8").read()
        assert "Avtale: PAPIR-AVT-7<br>" in html and "Prisliste: P-2026-2<br>" in html
        assert stored(ws) == [("100001", "PAPIR-AVT-7", "P-2026-2")]
    finally:
        ws.close()


def test_the_import_option_names_a_spreadsheet_lists_reference(tmp_path):
    ws = workspace(tmp_path)
    try:
        path = tmp_path / "prisliste.csv"
        path.write_text(
            "Prisliste nr. TV-9;;;;\nVarenr;GTIN;Varenavn;Enhet;Nettopris\n"
            "T100;7040000000016;Konstruksjonsvirke;m;45,00\n",
            encoding="utf-8",
        )
        out = CliRunner().invoke(
            app,
            [
                "prices",
                "import",
                str(path),
                "--supplier",
                EDI_SUPPLIER,
                "--valid-from",
                "2026-02-01",
                "--list-ref",
                "AVTALEPRIS-2026",
                "--json",
                "--workspace",
                str(ws.root),
            ],
        )
        data = json.loads(out.stdout)
        assert out.exit_code == 0 and data["list_ref"] == "AVTALEPRIS-2026"
        (note,) = [i for i in data["issues"] if i["code"] == "price.list_ref_option"]
        assert "«TV-9»" in note["message"]  # the title said another one
        assert refs(order(ws, "T100")) == ["RFF+PL:AVTALEPRIS-2026"]
    finally:
        ws.close()
