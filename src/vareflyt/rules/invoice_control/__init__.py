"""Supplier invoice control: checks a–w of the EDI ERP guide (seed 004 §7, DOMAIN.md §2.5).

``control(ctx)`` runs every check on one ``ControlContext`` and returns its findings (one per
failed check and line, with the check's letter as code); ``outcome(ctx)`` adds the status
(approved, deviation, rejected, waiting). Modules: ``header`` (a, b, d, e, i, j), ``terms``
(c agreement and price-list references, g currency, h exchange rate), ``freight`` (f),
``lines`` (k, l, n, o), ``quantity`` (m), ``amounts`` (p–w), ``arithmetic`` (the Decimal rules
the amount checks and invoice builders share), ``model`` (context, findings, settings) and
``outcome`` (the check registry and the outcome). What each check compares and its setting:
docs/invoice_control.md.
"""

from __future__ import annotations

from .arithmetic import complete, line_amount, vat_buckets
from .model import (
    CHECK_LETTERS,
    Agreement,
    ControlContext,
    ControlSettings,
    Finding,
    OrderInfo,
    OrderLineInfo,
    PriceRow,
    Tolerance,
)
from .outcome import (
    APPROVED,
    CHECKS,
    DEVIATION,
    LABELS,
    REJECTED,
    STATUSES,
    WAITING,
    control,
    decide,
    decision_of,
    mark_blocking,
    outcome,
)

__all__ = [
    "CHECKS",
    "CHECK_LETTERS",
    "control",
    "outcome",
    "decide",
    "decision_of",
    "mark_blocking",
    "complete",
    "line_amount",
    "vat_buckets",
    "Agreement",
    "ControlContext",
    "ControlSettings",
    "Finding",
    "OrderInfo",
    "OrderLineInfo",
    "PriceRow",
    "Tolerance",
    "APPROVED",
    "DEVIATION",
    "REJECTED",
    "WAITING",
    "STATUSES",
    "LABELS",
]
