"""The check registry (``CHECKS``: letter -> check function, a to w), ``control`` and
``outcome`` for one invoice, and how findings become an outcome (seed 004 §7):

* rejected — a formal error the buyer cannot adjust: a duplicate (a), no or an unknown order
  (d), an invoice for someone else (e); which checks reject is a setting;
* waiting — goods or packing slips not received yet (findings marked ``waits``), for at most
  ``wait_days`` after the invoice arrived; the next run looks again;
* deviation — a blocking check failed beyond its tolerance: a person decides;
* approved — every blocking check passed (non-blocking findings are kept for the record).

A person's decision in the workbook (approve a deviation, reject an invoice) wins over the
computed outcome and is kept with who and when.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from .amounts import check_p, check_q, check_r, check_s, check_t, check_u, check_v, check_w
from .freight import check_f
from .header import check_a, check_b, check_d, check_e, check_i, check_j
from .lines import check_k, check_l, check_n, check_o
from .model import ControlContext, ControlSettings, Finding
from .quantity import check_m
from .terms import check_c, check_g, check_h

APPROVED, DEVIATION, REJECTED, WAITING = "approved", "deviation", "rejected", "waiting"
STATUSES = (APPROVED, DEVIATION, REJECTED, WAITING)
LABELS = {APPROVED: "godkjent", DEVIATION: "avvik", REJECTED: "avvist", WAITING: "venter"}
DECISION_WORDS = {
    "godkjenn": APPROVED,
    "godkjent": APPROVED,
    "approve": APPROVED,
    "approved": APPROVED,
    "ok": APPROVED,
    "ja": APPROVED,
    "avvis": REJECTED,
    "avvist": REJECTED,
    "reject": REJECTED,
    "rejected": REJECTED,
}


def mark_blocking(findings: list[Finding], settings: ControlSettings) -> list[Finding]:
    """Set ``blocking`` from the settings (a waiting finding always holds the invoice)."""
    return [
        f
        if f.blocking == (f.check in settings.blocking or f.waits)
        else replace(f, blocking=f.check in settings.blocking or f.waits)
        for f in findings
    ]


def decide(
    findings: list[Finding],
    settings: ControlSettings,
    *,
    received_on: date | None = None,
    today: date | None = None,
) -> str:
    """The outcome of one invoice's findings."""
    if any(f.check in settings.reject and not f.waits for f in findings):
        return REJECTED
    waiting = [f for f in findings if f.waits]
    if waiting:
        waited = (today - received_on).days if today and received_on else 0
        if waited <= settings.wait_days:
            return WAITING
    if any(f.blocking for f in findings):
        return DEVIATION
    return APPROVED


def decision_of(text: str | None) -> str | None:
    """A decision typed in the workbook ("godkjenn", "avvis", ...) -> APPROVED / REJECTED / None."""
    if text is None:
        return None
    return DECISION_WORDS.get(str(text).strip().lower())


CHECKS = {
    fn.__name__[-1]: fn
    for fn in (
        check_a,
        check_b,
        check_c,
        check_d,
        check_e,
        check_f,
        check_g,
        check_h,
        check_i,
        check_j,
        check_k,
        check_l,
        check_m,
        check_n,
        check_o,
        check_p,
        check_q,
        check_r,
        check_s,
        check_t,
        check_u,
        check_v,
        check_w,
    )
}


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
