"""Validate read EDIFACT against the NeB message guides (structure, qualifiers, values).

Placeholder with the final signatures; the guide-driven checks follow.
"""

from __future__ import annotations

from ..domain.issues import Issue
from .guides import GuideSettings
from .model import Message, ReadResult


def validate_message(message: Message, *, settings: GuideSettings | None = None,
                     file: str | None = None) -> list[Issue]:
    """Issues for one message against its NeB guide."""
    return []


def validate_interchange(result: ReadResult, *, settings: GuideSettings | None = None) -> list[Issue]:
    """Reader issues plus guide issues for every message in every interchange."""
    issues = list(result.issues)
    for ic in result.interchanges:
        for msg in ic.messages:
            issues.extend(validate_message(msg, settings=settings, file=result.file))
    return issues
