"""EDIFACT (NeB subset of UN/EDIFACT D.03A) and EHF (PEPPOL BIS Billing 3.0) in and out.

The only package that imports pydifact and lxml.
"""

from .contrl import build_contrl
from .guides import GuideSettings
from .model import EdifactError, Interchange, Message, ReadResult
from .reader import iter_segments, read_file, read_interchanges
from .separators import Separators
from .validate import validate_interchange, validate_message
from .writer import write_interchange

__all__ = [
    "EdifactError",
    "GuideSettings",
    "Interchange",
    "Message",
    "ReadResult",
    "Separators",
    "build_contrl",
    "iter_segments",
    "read_file",
    "read_interchanges",
    "validate_interchange",
    "validate_message",
    "write_interchange",
]
