"""EHF 3.0 / PEPPOL BIS Billing 3.0 (UBL 2.1) invoices and credit notes in, read safely with lxml.

``read_ehf(data, file=None) -> (Invoice | None, issues)``; ``is_ehf(data)`` sniffs the bytes;
``parse_xml`` is the hardened parser (no DTD, entities or network, bounded size).
"""

from .detect import ehf_kind, is_ehf, looks_like_xml
from .invoice import invoice_from_root, read_ehf
from .safe_xml import MAX_BYTES, parse_xml

__all__ = ["read_ehf", "invoice_from_root", "is_ehf", "ehf_kind", "looks_like_xml", "parse_xml", "MAX_BYTES"]
