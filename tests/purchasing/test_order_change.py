"""``vareflyt orders change NUMBER``: more articles or higher quantities on a sent order become a
new order with a new number that replaces the old one (seed 004 §5.1), end to end through the
CLI, with the refusals the guide implies."""

import json
from datetime import date, datetime
from decimal import Decimal as D

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from vareflyt.cli.app import app
from vareflyt.edi.reader import read_interchanges
from vareflyt.edi.validate import validate_message
from vareflyt.jobs.import_prices import import_prices
from vareflyt.jobs.make_orders import make_orders
from vareflyt.jobs.read_inbox import read_inbox
from vareflyt.rules.ordering import EntryLine
from vareflyt.store.tables.purchasing import purchase_orders as po
from vareflyt.workspace import init_workspace

from .conftest import CONFIG, EDI_SUPPLIER, OUR
from .edifact_text import header, interchange, lines, pricat, write

runner = CliRunner()
ARTICLES = [
    (1, "7040000000016", "T100", "Konstruksjonsvirke 48x198", "45.50", "MTR"),
    (2, "7040000000023", "T200", "Gipsplate 12,5", "89.00", "EA"),
    (3, "7040000000030", "L48", "Lekt 48x48", "12.90", "MTR"),
]
AGREEMENT = f'\n[invoice_control.suppliers."{EDI_SUPPLIER}"]\ncontract_refs = ["AVT-2026-01"]\n'


@pytest.fixture
def ws(tmp_path):
    workspace = init_workspace(tmp_path / "ws", config_text=CONFIG + AGREEMENT)
    path = write(tmp_path / "pricat.edi", pricat("PK-1", "9", "20260201", "PL-2026-1", ARTICLES))
    assert import_prices(workspace, path, EDI_SUPPLIER, None).ok
    first = make_orders(
        workspace,
        entries=[
            EntryLine(EDI_SUPPLIER, "T100", D(100), delivery_date=date(2026, 3, 10)),
            EntryLine(EDI_SUPPLIER, "T200", D(20), delivery_date=date(2026, 3, 10)),
        ],
        on=date(2026, 3, 2),
        now=datetime(2026, 3, 2, 9),
    )
    assert [o["number"] for o in first.extra["orders"]] == ["100001"]
    yield workspace
    workspace.close()


def cli(ws, *args: str):
    out = runner.invoke(
        app, ["orders", "change", *args, "--date", "2026-03-05", "--json", "--workspace", str(ws.root)]
    )
    return out.exit_code, json.loads(out.stdout) if out.stdout.strip() else None


def orders(ws) -> list[tuple]:
    with ws.store.connect() as conn:
        return [
            tuple(r)
            for r in conn.execute(
                sa.select(po.c.number, po.c.status, po.c.closed, po.c.replaces).order_by(po.c.id)
            )
        ]


def drop(ws, name: str, message_type: str, body: list[str]) -> None:
    write(ws.inbox / name, interchange(message_type, body, ref=name[:8], when="260306:1000"))


def test_change_makes_a_new_order_that_replaces_the_old_one(ws):
    code, data = cli(ws, "100001", "--set", "T100=150", "--set", "7040000000030=12,5")
    assert code == 0 and data["ok"], data
    (made,) = data["orders"]
    assert (made["number"], made["replaces"], data["replaces"]) == ("100002", "100001", "100001")
    assert [data["counts"][k] for k in ("orders", "lines", "changed", "added")] == [1, 3, 1, 1]
    head = header(made["file"])
    # BGM 1225 = 5 (replaces), the old number in RFF+PW; the references as for any order
    assert head[:6] == [
        "BGM+220+100002+5",
        "DTM+137:20260305:102",
        "DTM+2:20260310:102",
        "RFF+CT:AVT-2026-01",
        "RFF+PL:PL-2026-1",
        "RFF+PW:100001",
    ]
    body = lines(made["file"])
    assert [s for s in body if s.startswith(("LIN", "QTY"))] == [
        "LIN+1++7040000000016:EN",
        "QTY+21:150:MTR",
        "LIN+2++7040000000023:EN",
        "QTY+21:20:EA",
        "LIN+3++7040000000030:EN",
        "QTY+21:12.5:MTR",
    ]
    assert orders(ws) == [("100001", "replaced", True, None), ("100002", "sent", False, "100001")]
    read = read_interchanges(open(made["file"], "rb").read(), file=made["file"])
    assert read.ok and [i.message for m in read.messages for i in validate_message(m)] == []
    listed = json.loads(runner.invoke(app, ["orders", "list", "--json", "--workspace", str(ws.root)]).stdout)
    assert [(o["number"], o["status"]) for o in listed["orders"]][0] == ("100001", "erstattet")


