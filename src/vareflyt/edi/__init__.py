"""EDIFACT (NeB subset of UN/EDIFACT D.03A) and EHF (PEPPOL BIS Billing 3.0) in and out.

The only package that imports pydifact and lxml.
"""

from .model import EdifactError, Interchange, Message, ReadResult
from .reader import iter_segments, read_file, read_interchanges
from .separators import Separators
from .writer import write_interchange

__all__ = ["EdifactError", "Interchange", "Message", "ReadResult", "Separators", "iter_segments",
           "read_file", "read_interchanges", "write_interchange"]
