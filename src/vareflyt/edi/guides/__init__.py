"""NeB message guides as data: segment groups and occurrence limits (D.03A), qualifiers, code
values and required content, for ORDERS, ORDRSP, DESADV, INVOIC, PRICAT, CONTRL and APERAK."""

from .neb import LINE_REQUIRED, REQUIRED, GuideSettings, Rule, rules_for
from .structure import Group, Seg, message_types, structure

__all__ = [
    "GuideSettings",
    "Rule",
    "rules_for",
    "REQUIRED",
    "LINE_REQUIRED",
    "Group",
    "Seg",
    "structure",
    "message_types",
]