@pytest.mark.parametrize(
    "args, says",
    [
        (["999999", "--set", "T100=150"], "Fant ingen ordre med nummer 999999"),
        (["100001", "--set", "T100=50"], "Linje 1 (T100) i ordre 100001: 50 er mindre enn bestilt 100"),
        (["100001", "--set", "T100=100", "--set", "T200=20"], "Endringen øker ingen antall"),
        (["100001", "--set", "NOPE=3"], "Varen NOPE kan ikke legges til ordre 100001: ukjent artikkel"),
    ],
)
def test_refused_changes_exit_1_and_change_nothing(ws, args, says):
    code, data = cli(ws, *args)
    assert code == 1 and data["ok"] is False and data["error"].startswith(says), data
    assert "Traceback" not in data["error"]
    assert orders(ws) == [("100001", "sent", False, None)]
    assert sorted(p.name for p in ws.outbox.iterdir()) == [f"ORDERS_{EDI_SUPPLIER}_100001.edi"]


def test_lowering_says_to_agree_it_with_the_supplier(ws):
    code, data = cli(ws, "100001", "--set", "T200=5")
    assert code == 1 and "telefon eller e-post" in data["error"] and "kap. 5.1" in data["error"]


def test_a_replaced_order_cannot_be_changed_again(ws):
    assert cli(ws, "100001", "--set", "T100=150")[0] == 0
    code, data = cli(ws, "100001", "--set", "T100=200")
    assert code == 1 and data["error"].startswith("Ordre 100001 er allerede erstattet av ordre 100002")
    assert cli(ws, "100002", "--set", "T100=200")[0] == 0  # the new one can be changed
    assert [o[:3] for o in orders(ws)] == [
        ("100001", "replaced", True),
        ("100002", "replaced", True),
        ("100003", "sent", False),
    ]


def test_a_partly_delivered_order_is_refused(ws):
    drop(
        ws,
        "DESADV_PS-1.edi",
        "DESADV",
        [
            "BGM+351+PS-1+9",
            "DTM+137:20260304:102",
            "DTM+11:20260304:102",
            "RFF+ON:100001",
            f"NAD+BY+{OUR}::9",
            f"NAD+SU+{EDI_SUPPLIER}::9",
            "CPS+1",
            "LIN+1++7040000000016:EN",
            "QTY+12:40:MTR",
            "RFF+ON:100001:1",
            "CNT+2:1",
        ],
    )
    assert read_inbox(ws, on=date(2026, 3, 4), now=datetime(2026, 3, 4, 12)).ok
    code, data = cli(ws, "100001", "--set", "T100=150")
    assert code == 1 and data["error"].startswith("Ordre 100001 er delvis levert og kan ikke endres")


def test_a_response_to_the_replaced_order_leaves_it_replaced(ws):
    assert cli(ws, "100001", "--set", "T100=150")[0] == 0
    drop(
        ws,
        "ORDRSP_OR-1.edi",
        "ORDRSP",
        [
            "BGM+231+OR-1+29",
            "DTM+137:20260306:102",
            "RFF+ON:100001",
            f"NAD+BY+{OUR}::9",
            f"NAD+SU+{EDI_SUPPLIER}::9",
            "LIN+1+5+7040000000016:EN",
            "QTY+21:100:MTR",
            "QTY+113:100:MTR",
            "LIN+2+5+7040000000023:EN",
            "QTY+21:20:EA",
            "QTY+113:20:EA",
            "UNS+S",
        ],
    )
    assert read_inbox(ws, on=date(2026, 3, 6), now=datetime(2026, 3, 6, 12)).ok
    assert orders(ws)[0] == ("100001", "replaced", True, None)


def test_no_set_is_a_usage_error(ws):
    assert cli(ws, "100001")[0] == 2
    assert cli(ws, "100001", "--set", "T100")[0] == 2
