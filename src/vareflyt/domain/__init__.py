"""Frozen domain types: issues, parties, catalogue, orders, despatch, invoices, receivables.

Domain code never imports I/O libraries; money and quantities are Decimal.
"""

from .issues import (
    Issue,
    JobResult,
    Severity,
    Source,
    UsageError,
    VareflytError,
    WorkbookLocked,
    error,
    info,
    warning,
)

__all__ = [
    "Issue",
    "JobResult",
    "Severity",
    "Source",
    "VareflytError",
    "UsageError",
    "WorkbookLocked",
    "error",
    "warning",
    "info",
]
