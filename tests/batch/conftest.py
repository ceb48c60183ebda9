"""A small prepared workspace for the batch tests: the demo shop (300 articles) after one
night, with the next night's input waiting in ``inbox/`` (supplier answers, a new price list
in ``inbox/<GLN>/``, a party update, the customers' open items and payments) and new rows in
the order entry. Built once per session; every test gets its own copy."""

from __future__ import annotations

import shutil
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from vareflyt.workspace import Workspace

DAY = date(2026, 11, 20)  # the night the tests run
GOOD_PRICES = (
    "Varenr;Varenavn;Enhet;Nettopris\r\nBT-1001;Testlekt 48x98;STK;19,90\r\n"
    "BT-1002;Testlekt 36x48;STK;12,50\r\nBT-1003;Testplank 22x148;M;31,00\r\n"
)
PARTIES = "Partnernr;Navn;GLN;Orgnr;Roller\r\n9001;Testkunde Bygg AS;7080000000029;923609016;BY\r\n"


def _prepare(root: Path) -> None:
    from vareflyt.demo.nights import _answer_orders, _arrived, _type_order_entry
    from vareflyt.demo.receivables import DemoCustomers
    from vareflyt.demo.run import run_demo
    from vareflyt.jobs.nightly import run_batch

    run_demo(root, today=DAY - timedelta(days=1), articles=300, days=0)
    ws = Workspace(root)
    try:
        yesterday = DAY - timedelta(days=1)
        _type_order_entry(ws, yesterday, first=True)
        first = run_batch(ws, on=yesterday, now=datetime.combine(yesterday, time(2, 30)), force=True)
        _answer_orders(ws, yesterday, first.extra["went_out"], offset=0)
        customers = DemoCustomers(7, DAY, 40)
        _arrived(customers.write_open_items(ws.inbox, DAY), datetime.combine(DAY, time(0, 30)))
        booked = min(i.pays_on for i in customers.invoices if i.pays_on and i.pays_on >= DAY)
        customers.write_payments(ws.inbox, booked)
        supplier = sorted(ws.config.partners)[0]
        (ws.inbox / supplier).mkdir()
        (ws.inbox / supplier / "nye_priser.csv").write_text(GOOD_PRICES, encoding="utf-8")
        (ws.inbox / "partnere_nye.csv").write_text(PARTIES, encoding="utf-8")
        _type_order_entry(ws, DAY, first=False)
    finally:
        ws.close()


@pytest.fixture(scope="session")
def prepared(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("batch") / "base"
    _prepare(root)
    return root


@pytest.fixture
def ws_copy(prepared, tmp_path):
    """A fresh copy of the prepared workspace (its own store, workbooks and inbox)."""

    def make(name: str = "ws") -> Path:
        target = tmp_path / name
        shutil.copytree(prepared, target)
        return target

    return make
