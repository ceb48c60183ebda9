"""Supplier invoice control: checks a–w of the EDI ERP guide (seed 004 §7, DOMAIN.md §2.5).

``control(ctx)`` runs every check on one ``ControlContext`` and returns its findings (one per
failed check and line, with the check's letter as code); ``decide`` turns findings into an
outcome. Modules: ``header`` (a–j), ``lines`` (k–o), ``amounts`` (p–w), ``arithmetic`` (the
Decimal rules the amount checks and invoice builders share), ``model`` and ``outcome``.
"""

from __future__ import annotations

from .amounts import check_p, check_q, check_r, check_s, check_t, check_u, check_v, check_w
from .arithmetic import complete, line_amount, vat_buckets
from .header import check_a, check_b, check_c, check_d, check_e, check_f, check_g, check_h, check_i, check_j
from .lines import check_k, check_l, check_m, check_n, check_o
from .model import (CHECK_LETTERS, Agreement, ControlContext, ControlSettings, Finding, OrderInfo, OrderLineInfo,
                    PriceRow, Tolerance)
from .outcome import APPROVED, DEVIATION, LABELS, REJECTED, STATUSES, WAITING, decide, decision_of, mark_blocking

CHECKS = {fn.__name__[-1]: fn for fn in (
    check_a, check_b, check_c, check_d, check_e, check_f, check_g, check_h, check_i, check_j, check_k, check_l,
    check_m, check_n, check_o, check_p, check_q, check_r, check_s, check_t, check_u, check_v, check_w)}


def control(ctx: ControlContext) -> list[Finding]:
    """All findings for one invoice, in check order, with ``blocking`` set from the settings."""
    findings: list[Finding] = []
    for check in CHECKS.values():
        findings.extend(check(ctx))
    return mark_blocking(findings, ctx.settings)


def outcome(ctx: ControlContext) -> tuple[str, list[Finding]]:
    """(status, findings) for one invoice."""
    findings = control(ctx)
    return decide(findings, ctx.settings, received_on=ctx.received_on, today=ctx.today), findings


__all__ = ["CHECKS", "CHECK_LETTERS", "control", "outcome", "decide", "decision_of", "complete", "line_amount",
           "vat_buckets", "Agreement", "ControlContext", "ControlSettings", "Finding", "OrderInfo", "OrderLineInfo",
           "PriceRow", "Tolerance", "APPROVED", "DEVIATION", "REJECTED", "WAITING", "STATUSES", "LABELS"]
