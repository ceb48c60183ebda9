"""Typed configuration (issue 18 item 1): each ``vareflyt.toml`` section is an attribute of
``Config`` holding the section's frozen dataclass, validated on load with the same Norwegian
messages (file, key, fix), and a section's module is imported only when it is first read."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from vareflyt.config import ConfigError, load_config
from vareflyt.workspace import Workspace

# Written by hand the way a shop would, one table per section (and a partner, a supplier
# agreement, a dunning exception), not by default_toml().
EVERY_SECTION = """
[company]
name = "Byggmester Hansen AS"
gln = "7080000000012"
bank_account = "15032080119"
language = "nb"

[store]
url = "sqlite:///lager/delt.db"

[workspace]
shared_folder = "../felles"

[partners."7080000000029"]
name = "Trelast Vest AS"
edi = true
response_hours = 48

[partners."7080000000036"]
name = "Papir og Spiker AS"
edi = false

[prices]
tolerance = "0.05"
approve_before_use = true

[parties]

[purchasing]
order_number_start = 5001
order_number_prefix = "BH-"
variable_units = ["kgm", "MTR"]

[invoice_control]
payment_days = 20
blocking = "abc"

[invoice_control.tolerances]
l = { amount = "0.50", pct = "1" }

[invoice_control.suppliers."7080000000029"]
payment_days = 45

[receivables]
max_close_share = 30

[dunning]
minimum_amount = "100"

[dunning.customers."10023"]
hold = "Omtvistet faktura 4711"

[batch]
wait_seconds = 60
skip_steps = ["dunning"]

[sending]
enabled = true
smtp_host = "smtp.example.no"
smtp_port = 465
smtp_security = "ssl"
"""


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    path = tmp_path / "vareflyt.toml"
    path.write_text(EVERY_SECTION, encoding="utf-8")
    return path


def test_every_section_reads_back_as_a_typed_attribute(config_file):
    config = load_config(config_file)
    assert (config.company.name, config.company.gln, config.company.bank_account) == (
        "Byggmester Hansen AS",
        "7080000000012",
        "15032080119",
    )
    assert config.store.url == "sqlite:///lager/delt.db"
    assert config.workspace.shared_folder == "../felles"
    assert sorted(config.partners) == ["7080000000029", "7080000000036"]
    assert "7080000000029" in config.partners and config.partners.get("7080000000099") is None
    partners = config.partners
    assert (partners["7080000000029"].response_hours, partners["7080000000036"].edi) == (48, False)
    assert (config.prices.tolerance, config.prices.approve_before_use) == (Decimal("0.05"), True)
    assert (config.purchasing.order_number_start, config.purchasing.order_number_prefix) == (5001, "BH-")
    assert config.purchasing.variable_units == frozenset({"KGM", "MTR"})
    agreement, control = config.invoice_control.defaults
    assert (agreement.payment_days, control.blocking) == (20, frozenset("abc"))
    assert control.tolerances["l"].amount == Decimal("0.50")
    assert config.invoice_control.for_supplier("7080000000029")[0].payment_days == 45
    assert config.receivables.max_close_share == Decimal(30)
    assert config.dunning.policy.minimum_amount == Decimal(100)
    assert config.dunning.customers["10023"].hold == "Omtvistet faktura 4711"
    assert (config.batch.wait_seconds, config.batch.skip_steps) == (60, ("dunning",))
    sending = config.sending
    assert (sending.enabled, sending.smtp_port, sending.smtp_security) == (True, 465, "ssl")
    sections = [
        config.company,
        config.store,
        config.workspace,
        config.partners,
        config.prices,
        config.purchasing,
        config.invoice_control,
        config.receivables,
        config.dunning,
        config.batch,
        config.sending,
    ]
    for value in sections:
        assert dataclasses.is_dataclass(value) and type(value).__dataclass_params__.frozen, type(value)
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.store.url = "postgresql://annen"  # type: ignore[misc]


def test_a_section_is_read_once(config_file):
    config = load_config(config_file)
    assert config.partners is config.partners and config.dunning is config.dunning


def test_the_workspace_reads_its_store_and_shared_folder_from_the_typed_sections(tmp_path):
    (tmp_path / "felles").mkdir()
    root = tmp_path / "butikk"
    root.mkdir()
    (root / "vareflyt.toml").write_text(
        '[store]\nurl = "sqlite:///x.db"\n\n[workspace]\nshared_folder = "../felles"\n', encoding="utf-8"
    )
    ws = Workspace(root)
    assert ws.store_url == "sqlite:///x.db"
    shared = (tmp_path / "felles").resolve()
    assert ws.files_root == shared and ws.inbox == shared / "inbox"


@pytest.mark.parametrize(
    "bad, key, words",
    [
        ("[batch]\nwait_seconds = -5\n", "batch", "wait_seconds"),
        ('[partners."7080000000028"]\nname = "Feil"\n', 'partners."7080000000028"', "er ikke et gyldig GLN"),
        ("[store]\nurl = 5\n", "store", "url"),
        (
            "[dunning.dunning]\ndays_after_due = 10\n",
            "dunning.dunning.days_after_due",
            "inkassoforskriften § 1-2",
        ),
        ('[lager]\nurl = ""\n', "lager", "er ikke en kjent seksjon"),
    ],
)
def test_a_bad_value_stops_the_load_naming_file_and_key(tmp_path, bad, key, words):
    path = tmp_path / "vareflyt.toml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: [") and words in message, message
    assert caught.value.key.startswith(key) and caught.value.fix  # says what to write instead


def test_a_section_module_is_imported_when_first_read():
    code = (
        "import sys\nfrom vareflyt.config import Config\n"
        "config = Config({'store': {'url': 'sqlite:///a.db'}})\n"
        "before = {m for m in sys.modules if m.startswith('vareflyt.config.')}\n"
        "assert config.store.url == 'sqlite:///a.db'\n"
        "after = {m for m in sys.modules if m.startswith('vareflyt.config.')}\n"
        "print(sorted(before), sorted(after - before))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    before, added = done.stdout.strip().split("] [")
    assert before == "["  # importing config loads no section module
    assert "vareflyt.config.store" in added and "vareflyt.config.dunning" not in added


def test_loading_the_settings_leaves_the_invoice_checks_and_the_holiday_calendar_unloaded(config_file):
    """Every command loads and validates vareflyt.toml at start; the [invoice_control] terms are
    domain types and the holiday library is loaded when a due date is first moved, so neither the
    checks a–w nor ``holidays`` cost a price lookup anything."""
    code = (
        "import sys\nfrom pathlib import Path\nfrom vareflyt.config import load_config\n"
        f"config = load_config(Path({str(config_file)!r}))\n"
        "assert config.invoice_control.defaults[0].payment_days == 20\n"
        "print(sorted(m for m in sys.modules\n"
        "             if m == 'holidays' or m.startswith('vareflyt.rules.invoice_control')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[]"
