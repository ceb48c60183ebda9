"""The ribbon's buttons: id (as in ``addin/customUI.xml``) -> what runs and what it asks.

Each ``Button`` names the function in ``vareflyt.addin.actions`` that runs it, the vareflyt
job that function calls (``module:function``, imported only when the button runs), the
workbook whose tables the job writes, and the questions asked first (``file``, ``supplier``,
``confirm``: the keys of ``answers`` in ``dispatch.run``). A test checks that this table and
customUI.xml name the same buttons and that every job path imports.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..domain.issues import JobResult
from . import actions

PURCHASING, RECEIVABLES = "purchasing", "receivables"


@dataclass(frozen=True)
class Button:
    id: str
    label: str  # as on the ribbon
    action: Callable[..., JobResult]  # actions.<id>(ctx)
    job: str | None  # the vareflyt job it runs, "module:function"
    workbook: str | None  # workbook schema key the job writes, or None
    asks: tuple[str, ...] = ()  # questions, in order
    needs_workspace: bool = True
    needs_workbook: bool = True  # must be pressed in Innkjop.xlsx or Kundereskontro.xlsx
    run_lock: str | None = None  # the run lock's job name, as the CLI's command takes it


_ALL = (
    Button(
        "import_parties",
        "Importer parter",
        actions.import_parties,
        "vareflyt.jobs.import_parties:import_parties",
        PURCHASING,
        ("file",),
    ),
    Button(
        "import_prices",
        "Importer prisliste",
        actions.import_prices,
        "vareflyt.jobs.import_prices:import_prices",
        PURCHASING,
        ("file", "supplier", "confirm"),
    ),
    Button(
        "approve_prices",
        "Godkjenn prisliste",
        actions.approve_prices,
        "vareflyt.jobs.approve_prices:approve_prices",
        PURCHASING,
        ("supplier", "confirm"),
    ),
    Button(
        "withdraw_prices",
        "Trekk tilbake prisliste",
        actions.withdraw_prices,
        "vareflyt.jobs.withdraw_prices:withdraw_prices",
        PURCHASING,
        ("supplier", "confirm"),
    ),
    Button(
        "make_orders",
        "Lag bestillinger",
        actions.make_orders,
        "vareflyt.jobs.make_orders:make_orders",
        PURCHASING,
        run_lock="bestilling",
    ),
    Button(
        "read_inbox",
        "Les innboks",
        actions.read_inbox,
        "vareflyt.jobs.read_inbox:read_inbox",
        PURCHASING,
        run_lock="innlesing",
    ),
    Button(
        "reconcile_invoices",
        "Kontroller fakturaer",
        actions.reconcile_invoices,
        "vareflyt.jobs.invoices.run:reconcile_invoices",
        PURCHASING,
        run_lock="fakturakontroll",
    ),
    Button(
        "open_deviations",
        "Åpne avvik",
        actions.open_deviations,
        "vareflyt.jobs.purchasing_tables:refresh_tables",
        PURCHASING,
    ),
    Button(
        "import_receivables",
        "Importer åpne poster",
        actions.import_receivables,
        "vareflyt.jobs.import_receivables:import_receivables",
        RECEIVABLES,
        ("file", "confirm"),
    ),
    Button(
        "dunning_preview",
        "Purring: forhåndsvis",
        actions.dunning_preview,
        "vareflyt.jobs.run_dunning:run_dunning",
        RECEIVABLES,
    ),
    Button(
        "dunning_send",
        "Purring: send",
        actions.dunning_send,
        "vareflyt.jobs.run_dunning:run_dunning",
        RECEIVABLES,
        ("confirm",),
    ),
    Button(
        "aged_receivables",
        "Aldersfordeling",
        actions.aged_receivables,
        "vareflyt.addin.refresh:write_aging",
        RECEIVABLES,
    ),
    Button("send", "Send", actions.send, "vareflyt.jobs.sending:send_documents", None, ("confirm",)),
    Button("workspace_settings", "Innstillinger", actions.workspace_settings, None, None),
    Button("about", "Om Vareflyt", actions.about, None, None, needs_workspace=False, needs_workbook=False),
)

BUTTONS: dict[str, Button] = {b.id: b for b in _ALL}


def button(button_id: str) -> Button:
    """The button with this id; KeyError naming the known ids otherwise."""
    try:
        return BUTTONS[button_id]
    except KeyError:
        raise KeyError(f"unknown ribbon button {button_id!r}; known: {', '.join(BUTTONS)}") from None
