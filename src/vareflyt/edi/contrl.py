"""CONTRL acknowledgements for received interchanges (placeholder; built next)."""

from __future__ import annotations

from datetime import datetime

from ..domain.issues import Issue
from .model import Interchange


def build_contrl(interchange: Interchange, issues: list[Issue], *, own_gln: str, control_ref: str,
                 prepared: datetime) -> bytes:
    raise NotImplementedError
